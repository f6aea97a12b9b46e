"""Security rules checked over plain HTTP against a demo server of this module's own.

Why its own server: sign-in throttling may count failures per address, and every test here
comes from 127.0.0.1 — after the throttling test, a shared server would refuse everyone.
The throttling test is kept last in this file for the same reason.
"""

from __future__ import annotations

import pytest

from helpers import DEMO_ADMIN, DEMO_LEARNER, DEMO_PASSWORD, Client, links, nav_link


@pytest.fixture(scope="module")
def secure_server(start_server):
    return start_server("security", demo=True)


def test_a_form_post_without_csrf_is_refused(secure_server):
    client = Client(secure_server.url)
    client.csrf("/sign-in")   # has the atelier_csrf cookie, but doesn't send the field
    r = client.post("/sign-in", {"email": DEMO_ADMIN, "password": DEMO_PASSWORD})
    assert r.status_code == 403, f"POST /sign-in without _csrf → {r.status_code}"

    r = client.post("/sign-in", {"email": DEMO_ADMIN, "password": DEMO_PASSWORD, "_csrf": "forged"})
    assert r.status_code == 403, f"POST /sign-in with a wrong _csrf → {r.status_code}"

    # And with neither cookie nor field (a cross-site form post).
    r = Client(secure_server.url).post("/sign-in", {"email": DEMO_ADMIN, "password": DEMO_PASSWORD})
    assert r.status_code == 403, f"POST /sign-in with no CSRF at all → {r.status_code}"


def test_oversized_bodies_are_refused_with_413(secure_server):
    """Bodies are limited while streaming (an in-memory test cannot see this)."""
    client = Client(secure_server.url)
    token = client.csrf("/sign-in")
    r = client.post("/sign-in", {"email": "a" * 400_000, "password": "x", "_csrf": token})
    assert r.status_code == 413, f"oversized form → {r.status_code}"


def test_a_csv_larger_than_one_network_chunk_imports(secure_server):
    """A real upload arrives in many chunks: the CSRF check must still read its form field."""
    admin = Client(secure_server.url)
    assert admin.sign_in(DEMO_ADMIN, DEMO_PASSWORD).status_code == 303
    people = next((href for href, text in links(admin.get("/").text) if text == "People"), None)
    assert people, "no People link for the admin"
    token = admin.csrf(people)
    rows = "".join(f"Big Learner {i},big{i}@northwind.test,learner,\n" for i in range(600))
    csv = "name,email,role,cohort\n" + rows
    assert len(csv) > 20_000
    import_path = people.replace("/people", "/invitations/import")
    r = admin.post(import_path, {"_csrf": token}, files={"file": ("big.csv", csv.encode(), "text/csv")})
    assert r.status_code in (201, 303), f"large CSV → {r.status_code}: {r.text[:300]}"
    page = admin.get(people).text
    assert "big599@northwind.test" in page


def test_unknown_pages_and_api_routes_answer_404(secure_server):
    import requests

    r = requests.get(f"{secure_server.url}/no/such/page", timeout=10)
    assert r.status_code == 404 and "Page not found" in r.text
    r = requests.get(f"{secure_server.url}/api/v1/no-such-thing", timeout=10)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_sign_in_sets_a_session_and_redirects_home(secure_server):
    client = Client(secure_server.url)
    r = client.sign_in(DEMO_LEARNER, DEMO_PASSWORD)
    assert r.status_code == 303, f"sign-in → {r.status_code}"
    assert r.headers.get("Location") in ("/", f"{secure_server.url}/")
    assert client.http.cookies.get("atelier_session"), "no atelier_session cookie after sign-in"


def test_the_api_needs_authentication(secure_server):
    r = Client(secure_server.url).get("/api/v1/me")
    assert r.status_code == 401, f"anonymous GET /api/v1/me → {r.status_code}"
    assert r.headers.get("Content-Type", "").startswith("application/json"), r.headers.get("Content-Type")
    body = r.json()
    assert isinstance(body.get("error"), dict), body
    assert isinstance(body["error"].get("code"), str) and body["error"]["code"], body
    assert isinstance(body["error"].get("message"), str) and body["error"]["message"], body


def test_a_learner_cannot_see_the_admin_people_page(secure_server, desktop_page):
    base = secure_server.url

    # The admin's People link gives the URL (pages of an org live under /orgs/{orgID}/...).
    page = desktop_page
    page.goto(f"{base}/sign-in")
    page.get_by_label("Email", exact=True).fill(DEMO_ADMIN)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{base}/")
    href = nav_link(page, "People").get_attribute("href")
    assert href and "/orgs/" in href, f"unexpected People link {href!r}"
    people_path = href.removeprefix(base)

    admin = Client(base)
    assert admin.sign_in(DEMO_ADMIN, DEMO_PASSWORD).status_code == 303
    assert admin.get(people_path).status_code == 200, "the admin cannot open their own People page"

    learner = Client(base)
    assert learner.sign_in(DEMO_LEARNER, DEMO_PASSWORD).status_code == 303
    r = learner.get(people_path)
    # 404, not 403: a page one may not see does not exist for them.
    assert r.status_code == 404, f"learner GET {people_path} → {r.status_code}"


def test_sign_in_is_throttled_after_ten_failures(secure_server):
    client = Client(secure_server.url)
    account = "learner02@northwind.test"
    for attempt in range(1, 11):
        r = client.sign_in(account, f"wrong-password-{attempt}")
        assert r.status_code not in (303, 429), f"wrong password #{attempt} → {r.status_code}"
    r = client.sign_in(account, "wrong-password-11")
    assert r.status_code == 429, f"the 11th wrong password → {r.status_code}, expected 429"
    assert "Try again" in r.text, "the 429 answer does not say when to try again"
