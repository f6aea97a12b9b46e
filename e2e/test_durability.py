"""Nothing acknowledged is lost: what got a success answer survives `kill -9` and a restart."""

from __future__ import annotations

import pytest

from helpers import DEMO_ADMIN, DEMO_PASSWORD, Client, links


@pytest.fixture(scope="module")
def crash_server(start_server):
    return start_server("durability", demo=True)


def test_acknowledged_writes_survive_kill_9(crash_server):
    admin = Client(crash_server.url)
    assert admin.sign_in(DEMO_ADMIN, DEMO_PASSWORD).status_code == 303
    home = admin.get("/").text
    courses = next((href for href, text in links(home) if text == "Courses"), None)
    people = next((href for href, text in links(home) if text == "People"), None)
    assert courses and people
    token = admin.csrf(courses)
    r = admin.post(courses, {"name": "Kill Nine Course", "description": "written just before the crash", "_csrf": token})
    assert r.status_code == 303, f"create course → {r.status_code}"
    r = admin.post(people.replace("/people", "/invitations"),
                   {"name": "Kim Crash", "email": "kim.crash@northwind.test", "role": "learner", "_csrf": token})
    assert r.status_code in (201, 303), f"invite → {r.status_code}"

    crash_server.crash_and_restart()

    # The session was acknowledged too: the same cookie still signs in after the crash.
    assert "Kill Nine Course" in admin.get(courses).text
    assert "kim.crash@northwind.test" in admin.get(people).text
