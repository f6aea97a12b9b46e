"""The cohort calendar and the learner's secret iCalendar feed, parsed by the `icalendar` library
as a calendar app would."""

from __future__ import annotations

import datetime

import icalendar
import requests
from playwright.sync_api import expect

from helpers import DEMO_LEARNER, DEMO_PASSWORD, check_page, screenshot, sign_in


def test_a_learner_subscribes_to_their_due_dates(demo_server, new_page):
    base = demo_server.url
    for size in ("desktop", "phone"):
        page = new_page(size)
        sign_in(page, base, DEMO_LEARNER, DEMO_PASSWORD)
        page.get_by_role("main").get_by_role("link").filter(has_text="Escalations").first.click()
        page.get_by_role("link", name="Calendar").click()
        expect(page.get_by_role("heading", name="Calendar", level=1)).to_be_visible()
        expect(page.get_by_text("Five whys at the depot").first).to_be_visible()
        check_page(page)
        screenshot(page, "calendar")
    feed_url = page.get_by_label("Calendar address").input_value()
    assert feed_url.startswith(base + "/calendar/") and feed_url.endswith(".ics")

    # The feed needs no session: the secret address is the key.
    response = requests.get(feed_url, timeout=15)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = [c for c in calendar.walk("VEVENT")]
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "Due: Five whys at the depot" in summaries
    assert "Opens: Case study: the Rotterdam week" in summaries
    for event in events:
        start = event.decoded("DTSTART")
        assert str(event["URL"]).startswith(base + "/orgs/")
        if str(event["UID"]).startswith("live-"):
            # Live classes are timed, in UTC (test_live.py looks at them closely).
            assert isinstance(start, datetime.datetime) and start.tzinfo is not None
            continue
        assert isinstance(start, datetime.date) and not isinstance(start, datetime.datetime), "all-day events"
        assert event.decoded("DTEND") == start + datetime.timedelta(days=1)
    assert "Live class: Clinic: your hardest call so far" in summaries
    assert len({str(e["UID"]) for e in events}) == len(events), "UIDs are unique"

    # A wrong address is simply not found.
    assert requests.get(base + "/calendar/not-a-token.ics", timeout=15).status_code == 404
