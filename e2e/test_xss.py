"""No Markdown payload may run in a browser.

Every payload of e2e/data/xss-payloads.txt (OWASP filter-evasion vectors and Markdown-specific
ones; the same corpus the Swift tests render) is saved as the content of its own lesson, then each
lesson page is loaded in Chromium as a learner would see it; then each is handed in as a learner's
peer-assessed work and read on the trainer's page of that work. The test fails on any dialog
(alert/confirm/prompt), any request that leaves the server other than an image (the payloads'
script hosts are traps; images from https sites are allowed in lessons), any Content-Security-Policy violation (the policy would stop inline script, so a
violation means markup escaped the renderer), and any element or attribute in the lesson body
that the renderer does not write itself."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from helpers import DEMO_ADMIN, DEMO_PASSWORD, Client, csrf_field, sign_in

PAYLOADS = Path(__file__).resolve().parent / "data" / "xss-payloads.txt"
ALLOWED_TAGS = {"P", "H2", "H3", "H4", "H5", "H6", "EM", "STRONG", "DEL", "CODE", "PRE", "BLOCKQUOTE", "UL", "OL", "LI",
                "HR", "BR", "A", "IMG", "TABLE", "THEAD", "TBODY", "TR", "TH", "TD"}
ALLOWED_ATTRIBUTES = {"href", "src", "alt", "title", "rel", "start", "class", "align"}


def payloads() -> list[str]:
    text = PAYLOADS.read_text(encoding="utf-8")
    body = text.split("\n----\n", 1)[1]
    return [p for p in body.split("\n----\n") if p.strip()]


@pytest.fixture(scope="module")
def xss_server(start_server):
    return start_server("xss", demo=True)


def create_lessons(base: str, items: list[str]) -> list[str]:
    """An admin writes one lesson per payload in a new published course run by a new cohort, in
    which the admin is not a member: they see it as staff. Returns the lesson pages' paths."""
    admin = Client(base)
    assert admin.sign_in(DEMO_ADMIN, DEMO_PASSWORD).status_code == 303
    home = admin.get("/")
    org = re.search(r'/orgs/([0-9a-f-]{36})/courses', home.text).group(1)
    token = csrf_field(home.text)
    course = admin.post(f"/orgs/{org}/courses", {"name": "XSS corpus", "_csrf": token})
    course_path = course.headers["location"]
    admin.post(course_path + "/modules", {"title": "Payloads", "_csrf": token})
    module = re.search(r'/modules/([0-9a-f-]{36})/activities', admin.get(course_path).text).group(1)
    activities = []
    for index, payload in enumerate(items):
        added = admin.post(f"{course_path}/modules/{module}/activities", {"title": f"Payload {index}", "kind": "lesson", "_csrf": token})
        editor = added.headers["location"]
        saved = admin.post(editor, {"title": f"Payload {index}", "markdown": payload, "intent": "save", "_csrf": token})
        assert saved.status_code == 303, f"payload {index} was refused: {saved.status_code}"
        activities.append(editor.rsplit("/", 1)[1])
    admin.post(course_path + "/status", {"status": "published", "_csrf": token})
    cohorts = admin.get(f"/orgs/{org}/cohorts")
    option = re.search(r'<option value="([0-9a-f-]{36})"[^>]*>XSS corpus</option>', cohorts.text).group(1)
    today = datetime.date.today()
    cohort = admin.post(f"/orgs/{org}/cohorts", {"name": "XSS cohort", "course_id": option, "capacity": "5", "_csrf": token,
                                               "start_date": str(today - datetime.timedelta(days=1)),
                                               "end_date": str(today + datetime.timedelta(days=30))})
    cohort_path = cohort.headers["location"]
    return [f"{cohort_path}/activities/{activity}" for activity in activities]


AUDIT = """() => {
  const problems = [];
  const body = document.querySelector('.prose');
  if (!body) return ['no lesson body'];
  for (const el of body.querySelectorAll('*')) {
    if (!ALLOWED_TAGS.has(el.tagName)) problems.push('element ' + el.tagName);
    for (const attr of el.attributes) {
      if (!ALLOWED_ATTRIBUTES.has(attr.name)) problems.push('attribute ' + attr.name + ' on ' + el.tagName);
      if ((attr.name === 'href' || attr.name === 'src') && !/^(https?:|mailto:|\\/|#|\\?|[^:]*$)/i.test(attr.value.trim()))
        problems.push(attr.name + '=' + attr.value);
    }
  }
  for (const s of document.querySelectorAll('script')) {
    if (!s.src || !new URL(s.src).pathname.startsWith('/js/')) problems.push('script ' + s.outerHTML.slice(0, 80));
  }
  return problems.concat(window.__cspViolations || []);
}"""


