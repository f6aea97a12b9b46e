"""Fixtures for Atelier's browser tests.

The tests start real `atelier serve` processes (the binary from ATELIER_BIN, default
.build/debug/atelier) with a fresh data directory each, an in-process SMTP sink that catches
the mail they send, and Debian's Chromium driven by Playwright.

Servers:
  * `server`      — an empty database: first-run setup happens in test_journey.py (once only).
  * `demo_server` — `--demo` ("Northwind Logistics"), shared by test_demo.py.
  * test_security.py starts its own demo server (its sign-in throttling test would otherwise
    lock 127.0.0.1 out of the shared ones).

Artifacts (both gitignored): screenshots in e2e/screenshots/, server logs in e2e/logs/.
"""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import Browser, Page, expect, sync_playwright

E2E_DIR = Path(__file__).resolve().parent
REPO_ROOT = E2E_DIR.parent
SCREENSHOTS = E2E_DIR / "screenshots"
LOGS = E2E_DIR / "logs"

ATELIER_BIN = Path(os.environ.get("ATELIER_BIN", REPO_ROOT / ".build" / "debug" / "atelier"))
CHROMIUM = os.environ.get("ATELIER_CHROMIUM", "/usr/bin/chromium")
BOOT_TIMEOUT = float(os.environ.get("ATELIER_E2E_BOOT_TIMEOUT", "60"))
SERVER_LOG_LEVEL = os.environ.get("ATELIER_E2E_LOG_LEVEL", "info")
MAIL_FROM = "atelier@example.test"

# Playwright cannot download its own browser here; these flags keep Debian's Chromium from
# trying to reach the network (updates, sync, first-run pages) during the tests.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
]

VIEWPORTS = {
    "desktop": dict(viewport={"width": 1280, "height": 800}),
    "phone": dict(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True,
                  device_scale_factor=2),
    "tablet": dict(viewport={"width": 768, "height": 1024}, is_mobile=True, has_touch=True),
}

# Fail fast-ish: Playwright's default of 30 s per action makes a broken page take minutes.
ACTION_TIMEOUT_MS = 10_000
expect.set_options(timeout=ACTION_TIMEOUT_MS)


def free_port() -> int:
    """A TCP port nobody listens on right now (the kernel picks; tiny race, acceptable here)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# SMTP sink


@dataclass
class Mail:
    mail_from: str
    rcpt_tos: list[str]          # envelope recipients (what the server actually sent to)
    subject: str
    text: str                    # the text/plain part ("" if none)
    html: str                    # the text/html part ("" if none)
    headers: dict[str, str] = field(default_factory=dict)


class MailSink:
    """Collects every message the server sends. Thread-safe: aiosmtpd runs in its own thread."""

    def __init__(self) -> None:
        self._mails: list[Mail] = []
        self._cond = threading.Condition()
        self.host = "127.0.0.1"
        self.port = 0

    # aiosmtpd handler hook
    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        msg = email.message_from_bytes(envelope.original_content or envelope.content,
                                       policy=email.policy.default)
        mail = Mail(
            mail_from=envelope.mail_from,
            rcpt_tos=[r.lower() for r in envelope.rcpt_tos],
            subject=str(msg.get("Subject", "")),
            text=_part(msg, "plain"),
            html=_part(msg, "html"),
            headers={k: str(v) for k, v in msg.items()},
        )
        with self._cond:
            self._mails.append(mail)
            self._cond.notify_all()
        return "250 Message accepted for delivery"

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    def all(self) -> list[Mail]:
        with self._cond:
            return list(self._mails)

    def to(self, address: str) -> list[Mail]:
        address = address.lower()
        return [m for m in self.all() if address in m.rcpt_tos]

    def wait_for_mail(self, to: str, timeout: float = 15, subject_contains: str | None = None) -> Mail:
        """The first mail whose envelope recipients include `to` (case-insensitive)."""
        to = to.lower()
        deadline = time.monotonic() + timeout

        def match() -> Mail | None:
            for m in self._mails:
                if to in m.rcpt_tos and (subject_contains is None
                                         or subject_contains.lower() in m.subject.lower()):
                    return m
            return None

        with self._cond:
            while (found := match()) is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = "\n".join(f"  to={m.rcpt_tos} subject={m.subject!r}" for m in self._mails)
                    raise AssertionError(
                        f"no mail to {to} within {timeout}s"
                        + (f" with subject containing {subject_contains!r}" if subject_contains else "")
                        + f"; received {len(self._mails)}:\n{seen or '  (none)'}")
                self._cond.wait(remaining)
            return found


def _part(msg: email.message.EmailMessage, subtype: str) -> str:
    """The decoded text/<subtype> part, with \n line ends (SMTP delivers \r\n)."""
    if not msg.is_multipart():
        body = msg if msg.get_content_subtype() == subtype else None
    else:
        body = msg.get_body(preferencelist=(subtype,))
    return body.get_content().replace("\r\n", "\n") if body is not None else ""


@pytest.fixture(scope="session")
def smtp_sink():
    sink = MailSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port,
                            enable_SMTPUTF8=True, ready_timeout=10)
    controller.start()
    sink.port = port
    yield sink
    controller.stop()


# ---------------------------------------------------------------------------------------------
# Servers


class AtelierServer:
    def __init__(self, name: str, smtp: MailSink, demo: bool) -> None:
        self.name = name
        self.demo = demo
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = Path(tempfile.mkdtemp(prefix=f"atelier-e2e-{name}-"))
        LOGS.mkdir(exist_ok=True)
        self.log_path = LOGS / f"{name}.log"
        self.smtp = smtp
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        if not ATELIER_BIN.exists():
            pytest.fail(f"the server binary {ATELIER_BIN} does not exist: build it first "
                        f"(`swift build`) or point ATELIER_BIN at it", pytrace=False)
        env = dict(os.environ)
        # A shared database would break first-run setup and make runs depend on each other:
        # every server here gets its own fresh SQLite file.
        env.pop("DATABASE_URL", None)
        env.update({
            "ATELIER_DATA_DIR": str(self.data_dir),
            "ATELIER_PUBLIC_URL": self.url,
            "SMTP_URL": self.smtp.url,
            "ATELIER_MAIL_FROM": MAIL_FROM,
            "LOG_LEVEL": SERVER_LOG_LEVEL,
        })
        args = [str(ATELIER_BIN), "serve", "--hostname", "127.0.0.1", "--port", str(self.port)]
        if self.demo:
            args.append("--demo")
        self._log = open(self.log_path, "wb")
        # cwd = repository root: Vapor serves Public/ (CSS, JS) relative to the working directory.
        self.process = subprocess.Popen(args, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL,
                                        stdout=self._log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        self._wait_until_healthy()

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + BOOT_TIMEOUT
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"{self.name} server exited with status {self.process.returncode} "
                            f"before answering /health\n{self.log_tail()}", pytrace=False)
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as r:
                    if r.status == 200:
                        return
                    last_error = f"HTTP {r.status}"
            except urllib.error.HTTPError as e:
                last_error = f"HTTP {e.code}"
            except OSError as e:          # connection refused while booting, timeouts
                last_error = repr(e)
            time.sleep(0.2)
        self.stop()
        pytest.fail(f"{self.name} server not healthy after {BOOT_TIMEOUT:.0f}s ({last_error})\n"
                    f"{self.log_tail()}", pytrace=False)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            # SIGTERM to the whole session (the server might spawn helpers), then SIGKILL.
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if hasattr(self, "_log"):
            self._log.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def crash_and_restart(self) -> None:
        """SIGKILL (no graceful shutdown, no flush), then start again on the same data directory."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._log.close()
        self.start()

    def log_tail(self, lines: int = 120) -> str:
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return f"(no log at {self.log_path})"
        return f"--- last {min(lines, len(text))} lines of {self.log_path} ---\n" + "\n".join(text[-lines:])


