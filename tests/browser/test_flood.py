"""A flood of page requests cannot take the class server down.

Starts its own Voila (``mbc_edu.serve.voila_command``, the course settings) capped at
``CAP`` kernels (``--CappedKernelManager.max_kernels``, what ``serve --max-kernels`` passes)
with a short idle timeout. A learner opens the start page in Chromium and keeps reading;
then a script sends ``BURST`` plain page requests (no browser: their pages never connect
to their kernels), ``AT_ONCE`` at a time, to 127.0.0.1 only. Checks that the kernels never
exceed the cap, that every request past it gets the calm "class server is full" page
(HTTP 503, no traceback, passes axe), that the never-connected kernels are culled while
the reading learner keeps theirs, and that a new learner can open a lesson afterwards.
Bounded: about a minute on a busy 2-core laptop; every wait has a deadline.
"""
from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from mbc_edu.serve import notebooks_dir
from mbc_edu.testing import ERRORS_JS, KERNEL_ID_RE, READY_JS

CAP, BURST, AT_ONCE = 4, 20, 10
CULL_INTERVAL, CULL_IDLE = 2, 10  # seconds; the course's own settings are 30 and 90
SETTLE = (CULL_INTERVAL + CULL_IDLE) * 2 + 10  # culled within interval + idle, with margin
START, LIGHT_NAME = "01-Start-here.ipynb", "light.ipynb"
LIGHT = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                    "source": "import ipywidgets\nipywidgets.HTML('<p>light</p>')"}],
         "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                     "name": "python3"}},
         "nbformat": 4, "nbformat_minor": 5}
POOL = 2  # one pre-heated kernel for each of the two notebooks served


@pytest.fixture
def capped_server(tmp_path, own_voila):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / LIGHT_NAME).write_text(json.dumps(LIGHT))
    shutil.copy2(notebooks_dir() / START, folder / START)
    extra = [f"--CappedKernelManager.max_kernels={CAP}",
             f"--MappingKernelManager.cull_interval={CULL_INTERVAL}",
             f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE}"]
    return own_voila("voila-flood.log", extra, notebooks=folder)


def _get(url: str) -> tuple[int, str, float]:
    """Status, body and the moment (monotonic) the answer was complete."""
    try:
        with urllib.request.urlopen(url, timeout=90) as resp:
            return resp.status, resp.read().decode(errors="replace"), time.monotonic()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(errors="replace"), time.monotonic()


def _open(browser, url: str):
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(url, wait_until="domcontentloaded")
    assert response is not None and response.status == 200, f"HTTP {response and response.status}"
    page.wait_for_function(READY_JS, timeout=60_000, polling=100)
    assert page.evaluate(ERRORS_JS) == []
    return context, page


def test_a_flood_of_page_requests_is_capped_and_calm(capped_server, browser, axe_check):
    server = capped_server
    server.wait_until("the pre-heated pools", lambda: len(server.kernels()) == POOL, 60)
    pooled_at = time.monotonic()
    reader, reading = _open(browser, server.render_url(START))  # a learner who keeps reading
    reader_kernel = KERNEL_ID_RE.search(reading.content()).group(1)

    # The pooled kernel the burst will take must have been idle past the idle timeout: it
    # must still get the whole timeout to connect once a page takes it (not be culled at once).
    server.wait_until("a pooled kernel idle past the timeout",
                      lambda: time.monotonic() - pooled_at > CULL_IDLE + CULL_INTERVAL, 60)
    peak, stop = [0], threading.Event()

    def watch():  # the kernel processes, sampled every 20 ms during the burst
        while not stop.is_set():
            peak[0] = max(peak[0], len(server.kernels()))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.monotonic()
    try:
        with ThreadPoolExecutor(AT_ONCE) as pool:
            results = list(pool.map(lambda _: _get(server.render_url(LIGHT_NAME)), range(BURST)))
    finally:
        stop.set()
        watcher.join()
    took = time.monotonic() - started
    statuses = [status for status, _, _ in results]
    print(f"{BURST} requests in {took:.1f} s: {statuses.count(200)} served, {statuses.count(503)} "
          f"'server full'; peak {peak[0]} kernels (cap {CAP})")

    assert peak[0] <= CAP, f"{peak[0]} kernels at once, past the cap of {CAP}"
    assert set(statuses) <= {200, 503}, f"unexpected answers: {statuses}\n{server.log()[-3000:]}"
    assert 503 in statuses and 200 in statuses, statuses
    full = [body for status, body, _ in results if status == 503]
    for body in full:
        assert "The class server is full" in body and "try again" in body
        assert "Traceback" not in body and "Error" not in body
    served = {KERNEL_ID_RE.search(body).group(1): at for status, body, at in results if status == 200}
    assert all("application/vnd.jupyter.widget-view+json" in body for status, body, _ in results
               if status == 200)

    # The calm page as a learner sees it: our stylesheet, readable, and accessible.
    context = browser.new_context()
    page = context.new_page()
    context.route("**/full", lambda route: route.fulfill(status=503, content_type="text/html", body=full[0]))
    page.goto(server.url + "full")
    assert page.get_by_role("heading", level=1).inner_text() == "The class server is full"
    assert page.get_by_role("link", name="Try again").is_visible()
    axe_check(page)
    context.close()

    # Kernels of pages that never connected are culled, each after the whole idle timeout
    # (measured from its page); the reading learner keeps theirs.
    gone_at: dict[str, float] = {}

    def culled() -> bool:
        running = server.kernels()
        for kernel_id in served.keys() - running.keys() - gone_at.keys():
            gone_at[kernel_id] = time.monotonic()
        return gone_at.keys() == served.keys() and len(running) <= POOL + 1

    waited = server.wait_until("never-connected kernels culled", culled, SETTLE)
    lived = {k: round(gone_at[k] - at, 1) for k, at in served.items()}
    assert min(lived.values()) >= CULL_IDLE - 1, f"culled too soon after their page: {lived} s"
    assert reader_kernel in server.kernels(), "the reading learner's kernel was culled"
    assert "Culling" in server.log()
    print(f"back to {len(server.kernels())} kernels {waited:.0f} s after the burst; the served "
          f"pages' kernels lived {sorted(lived.values())} s after their page")

    # A new learner can still open a lesson, and it works.
    learner, _ = _open(browser, server.render_url(START))
    learner.close()
    assert reading.evaluate(ERRORS_JS) == [], "the reading learner's page shows an error"
    reader.close()
