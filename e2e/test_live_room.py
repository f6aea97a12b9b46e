"""The built-in room, in three browser contexts of a Chromium with a fake camera and microphone:
Tess (trainer1, the host) schedules a class in Atelier's own room starting now; she, Lena
(learner01) and Marc (learner02, on a phone, joining muted) join; each sees the other two videos
playing (videoWidth > 0 and frames decoded in getStats); Lena shares a "screen" (a canvas
stream, as headless Chromium captures none: the same path, her outgoing track replaced) and
the others see its 16:9 picture; they chat; Tess mutes Marc and ends the class; the attendance
shows all three. Alex (the admin, not in the cohort) cannot open the room's signalling."""

from __future__ import annotations

import datetime
import time
import zoneinfo

import pytest
import requests
from playwright.sync_api import expect

from conftest import CHROMIUM, CHROMIUM_ARGS, VIEWPORTS
from helpers import DEMO_ADMIN, DEMO_LEARNER, DEMO_PASSWORD, check_page, screenshot, sign_in

TRAINER = "trainer1@northwind.test"
MARC = "learner02@northwind.test"
TITLE = "Case clinic in the room"
MEDIA_ARGS = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
              "--allow-loopback-in-peer-connection"]


@pytest.fixture(scope="module")
def room_server(start_server):
    return start_server("room", demo=True)


@pytest.fixture(scope="module")
def media_browser(browser):
    # A second Chromium from the session's Playwright (one Playwright per process), with fake
    # camera and microphone.
    media = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS + MEDIA_ARGS)
    yield media
    media.close()


def cookies_of(page) -> requests.Session:
    session = requests.Session()
    for cookie in page.context.cookies():
        session.cookies.set(cookie["name"], cookie["value"])
    return session


def open_page(browser, size, base, email):
    context = browser.new_context(**VIEWPORTS[size])
    context.set_default_timeout(15_000)
    context.grant_permissions(["camera", "microphone"], origin=base)
    page = context.new_page()
    sign_in(page, base, email, DEMO_PASSWORD)
    return page


def enter(page, session_url, muted=False):
    page.goto(session_url)
    page.get_by_role("link", name=f"Join {TITLE}").click()
    expect(page.get_by_role("heading", name="Before you join")).to_be_visible()
    page.get_by_role("button", name="Turn on my camera and microphone").click()
    expect(page.locator("#setup-status")).to_contain_text("Your camera and microphone are on")
    if muted:
        page.get_by_label("Join with my microphone off").check()
    page.get_by_role("button", name="Join the class").click()
    expect(page.get_by_text("You are in the class.")).to_be_visible()


REMOTE_VIDEOS = """() => Array.from(document.querySelectorAll('.video-tile'))
    .filter(t => t.dataset.connection !== window.atelierRoom.me())
    .map(t => { const v = t.querySelector('video'); return {w: v.videoWidth, h: v.videoHeight}; })"""

FRAMES_DECODED = """async () => {
    const result = [];
    for (const entry of Object.values(window.atelierRoom.peers())) {
        const stats = await entry.pc.getStats();
        let frames = 0;
        stats.forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0; });
        result.push(frames);
    }
    return result;
}"""


def wait_until(page, script, check, what, timeout=30):
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        value = page.evaluate(script)
        if check(value):
            return value
        time.sleep(0.25)
    raise AssertionError(f"{what}: still {value!r} after {timeout}s")


