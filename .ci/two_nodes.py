#!/usr/bin/env python3
"""Two Atelier nodes on one PostgreSQL: chat crosses nodes, and nothing is lost or duplicated
when one node restarts.

    python3 .ci/two_nodes.py ATELIER_BIN DATABASE_URL

Node A loads the demo; Lena (learner01) connects to A, Tess (trainer1) to B, both over /ws.
1. Lena sends 20 messages through A: Tess receives all of them on B, in order, once.
2. Node B stops (SIGTERM). Lena sends 10 more while it is down.
3. Node B starts again; Tess reconnects with the last number she saw and receives exactly the
   10 she missed, in order; then a live one sent by Tess through B reaches Lena on A, and
   rings Lena's notification bell there.
Every wait is bounded; the script exits non-zero on the first broken expectation. Sends are paced
under the per-person limit, so the whole run takes about half a minute.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from websockets.sync.client import connect

PASSWORD = "atelier-demo"
LENA, TESS = "learner01@northwind.test", "trainer1@northwind.test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Node:
    def __init__(self, name: str, binary: str, database_url: str, demo: bool) -> None:
        self.name, self.binary, self.database_url, self.demo = name, binary, database_url, demo
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data = tempfile.mkdtemp(prefix=f"atelier-{name}-")
        self.log = open(os.path.join(self.data, "server.log"), "wb")
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = dict(os.environ, DATABASE_URL=self.database_url, ATELIER_DATA_DIR=self.data,
                   ATELIER_PUBLIC_URL=self.url, LOG_LEVEL="warning")
        args = [self.binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)] + (["--demo"] if self.demo else [])
        self.process = subprocess.Popen(args, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                fail(f"node {self.name} exited with {self.process.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=2) as r:
                    if r.status == 200:
                        print(f"node {self.name} up on {self.url}")
                        return
            except OSError:
                pass
            time.sleep(0.3)
        fail(f"node {self.name} not healthy after 120 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        print(f"node {self.name} stopped")


def fail(message: str) -> None:
    print(f"TWO-NODE TEST FAILED: {message}", file=sys.stderr)
    raise SystemExit(1)


class Person:
    """Signs in over HTTP (cookies kept) and talks over one WebSocket."""

    def __init__(self, node: Node, email: str) -> None:
        self.node = node
        self.jar = http.cookiejar.CookieJar()
        self.http = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        page = self.get("/sign-in")
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        status, _ = self.post("/sign-in", {"email": email, "password": PASSWORD, "_csrf": csrf})
        if status != 303:
            fail(f"sign-in of {email} on node {node.name} answered {status}")
        self.ws = None
        self.buffer: list[dict] = []  # frames read while waiting for another kind

    def get(self, path: str) -> str:
        with self.http.open(self.node.url + path, timeout=10) as r:
            return r.read().decode()

    def post(self, path: str, form: dict) -> tuple[int, str]:
        data = urllib.parse.urlencode(form).encode()
        try:
            with self.http.open(self.node.url + path, data=data, timeout=10) as r:
                return r.status, r.headers.get("Location", "")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Location", "")

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def open_socket(self, resume: dict[str, int] | None = None) -> None:
        ws_url = self.node.url.replace("http://", "ws://") + "/ws"
        # (entered by hand: the socket outlives this method, and is closed explicitly)
        self.ws = connect(ws_url, additional_headers={"Cookie": self.cookie_header(), "Origin": self.node.url},
                          open_timeout=10).__enter__()
        self.buffer = []
        welcome = self.receive("welcome")
        assert welcome["type"] == "welcome"
        self.ws.send(json.dumps({"v": 1, "type": "hello", "resume": resume or {}}))

    def receive(self, kind: str, timeout: float = 10) -> dict:
        for index, frame in enumerate(self.buffer):
            if frame["type"] == kind:
                return self.buffer.pop(index)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                fail(f"no {kind} frame within {timeout} s on node {self.node.name}")
            frame = json.loads(self.ws.recv(timeout=left))
            if frame["type"] == kind:
                return frame
            if frame["type"] == "error":
                fail(f"error frame on node {self.node.name}: {frame}")
            self.buffer.append(frame)

    def messages(self, count: int, conversation: str) -> list[int]:
        got = []
        while len(got) < count:
            frame = self.receive("message")
            if frame["conversation"] == conversation:
                got.append(frame["sequence"])
        return got

    def nothing_more(self, seconds: float = 1.5) -> list[dict]:
        extra, deadline = list(self.buffer), time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                extra.append(json.loads(self.ws.recv(timeout=left)))
            except TimeoutError:
                break
        return [f for f in extra if f["type"] == "message"]

    def send(self, conversation: str, body: str, ref: str) -> int:
        # Paced under the server's per-person limit (a burst of 10, then one a second).
        self.sent = getattr(self, "sent", 0) + 1
        if self.sent > 8:
            time.sleep(1.05)
        self.ws.send(json.dumps({"v": 1, "type": "send", "ref": ref, "conversation": conversation, "body": body}))
        return self.receive("ack")["sequence"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main() -> None:
    if len(sys.argv) != 3:
        fail(__doc__)
    binary, database_url = sys.argv[1], sys.argv[2]
    a = Node("A", binary, database_url, demo=True)
    b = Node("B", binary, database_url, demo=False)
    try:
        a.start()
        b.start()
        lena, tess = Person(a, LENA), Person(b, TESS)
        listing = lena.get("/")
        org = re.search(r'/orgs/([0-9a-f-]{36})', listing).group(1)
        page = lena.get(f"/orgs/{org}/messages")
        conversation = re.search(r'href="/orgs/[0-9a-f-]{36}/conversations/([0-9a-f-]{36})"', page).group(1)
        start = int(re.search(r'data-last="(\d+)"', lena.get(f"/orgs/{org}/conversations/{conversation}")).group(1))
        lena.open_socket()
        tess.open_socket()

        sent = [lena.send(conversation, f"across nodes {n}", f"a{n}") for n in range(20)]
        expected = list(range(start + 1, start + 21))
        if sent != expected:
            fail(f"acks {sent}, expected {expected}")
        received = tess.messages(20, conversation)
        if received != expected:
            fail(f"Tess on B received {received}, expected {expected}")
        print(f"1. 20 messages from A reached B in order: {received[0]}…{received[-1]}")

        tess.ws.close()
        b.stop()
        while_down = [lena.send(conversation, f"while B is down {n}", f"d{n}") for n in range(10)]
        b.start()
        tess = Person(b, TESS)
        tess.open_socket(resume={conversation: expected[-1]})
        caught_up = tess.messages(10, conversation)
        if caught_up != while_down:
            fail(f"after B restarted Tess received {caught_up}, expected {while_down}")
        if extra := tess.nothing_more():
            fail(f"duplicates or extras after the catch-up: {[f.get('sequence') for f in extra]}")
        print(f"2. B restarted; Tess caught up exactly once: {caught_up[0]}…{caught_up[-1]}")

        reply = tess.send(conversation, "back on B", "b1")
        lena_got = [s for s in lena.messages(31, conversation)]
        if lena_got[-1] != reply or len(set(lena_got)) != len(lena_got):
            fail(f"Lena on A received {lena_got}; expected the reply {reply} last and no duplicates")
        print(f"3. Tess's reply {reply} through B reached Lena on A")
        # The reply is private news for Lena: her bell, on A, hears of it from B.
        bell = lena.receive("notifications")
        title = (bell.get("latest") or {}).get("title", "")
        if not title.startswith("Tess Trainer") or bell.get("unread", 0) < 1:
            fail(f"Lena's bell on A got {bell}; expected a notification of Tess's reply")
        print(f"4. Lena's bell on A rang for the reply sent through B: “{title}”, {bell['unread']} unread")
        print("TWO-NODE TEST PASSED")
    finally:
        b.stop()
        a.stop()


if __name__ == "__main__":
    main()
