"""Kernels of closed pages do not pile up: the culler ends them.

Every page view starts a kernel, and a closed tab (or a plain GET) leaves it running.
This starts its own Voila (``mbc_edu.serve.voila_command``, the course settings) with a
short culling period, opens and closes 60 "tabs" -- plain GETs of a light dashboard,
each of which starts a kernel and runs the notebook -- and a few real Chromium tabs of
the start page, then checks that within the cull interval + idle timeout (with margin)
no more kernels remain than the pre-heated pool the settings keep (0 without pre-heat).
The page views take 35-70 s on a busy 2-core machine (100 took 61-110 s in one afternoon's
runs: the machine's speed varies that much). Their deadline, ``TIME_LIMIT``, only stops a
hung server from holding the suite; it is no speed target.
"""
from __future__ import annotations

import json
import shutil
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from mbc_edu.serve import notebooks_dir
from mbc_edu.testing import READY_JS, pool_size

# An idle timeout much shorter than a page's render time on a busy machine culls kernels
# mid-render (seen with 4 s: "Kernel died while waiting for execute reply").
CULL_INTERVAL, CULL_IDLE = 2, 10  # seconds
CULLING = [f"--MappingKernelManager.cull_interval={CULL_INTERVAL}",
           f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE}",
           "--MappingKernelManager.cull_connected=True"]
GETS, AT_ONCE, BROWSER_TABS = 60, 3, 3
TIME_LIMIT = 300  # seconds for all page views: a guard against a hung server, 4-8x their time
# Culled within interval + idle timeout; the margin covers the kernels' own shutdown
# on a busy 2-core machine.
SETTLE = (CULL_INTERVAL + CULL_IDLE) * 2 + 10

LIGHT = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# A light dashboard"},
                   {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                    "source": "import ipywidgets\nipywidgets.HTML('<p class=\"light\">light</p>')"}],
         "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                     "name": "python3"}},
         "nbformat": 4, "nbformat_minor": 5}
START = "01-Start-here.ipynb"


@pytest.fixture
def culling_server(tmp_path, own_voila):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "light.ipynb").write_text(json.dumps(LIGHT))
    shutil.copy2(notebooks_dir() / START, folder / START)
    return own_voila("voila-culling.log", CULLING, notebooks=folder), pool_size(notebooks=2)


def _get(url: str) -> tuple[int, bool]:
    with urllib.request.urlopen(url, timeout=60) as resp:
        body = resp.read().decode(errors="replace")
    return resp.status, "application/vnd.jupyter.widget-view+json" in body


def test_kernels_of_closed_pages_are_culled(culling_server, browser):
    server, pool = culling_server
    deadline = time.monotonic() + TIME_LIMIT
    peak = 0

    def view(i: int):
        nonlocal peak
        if time.monotonic() > deadline:
            return None
        result = _get(server.render_url("light.ipynb"))
        peak = max(peak, len(server.kernels()))
        return result

    started = time.monotonic()
    with ThreadPoolExecutor(AT_ONCE) as pool_of_tabs:
        results = list(pool_of_tabs.map(view, range(GETS)))
    done = [r for r in results if r is not None]
    print(f"{len(done)} page views in {time.monotonic() - started:.0f} s, peak {peak} kernels")
    assert len(done) == GETS, f"only {len(done)} of {GETS} page views in {TIME_LIMIT} s"
    assert all(status == 200 and ran for status, ran in done), \
        f"failed page views: {[r for r in done if r != (200, True)][:5]}\n{server.log()[-3000:]}"

    for _ in range(BROWSER_TABS):  # real tabs: the page connects to its kernel, then closes
        context = browser.new_context()
        page = context.new_page()
        page.goto(server.render_url(START), wait_until="domcontentloaded")
        page.wait_for_function(READY_JS, timeout=60_000, polling=100)
        context.close()
    print(f"{BROWSER_TABS} browser tabs opened and closed at {time.monotonic() - started:.0f} s")

    closed = time.monotonic()
    left = server.kernels()
    while len(left) > pool and time.monotonic() - closed < SETTLE:
        time.sleep(0.5)
        left = server.kernels()
    waited = time.monotonic() - closed
    assert len(left) <= pool, (
        f"{len(left)} kernel(s) still running {waited:.0f} s after the last page closed "
        f"(pool {pool}; peak {peak} during {GETS} views); server log tail:\n{server.log()[-3000:]}")
    assert "Culling" in server.log(), "the culler never ran"
    print(f"{GETS} GETs + {BROWSER_TABS} tabs: peak {peak} kernels; {len(left)} left "
          f"{waited:.1f} s after the last close (pool {pool})")
