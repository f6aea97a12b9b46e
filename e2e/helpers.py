"""Helpers shared by the e2e tests: navigation that works at every width, sign-in/out, page checks,
screenshots, and a small HTTP client that speaks Atelier's CSRF protocol."""

from __future__ import annotations

import datetime
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import requests
from playwright.sync_api import Locator, Page, expect

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"

DEMO_PASSWORD = "atelier-demo"
DEMO_ADMIN = "admin@northwind.test"
DEMO_LEARNER = "learner01@northwind.test"


# ---------------------------------------------------------------------------------------------
# Browser helpers


def size_of(page: Page) -> str:
    """"phone", "tablet" or "desktop", from the page's viewport (the fixtures set 375, 768 or 1280)."""
    width = (page.viewport_size or {}).get("width", 1280)
    return "phone" if width < 600 else "tablet" if width < 1000 else "desktop"


def screenshot(page: Page, name: str) -> None:
    """Save e2e/screenshots/NAME-desktop.png, -tablet.png or -phone.png (the folder is gitignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{size_of(page)}.png"), full_page=True)


def _reveal(page: Page, target: Locator) -> None:
    """On phones the main navigation may sit behind a "Menu" button: open it if `target` is hidden.
    nav.js collapses it once the page has loaded; before that the link is visible for a moment,
    and clicking it then fails once the menu folds."""
    page.wait_for_load_state("load")
    if target.is_visible():
        return
    menu = page.get_by_role("button", name="Menu", exact=True)
    if menu.count() and menu.first.is_visible():
        menu.first.click()
    else:
        # A <details><summary>Menu</summary> is not exposed as a button by every engine.
        summary = page.locator("summary").filter(has_text=re.compile(r"^\s*Menu\s*$"))
        if summary.count() and summary.first.is_visible():
            summary.first.click()
    expect(target).to_be_visible()


def select_field(page: Page, label: str) -> Locator:
    """The <select> labelled `label`. Not `get_by_label(label, exact=True)`: when the select sits
    inside its <label>, the label's text includes the option texts ("CourseFoo"), so match on
    the start of the label only."""
    return page.get_by_label(re.compile(r"^\s*" + re.escape(label)))


def nav_link(page: Page, name: str) -> Locator:
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def nav(page: Page, name: str) -> None:
    """Click the main-navigation link `name` ("Home", "Courses", "Cohorts", "People", "Profile")."""
    link = nav_link(page, name)
    _reveal(page, link)
    link.click()
    page.wait_for_load_state()


def sign_out(page: Page, base_url: str) -> None:
    button = page.get_by_role("button", name="Sign out", exact=True)
    _reveal(page, button)
    button.click()
    expect(page).to_have_url(re.compile(re.escape(base_url) + r"/sign-in(\?.*)?$"))
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()


def fill_sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/sign-in")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


def sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    """Sign in through the form and check we landed on the home page."""
    fill_sign_in(page, base_url, email, password)
    expect(page).to_have_url(f"{base_url}/")


def check_page(page: Page) -> None:
    """What every page owes every visitor: one h1, a main landmark, a responsive viewport, and no
    horizontal scrolling (which, at 375 px, means the layout fits a phone)."""
    facts = page.evaluate("""() => ({
        url: location.href,
        h1: document.querySelectorAll('h1').length,
        main: document.querySelectorAll('main, [role="main"]').length,
        viewport: (document.querySelector('meta[name="viewport"]') || {}).content || '',
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
    })""")
    where = f"on {facts['url']} ({size_of(page)})"
    assert facts["h1"] == 1, f"expected exactly one <h1> {where}, found {facts['h1']}"
    assert facts["main"] == 1, f"expected one main landmark {where}, found {facts['main']}"
    # Without width=device-width a phone lays the page out 980 px wide and the scroll check
    # below would pass for the wrong reason.
    assert "width=device-width" in facts["viewport"], \
        f"missing <meta name=viewport content='width=device-width, …'> {where}"
    assert facts["scrollWidth"] <= facts["innerWidth"] + 1, (
        f"horizontal scrollbar {where}: content is {facts['scrollWidth']} px wide "
        f"in a {facts['innerWidth']} px window")


# ---------------------------------------------------------------------------------------------
# HTTP helpers (no browser)


class _CsrfFieldParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.value: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") == "_csrf" and self.value is None:
            self.value = a.get("value")


class _LinkParser(HTMLParser):
    """Collects (href, text) of every <a>."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._text = []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None


def csrf_field(html: str) -> str | None:
    p = _CsrfFieldParser()
    p.feed(html)
    return p.value


def links(html: str) -> list[tuple[str, str]]:
    p = _LinkParser()
    p.feed(html)
    return p.links


class Client:
    """A cookie-keeping HTTP client for form posts; redirects are NOT followed (we check them)."""

    def __init__(self, base_url: str) -> None:
        self.base = base_url
        self.http = requests.Session()

    def get(self, path: str, **kw) -> requests.Response:
        return self.http.get(self.base + path, allow_redirects=False, timeout=15, **kw)

    def post(self, path: str, data: dict, **kw) -> requests.Response:
        return self.http.post(self.base + path, data=data, allow_redirects=False, timeout=15, **kw)

    def csrf(self, page_path: str = "/sign-in") -> str:
        """GET a page with a form; return its _csrf value (which must equal the atelier_csrf cookie)."""
        r = self.get(page_path)
        assert r.status_code == 200, f"GET {page_path} → {r.status_code}"
        token = csrf_field(r.text)
        cookie = self.http.cookies.get("atelier_csrf")
        assert token, f"no hidden _csrf field on {page_path}"
        assert cookie, f"no atelier_csrf cookie set by {page_path}"
        assert token == cookie, "the _csrf field and the atelier_csrf cookie differ"
        return token

    def sign_in(self, email: str, password: str) -> requests.Response:
        token = self.csrf("/sign-in")
        return self.post("/sign-in", {"email": email, "password": password, "_csrf": token})


def run_cohort_with(page: Page, cohort: str, course: str, learner_email: str) -> None:
    """On the Cohorts page: create `cohort` of `course`, started yesterday, then enroll the member
    whose option names `learner_email`."""
    today = datetime.date.today()
    page.get_by_label("Name", exact=True).fill(cohort)
    select_field(page, "Course").select_option(label=course)
    page.get_by_label("Start date", exact=True).fill(str(today - datetime.timedelta(days=1)))
    page.get_by_label("End date", exact=True).fill(str(today + datetime.timedelta(days=60)))
    page.get_by_role("button", name="Create cohort").click()
    expect(page.get_by_role("heading", name=cohort)).to_be_visible()
    enroll = page.locator("section").filter(has=page.get_by_role("heading", name="Enroll a learner"))
    person = enroll.get_by_label("Person")
    person.select_option(label=person.locator("option", has_text=learner_email).text_content())
    enroll.get_by_role("button", name="Enroll").click()
    expect(page.get_by_role("status")).to_contain_text("enrolled")


def wait_for_mail_containing(sink, to: str, text: str, timeout: float = 30):
    """The first mail to `to` whose text contains `text`, waiting up to `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for mail in sink.to(to):
            if text in mail.text:
                return mail
        time.sleep(0.2)
    seen = "\n".join(f"  {m.subject!r}" for m in sink.to(to))
    raise AssertionError(f"no mail to {to} containing {text!r} within {timeout}s; got:\n{seen or '  (none)'}")