class Watch:
    """A Chromium page that notes dialogs, requests leaving the server and CSP violations, and
    audits the element `selector` holding the rendered payload after each load."""

    def __init__(self, page, base: str, selector: str) -> None:
        self.page, self.dialogs, self.escaped, self.failures = page, [], [], []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

        def guard(route):
            request = route.request
            if request.url.startswith(base):
                route.continue_()
                return
            # Authors may show images from other https sites (`![x](https://…)`), so an image request
            # is allowed (and aborted: nothing leaves the machine); anything else would be a payload
            # at work: a script, a frame, a fetch, a navigation.
            if request.resource_type != "image":
                self.escaped.append(f"{request.resource_type} {request.url}")
            route.abort()

        page.route("**/*", guard)
        page.add_init_script("""window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push('CSP ' + e.violatedDirective + ' ' + e.blockedURI));""")
        self.audit = AUDIT.replace("'.prose'", repr(selector)).replace("ALLOWED_TAGS", "new Set(%s)" % sorted(ALLOWED_TAGS)).replace(
            "ALLOWED_ATTRIBUTES", "new Set(%s)" % sorted(ALLOWED_ATTRIBUTES))

    def check(self, url: str, index: int, payload: str) -> None:
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        # Give timers, event handlers and lazy images a moment to fire.
        self.page.mouse.move(200, 300)
        self.page.wait_for_timeout(30)
        problems = self.page.evaluate(self.audit)
        if problems or self.dialogs or self.escaped:
            self.failures.append((index, payload[:80], problems, list(self.dialogs), list(self.escaped)))
            self.dialogs.clear()
            self.escaped.clear()

    def report(self) -> str:
        return "\n".join(f"payload {i} {p!r}: {probs} dialogs={d} requests={r}" for i, p, probs, d, r in self.failures)


def test_no_payload_runs_in_chromium(xss_server, new_page):
    base = xss_server.url
    items = payloads()
    assert len(items) >= 80, f"the corpus has only {len(items)} payloads"
    lessons = create_lessons(base, items)
    watch = Watch(new_page("desktop"), base, ".prose")
    sign_in(watch.page, base, DEMO_ADMIN, DEMO_PASSWORD)
    for index, path in enumerate(lessons):
        watch.check(base + path, index, items[index])
    assert not watch.failures, watch.report()


def peer_work_pages(base: str) -> tuple[Client, str, str]:
    """learner07 of the demo (no work yet in its peer assignment), the assignment's path in their
    cohort, and the path of the trainer's page of the work they hand in here."""
    learner = Client(base)
    assert learner.sign_in("learner07@northwind.test", DEMO_PASSWORD).status_code == 303
    cohort = re.search(r'href="(/orgs/[0-9a-f-]{36}/cohorts/[0-9a-f-]{36})"', learner.get("/").text).group(1)
    outline = learner.get(cohort + "/course").text
    assignment = re.search(r'href="(' + re.escape(cohort) + r'/activities/[0-9a-f-]{36})"[^>]*>Your escalation, reviewed by peers',
                           outline).group(1)
    trainer = Client(base)
    assert trainer.sign_in("trainer1@northwind.test", DEMO_PASSWORD).status_code == 303
    works = lambda: set(re.findall(re.escape(cohort) + r'/submissions/[0-9a-f-]{36}', trainer.get(assignment).text))
    before = works()
    token = csrf_field(learner.get(assignment).text)
    assert learner.post(assignment + "/submission", {"text": "First draft", "_csrf": token}).status_code == 303
    (detail,) = works() - before
    return learner, assignment, detail


def test_no_payload_runs_on_a_peer_review_page(xss_server, new_page):
    """The same corpus as a learner's peer-assessed work (edited payload by payload, before anyone
    reviews it), on the page where the trainer reads that work: rendered by the same sanitizer."""
    base = xss_server.url
    items = payloads()
    learner, assignment, detail = peer_work_pages(base)
    watch = Watch(new_page("desktop"), base, ".prose.submission")
    sign_in(watch.page, base, "trainer1@northwind.test", DEMO_PASSWORD)
    token = csrf_field(learner.get(assignment).text)
    for index, payload in enumerate(items):
        saved = learner.post(assignment + "/submission", {"text": payload, "_csrf": token})
        assert saved.status_code == 303, f"payload {index} was refused: {saved.status_code}"
        watch.check(base + detail, index, payload)
    assert not watch.failures, watch.report()
