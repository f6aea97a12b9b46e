"""The trainer's dashboard and nudges, on the demo. Chen Wei (learner07), who has done nothing
yet, wants an e-mail at once about what she has not read, and leaves. Fay (the facilitator), on
a tablet, opens the cohort's dashboard: Chen is at risk, with the reasons in words. Fay opens
Chen's page, keeps a private note, downloads the table as CSV, then nudges everyone at risk.
Chen gets the nudge by e-mail (aiosmtpd) and in the app; the note never reaches her."""

from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import expect

from helpers import DEMO_PASSWORD, check_page, nav, screenshot, select_field, sign_in, sign_out, wait_for_mail_containing

FACILITATOR = "facilitator@northwind.test"
CHEN = "learner07@northwind.test"
NOTE = "Prefers a call in the morning; check in before Thursday."


def test_a_facilitator_follows_the_cohort_and_nudges_who_is_at_risk(start_server, smtp_sink, new_page):
    server = start_server("follow-up", demo=True)
    base = server.url

    chen = new_page("phone")
    sign_in(chen, base, CHEN, DEMO_PASSWORD)
    nav(chen, "Profile")
    select_field(chen, "Send an e-mail if still unread").select_option(label="At once")
    chen.get_by_role("button", name="Save e-mail settings").click()
    expect(chen.get_by_text("Your e-mail settings are saved.")).to_be_visible()
    sign_out(chen, base)

    fay = new_page("tablet")
    sign_in(fay, base, FACILITATOR, DEMO_PASSWORD)
    fay.get_by_role("main").get_by_role("link", name="Escalations — Autumn cohort").first.click()
    fay.get_by_role("link", name="Dashboard", exact=True).click()
    expect(fay.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(fay.locator(".lead").first).to_contain_text("12 learners")
    row = fay.locator("tr").filter(has=fay.get_by_role("link", name="Chen Wei"))
    expect(row).to_contain_text("At risk")
    expect(row).to_contain_text("no activity since joining")
    check_page(fay)
    screenshot(fay, "dashboard")

    # Only those at risk, then Chen's own page with a private note.
    fay.get_by_label("Risk").select_option(label="At risk")
    fay.get_by_role("button", name="Filter").click()
    expect(fay.get_by_role("link", name="Lena Ortiz")).to_have_count(0)
    expect(fay.get_by_role("link", name="Chen Wei")).to_be_visible()
    fay.get_by_role("link", name="Chen Wei").click()
    expect(fay.get_by_role("heading", name="Chen Wei", level=1)).to_be_visible()
    fay.get_by_label("A note for the staff").fill(NOTE)
    fay.get_by_role("button", name="Save the note").click()
    expect(fay.get_by_text("Your note is saved.")).to_be_visible()
    expect(fay.locator(".note-body")).to_have_text(NOTE)
    check_page(fay)
    screenshot(fay, "learner-follow-up")

    fay.get_by_role("link", name="Dashboard").click()
    with fay.expect_download() as download:
        fay.get_by_role("link", name="Download CSV").click()
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert rows[0][:3] == ["Learner", "Risk", "Reasons"], rows[0]
    assert ["Chen Wei", "At risk"] == next(r for r in rows if r[0] == "Chen Wei")[:2]

    # Everyone at risk, in one click.
    fay.get_by_label("Message").select_option(label="Checking in")
    send = fay.get_by_role("button", name=re.compile(r"Send to everyone at risk \(\d+\)"))
    at_risk = int(re.search(r"\((\d+)\)", send.inner_text()).group(1))
    send.click()
    expect(fay.get_by_text(f"Nudges sent to {at_risk} learners")).to_be_visible()

    # Chen is offline: the mail comes; then she reads it in the app.
    mail = wait_for_mail_containing(smtp_sink, CHEN, "how is the course going for you?")
    assert "Hi Chen" in mail.text
    sign_in(chen, base, CHEN, DEMO_PASSWORD)
    expect(chen.locator("#nav-unread")).not_to_have_text("")
    nav(chen, "Messages")
    chen.get_by_role("link", name=re.compile("Fay")).first.click()
    expect(chen.get_by_text("Hi Chen, how is the course going for you?")).to_be_visible()
    check_page(chen)

    # The note is the staff's alone.
    for path in ["/", fay.url.split("/dashboard")[0]]:
        chen.goto(path if path.startswith("http") else base + path)
        expect(chen.get_by_text(NOTE)).to_have_count(0)
    response = chen.goto(fay.url.split("/dashboard")[0] + "/dashboard")
    assert response is not None and response.status == 404
