"""Peer review end to end, four browsers at once: an author adds a peer assignment with a rubric
and a graded example; three learners hand in, calibrate on the example and review each other;
one drops out after handing in; one hands in a file, which reviewers download under a neutral
name; the trainer moves the cohort's schedule so the review deadline
nears, and receives the missing reviews as to-dos; every learner sees their grade and feedback,
rates the reviews they got, and never sees a reviewer's name."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from helpers import DEMO_ADMIN, DEMO_PASSWORD, check_page, screenshot, sign_in, sign_out

TITLE = "Team case review"
LEARNERS = {  # the demo's learners without work in its own peer assignment
    "learner08@northwind.test": "Sofia Rossi",
    "learner09@northwind.test": "Omar Haddad",
    "learner10@northwind.test": "Eva Novak",
}
TRAINERS = ["trainer1@northwind.test", "trainer2@northwind.test"]
# A one-page PDF as the sniffer reads it; its name carries its author's, which reviewers must not see.
NOTES = {"name": "omar-haddad-notes.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}


@pytest.fixture(scope="module")
def peer_server(start_server):
    return start_server("peer", demo=True)


def due_in_a_week() -> tuple[int, int]:
    """(week, weekday) of the day a week from now, in the demo cohort's plan (it started 14 days ago)."""
    today = datetime.datetime.now(datetime.timezone.utc).date()
    start = today - datetime.timedelta(days=14)
    monday = start - datetime.timedelta(days=start.weekday())
    offset = (today + datetime.timedelta(days=7) - monday).days
    return offset // 7 + 1, offset % 7 + 1


def open_assignment(page: Page) -> None:
    page.get_by_role("link", name=re.compile("Escalations")).first.click()
    page.get_by_role("link", name="Course outline and progress").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()


def review_one(page: Page, levels: list[str], comment: str) -> list[str]:
    """On the assignment page: ask for work, download its files, assess it, submit. The names
    the files were downloaded under."""
    page.get_by_role("button", name=re.compile("Review (a peer's work|one more)")).click()
    expect(page.get_by_role("heading", name="Review a peer's work", level=1)).to_be_visible()
    downloaded = []
    for link in page.locator("ul.work-files a").all():
        assert link.inner_text().startswith("work-file-"), f"a file shown under its own name: {link.inner_text()}"
        with page.expect_download() as download:
            link.click()
        downloaded.append(download.value.suggested_filename)
    for criterion, level in zip(["Clarity", "Evidence"], levels):
        page.get_by_role("group", name=criterion).get_by_label(re.compile(level)).check()
    page.get_by_label("Overall comment").fill(comment)
    page.get_by_role("button", name="Submit the review").click()
    expect(page.get_by_role("status")).to_contain_text("Review saved")
    return downloaded


