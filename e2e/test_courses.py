"""Courses end to end: an author builds a two-module course in the browser, publishes it and runs
it in a cohort; a learner follows it on a phone, marks lessons done, sees the progress move and
resumes later where they left off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from helpers import DEMO_ADMIN, DEMO_PASSWORD, check_page, nav, screenshot, sign_in, sign_out, run_cohort_with

COURSE = "Onboarding basics"
COHORT = "Onboarding — December"
LEARNER = "learner05@northwind.test"


@pytest.fixture(scope="module")
def course_server(start_server):
    return start_server("courses", demo=True)


def add_lesson(page, module: str, title: str, markdown: str) -> None:
    card = page.locator("li.module-card").filter(has=page.get_by_role("heading", name=re.compile(module)))
    card.locator("summary").filter(has_text="Add a lesson").click()
    card.get_by_label("Title of the new activity").fill(title)
    card.get_by_role("button", name="Add lesson").click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    page.get_by_label("Content", exact=True).fill(markdown)
    # The live preview follows the typing (rendered by the server, so sanitized).
    expect(page.locator("#lesson-preview strong").first).to_be_visible()
    page.get_by_label("Duration (minutes)").fill("12")
    page.get_by_role("button", name="Save lesson").click()
    expect(page.get_by_role("status")).to_contain_text("saved")


def add_module(page, title: str) -> None:
    page.get_by_label("Module title", exact=True).last.fill(title)
    page.get_by_role("button", name="Add module").click()
    expect(page.get_by_role("heading", name=re.compile(title))).to_be_visible()


def test_an_author_builds_a_course_and_a_learner_follows_it_on_a_phone(course_server, new_page):
    base = course_server.url
    author = new_page("desktop")
    sign_in(author, base, DEMO_ADMIN, DEMO_PASSWORD)
    nav(author, "Courses")
    author.get_by_label("Name", exact=True).fill(COURSE)
    author.get_by_role("button", name="Create course").click()
    expect(author.get_by_role("heading", name=COURSE, level=1)).to_be_visible()
    add_module(author, "Welcome")
    add_lesson(author, "Welcome", "Your first week", "# Hello\n\nRead **this** first.\n\n- one\n- two")
    author.get_by_role("link", name=COURSE).click()
    add_module(author, "Practice")
    add_lesson(author, "Practice", "Try it", "Now **practise** with a colleague.")
    author.get_by_role("link", name=COURSE).click()
    author.get_by_role("button", name="Publish").click()
    expect(author.get_by_role("status")).to_contain_text("published")
    check_page(author)
    screenshot(author, "courses-editor")

    nav(author, "Cohorts")
    run_cohort_with(author, COHORT, COURSE, LEARNER)

    learner = new_page("phone")
    sign_in(learner, base, LEARNER, DEMO_PASSWORD)
    learner.get_by_role("link", name=f"Continue where I left off in {COHORT}").click()
    expect(learner.get_by_role("heading", name="Your first week", level=1)).to_be_visible()
    expect(learner.locator(".prose strong")).to_have_text("this")
    check_page(learner)
    screenshot(learner, "courses-lesson")
    learner.get_by_role("button", name="Mark as done and continue").click()
    expect(learner.get_by_role("heading", name="Try it", level=1)).to_be_visible()
    learner.locator(".breadcrumb a").first.click()
    expect(learner.locator(".progress-label")).to_contain_text("50 %")
    expect(learner.get_by_role("progressbar", name="Course progress")).to_have_attribute("value", "1")
    check_page(learner)
    screenshot(learner, "courses-outline")

    # Later, on the same phone: "Continue" opens the lesson they stopped at.
    sign_out(learner, base)
    sign_in(learner, base, LEARNER, DEMO_PASSWORD)
    learner.get_by_role("link", name=f"Continue where I left off in {COHORT}").click()
    expect(learner.get_by_role("heading", name="Try it", level=1)).to_be_visible()
    learner.get_by_role("button", name="Mark as done").click()
    expect(learner.locator(".progress-label")).to_contain_text("100 %")
    expect(learner.locator(".progress-label")).to_contain_text("course complete")
