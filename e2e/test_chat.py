"""Private chat between a learner and her trainer, live over the WebSocket, on the demo.

Lena (learner01, on a phone) and Tess (trainer1, on a desktop) already have a private
conversation in the demo. Each message must appear on the other's open page without a reload;
script in a message must not run.
"""

from __future__ import annotations

from playwright.sync_api import expect

from helpers import DEMO_LEARNER, DEMO_PASSWORD, check_page, nav, screenshot, sign_in

TRAINER = "trainer1@northwind.test"


def open_conversation(page, name: str) -> None:
    nav(page, "Messages")
    expect(page.get_by_role("heading", name="Messages", level=1)).to_be_visible()
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    expect(page.locator("#connection-state")).to_have_text("· Live")


def send(page, text: str) -> None:
    page.get_by_label("Your message").fill(text)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_label("Your message")).to_have_value("")


def test_learner_and_trainer_chat_live(demo_server, new_page):
    base = demo_server.url
    tess, lena = new_page("desktop"), new_page("phone")
    dialogs: list[str] = []
    for page in (tess, lena):
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    sign_in(tess, base, TRAINER, DEMO_PASSWORD)
    open_conversation(tess, "Lena Ortiz")
    expect(tess.get_by_text("Should I start the case study")).to_be_visible()

    sign_in(lena, base, DEMO_LEARNER, DEMO_PASSWORD)
    # Tess's last answer and the channel's messages are unread: the navigation says so.
    expect(lena.locator("#nav-unread")).to_have_text("4")
    open_conversation(lena, "Tess Trainer")
    expect(lena.get_by_text("read the case first")).to_be_visible()
    # Each sees the other online: Tess's page learns it live, Lena's page knew it when it loaded.
    expect(lena.locator(".meta .presence")).to_be_visible()
    expect(tess.locator(".meta .presence")).to_be_visible()
    check_page(lena)

    send(lena, "Thanks! Is the **Monday** class at 10:00?")
    expect(lena.locator(".chat-message.mine").last).to_contain_text("Is the Monday class at 10:00?")
    # On Tess's open page, without a reload.
    live = tess.locator(".chat-message").last
    expect(live).to_contain_text("Is the Monday class at 10:00?")
    expect(live.locator("strong", has_text="Monday")).to_be_visible()
    # Tess's open page read it: Lena sees the receipt under her message.
    expect(lena.locator(".chat-message.mine").last.locator(".chat-receipt")).to_have_text("Seen")

    # Tess starts writing: Lena sees it while she does.
    tess.get_by_label("Your message").press_sequentially("Yes")
    expect(lena.locator("#typing")).to_have_text("Tess Trainer is writing…")
    send(tess, "Yes, 10:00 sharp. <img src=x onerror=alert('xss')>")
    answer = lena.locator(".chat-message").last
    expect(answer).to_contain_text("10:00 sharp. <img src=x onerror=alert('xss')>")
    expect(answer.locator("img")).to_have_count(0)
    check_page(lena)
    screenshot(lena, "chat-learner")
    screenshot(tess, "chat-trainer")

    # Both messages were saved: a reload shows them, in order.
    lena.reload()
    texts = lena.locator(".chat-message .chat-body").all_inner_texts()
    assert texts[-2:] == ["Thanks! Is the Monday class at 10:00?", "Yes, 10:00 sharp. <img src=x onerror=alert('xss')>"]

    # Lena corrects her message: Tess's open page shows the new text, marked edited, live.
    mine = lena.locator(".chat-message.mine").last
    message_id = mine.get_attribute("id")
    mine.get_by_role("link", name="Edit or delete this message").click()
    expect(lena.get_by_role("heading", name="Edit your message", level=1)).to_be_visible()
    check_page(lena)
    lena.get_by_label("Your message").fill("Thanks! Is the **Tuesday** class at 10:00?")
    lena.get_by_role("button", name="Save changes").click()
    expect(lena.locator(f"#{message_id}")).to_contain_text("Is the Tuesday class at 10:00?")
    on_tess = tess.locator(f"#{message_id}")
    expect(on_tess.locator("strong", has_text="Tuesday")).to_be_visible()
    expect(on_tess.locator(".chat-edited")).to_contain_text("edited")
    # Then she deletes it: gone for Tess too, without a reload.
    lena.locator(f"#{message_id}").get_by_role("link", name="Edit or delete this message").click()
    lena.get_by_role("button", name="Delete this message").click()
    expect(lena.locator(f"#{message_id}")).to_contain_text("This message was deleted.")
    expect(on_tess).to_contain_text("This message was deleted.")
    expect(on_tess).not_to_contain_text("Tuesday")
    assert dialogs == [], f"script ran: {dialogs}"


def test_the_form_works_without_javascript(demo_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    page = context.new_page()
    try:
        base = demo_server.url
        page.goto(f"{base}/sign-in")
        page.get_by_label("Email").fill(DEMO_LEARNER)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("link", name="Messages").first.click()
        page.get_by_role("link", name="Escalations — Autumn cohort").click()
        expect(page.get_by_role("heading", name="Escalations — Autumn cohort", level=1)).to_be_visible()
        page.get_by_label("Your message").fill("Sent without JavaScript")
        page.get_by_role("button", name="Send").click()
        expect(page.locator(".chat-message").last).to_contain_text("Sent without JavaScript")
        page.get_by_role("button", name="Send").click()  # empty: refused with a message
        expect(page.locator(".field-error")).to_be_visible()
    finally:
        context.close()


def tiny_png(path) -> None:
    """A real 16×16 PNG (orange), written with the standard library only."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xf0\x80\x20" * 16 for _ in range(16))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_an_image_sent_from_a_phone_shows_on_the_trainers_open_page(demo_server, new_page, tmp_path):
    base = demo_server.url
    tess, lena = new_page("desktop"), new_page("phone")
    sign_in(tess, base, TRAINER, DEMO_PASSWORD)
    open_conversation(tess, "Lena Ortiz")
    sign_in(lena, base, DEMO_LEARNER, DEMO_PASSWORD)
    open_conversation(lena, "Tess Trainer")
    picture = tmp_path / "whiteboard.png"
    tiny_png(picture)
    lena.get_by_text("Send an image or a PDF").click()
    lena.get_by_label("File").set_input_files(str(picture))
    lena.get_by_label("Caption (optional)").fill("Our escalation map")
    lena.get_by_role("button", name="Send file").click()
    sent = lena.locator(".chat-message.mine").last
    expect(sent).to_contain_text("Our escalation map")
    expect(sent.locator("img[alt='whiteboard.png']")).to_be_visible()
    # Live on Tess's page, and really decoded (served as an image to her, a reader of the conversation).
    image = tess.locator(".chat-message").last.locator("img[alt='whiteboard.png']")
    expect(image).to_be_visible()
    tess.wait_for_function("img => img.complete && img.naturalWidth === 16", arg=image.element_handle())
    check_page(lena)
    screenshot(lena, "chat-image")
