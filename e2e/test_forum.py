"""The cohort forum on the demo: a learner on a phone asks a question, her trainer answers it,
she accepts the answer; and the XSS corpus posted as replies runs nothing in Chromium."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from helpers import DEMO_LEARNER, DEMO_PASSWORD, Client, check_page, csrf_field, nav, screenshot, sign_in
from test_xss import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, payloads

TRAINER = "trainer1@northwind.test"
COHORT = "Escalations — Autumn cohort"


def open_forum(page) -> None:
    nav(page, "Home")
    page.get_by_role("link", name=COHORT).first.click()
    page.get_by_role("link", name="Forum", exact=True).click()
    expect(page.get_by_role("heading", name="Forum", level=1)).to_be_visible()


def test_a_question_asked_answered_and_accepted(demo_server, new_page):
    base = demo_server.url
    lena, tess = new_page("phone"), new_page("desktop")
    # Tess has the General space open while Lena asks: her list says a new thread came.
    sign_in(tess, base, TRAINER, DEMO_PASSWORD)
    open_forum(tess)
    tess.get_by_role("link", name="General").click()
    expect(tess.get_by_role("heading", name="General", level=1)).to_be_visible()
    sign_in(lena, base, DEMO_LEARNER, DEMO_PASSWORD)
    open_forum(lena)
    lena.get_by_role("link", name="General").click()
    # The demo's answered question is there, marked so, and the pinned welcome first.
    expect(lena.locator(".thread-list li").first).to_contain_text("Pinned")
    expect(lena.locator(".thread-list li", has_text="go to the press")).to_contain_text("Answered")
    lena.get_by_label("Kind").select_option("question")
    lena.get_by_label("Title").fill("Can I offer a refund on the first call?")
    lena.get_by_label("Your post").fill("The customer asked for one. **Am I allowed** to promise it?")
    lena.get_by_role("button", name="Post", exact=True).click()
    expect(lena.get_by_role("heading", name="Can I offer a refund on the first call?", level=1)).to_be_visible()
    expect(lena.locator("#post-1 strong", has_text="Am I allowed")).to_be_visible()
    check_page(lena)

    # Lena stays on her question's page while Tess answers: the answer appears there live.
    tess.get_by_role("link", name="New thread: reload the list").click()
    question = tess.locator(".thread-list li", has_text="refund on the first call")
    expect(question).to_contain_text("Unanswered")
    question.get_by_role("link", name="Can I offer a refund on the first call?").click()
    tess.get_by_role("link", name="Reply").first.click()
    tess.get_by_label("Your reply").fill("Not on the first call: say you will check and call back **within the day**.")
    tess.get_by_role("button", name="Post reply").click()
    expect(tess.locator("#post-2")).to_contain_text("In reply to Lena Ortiz")

    expect(lena.locator("#post-2")).to_contain_text("within the day")
    expect(lena.locator("#post-2").get_by_role("link", name="Reply")).to_be_visible()
    lena.reload()   # the accept button comes with the page
    lena.locator("#post-2").get_by_role("button", name="Accept as the answer").click()
    expect(lena.locator("#post-2")).to_contain_text("Accepted answer")
    expect(lena.locator(".meta .answered").first).to_have_text("Answered")
    # Her upvote: the post's button submits the page's one form (its formaction), and she can take it back.
    lena.locator("#post-2").get_by_role("button", name="Upvote (0)").click()
    expect(lena.locator("#post-2").get_by_role("button", name="Remove your upvote (1)")).to_be_visible()
    lena.locator("#post-2").get_by_role("button", name="Remove your upvote (1)").click()
    expect(lena.locator("#post-2").get_by_role("button", name="Upvote (0)")).to_be_visible()
    screenshot(lena, "forum-thread")
    screenshot(tess, "forum-thread")


def test_no_payload_posted_as_a_reply_runs(demo_server, new_page):
    base = demo_server.url
    items = payloads()
    learner = Client(base)
    assert learner.sign_in(DEMO_LEARNER, DEMO_PASSWORD).status_code == 303
    home = learner.get("/")
    cohort = re.search(r'href="(/orgs/[0-9a-f-]{36}/cohorts/[0-9a-f-]{36})"', home.text).group(1)
    forum = learner.get(cohort + "/forum")
    token = csrf_field(forum.text)
    space = re.search(r'href="(/orgs/[^"]+/forum/spaces/[0-9a-f-]{36})"', forum.text).group(1)
    started = learner.post(space + "/threads", {"kind": "discussion", "title": "Payloads", "body": "Replies below.", "_csrf": token})
    assert started.status_code == 303, started.status_code
    thread = started.headers["location"]
    for payload in items:
        answer = learner.post(thread + "/posts", {"body": payload, "_csrf": token})
        assert answer.status_code in (303, 422), answer.status_code   # 422: a payload that is only blank space

    page = new_page("desktop")
    dialogs, violations = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.route(re.compile(r"^(?!" + re.escape(base) + ").*"), lambda route: route.abort())
    sign_in(page, base, DEMO_LEARNER, DEMO_PASSWORD)
    problems, shown = [], 0
    # Fifty posts a page: every page of the thread is loaded.
    for number in range(1, (len(items) + 1) // 50 + 2):
        page.goto(base + thread + f"?page={number}")
        page.wait_for_load_state("load")
        page.mouse.move(300, 300)
        page.wait_for_timeout(300)
        shown += page.locator(".post-list .post").count()
        problems += page.evaluate("""([tags, attributes]) => {
            const allowedTags = new Set(tags), allowedAttributes = new Set(attributes), problems = [];
            for (const body of document.querySelectorAll('.post-list .chat-body')) {
              for (const el of body.querySelectorAll('*')) {
                if (!allowedTags.has(el.tagName)) problems.push('element ' + el.tagName);
                for (const attr of el.attributes) if (!allowedAttributes.has(attr.name)) problems.push('attribute ' + attr.name);
              }
            }
            return problems;
        }""", [sorted(ALLOWED_TAGS), sorted(ALLOWED_ATTRIBUTES)])
    assert shown >= len(items) // 2
    assert dialogs == [], f"script ran: {dialogs[:5]}"
    assert problems == [], problems[:10]
    assert violations == [], violations[:5]


def test_mention_search_report_and_hide(demo_server, new_page):
    """Two learners and a trainer: Lena asks, Marc finds the question by searching, answers
    mentioning her, Lena accepts it; Marc's next post is off topic, Lena reports it, Tess hides it."""
    base = demo_server.url
    lena, marc, tess = new_page("desktop"), new_page("phone"), new_page("desktop")
    sign_in(lena, base, DEMO_LEARNER, DEMO_PASSWORD)
    open_forum(lena)
    lena.get_by_role("link", name="General").click()
    lena.get_by_label("Kind").select_option("question")
    lena.get_by_label("Title").fill("Which form for damaged parcels?")
    lena.get_by_label("Your post").fill("A customer sent photos of a crushed parcel. Which form do we use?")
    expect(lena.locator("#post-preview")).to_contain_text("crushed parcel")   # the live preview
    lena.get_by_role("button", name="Post", exact=True).click()
    expect(lena.get_by_role("heading", name="Which form for damaged parcels?", level=1)).to_be_visible()

    sign_in(marc, base, "learner02@northwind.test", DEMO_PASSWORD)
    open_forum(marc)
    marc.get_by_label("Search the forum").fill("crushed")
    marc.get_by_role("button", name="Search").click()
    expect(marc.locator(".snippet mark").first).to_have_text("crushed")
    screenshot(marc, "forum-search")
    marc.get_by_role("link", name="Which form for damaged parcels?").click()
    marc.get_by_label("Your reply").fill("@Lena Ortiz it is form D-12, with the photos attached.")
    marc.get_by_role("button", name="Post reply").click()
    expect(marc.locator("#post-2")).to_contain_text("form D-12")
    # Lena's page shows the answer live and her bell counts the mention.
    expect(lena.locator("#post-2")).to_contain_text("form D-12")
    nav(lena, "Notifications")
    lena.get_by_role("link", name=re.compile("Marc Dubois mentioned you in .Which form for damaged parcels")).click()
    lena.locator("#post-2").get_by_role("button", name="Accept as the answer").click()
    expect(lena.locator("#post-2")).to_contain_text("Accepted answer")

    marc.get_by_label("Your reply").fill("Unrelated: selling concert tickets, message me.")
    marc.get_by_role("button", name="Post reply").click()
    expect(marc.locator("#post-3")).to_contain_text("concert tickets")
    lena.reload()
    lena.locator("#post-3").get_by_role("link", name="Report").click()
    lena.get_by_label("Why should a moderator look at it?").fill("Selling tickets, not about the course.")
    lena.get_by_role("button", name="Send report").click()
    expect(lena.get_by_text("the moderators will look at this post")).to_be_visible()

    sign_in(tess, base, TRAINER, DEMO_PASSWORD)
    open_forum(tess)
    tess.get_by_role("link", name=re.compile("Reported posts|reported post")).click()
    report = tess.locator("li", has_text="Selling tickets, not about the course.")
    expect(report).to_contain_text("reported by Lena Ortiz")
    screenshot(tess, "forum-reports")
    report.get_by_role("link", name="Hide the post").click()
    tess.get_by_label("Reason (the author sees it)").fill("Off topic: please use the noticeboard.")
    tess.get_by_role("button", name="Hide post").click()
    expect(tess.locator("#post-3")).to_contain_text("Hidden from learners")
    lena.reload()
    expect(lena.locator("#post-3")).to_contain_text("hidden by a moderator")
    expect(lena.locator("#post-3")).not_to_contain_text("concert tickets")
    marc.reload()
    expect(marc.locator("#post-3")).to_contain_text("Off topic: please use the noticeboard.")
    check_page(marc)


