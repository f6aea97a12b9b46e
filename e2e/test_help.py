"""“I'm stuck here”, on the demo: Lena (learner01, on a phone) flags a difficulty on a lesson,
pointing at the sentence it is about; Tess (trainer1) finds it at the top of the cohort's help
queue, answers it privately (it lands in their conversation, where Lena reads it); Lena marks it
resolved. The request never shows to another learner. Then Tess suggests the forum for another
one, and Lena posts it there, her name hidden from the other learners."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helpers import DEMO_LEARNER, DEMO_PASSWORD, check_page, screenshot, sign_in

TRAINER = "trainer1@northwind.test"
OTHER_LEARNER = "learner02@northwind.test"
QUESTION = "Which of the three stages is a call where the customer is already angry?"


@pytest.fixture(scope="module")
def help_server(start_server):
    # Its own server: the trainer's bell and queue are counted here.
    return start_server("help", demo=True)


def test_a_learner_gets_unstuck(help_server, new_page):
    base = help_server.url
    lena = new_page("phone")
    sign_in(lena, base, DEMO_LEARNER, DEMO_PASSWORD)
    lena.get_by_role("main").get_by_role("link").filter(has_text="Escalations").first.click()
    lena.get_by_role("link", name="Course outline and progress").click()
    lena.get_by_role("link", name="Why escalations happen").click()
    lena.get_by_text("I'm stuck here").click()
    lena.get_by_label("What are you stuck on?").fill(QUESTION)
    lena.get_by_label("The passage or question it is about (optional)").fill("recognise the three stages of an escalation")
    check_page(lena)
    screenshot(lena, "help-ask")
    lena.get_by_role("button", name="Ask my trainers").click()
    expect(lena.get_by_text("Your trainers are told.")).to_be_visible()
    expect(lena.get_by_role("heading", name="Why escalations happen", level=1)).to_be_visible()

    tess = new_page("desktop")
    sign_in(tess, base, TRAINER, DEMO_PASSWORD)
    tess.goto(base + "/notifications")
    tess.get_by_role("link", name="A learner asked for help in “Escalations — Autumn cohort”").click()
    expect(tess.get_by_text("1 waiting for an answer, longest first.")).to_be_visible()
    first = tess.locator(".help-item").first
    expect(first).to_contain_text(QUESTION)
    expect(first).to_contain_text("Lena Ortiz")
    expect(first).to_contain_text("Why escalations happen")
    check_page(tess)
    screenshot(tess, "help-queue")
    first.get_by_label("Answer Lena Ortiz privately").fill("Stage two: the customer has escalated once already. Acknowledge it first.")
    first.get_by_role("button", name="Send the answer").click()
    expect(tess.get_by_text("Answered: your reply is in your private conversation with Lena Ortiz.")).to_be_visible()

    # Lena reads the answer in the conversation, then closes the request.
    lena.goto(base + "/")
    expect(lena.get_by_role("heading", name="Your questions to the trainers")).to_be_visible()
    lena.get_by_role("link", name=QUESTION[:60], exact=False).first.click()
    lena.get_by_role("link", name="Read the answer").click()
    expect(lena.get_by_text("Acknowledge it first.")).to_be_visible()
    lena.go_back()
    lena.get_by_role("button", name="It is sorted: mark it resolved").click()
    expect(lena.get_by_text("Glad it is sorted.")).to_be_visible()
    check_page(lena)

    # Marc, another learner of the cohort, sees none of it.
    marc = new_page("desktop")
    sign_in(marc, base, OTHER_LEARNER, DEMO_PASSWORD)
    marc.get_by_role("main").get_by_role("link").filter(has_text="Escalations").first.click()
    marc.get_by_role("link", name="My help requests").click()
    expect(marc.get_by_text("You have not asked for help yet.")).to_be_visible()
    expect(marc.get_by_text(QUESTION)).to_have_count(0)


FORUM_QUESTION = "Is it fine to put an angry caller on hold while I check the order?"


def test_a_trainer_suggests_the_forum_and_the_learner_posts_it_anonymously(help_server, new_page):
    """Tess suggests asking the whole group; only Lena's click puts it in the forum, her name
    hidden from Marc."""
    base = help_server.url
    lena = new_page("phone")
    sign_in(lena, base, DEMO_LEARNER, DEMO_PASSWORD)
    lena.get_by_role("main").get_by_role("link").filter(has_text="Escalations").first.click()
    lena.get_by_role("link", name="Course outline and progress").click()
    lena.get_by_role("link", name="Why escalations happen").click()
    lena.get_by_text("I'm stuck here").click()
    lena.get_by_label("What are you stuck on?").fill(FORUM_QUESTION)
    lena.get_by_role("button", name="Ask my trainers").click()
    cohort = lena.url.split("/activities/")[0]

    tess = new_page("desktop")
    sign_in(tess, base, TRAINER, DEMO_PASSWORD)
    tess.goto(cohort + "/help")
    item = tess.locator(".help-item").filter(has_text=FORUM_QUESTION)
    item.get_by_text("Suggest asking the whole group").click()
    item.get_by_label("A short note to Lena Ortiz (optional)").fill("Others wonder too: ask everyone.")
    item.get_by_role("button", name="Suggest the forum").click()
    expect(tess.locator(".help-item").filter(has_text=FORUM_QUESTION)).to_contain_text("waiting for Lena Ortiz to choose")

    lena.goto(base + "/notifications")
    lena.get_by_role("link", name="A trainer suggests asking the whole group in “Escalations — Autumn cohort”").click()
    mine = lena.locator(".help-item").filter(has_text=FORUM_QUESTION)
    expect(mine).to_contain_text("Others wonder too: ask everyone.")
    check_page(lena)
    screenshot(lena, "help-forum-choice")
    mine.get_by_label("Hide my name from other learners (your trainers still see it)").check()
    mine.get_by_role("button", name="Post it in the forum").click()
    expect(lena.get_by_role("heading", name=FORUM_QUESTION, level=1)).to_be_visible()
    expect(lena.get_by_text("You (anonymous)")).to_be_visible()
    thread = lena.url

    marc = new_page("desktop")
    sign_in(marc, base, OTHER_LEARNER, DEMO_PASSWORD)
    marc.goto(thread)
    expect(marc.get_by_text("Anonymous learner")).to_be_visible()
    expect(marc.get_by_text("Lena")).to_have_count(0)
