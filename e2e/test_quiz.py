"""Quizzes end to end: an author imports a GIFT file with every kind of question into a course's
bank (an `[html]` question full of XSS payloads must not run), fixes a refused edit, links a topic
to a lesson, makes a quiz and reads the bank on a phone; a learner on a phone takes the demo quiz,
gets a topic wrong, follows "Ask about this in the forum" and posts; the trainer reads the
cohort's attempts and the item analysis."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from helpers import DEMO_ADMIN, DEMO_PASSWORD, check_page, nav, screenshot, sign_in

GIFT = """$CATEGORY: $course$/top/Dock safety

// [tag:forklifts]
::Right of way:: Who has the right of way in an aisle? {=The pedestrian #Always. ~The forklift #Never. ~The faster one}

// [tag:forklifts] [tag:loads]
::Safe loads:: Which are safe? {~%50%Load tilted back ~%50%Forks low when driving ~%-100%Load above the mast}

// [tag:loads]
A pallet may be stacked higher than the rack label allows. {F#The label is the limit.#Right: never above the label.}

The aisle width is at least {#3.5:0.5} metres.

The vest colour for visitors is {=orange =high-visibility orange}.

Match the sign with its meaning. {=Red -> stop =Yellow -> caution =Green -> safe}

::Trap::[html]<b>Bold</b> <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> {T}

Describe a near miss you saw. {}
"""


@pytest.fixture(scope="module")
def quiz_server(start_server):
    return start_server("quiz", demo=True)


def test_an_author_imports_a_gift_bank_and_links_topics(quiz_server, new_page, tmp_path):
    base = quiz_server.url
    author = new_page("desktop")
    author.add_init_script("window.__xss = 0")
    sign_in(author, base, DEMO_ADMIN, DEMO_PASSWORD)
    nav(author, "Courses")
    author.get_by_label("Name", exact=True).fill("Loading dock basics")
    author.get_by_role("button", name="Create course").click()
    author.get_by_label("Module title", exact=True).last.fill("Aisles")
    author.get_by_role("button", name="Add module").click()
    card = author.locator("li.module-card").first
    card.locator("summary").filter(has_text="Add a lesson").click()
    card.get_by_label("Title of the new activity").fill("Driving a forklift")
    card.get_by_role("button", name="Add lesson").click()
    author.get_by_role("link", name="Loading dock basics").click()
    author.get_by_role("link", name=re.compile(r"Question bank \(0\)")).click()
    expect(author.get_by_role("heading", name="Question bank", level=1)).to_be_visible()

    # A broken file is refused whole, with where and why.
    broken = tmp_path / "broken.gift"
    broken.write_text("Fine {T}\n\nBroken {=yes ~no\n", encoding="utf-8")
    author.get_by_label("…or a .gift file").set_input_files(str(broken))
    author.get_by_role("button", name="Import").click()
    expect(author.get_by_role("alert")).to_contain_text("Nothing was imported: line 3")
    expect(author.locator(".question-row")).to_have_count(0)

    bank = tmp_path / "safety.gift"
    bank.write_text(GIFT.replace("\n", "\r\n"), encoding="utf-8")
    author.get_by_label("…or a .gift file").set_input_files(str(bank))
    author.get_by_role("button", name="Import").click()
    expect(author.get_by_role("status")).to_contain_text("8 questions imported")
    expect(author.locator(".question-row")).to_have_count(8)
    for kind in ["Single choice", "Multiple response", "True/false", "Numerical", "Short answer", "Matching", "Essay"]:
        expect(author.locator(".question-row .badge", has_text=kind).first).to_be_visible()
    expect(author.get_by_role("heading", name="Dock safety", level=3)).to_be_visible()
    author.locator(".question-row summary", has_text="Trap").click()
    expect(author.locator(".question-row strong", has_text="Bold").first).to_be_visible()
    assert author.evaluate("window.__xss") == 0

    # Edit one question: two questions are refused, one is saved.
    row = author.locator(".question-row", has_text="Right of way")
    row.locator("summary").click()
    row.get_by_role("link", name="Edit").click()
    author.get_by_label("The question in GIFT").fill("One {T}\n\nTwo {F}")
    author.get_by_role("button", name="Save question").click()
    expect(author.get_by_role("alert")).to_contain_text("exactly one question")
    author.get_by_label("The question in GIFT").fill(
        "// [tag:forklifts]\n::Right of way:: Who goes first at a crossing? {=The pedestrian ~The forklift}")
    author.get_by_role("button", name="Save question").click()
    expect(author.get_by_role("status")).to_contain_text("saved")
    expect(author.get_by_text("Who goes first at a crossing?")).to_be_attached()

    # Topics lead to lessons.
    topic = author.locator("form.topic-form", has_text="forklifts")
    topic.get_by_label(re.compile("Driving a forklift")).check()
    topic.get_by_role("button", name="Save lessons").click()
    expect(author.get_by_role("status")).to_contain_text("Lessons for “forklifts” saved")
    expect(author.locator("form.topic-form", has_text="forklifts").get_by_label(re.compile("Driving a forklift"))).to_be_checked()
    check_page(author)
    screenshot(author, "question-bank")

    bank_url = author.url
    # The export downloads GIFT that names every question.
    with author.expect_download() as download:
        author.get_by_role("link", name="Export as GIFT").click()
    exported = download.value.path().read_text(encoding="utf-8")
    assert "::Right of way::" in exported and "$CATEGORY:" in exported and "// [tag:loads]" in exported

    # A quiz drawing on the bank: chosen questions, three attempts.
    author.get_by_role("link", name="Loading dock basics").click()
    card = author.locator("li.module-card").first
    card.locator("summary").filter(has_text="Add a lesson").click()
    card.get_by_label("Title of the new activity").fill("Dock check")
    card.get_by_role("button", name="Add quiz").click()
    expect(author.get_by_role("heading", name="Dock check", level=1)).to_be_visible()
    author.get_by_role("button", name="Save quiz").click()
    expect(author.get_by_role("alert")).to_contain_text("problem")
    author.get_by_label(re.compile("Right of way")).check()
    author.get_by_label(re.compile("Safe loads")).check()
    author.get_by_label("Attempts allowed").fill("3")
    author.get_by_role("button", name="Save quiz").click()
    expect(author.get_by_role("status")).to_contain_text("Quiz “Dock check” saved")
    expect(author.get_by_label(re.compile("Safe loads"))).to_be_checked()
    check_page(author)
    screenshot(author, "quiz-editor")

    phone = new_page("phone")
    sign_in(phone, base, DEMO_ADMIN, DEMO_PASSWORD)
    phone.goto(bank_url)
    expect(phone.locator(".question-row")).to_have_count(8)
    phone.locator(".question-row summary").nth(2).click()
    check_page(phone)
    screenshot(phone, "question-bank")


def test_a_learner_takes_the_demo_quiz_on_a_phone_asks_the_forum_and_the_trainer_sees_the_item_analysis(quiz_server, new_page):
    base = quiz_server.url
    learner = new_page("phone")
    sign_in(learner, base, "learner02@northwind.test", DEMO_PASSWORD)
    learner.get_by_role("link", name=re.compile("Escalations")).first.click()
    learner.get_by_role("link", name="Course outline and progress").click()
    learner.get_by_role("link", name="Check yourself: escalations").click()
    expect(learner.get_by_role("heading", name="Check yourself: escalations", level=1)).to_be_visible()
    learner.get_by_role("button", name="Start the quiz").click()
    expect(learner.locator("fieldset.question-fields")).to_have_count(6)

    # Answer the listening question right, the true/false one wrong; autosave keeps it.
    opening = learner.locator("fieldset.question-fields", has_text="What do you say first?")
    opening.get_by_label(re.compile("Tell me what it is costing you")).check()
    expect(learner.locator(".quiz-save-state")).to_have_text("All answers saved")
    learner.reload()
    expect(learner.locator("fieldset.question-fields", has_text="What do you say first?")
           .get_by_label(re.compile("Tell me what it is costing you"))).to_be_checked()
    stop = learner.locator("fieldset.question-fields", has_text="usually the root cause")
    stop.get_by_label("True").check()
    learner.locator("fieldset.question-fields", has_text="How many words").get_by_label("Your answer (a number)").fill("500")
    check_page(learner)
    screenshot(learner, "quiz-attempt")
    learner.get_by_role("button", name="Submit my answers").click()

    expect(learner.get_by_role("heading", name="Your result", level=1)).to_be_visible()
    expect(learner.get_by_role("heading", name="What to study next")).to_be_visible()
    weak = learner.locator(".weak-topic", has_text="root-cause")
    expect(weak.get_by_role("link", name="Five whys at the depot")).to_be_visible()
    check_page(learner)
    screenshot(learner, "quiz-result")
    weak.get_by_role("link", name="Ask about this in the forum").click()
    expect(learner.get_by_label("Title", exact=True)).to_have_value("Question about root-cause")
    body = learner.get_by_label("Your post")
    expect(body).to_contain_text("This quiz question was hard for me")
    text = body.input_value()
    assert "five whys" in text.lower() or "root cause" in text, text
    assert "symptom" not in text and "change" not in text, "no answer given away"
    learner.get_by_role("button", name="Post").click()
    expect(learner.get_by_role("heading", name="Question about root-cause", level=1)).to_be_visible()

    # The trainer reads how the cohort did: learners' attempts and the item analysis.
    trainer = new_page("desktop")
    sign_in(trainer, base, "trainer1@northwind.test", DEMO_PASSWORD)
    trainer.get_by_role("link", name=re.compile("Escalations")).first.click()
    trainer.get_by_role("link", name="See the course as learners do").click()
    trainer.get_by_role("link", name="Check yourself: escalations").click()
    expect(trainer.get_by_role("heading", name="Item analysis")).to_be_visible()
    expect(trainer.locator(".item-analysis li").first).to_contain_text("Facility")
    marc = trainer.get_by_role("row", name=re.compile("Marc Dubois"))   # learner02, who just took it
    expect(marc).to_contain_text("Read")
    expect(trainer.get_by_role("row", name=re.compile("Lena Ortiz"))).to_contain_text("Read")   # learner01's demo attempt
    expect(trainer.locator(".item-analysis")).to_contain_text("picked")
    check_page(trainer)
    screenshot(trainer, "quiz-item-analysis")