def test_discuss_a_lesson_with_a_mention_and_an_image(demo_server, new_page, tmp_path):
    """Priya opens "Discuss this" under her lesson, picks Marc from the @mention list, then posts
    a picture in the thread; the lesson then links to the discussion with its count."""
    from test_chat import tiny_png
    base = demo_server.url
    priya = new_page("phone")
    sign_in(priya, base, "learner03@northwind.test", DEMO_PASSWORD)
    priya.get_by_role("link", name="Continue where I left off").first.click()
    lesson = priya.get_by_role("heading", level=1).inner_text()
    priya.get_by_role("link", name="Discuss this lesson with your cohort").click()
    expect(priya.get_by_role("heading", name=f"Discuss “{lesson}”", level=1)).to_be_visible()
    post = priya.get_by_label("Your post")
    post.fill("Has anyone tried this with a real customer? ")
    post.press_sequentially("@Mar")
    expect(priya.get_by_role("option", name="Marc Dubois")).to_be_visible()
    priya.keyboard.press("Enter")
    expect(post).to_have_value(re.compile("@Marc Dubois $"))
    priya.get_by_role("button", name="Post", exact=True).click()
    expect(priya.get_by_role("heading", name=lesson, level=1)).to_be_visible()
    expect(priya.locator("#post-1")).to_contain_text("@Marc Dubois")

    picture = tmp_path / "role-play.png"
    tiny_png(picture)
    priya.get_by_text("Post an image").click()
    priya.get_by_label("Image", exact=True).set_input_files(str(picture))
    priya.get_by_label("Text with it (optional)").fill("Our role play, on the whiteboard")
    priya.get_by_role("button", name="Post image").click()
    image = priya.locator("#post-2 img[alt='role-play.png']")
    expect(image).to_be_visible()
    priya.wait_for_function("img => img.complete && img.naturalWidth === 16", arg=image.element_handle())
    check_page(priya)
    screenshot(priya, "forum-discuss")
    # The thread links back to its lesson, which now links to the discussion with its count.
    priya.locator(".about").get_by_role("link", name=lesson).click()
    expect(priya.get_by_role("heading", name=lesson, level=1)).to_be_visible()
    expect(priya.get_by_role("link", name="Discussion about this lesson: 2 posts")).to_be_visible()
