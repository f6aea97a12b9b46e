"""The demo company ("Northwind Logistics", `atelier serve --demo`) on a desktop and on a phone.

Besides the learner's and the admin's main pages, every page visited must have exactly one h1,
a main landmark, and no horizontal scrollbar (see helpers.check_page).
"""

from __future__ import annotations

import html

import pytest
from playwright.sync_api import expect

from helpers import (DEMO_ADMIN, DEMO_LEARNER, DEMO_PASSWORD, Client, check_page, links, nav,
                     screenshot, sign_in, sign_out)

SIZES = ["desktop", "phone"]


@pytest.mark.parametrize("size", SIZES)
def test_learner_sees_the_demo_cohort(demo_server, new_page, size):
    page, base = new_page(size), demo_server.url
    page.goto(f"{base}/sign-in")
    check_page(page)
    sign_in(page, base, DEMO_LEARNER, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="My trainings")).to_be_visible()
    check_page(page)
    screenshot(page, "demo-learner-home")

    # The contract names no demo cohort, so take the names of the cohorts the admin sees on the
    # Cohorts page and require that the learner's home links to one of them.
    learner_links = [" ".join(t.split()) for t in page.get_by_role("main").get_by_role("link").all_inner_texts()]
    learner_links = [t for t in learner_links if t]
    assert learner_links, "the learner's home lists no cohort (no link in <main>)"

    admin = Client(base)
    assert admin.sign_in(DEMO_ADMIN, DEMO_PASSWORD).status_code == 303
    home = admin.get("/")
    cohorts_href = next((href for href, text in links(home.text) if text == "Cohorts"), None)
    assert cohorts_href, "no Cohorts link on the admin's home page"
    cohorts_page = html.unescape(admin.get(cohorts_href).text)
    assert any(name in cohorts_page for name in learner_links), (
        f"none of the learner's home links {learner_links} names a cohort on the admin's Cohorts page")


@pytest.mark.parametrize("size", SIZES)
def test_admin_sees_learners_on_people(demo_server, new_page, size):
    page, base = new_page(size), demo_server.url
    sign_in(page, base, DEMO_ADMIN, DEMO_PASSWORD)
    nav(page, "People")
    expect(page.get_by_text(DEMO_LEARNER).first).to_be_visible()
    check_page(page)
    screenshot(page, "demo-admin-people")


@pytest.mark.parametrize("size", SIZES)
def test_every_page_has_one_h1_a_main_and_fits(demo_server, new_page, size):
    page, base = new_page(size), demo_server.url

    page.goto(f"{base}/sign-in")
    check_page(page)
    screenshot(page, "demo-sign-in")

    sign_in(page, base, DEMO_ADMIN, DEMO_PASSWORD)
    check_page(page)
    for name in ("Courses", "Cohorts", "People", "Profile", "Home"):
        nav(page, name)
        check_page(page)
        screenshot(page, f"demo-admin-{name.lower()}")
    sign_out(page, base)
    check_page(page)

    sign_in(page, base, DEMO_LEARNER, DEMO_PASSWORD)
    for name in ("Profile", "Home"):
        nav(page, name)
        check_page(page)
        screenshot(page, f"demo-learner-{name.lower()}")


@pytest.mark.parametrize("size", SIZES)
def test_the_demo_learner_continues_the_course_where_they_left_off(demo_server, new_page, size):
    page, base = new_page(size), demo_server.url
    sign_in(page, base, DEMO_LEARNER, DEMO_PASSWORD)
    page.get_by_role("link", name="Continue where I left off").first.click()
    # learner01 finished the first module and began "Five whys at the depot".
    expect(page.get_by_role("heading", name="Five whys at the depot", level=1)).to_be_visible()
    check_page(page)
    screenshot(page, "demo-lesson")
    page.locator(".breadcrumb a").first.click()
    expect(page.locator(".progress-label")).to_contain_text("of the course done")
    expect(page.get_by_text("Locked · opens").first).to_be_visible()
    check_page(page)
    screenshot(page, "demo-outline")
