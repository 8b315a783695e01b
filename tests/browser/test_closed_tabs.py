"""Closing a lesson's tab leaves nothing open on the server.

When a learner closes a tab, the page asks Voila to shut its kernel down (the unload
beacon) and closes its kernel websocket at once; the two reach the server in either order
(the shutdown first in about one close of four, measured). Each page connection holds four
ZeroMQ sockets on the server, and ZeroMQ allows 1,023 in the server's one context: were
those four never closed, about 250 such closes would stop the server ("Too many open
files"). This opens and closes ``TABS`` tabs in Chromium, one after another as a learner
would, on a Voila of its own (the course settings, the start page only), and checks that
the server's ZeroMQ sockets (``zmq_sockets``) do not grow with them.
"""
from __future__ import annotations

import shutil

import pytest

from mbc_edu.serve import notebooks_dir
from mbc_edu.testing import KERNEL_ID_JS, READY_JS, pool_size, zmq_sockets

LESSON = "01-Start-here.ipynb"
WARM_UP, TABS = 2, 10
SETTLE = 60  # seconds for a closed tab's kernel to end and its pool to refill
# What Voila's page sends as it unloads, with its _xsrf cookie.
SHUTDOWN_BEACON_JS = """kernelId => {
  const form = new FormData();
  form.append("_xsrf", (document.cookie.match(/\\b_xsrf=([^;]*)\\b/) || [])[1] || "");
  return navigator.sendBeacon(`/voila/api/shutdown/${kernelId}`, form);
}"""


@pytest.fixture
def lesson_server(tmp_path, own_voila):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    shutil.copy2(notebooks_dir() / LESSON, folder / LESSON)
    return own_voila("voila-closed-tabs.log", notebooks=folder)


def open_and_close_tab(server, browser, running: int) -> None:
    """Open the lesson, wait until it is ready, and close the tab, its kernel's shutdown first;
    then wait until that kernel has ended and the server runs ``running`` kernels again.

    A closing page sends Voila's unload beacon and closes its websocket at once; they reach
    the server in either order. Here the websocket closes once the shutdown has begun (the
    server has logged it), the order that lost a tab's sockets.
    """
    wait_for_kernels(server, running)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(server.render_url(LESSON))
        page.wait_for_function(READY_JS, timeout=30_000, polling=100)
        kernel_id = page.evaluate(KERNEL_ID_JS)
        page.evaluate(SHUTDOWN_BEACON_JS, kernel_id)
        server.wait_until("the tab's kernel shut down",
                          lambda: f"Kernel shutdown: {kernel_id}" in server.log(), SETTLE, poll=0.01)
    finally:
        context.close()
    wait_for_kernels(server, running, gone=kernel_id)


def wait_for_kernels(server, running: int, gone: str = "") -> None:
    """Wait until the server runs ``running`` kernels (its pool full), none of them ``gone``."""
    def settled() -> bool:
        kernels = server.kernels()
        return gone not in kernels and len(kernels) == running

    what = f"{running} kernels" + (", the closed tab's gone" if gone else "")
    server.wait_until(what, settled, SETTLE, poll=0.2)


def test_closed_tabs_leave_no_sockets_open(lesson_server, browser):
    running = pool_size(notebooks=1)  # the pre-heated kernels, and no page open
    for _ in range(WARM_UP):  # the first pages open what the server keeps for good
        open_and_close_tab(lesson_server, browser, running)
    before = zmq_sockets(lesson_server.process.pid)
    for _ in range(TABS):
        open_and_close_tab(lesson_server, browser, running)
    # The last pool refill's own clients (up to 13 sockets, measured) close once it has run
    # the lesson: wait for the server to be back where it was, which a leak never is.
    def grown() -> int:
        return zmq_sockets(lesson_server.process.pid) - before

    lesson_server.wait_until(lambda: f"the server's ZeroMQ sockets back after {TABS} closed tabs "
                             f"({grown()} more than before)", lambda: grown() <= 0, SETTLE, poll=0.2)
