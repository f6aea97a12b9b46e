"""Live classes on the demo: Tess (trainer1) schedules one starting in a few minutes, in the
group's Amsterdam clocks; Lena (learner01, on a phone) is invited in the bell and by e-mail, sees
it on her home page with Join already open, joins (the meeting link is answered by the test, so
nothing leaves the machine), and adds it to her calendar, which the `icalendar` library reads.
Tess sees Lena in the attendance, then cancels; the calendar file becomes its cancellation."""

from __future__ import annotations

import datetime
import re
import time
import zoneinfo

import icalendar
import pytest
import requests
from playwright.sync_api import expect

from helpers import DEMO_LEARNER, DEMO_PASSWORD, check_page, screenshot, sign_in

TRAINER = "trainer1@northwind.test"
MEETING = "https://meet.northwind.example/role-play"
TITLE = "Role-play: the angry depot manager"


@pytest.fixture(scope="module")
def live_server(start_server):
    # Its own server: the invitation reaches every member's bell, which other tests count.
    return start_server("live", demo=True)


def cookies_of(page) -> requests.Session:
    session = requests.Session()
    for cookie in page.context.cookies():
        session.cookies.set(cookie["name"], cookie["value"])
    return session


def test_a_trainer_schedules_a_class_and_a_learner_joins_it(live_server, smtp_sink, new_page):
    base = live_server.url
    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    start = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=6)).replace(second=0, microsecond=0)
    local = start.astimezone(amsterdam)

    tess = new_page("desktop")
    sign_in(tess, base, TRAINER, DEMO_PASSWORD)
    tess.get_by_role("main").get_by_role("link").filter(has_text="Escalations").first.click()
    tess.get_by_role("link", name="Live classes").click()
    expect(tess.get_by_role("heading", name="Live classes", level=1)).to_be_visible()
    expect(tess.get_by_text("the group's is Europe/Amsterdam")).to_be_visible()
    tess.get_by_role("link", name="Schedule a live class").click()
    tess.get_by_label("Title").fill(TITLE)
    tess.get_by_label("Agenda (Markdown, optional)").fill("Bring **one** case <script>alert(1)</script>")
    tess.get_by_label("Date").fill(local.strftime("%Y-%m-%d"))
    tess.get_by_label("Start time").fill(local.strftime("%H:%M"))
    expect(tess.get_by_label("Time zone")).to_have_value("Europe/Amsterdam")
    tess.get_by_label("Length (minutes)").fill("45")
    tess.get_by_label("A link to another meeting service").check()
    tess.get_by_label("Meeting link").fill(MEETING)
    expect(tess.get_by_label("Tess Trainer")).to_be_checked()
    check_page(tess)
    screenshot(tess, "live-schedule")
    tess.get_by_role("button", name="Schedule and invite the cohort").click()
    expect(tess.get_by_text(f"“{TITLE}” is scheduled.")).to_be_visible()
    expect(tess.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    session_url = tess.url

    # Lena, on her phone: the bell, then the home page with Join already open.
    lena = new_page("phone")
    dialogs: list[str] = []
    lena.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    lena.context.route("https://meet.northwind.example/**",
                       lambda route: route.fulfill(status=200, content_type="text/html",
                                                   body="<title>Meeting</title><h1>The meeting room</h1>"))
    sign_in(lena, base, DEMO_LEARNER, DEMO_PASSWORD)
    expect(lena.locator("#nav-notifications")).to_have_text(re.compile(r"^[1-9]"))
    card = lena.locator(".home-live .live-card").filter(has_text=TITLE)
    expect(card).to_be_visible()
    expect(card.get_by_text(local.strftime("%H:%M"))).to_be_visible()
    join = card.get_by_role("link", name=f"Join {TITLE}")
    expect(join).not_to_have_attribute("aria-disabled", "true")
    check_page(lena)
    screenshot(lena, "live-home")
    card.get_by_role("link", name=TITLE, exact=True).click()
    expect(lena.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(lena.locator(".prose strong")).to_have_text("one")
    check_page(lena)
    screenshot(lena, "live-session")
    lena.get_by_role("link", name=f"Join {TITLE}").click()
    expect(lena).to_have_url(MEETING)
    expect(lena.get_by_role("heading", name="The meeting room")).to_be_visible()
    assert dialogs == [], "the agenda's script must not run"

    # The invitation, e-mailed at once (other tests' mail may be there too).
    deadline = time.monotonic() + 30
    while not any(TITLE in mail.text for mail in smtp_sink.to(DEMO_LEARNER)):
        assert time.monotonic() < deadline, "no invitation mail for Lena"
        time.sleep(0.2)

    # Her calendar file, as a calendar app reads it.
    response = cookies_of(lena).get(session_url + "/calendar.ics", timeout=15)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") == start + datetime.timedelta(minutes=45)
    assert str(event["SUMMARY"]) == f"Live class: {TITLE}"
    assert str(event["ORGANIZER"]) == f"mailto:{TRAINER}"
    assert str(event["URL"]) == session_url
    uid = str(event["UID"])

    # Tess sees Lena joined, then cancels (asked first); the file becomes the cancellation.
    tess.get_by_role("link", name="Attendance").click()
    expect(tess.get_by_role("row").filter(has_text="Lena Ortiz")).not_to_contain_text("—")
    check_page(tess)
    tess.go_back()
    tess.once("dialog", lambda dialog: dialog.accept())
    tess.get_by_role("button", name="Cancel this live class").click()
    expect(tess.get_by_text(f"“{TITLE}” is cancelled.")).to_be_visible()
    cancelled = icalendar.Calendar.from_ical(cookies_of(lena).get(session_url + "/calendar.ics", timeout=15).content)
    assert str(cancelled["METHOD"]) == "CANCEL"
    [event] = cancelled.walk("VEVENT")
    assert str(event["UID"]) == uid
    assert int(event["SEQUENCE"]) == 1
    assert str(event["STATUS"]) == "CANCELLED"