def test_three_learners_review_each_other_and_the_trainer_covers_a_dropout(peer_server, new_page):
    base = peer_server.url
    author = new_page("desktop")
    sign_in(author, base, DEMO_ADMIN, DEMO_PASSWORD)
    author.get_by_role("navigation", name="Main").get_by_role("link", name="Courses", exact=True).click()
    author.get_by_role("link", name="Customer Escalations in Practice").click()
    card = author.locator("li.module-card").first
    card.locator("summary").filter(has_text="Add a lesson").click()
    card.get_by_label("Title of the new activity").fill(TITLE)
    card.get_by_role("button", name="Add peer assignment").click()
    expect(author.get_by_role("heading", name=TITLE, level=1)).to_be_visible()

    # The rubric: a refused save first (a criterion with one level), then a good one.
    week, weekday = due_in_a_week()
    author.locator("input[name=due_week]").fill(str(week))
    author.locator("select[name=due_weekday]").select_option(str(weekday))
    author.get_by_label("Instructions (Markdown)").fill("Describe **one** case your team handled.")
    author.get_by_label("A text and/or files").check()
    author.locator("input[name=c0_title]").fill("Clarity")
    for i, (points, text) in enumerate([("0", "Unclear"), ("1", "Mostly clear"), ("2", "Clear")]):
        author.locator(f"input[name=c0_l{i}_points]").fill(points)
        author.locator(f"input[name=c0_l{i}_text]").fill(text)
    author.locator("input[name=c0_l3_points]").fill("")
    author.locator("input[name=c0_l3_text]").fill("")
    author.locator("input[name=c1_title]").fill("Evidence")
    author.locator("input[name=c1_l0_points]").fill("0")
    author.locator("input[name=c1_l0_text]").fill("None")
    for i in range(1, 4):
        author.locator(f"input[name=c1_l{i}_points]").fill("")
        author.locator(f"input[name=c1_l{i}_text]").fill("")
    author.get_by_label("Reviews per submission (k)").fill("2")
    author.get_by_label("Days for reviewing after the deadline").fill("1")
    # Short work is pushed from 4 days before the review deadline, trainers in the last 2 days.
    author.get_by_label(re.compile("Hours before the review deadline to push")).fill("96")
    author.get_by_label("Overall comment: at least this many characters").fill("15")
    author.get_by_label(re.compile("Learners first assess one of your graded examples")).check()
    author.get_by_role("button", name="Save peer assignment").click()
    expect(author.get_by_role("alert")).to_contain_text("give each criterion 2 to")
    author.locator("input[name=c1_l1_points]").fill("2")
    author.locator("input[name=c1_l1_text]").fill("Some")
    author.locator("input[name=c1_l2_points]").fill("4")
    author.locator("input[name=c1_l2_text]").fill("Strong")
    author.get_by_role("button", name="Save peer assignment").click()
    expect(author.get_by_role("status")).to_contain_text(f"Peer assignment “{TITLE}” saved")

    # A graded example to calibrate on.
    author.get_by_label("A new example (Markdown)").fill("We lost a pallet and found it the next day.")
    examples = author.locator("#examples")
    examples.get_by_role("group", name="Clarity").get_by_label(re.compile("Mostly clear")).check()
    examples.get_by_role("group", name="Evidence").get_by_label(re.compile("None")).check()
    examples.get_by_label("Your comment, shown to learners after they assess it").fill("Short and vague on what was learned.")
    examples.get_by_role("button", name="Save the example").click()
    expect(author.get_by_role("status")).to_contain_text("The example is saved")
    check_page(author)
    screenshot(author, "peer-editor")

    # Three learners on their own browsers (one on a phone) hand in.
    pages: dict[str, Page] = {}
    for n, email in enumerate(LEARNERS):
        page = new_page("phone" if n == 0 else "desktop")
        sign_in(page, base, email, DEMO_PASSWORD)
        open_assignment(page)
        expect(page.locator(".prose").first).to_contain_text("one case your team handled")
        if n == 1:
            page.set_input_files("#work-file", files=[NOTES])
            page.get_by_role("button", name="Add the file").click()
            expect(page.get_by_role("status")).to_contain_text("“omar-haddad-notes.pdf” is added")
        page.get_by_label("Your answer (Markdown)").fill(f"Case from {email.split('@')[0]}: the order that went missing.")
        page.get_by_role("button", name="Hand in").click()
        expect(page.get_by_role("status")).to_contain_text("Your work is handed in")
        pages[email] = page
    sofia, omar, eva = (pages[e] for e in LEARNERS)

    # Calibration: Sofia is two levels off first, then passes; Omar passes at once.
    sofia.get_by_role("link", name="Assess the example").click()
    sofia.get_by_role("group", name="Clarity").get_by_label(re.compile("Clear$")).check()
    sofia.get_by_role("group", name="Evidence").get_by_label(re.compile("Strong")).check()
    sofia.get_by_role("button", name="Compare with the trainer").click()
    expect(sofia.get_by_role("heading", name="Not yet: look again")).to_be_visible()
    expect(sofia.get_by_text("too far")).to_have_count(2)
    expect(sofia.get_by_text("Short and vague on what was learned.")).to_have_count(0)
    check_page(sofia)
    screenshot(sofia, "peer-calibration")
    sofia.get_by_role("link", name="Try again").click()
    sofia.get_by_role("group", name="Clarity").get_by_label(re.compile("Mostly clear")).check()
    sofia.get_by_role("group", name="Evidence").get_by_label(re.compile("Some")).check()
    sofia.get_by_role("button", name="Compare with the trainer").click()
    expect(sofia.get_by_role("heading", name="Passed: you can review your peers")).to_be_visible()
    expect(sofia.get_by_text("Short and vague on what was learned.")).to_be_visible()
    sofia.get_by_role("link", name="Back to the assignment").click()
    omar.get_by_role("link", name="Assess the example").click()
    omar.get_by_role("group", name="Clarity").get_by_label(re.compile("Unclear")).check()
    omar.get_by_role("group", name="Evidence").get_by_label(re.compile("None")).check()
    omar.get_by_role("button", name="Compare with the trainer").click()
    expect(omar.get_by_role("heading", name="Passed: you can review your peers")).to_be_visible()
    omar.get_by_role("link", name="Back to the assignment").click()

    # Sofia and Omar review both other pieces of work; Eva (who handed in) never comes back.
    downloads: list[str] = []
    for email in list(LEARNERS)[:2]:
        page = pages[email]
        downloads += review_one(page, ["Clear", "Some"], "Well told, the lesson is concrete.")
        downloads += review_one(page, ["Mostly clear", "Strong"], "Good evidence; say who does what next.")
        expect(page.get_by_text("You have done your share:")).to_be_visible()
        text = page.locator("main").inner_text()
        assert not [name for other, name in LEARNERS.items() if other != email and name in text], "a name leaked"
    assert downloads == ["work-file-1.pdf"], f"Sofia reviewed Omar's work and got its file under a neutral name: {downloads}"
    check_page(sofia)
    screenshot(sofia, "peer-reviewing")

    # The trainer moves the schedule a week earlier: the review deadline is one to two days away,
    # and the work still short of two reviews (Sofia's, Omar's) comes to the trainers as to-dos.
    trainer = new_page("desktop")
    done = 0
    for email in TRAINERS:
        sign_in(trainer, base, email, DEMO_PASSWORD)
        trainer.get_by_role("link", name=re.compile("Escalations")).first.click()
        if email == TRAINERS[0]:
            trainer.get_by_role("link", name="Calendar").first.click()
            trainer.get_by_label("Shift by (days)").fill("-7")
            trainer.get_by_role("button", name="Move the schedule").click()
            trainer.get_by_role("link", name=re.compile("Escalations")).first.click()
        trainer.get_by_role("link", name=TITLE).click()
        todo = trainer.locator("section.todo a")
        for _ in range(todo.count()):
            trainer.locator("section.todo a").first.click()
            expect(trainer.get_by_role("heading", name=re.compile("Review the work of"), level=1)).to_be_visible()
            trainer.get_by_role("group", name="Clarity").get_by_label(re.compile("Mostly clear")).check()
            trainer.get_by_role("group", name="Evidence").get_by_label(re.compile("Some")).check()
            trainer.get_by_label("Overall comment").fill("Solid work; add one number to show the impact.")
            trainer.get_by_role("button", name="Submit the review").click()
            expect(trainer.get_by_role("status")).to_contain_text("Review saved")
            done += 1
        if email == TRAINERS[0]:
            check_page(trainer)
            screenshot(trainer, "peer-report")
            sign_out(trainer, base)
    assert done == 2, f"the trainers got {done} reviews to do, expected 2 (one for each piece short of reviews)"

    # Everyone, the dropout included, reads a grade and feedback, rates a review, sees no name.
    for email, page in pages.items():
        page.reload()
        results = page.locator("section", has=page.get_by_role("heading", name="What your reviewers said"))
        expect(results.get_by_text("Your grade:")).to_be_visible()
        expect(results.locator("article.received-review")).to_have_count(2)
        text = results.inner_text()
        for other, name in LEARNERS.items():
            if other != email:
                assert name not in text, f"{name} shows on the results of {email}"
        assert "Tess Trainer" not in text and "Theo Trainer" not in text
        results.locator("article.received-review").first.get_by_role("button", name="Helpful", exact=True).click()
        expect(page.get_by_role("status")).to_contain_text("your rating helps")
        check_page(page)
    screenshot(eva, "peer-results")

