"""The bell and the e-mail for what was not read, on the demo.

Priya (learner03, on a phone) finds the mention Marc left her in the cohort's channel. Tess
(trainer1) asks to be e-mailed at once about what she has not read and goes offline; Priya writes
to her privately; Tess's mail arrives at the SMTP sink (aiosmtpd) with a link to the
conversation and an unsubscribe link that works without signing in.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from helpers import DEMO_PASSWORD, check_page, nav, screenshot, select_field, sign_in, sign_out, wait_for_mail_containing

PRIYA = "learner03@northwind.test"
TRAINER = "trainer1@northwind.test"


def test_the_bell_then_an_email_for_the_offline_trainer(demo_server, smtp_sink, new_page):
    base = demo_server.url
    dialogs: list[str] = []

    # Tess wants mail at once about what she has not read, then leaves.
    tess = new_page("desktop")
    sign_in(tess, base, TRAINER, DEMO_PASSWORD)
    nav(tess, "Profile")
    select_field(tess, "Send an e-mail if still unread").select_option(label="At once")
    tess.get_by_role("button", name="Save e-mail settings").click()
    expect(tess.get_by_text("Your e-mail settings are saved.")).to_be_visible()
    expect(select_field(tess, "Send an e-mail if still unread")).to_have_value("0")
    check_page(tess)
    sign_out(tess, base)

    # Priya's bell shows Marc's mention; the notification takes her to it and is read there.
    priya = new_page("phone")
    priya.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(priya, base, PRIYA, DEMO_PASSWORD)
    expect(priya.locator("#nav-notifications")).to_have_text("1")
    nav(priya, "Notifications")
    expect(priya.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    mention = priya.get_by_role("link", name="Marc Dubois mentioned you in Escalations — Autumn cohort")
    expect(mention).to_be_visible()
    check_page(priya)
    screenshot(priya, "notifications")
    mention.click()
    expect(priya.get_by_role("heading", name="Escalations — Autumn cohort", level=1)).to_be_visible()
    expect(priya.locator("#nav-notifications")).to_be_hidden()

    # She writes to Tess, who is offline.
    nav(priya, "Messages")
    priya.get_by_role("button", name="Tess Trainer").click()
    expect(priya.get_by_role("heading", name="Tess Trainer", level=1)).to_be_visible()
    question = "Could you look at my escalation plan before Friday? <script>alert(1)</script>"
    priya.get_by_label("Your message").fill(question)
    priya.get_by_role("button", name="Send").click()
    expect(priya.locator(".chat-message.mine").last).to_contain_text("before Friday?")

    mail = wait_for_mail_containing(smtp_sink, TRAINER, "Could you look at my escalation plan")
    assert "Priya Nair wrote to you" in mail.text
    assert "<script>" not in mail.html, "what people write is text in the mail too"
    # The link under Priya's item (the mail may also list Marc's older message to Tess).
    conversation = re.search(r"Priya Nair wrote to you\n.*\n\s*(" + re.escape(base) + r"/orgs/[0-9a-f-]+/conversations/[0-9a-f-]+#message-1)",
                             mail.text)
    assert conversation, mail.text
    unsubscribe = mail.headers.get("List-Unsubscribe", "").strip("<>")
    assert unsubscribe.startswith(f"{base}/unsubscribe/"), mail.headers
    assert unsubscribe in mail.text

    # The unsubscribe link works without signing in, and asks first.
    stranger = new_page("phone")
    stranger.goto(unsubscribe)
    expect(stranger.get_by_text(f"Stop e-mails to {TRAINER} about private messages")).to_be_visible()
    check_page(stranger)
    stranger.get_by_role("button", name="Stop these e-mails").click()
    expect(stranger.get_by_role("status")).to_contain_text(f"{TRAINER} gets no more e-mail about private messages")
    screenshot(stranger, "unsubscribed")

    # Tess's settings say so; her link from the mail opens the conversation.
    sign_in(tess, base, TRAINER, DEMO_PASSWORD)
    nav(tess, "Profile")
    expect(tess.get_by_label("Private messages")).not_to_be_checked()
    tess.goto(conversation.group(1))
    expect(tess.locator(".chat-message").last).to_contain_text(question)
    assert dialogs == [], f"script ran: {dialogs}"
