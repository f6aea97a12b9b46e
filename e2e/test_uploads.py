"""Uploads end to end: in the lesson editor at 1280 px an author uploads an image (and inserts its
Markdown), a small video and a document, and sees a disguised HTML file refused; on a 375 px phone
a learner sees the image, plays the video, and the 90 % rule marks the lesson done.

The video is e2e/data/lesson-video.webm (15 KB, 3 s, VP8), made once with
`ffmpeg -f lavfi -i testsrc=size=160x90:rate=10:duration=3 -c:v libvpx -b:v 40k -an lesson-video.webm`.
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest
from playwright.sync_api import expect

from helpers import DEMO_ADMIN, DEMO_PASSWORD, check_page, nav, screenshot, sign_in, run_cohort_with

VIDEO = Path(__file__).resolve().parent / "data" / "lesson-video.webm"
COURSE = "Working with media"
COHORT = "Media — spring"
LEARNER = "learner07@northwind.test"


@pytest.fixture(scope="module")
def media_server(start_server):
    return start_server("uploads", demo=True)


def png(width: int = 48, height: int = 24) -> bytes:
    """A real PNG: two colour bands."""
    rows = b"".join(b"\x00" + (b"\x24\x57\xc5" if y < height // 2 else b"\xf9\xa8\x25") * width for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def upload(page, field: str, path: Path, button: str) -> None:
    page.locator(f"#{field}").set_input_files(str(path))
    page.get_by_role("button", name=button).click()


def test_an_author_uploads_media_and_a_learner_watches_on_a_phone(media_server, new_page, tmp_path):
    base = media_server.url
    image = tmp_path / "Test pattern.png"
    image.write_bytes(png())
    disguised = tmp_path / "innocent.png"
    disguised.write_text("<!DOCTYPE html><script>alert(document.cookie)</script>")
    sheet = tmp_path / "scores.csv"
    sheet.write_text("name,score\nAda,3\n")

    author = new_page("desktop")
    sign_in(author, base, DEMO_ADMIN, DEMO_PASSWORD)
    nav(author, "Courses")
    author.get_by_label("Name", exact=True).fill(COURSE)
    author.get_by_role("button", name="Create course").click()
    author.get_by_label("Module title", exact=True).last.fill("Week 1")
    author.get_by_role("button", name="Add module").click()
    card = author.locator("li.module-card").filter(has=author.get_by_role("heading", name=re.compile("Week 1")))
    card.locator("summary").filter(has_text="Add a lesson").click()
    card.get_by_label("Title of the new activity").fill("Watch this")
    card.get_by_role("button", name="Add lesson").click()
    expect(author.get_by_role("heading", name="Watch this", level=1)).to_be_visible()
    author.get_by_label("Content", exact=True).fill("A first look at the **pattern**:")

    # An image: its Markdown appears with an Insert button; the text typed so far stays.
    author.get_by_label("Description (alt text)").fill("Two colour bands")
    upload(author, "upload-image", image, "Upload image")
    snippet = author.locator(".image-list code").first
    expect(snippet).to_contain_text("![Two colour bands](/orgs/")
    author.get_by_role("button", name="Insert in the text").first.click()
    expect(author.get_by_label("Content", exact=True)).to_have_value(re.compile(r"\*\*pattern\*\*:\n\n!\[Two colour bands\]"))
    expect(author.locator("#lesson-preview img")).to_be_visible()

    # A file that says PNG but holds HTML is refused, and says why.
    upload(author, "upload-image", disguised, "Upload image")
    expect(author.locator("#uploads-image .upload-status")).to_contain_text("HTML, SVG and XML files are refused")

    upload(author, "upload-video", VIDEO, "Upload video")
    expect(author.locator("#uploads-video .upload-current")).to_contain_text("lesson-video.webm")
    upload(author, "upload-attachment", sheet, "Upload file")
    expect(author.locator(".attachment-list")).to_contain_text("scores.csv")
    expect(author.get_by_label(re.compile("Mark the lesson as done when a learner has watched"))).to_be_checked()
    author.get_by_role("button", name="Save lesson").click()
    expect(author.get_by_role("status")).to_contain_text("saved")
    check_page(author)
    screenshot(author, "uploads-editor")
    # After the reload the lists come from the server: the image, the video, the file.
    expect(author.locator(".image-list img")).to_have_count(1)
    expect(author.locator("#uploads-video .upload-current")).to_contain_text("lesson-video.webm")
    expect(author.locator(".attachment-list li")).to_have_count(1)

    author.get_by_role("link", name=COURSE).click()
    author.get_by_role("button", name="Publish").click()
    expect(author.get_by_role("status")).to_contain_text("published")
    nav(author, "Cohorts")
    run_cohort_with(author, COHORT, COURSE, LEARNER)

    learner = new_page("phone")
    sign_in(learner, base, LEARNER, DEMO_PASSWORD)
    learner.get_by_role("link", name=f"Continue where I left off in {COHORT}").click()
    expect(learner.get_by_role("heading", name="Watch this", level=1)).to_be_visible()
    picture = learner.locator(".prose img")
    expect(picture).to_have_attribute("alt", "Two colour bands")
    learner.wait_for_function("() => { const i = document.querySelector('.prose img'); return i && i.complete && i.naturalWidth === 48 }")
    expect(learner.get_by_role("link", name="scores.csv")).to_be_visible()
    video = learner.locator("video")
    expect(video).to_be_visible()
    check_page(learner)
    screenshot(learner, "uploads-lesson")

    # Played (muted, so no gesture is needed) to the end: the lesson marks itself done.
    learner.wait_for_function("() => document.querySelector('video').readyState >= 1")
    assert learner.evaluate("() => document.querySelector('video').duration") == pytest.approx(3, abs=0.2)
    learner.evaluate("() => { const v = document.querySelector('video'); v.muted = true; return v.play(); }")
    expect(learner.locator(".done-note")).to_contain_text("you watched the video", timeout=15_000)
    screenshot(learner, "uploads-lesson-done")
    learner.reload()
    expect(learner.locator(".done-note")).to_contain_text("You marked this lesson as done")
    expect(learner.locator("video")).not_to_have_attribute("data-done-url", re.compile(".+"))
