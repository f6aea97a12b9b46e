"""The first day of an organization, end to end, in one test: first-run setup can only happen
once per server, and every later step builds on the previous one.

setup → course → cohort "Spring 2027" → CSV import of 3 learners → a bad CSV changes nothing →
a learner's invitation mail → accept it → "My trainings" → sign out → wrong then right password.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from helpers import (check_page, fill_sign_in, nav, nav_link, screenshot, select_field, sign_in,
                     sign_out)

ADMIN_EMAIL = "ada@acme.test"
ADMIN_PASSWORD = "correct horse battery"
COURSE = "Customer Care Basics"
COHORT = "Spring 2027"
LEARNERS = [
    ("Lina Laurent", "lina@acme.test"),
    ("Marc Moreau", "marc@acme.test"),
    ("Noor Nasser", "noor@acme.test"),
]
LEARNER_NAME, LEARNER_EMAIL = LEARNERS[0]
LEARNER_PASSWORD = "learning-is-fun-42"

GOOD_CSV = "name,email,role,cohort\n" + "".join(
    f"{name},{mail},learner,{COHORT}\n" for name, mail in LEARNERS)

# Line 1 is the header: line 2 has a malformed e-mail, line 3 an unknown role, line 4 is fine
# but must not be imported either (an import is all or nothing).
BAD_CSV = (
    "name,email,role,cohort\n"
    f"Bad Address,not-an-email,learner,{COHORT}\n"
    f"Wrong Role,wrong.role@acme.test,wizard,{COHORT}\n"
    f"Fine Person,fine@acme.test,learner,{COHORT}\n"
)


def test_first_day_of_an_organization(server, smtp_sink, desktop_page: Page, tmp_path):
    page, base = desktop_page, server.url

    # --- First-run setup: an empty database sends everyone to /setup.
    page.goto(base + "/")
    expect(page).to_have_url(f"{base}/setup")
    expect(page.get_by_role("heading", name="Set up Atelier")).to_be_visible()
    check_page(page)
    page.get_by_label("Organization name", exact=True).fill("Acme Training")
    page.get_by_label("Your name", exact=True).fill("Ada Admin")
    page.get_by_label("Email", exact=True).fill(ADMIN_EMAIL)
    page.get_by_label("Password", exact=True).fill(ADMIN_PASSWORD)
    screenshot(page, "01-setup")
    page.get_by_role("button", name="Create organization", exact=True).click()
    expect(page).to_have_url(f"{base}/")
    for link in ("Home", "Courses", "Cohorts", "People", "Profile"):
        expect(nav_link(page, link)).to_be_visible()
    check_page(page)
    screenshot(page, "02-admin-home")

    # --- A course.
    nav(page, "Courses")
    check_page(page)
    page.get_by_label("Name", exact=True).fill(COURSE)
    page.get_by_label("Description", exact=True).fill("Answering customers well, by phone and by mail.")
    page.get_by_role("button", name="Create course", exact=True).click()
    expect(page.get_by_role("main").get_by_text(COURSE, exact=True).first).to_be_visible()
    screenshot(page, "03-courses")

    # --- A cohort of that course.
    nav(page, "Cohorts")
    check_page(page)
    page.get_by_label("Name", exact=True).fill(COHORT)
    select_field(page, "Course").select_option(label=COURSE)
    page.get_by_label("Start date", exact=True).fill("2027-03-01")
    page.get_by_label("End date", exact=True).fill("2027-06-30")
    expect(page.get_by_label("Capacity", exact=True)).to_have_value("25")
    page.get_by_role("button", name="Create cohort", exact=True).click()
    # A new cohort opens on its own page, ready for enrolling people; the list links to it.
    expect(page.get_by_role("heading", name=COHORT, exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("created")
    nav(page, "Cohorts")
    expect(page.get_by_role("link", name=COHORT, exact=True)).to_be_visible()
    screenshot(page, "04-cohorts")

    # --- Import three learners into the cohort from a CSV file.
    nav(page, "People")
    check_page(page)
    expect(page.get_by_role("heading", name="Invite someone")).to_be_visible()
    expect(page.get_by_role("heading", name="Import a CSV")).to_be_visible()
    good_csv = tmp_path / "learners.csv"
    good_csv.write_text(GOOD_CSV)
    page.get_by_label("CSV file", exact=True).set_input_files(good_csv)
    page.get_by_role("button", name="Import CSV", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="3 invitations queued").first).to_be_visible()
    for _, mail in LEARNERS:
        expect(page.get_by_text(mail, exact=False).first).to_be_visible()
    screenshot(page, "05-people-imported")

    # --- A CSV with bad rows names each bad line and imports nothing.
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text(BAD_CSV)
    page.get_by_label("CSV file", exact=True).set_input_files(bad_csv)
    page.get_by_role("button", name="Import CSV", exact=True).click()
    alerts = page.get_by_role("alert")
    expect(alerts.filter(has_text="Line 2").first).to_be_visible()
    expect(alerts.filter(has_text="Line 3").first).to_be_visible()
    expect(alerts.filter(has_text="Line 4")).to_have_count(0)
    screenshot(page, "06-people-bad-csv")
    nav(page, "People")   # a fresh GET: what is stored, not what the error page echoes
    expect(page.get_by_text(LEARNER_EMAIL).first).to_be_visible()
    for absent in ("fine@acme.test", "wrong.role@acme.test"):
        expect(page.get_by_text(absent)).to_have_count(0)

    # --- The invitation mail (the outbox sends within a couple of seconds).
    mail = smtp_sink.wait_for_mail(LEARNER_EMAIL, timeout=15)
    assert "invited" in mail.subject.lower(), f"subject {mail.subject!r} does not say 'invited'"
    match = re.search(re.escape(base) + r"/invitations/[A-Za-z0-9_.~%-]+", mail.text)
    assert match, f"no {base}/invitations/… link in the text part:\n{mail.text}"
    invitation_url = match.group(0)

    sign_out(page, base)

    # --- Accept the invitation.
    page.goto(invitation_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Join")
    check_page(page)
    page.get_by_label("Your name", exact=True).fill(LEARNER_NAME)
    page.get_by_label("Password", exact=True).fill(LEARNER_PASSWORD)
    page.get_by_label("Confirm password", exact=True).fill(LEARNER_PASSWORD)
    screenshot(page, "07-accept-invitation")
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page).to_have_url(f"{base}/")
    expect(page.get_by_role("heading", name="My trainings")).to_be_visible()
    expect(page.get_by_role("main").get_by_text(COHORT).first).to_be_visible()
    # A learner's navigation has no admin pages.
    expect(nav_link(page, "Home")).to_have_count(1)
    expect(nav_link(page, "Profile")).to_have_count(1)
    for admin_only in ("Courses", "Cohorts", "People"):
        expect(nav_link(page, admin_only)).to_have_count(0)
    check_page(page)
    screenshot(page, "08-learner-home")

    # The bad CSV's valid-looking row must not have been mailed either; by now the outbox has
    # had time to send everything that was queued.
    assert smtp_sink.to("fine@acme.test") == [], "the rejected CSV still sent an invitation"

    sign_out(page, base)

    # --- Sign in again: wrong password first, then the right one.
    fill_sign_in(page, base, LEARNER_EMAIL, "not-my-password")
    expect(page.get_by_role("alert").filter(has_text="Email or password is incorrect.").first).to_be_visible()
    check_page(page)
    screenshot(page, "09-sign-in-error")
    sign_in(page, base, LEARNER_EMAIL, LEARNER_PASSWORD)
    expect(page.get_by_role("heading", name="My trainings")).to_be_visible()
    expect(page.get_by_role("main").get_by_text(COHORT).first).to_be_visible()
