#!/usr/bin/env python3
"""Load client of the chat benchmark (bench/chat.sh runs it).

    python3 bench/chat_load.py BASE_URL CHAT_FILE SERVER_PID [--seconds 30]

CHAT_FILE (from `atelier seed-bench --chat-file`) lists cohorts: a channel, a private conversation
between the first two learners, and every learner's session token. Every learner opens one
WebSocket and reads it from then on; 2 s after the last one opened, for --seconds, each channel gets one message a second (from a different member each
time, under the per-person limit), and each private conversation one message a second too (its two
people in turn). The channels' sends are spread evenly over each second, as independent groups'
would be, not fired together. Every message carries the time it was sent; every recipient notes the delay.

Prints: connections, messages sent, deliveries expected / received / lost / duplicated, delivery
latency p50/p99 for channels and for private conversations, and the server's RSS (current and peak).
Every wait is bounded; 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import time

from websockets.asyncio.client import connect

STAMP = re.compile(r"t=(\d+\.\d+)")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def rss_kib(pid: int) -> tuple[int, int]:
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


class Client:
    def __init__(self, base: str, person: str, token: str) -> None:
        self.base, self.person, self.token = base, person, token
        self.ws = None
        self.received: dict[str, list[int]] = {}
        self.latencies: dict[str, list[float]] = {}
        self.acks: dict[str, int] = {}
        self.errors: list[dict] = []

    async def open(self) -> None:
        url = self.base.replace("http://", "ws://") + "/ws"
        self.ws = await connect(url, additional_headers={"Cookie": f"atelier_session={self.token}", "Origin": self.base},
                                open_timeout=30, max_size=2**20, ping_interval=None)
        welcome = json.loads(await asyncio.wait_for(self.ws.recv(), 30))
        assert welcome["type"] == "welcome", welcome

    async def read(self) -> None:
        try:
            async for text in self.ws:
                now = time.time()
                frame = json.loads(text)
                kind = frame["type"]
                if kind == "message":
                    conversation = frame["conversation"]
                    self.received.setdefault(conversation, []).append(frame["sequence"])
                    stamp = STAMP.search(frame["html"])
                    if stamp:
                        self.latencies.setdefault(conversation, []).append((now - float(stamp.group(1))) * 1000)
                elif kind == "ack":
                    self.acks[frame["ref"]] = frame["sequence"]
                elif kind == "error":
                    self.errors.append(frame)
        except Exception:  # closed: the counts below tell whether anything was missed
            pass

    async def send(self, conversation: str, ref: str) -> None:
        await self.ws.send(json.dumps({"v": 1, "type": "send", "ref": ref, "conversation": conversation,
                                       "body": f"t={time.time():.6f}"}))


def summarize(paths: list[str]) -> None:
    """The medians of the rounds' RESULT lines, as a Markdown table for bench/RESULTS.md."""
    rows = []
    for path in paths:
        with open(path) as f:
            rows += [json.loads(line[len("RESULT "):]) for line in f if line.startswith("RESULT ")]
    if not rows:
        raise SystemExit("no RESULT line in " + ", ".join(paths))
    first = rows[0]
    print()
    print(f"Atelier chat bench — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {len(rows)} rounds, medians; "
          f"{first['clients']} clients in {first['channels']} channels, {first['seconds']} s each")
    print()
    print("| figure | median | each round |")
    print("|---|---:|---|")
    for key in ["channel_p50_ms", "channel_p99_ms", "direct_p50_ms", "direct_p99_ms", "rss_loaded_mib", "rss_peak_mib",
                "deliveries_expected", "lost", "duplicated", "errors"]:
        print(f"| {key} | {round(statistics.median(r[key] for r in rows), 1)} | {', '.join(str(r[key]) for r in rows)} |")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("chat_file")
    parser.add_argument("pid", type=int)
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    rooms = json.load(open(args.chat_file))

    clients: list[list[Client]] = [[Client(args.base, m["person"], m["token"]) for m in room["members"]] for room in rooms]
    everyone = [c for room in clients for c in room]
    gate = asyncio.Semaphore(50)

    readers: list[asyncio.Task] = []

    async def open_one(client: Client) -> None:
        async with gate:
            await client.open()
        # Read from the start: each arrival is announced to its cohort ("online"), and frames left
        # unread until the traffic begins would be parsed then, counted as the server's delay.
        readers.append(asyncio.create_task(client.read()))

    started = time.monotonic()
    await asyncio.wait_for(asyncio.gather(*(open_one(c) for c in everyone)), 300)
    print(f"connected {len(everyone)} clients in {time.monotonic() - started:.1f} s")
    await asyncio.sleep(2)  # the last arrivals' announcements delivered and read
    rss_idle = rss_kib(args.pid)

    sent = {"channel": 0, "direct": 0}
    sent_refs: list[tuple[Client, str, str, str]] = []  # (sender, ref, conversation, kind)
    tick_start = time.monotonic()
    for tick in range(args.seconds):
        for index, room in enumerate(rooms):
            # Channels are not in step: each sends at its own moment of the second.
            await asyncio.sleep(max(0.0, tick_start + tick + index / len(rooms) - time.monotonic()))
            members = clients[index]
            sender = members[tick % len(members)]
            ref = f"c{index}-{tick}"
            await sender.send(room["channel"], ref)
            sent_refs.append((sender, ref, room["channel"], "channel"))
            # The private conversations' sends fall between the channels' ones.
            await asyncio.sleep(max(0.0, tick_start + tick + (index + 0.5) / len(rooms) - time.monotonic()))
            pair = members[tick % 2]
            ref = f"d{index}-{tick}"
            await pair.send(room["direct"], ref)
            sent_refs.append((pair, ref, room["direct"], "direct"))
        sent["channel"] += len(rooms)
        sent["direct"] += len(rooms)
        # One round a second, whatever the sends took.
        await asyncio.sleep(max(0.0, tick_start + tick + 1 - time.monotonic()))
    rss_loaded = rss_kib(args.pid)
    await asyncio.sleep(5)  # let the last deliveries arrive

    acked = [(sender, ref, conv, kind) for sender, ref, conv, kind in sent_refs if ref in sender.acks]
    errors = [e for c in everyone for e in c.errors]
    expected = received = lost = duplicated = 0
    for index, room in enumerate(rooms):
        members = clients[index]
        for conv, audience in ((room["channel"], members), (room["direct"], members[:2])):
            sequences = {sender.acks[ref] for sender, ref, c, _ in acked if c == conv}
            for member in audience:
                got = member.received.get(conv, [])
                expected += len(sequences)
                received += len(set(got) & sequences)
                lost += len(sequences - set(got))
                duplicated += len(got) - len(set(got))
    channel_ms = [ms for i, room in enumerate(rooms) for c in clients[i] for ms in c.latencies.get(room["channel"], [])]
    direct_ms = [ms for i, room in enumerate(rooms) for c in clients[i][:2] for ms in c.latencies.get(room["direct"], [])]
    for c in everyone:
        await c.ws.close()
    for task in readers:
        task.cancel()

    result = {
        "clients": len(everyone), "channels": len(rooms), "seconds": args.seconds,
        "sent_channel": sent["channel"], "sent_direct": sent["direct"], "acked": len(acked), "errors": len(errors),
        "deliveries_expected": expected, "deliveries_received": received, "lost": lost, "duplicated": duplicated,
        "channel_p50_ms": round(percentile(channel_ms, 50), 1), "channel_p99_ms": round(percentile(channel_ms, 99), 1),
        "direct_p50_ms": round(percentile(direct_ms, 50), 1), "direct_p99_ms": round(percentile(direct_ms, 99), 1),
        "rss_idle_mib": round(rss_idle[0] / 1024, 1), "rss_loaded_mib": round(rss_loaded[0] / 1024, 1),
        "rss_peak_mib": round(rss_kib(args.pid)[1] / 1024, 1),
    }
    if errors:
        print("first errors:", errors[:3])
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    import sys
    if len(sys.argv) > 1 and sys.argv[1] == "--summary":
        summarize(sys.argv[2:])
    else:
        asyncio.run(main())