_started_servers: list[AtelierServer] = []


@pytest.fixture(scope="session")
def start_server(smtp_sink):
    """Factory: start_server(name, demo=False) → a healthy AtelierServer, stopped at session end."""
    def start(name: str, demo: bool = False) -> AtelierServer:
        srv = AtelierServer(name, smtp_sink, demo)
        _started_servers.append(srv)
        srv.start()
        return srv
    yield start
    for srv in _started_servers:
        srv.stop()


@pytest.fixture(scope="session")
def server(start_server) -> AtelierServer:
    """An empty Atelier (first-run setup pending)."""
    return start_server("fresh")


@pytest.fixture(scope="session")
def demo_server(start_server) -> AtelierServer:
    """Atelier with the Northwind Logistics demo data."""
    return start_server("demo", demo=True)


# ---------------------------------------------------------------------------------------------
# Browser and pages


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: `apt-get install -y chromium` "
                    f"(or set ATELIER_CHROMIUM)", pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser: Browser, request):
    """Factory: new_page("desktop" | "phone") → a Page in its own context (own cookies).

    On test failure, every page opened this way is screenshotted as FAIL-<test>-<size>.png.
    """
    opened: list[tuple[str, Page]] = []

    def make(size: str = "desktop") -> Page:
        context = browser.new_context(**VIEWPORTS[size])
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        page = context.new_page()
        opened.append((size, page))
        return page

    yield make

    rep = getattr(request.node, "rep_call", None)
    failed = rep is not None and rep.failed
    for i, (size, page) in enumerate(opened):
        if failed:
            SCREENSHOTS.mkdir(exist_ok=True)
            safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in request.node.name)
            try:
                page.screenshot(path=str(SCREENSHOTS / f"FAIL-{safe}-{i}-{size}.png"), full_page=True)
            except Exception:   # the page may be gone; the test failure matters, not this
                pass
        page.context.close()


@pytest.fixture
def desktop_page(new_page) -> Page:
    return new_page("desktop")


@pytest.fixture
def phone_page(new_page) -> Page:
    return new_page("phone")


# ---------------------------------------------------------------------------------------------
# Reporting hooks


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item so fixtures can tell whether the test failed.
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # After any failure, show what the servers said: most e2e failures are explained there.
    if exitstatus == 0:
        return
    for srv in _started_servers:
        terminalreporter.section(f"atelier server log: {srv.name}")
        terminalreporter.write_line(srv.log_tail(200))