def test_three_people_meet_in_the_built_in_room(room_server, media_browser):
    base = room_server.url
    tess = open_page(media_browser, "desktop", base, TRAINER)
    tess.get_by_role("main").get_by_role("link").filter(has_text="Escalations").first.click()
    tess.get_by_role("link", name="Live classes").click()
    tess.get_by_role("link", name="Schedule a live class").click()
    local = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Amsterdam"))
    tess.get_by_label("Title").fill(TITLE)
    tess.get_by_label("Date").fill(local.strftime("%Y-%m-%d"))
    tess.get_by_label("Start time").fill(local.strftime("%H:%M"))
    tess.get_by_label("Length (minutes)").fill("30")
    tess.get_by_label("Atelier's own room").check()
    tess.get_by_role("button", name="Schedule and invite the cohort").click()
    expect(tess.get_by_text(f"“{TITLE}” is scheduled.")).to_be_visible()
    session_url = tess.url

    lena = open_page(media_browser, "desktop", base, DEMO_LEARNER)
    marc = open_page(media_browser, "phone", base, MARC)
    enter(tess, session_url)
    enter(lena, session_url)
    enter(marc, session_url, muted=True)

    for page in (tess, lena, marc):
        wait_until(page, "() => document.querySelectorAll('.video-tile').length", lambda n: n == 3, "three tiles")
        wait_until(page, REMOTE_VIDEOS, lambda v: len(v) == 2 and all(x["w"] > 0 for x in v), "two remote videos playing")
        wait_until(page, FRAMES_DECODED, lambda f: len(f) == 2 and all(n > 0 for n in f), "frames decoded from both")
    expect(marc.get_by_role("button", name="Unmute")).to_be_visible()
    check_page(marc)
    screenshot(marc, "live-room")
    check_page(tess)
    screenshot(tess, "live-room")

    # Lena shares a "screen": a 1280×720 canvas replaces her camera (4:3) in every connection.
    lena.evaluate("""() => {
        const canvas = document.createElement('canvas');
        canvas.width = 1280; canvas.height = 720;
        const context = canvas.getContext('2d');
        let hue = 0;
        window.__paint = setInterval(() => { context.fillStyle = `hsl(${hue++ % 360}, 70%, 50%)`; context.fillRect(0, 0, 1280, 720); }, 60);
        window.atelierRoom.share(canvas.captureStream(15));
    }""")
    expect(lena.get_by_role("button", name="Stop sharing")).to_be_visible()
    lena_id = lena.evaluate("() => window.atelierRoom.me()")
    wide = f"""() => {{ const v = document.querySelector('.video-tile[data-connection="{lena_id}"] video');
        return v.videoHeight ? v.videoWidth / v.videoHeight : 0; }}"""
    for page in (tess, marc):
        wait_until(page, wide, lambda r: abs(r - 16 / 9) < 0.05, "Lena's screen (16:9) shown")

    # The room's chat.
    lena.get_by_label("Message to the room").fill("Can everyone see my slide? <b>yes</b>")
    lena.get_by_role("button", name="Send").click()
    expect(tess.locator("#chat-log")).to_contain_text("Lena Ortiz: Can everyone see my slide? <b>yes</b>")
    assert tess.locator("#chat-log b").count() == 0, "chat text stays text"

    # Marc unmutes, raises his hand; Tess lowers it and mutes him.
    marc.get_by_role("button", name="Unmute").click()
    expect(marc.get_by_role("button", name="Mute", exact=True)).to_be_visible()
    marc.get_by_role("button", name="Raise my hand").click()
    expect(tess.get_by_role("button", name="Lower the hand of Marc Dubois")).to_be_visible()
    tess.get_by_role("button", name="Lower the hand of Marc Dubois").click()
    expect(marc.get_by_role("button", name="Raise my hand")).to_be_visible()
    tess.get_by_role("button", name="Mute Marc Dubois").click()
    expect(marc.get_by_role("button", name="Unmute")).to_be_visible()
    assert marc.evaluate("() => window.atelierRoom.people().find(p => p.connection === window.atelierRoom.me()).muted")

    # Someone of the organization outside the cohort gets no signalling: the upgrade is answered
    # 404, as the room's page is (a member's request for the same address is let through).
    alex = open_page(media_browser, "desktop", base, DEMO_ADMIN)
    upgrade = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Origin": base}
    assert cookies_of(alex).get(session_url + "/signal", headers=upgrade, timeout=15).status_code == 404
    assert cookies_of(alex).get(session_url + "/room", timeout=15).status_code == 404
    member = cookies_of(marc).get(session_url + "/signal", headers=upgrade, timeout=15, stream=True)
    assert member.status_code == 101
    member.close()

    # Tess ends the class; everyone is out; attendance lists all three.
    tess.once("dialog", lambda dialog: dialog.accept())
    tess.get_by_role("button", name="End the class for everyone").click()
    for page in (lena, marc):
        expect(page.get_by_text("The class has ended. Thank you for coming.")).to_be_visible()
    tess.goto(session_url + "/attendance")
    for name in ("Tess Trainer", "Lena Ortiz", "Marc Dubois"):
        expect(tess.get_by_role("row").filter(has_text=name)).not_to_contain_text("—")
    check_page(tess)
    for page in (tess, lena, marc, alex):
        page.context.close()
