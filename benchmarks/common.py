"""What every benchmark shares: the served folder, the page driver, statistics, the server.

The served folder is a temporary copy of the course notebooks plus three baselines:

* ``00-empty.ipynb``: a heading and nothing else (the floor of a Voila page);
* ``00-bare.ipynb``: only ``import ipywidgets`` and ``import plotly.graph_objects``
  (the floor of a kernel's memory);
* ``00-echo.ipynb``: one ToggleButtons and one HTML, updated in ``observe`` (the
  floor of a widget round trip: comm message in, one HTML update out).
"""
from __future__ import annotations

import asyncio
import json
import math
import os
import random
import shutil
import statistics
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mbc_edu.serve import notebooks_dir
from mbc_edu.testing import (CHROMIUM_ARGS, ERRORS_JS, KERNEL_ID_JS, VoilaServer, chromium, cpu_seconds,
                             descendants, is_local, start_voila)

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"
EMPTY, BARE, ECHO = "00-empty.ipynb", "00-bare.ipynb", "00-echo.ipynb"


# ---------------------------------------------------------------- the served folder

def _notebook(cells: list[tuple[str, str]]) -> dict:
    def cell(kind, source):
        c = {"cell_type": kind, "metadata": {}, "source": source}
        if kind == "code":
            c.update(execution_count=None, outputs=[])
        return c
    return {"cells": [cell(k, s) for k, s in cells], "nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                        "name": "python3"},
                         "language_info": {"name": "python"}}}


BASELINES = {
    EMPTY: _notebook([("markdown", "# Empty page")]),
    BARE: _notebook([("markdown", "# Bare kernel"),
                     ("code", "import ipywidgets\nimport plotly.graph_objects")]),
    ECHO: _notebook([("markdown", "# Echo"), ("code", (
        "import ipywidgets as w\n"
        "choice = w.ToggleButtons(options=['One', 'Two', 'Three'], description='Choose')\n"
        "view = w.HTML('<div aria-live=\"polite\"><h3>One</h3></div>')\n"
        "def show(change):\n"
        "    view.value = f'<div aria-live=\"polite\"><h3>{choice.value}</h3></div>'\n"
        "choice.observe(show, 'value')\n"
        "app = w.VBox([choice, view])\n"
        "app.add_class('mbc-app')\n"
        "app"))]),
}


def course_notebooks() -> list[str]:
    return sorted(p.name for p in notebooks_dir().glob("*.ipynb"))


@contextmanager
def served_folder():
    """A temporary folder: copies of the course notebooks and the three baselines."""
    with tempfile.TemporaryDirectory(prefix="mbc-bench-") as tmp:
        folder = Path(tmp)
        for name in course_notebooks():
            shutil.copy2(notebooks_dir() / name, folder / name)
        for name, nb in BASELINES.items():
            (folder / name).write_text(json.dumps(nb, indent=1))
        yield folder


# ---------------------------------------------------------------- statistics and output

def measured(values) -> list:
    """The values that were measured (no None, no NaN)."""
    return [v for v in values if v is not None and not math.isnan(v)]


def quantile(values, q: float) -> float:
    """Linear-interpolated quantile (q in 0..1); NaN for no values."""
    data = sorted(measured(values))
    if not data:
        return math.nan
    pos = (len(data) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def ratio_of_medians(values, baseline, resamples: int = 2000, seed: int = 0) -> dict:
    """``median(values) / median(baseline)``, with a 90% bootstrap interval (both samples
    drawn again, with replacement, ``resamples`` times)."""
    values, baseline = measured(values), measured(baseline)
    if not values or not baseline:
        return {"ratio": math.nan, "low": math.nan, "high": math.nan, "n": len(values), "n_baseline": len(baseline)}
    rng = random.Random(seed)
    boot = [quantile(rng.choices(values, k=len(values)), 0.5) / quantile(rng.choices(baseline, k=len(baseline)), 0.5)
            for _ in range(resamples)]
    return {"ratio": quantile(values, 0.5) / quantile(baseline, 0.5), "low": quantile(boot, 0.05),
            "high": quantile(boot, 0.95), "n": len(values), "n_baseline": len(baseline)}


def summary(values) -> dict:
    data = measured(values)
    return {"n": len(data), "median": quantile(data, 0.5), "p95": quantile(data, 0.95),
            "min": min(data) if data else math.nan, "max": max(data) if data else math.nan,
            "mean": statistics.fmean(data) if data else math.nan}


def fmt(value, digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:,.{digits}f}"


def table(headers: list[str], rows: list[list], title: str = "") -> str:
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = lambda r: "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths)))
    out = ([title] if title else []) + [line(headers), line(["-" * w for w in widths])]
    return "\n".join(out + [line(r) for r in cells])


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------- server

class Server:
    """Voila on the served folder, with helpers to clean up kernels and wait for quiet."""

    def __init__(self, folder: Path, log_path: Path, extra=(), config: dict | None = None):
        self.voila: VoilaServer = start_voila(log_path, ["--show_tracebacks=True", *extra], notebooks=folder,
                                              config=config)
        self.url = self.voila.url

    def render_url(self, notebook: str) -> str:
        return self.voila.render_url(notebook)

    def kernels(self) -> dict[str, int]:
        return self.voila.kernels()

    def pids(self) -> list[int]:
        return [self.voila.process.pid, *descendants(self.voila.process.pid)]

    def shutdown_kernel(self, kernel_id: str) -> int:
        """Shut a kernel down through Jupyter's REST API, as the page's beacon would.

        The benchmark closes each page it measured and then frees its kernel at once, so
        that hundreds of page views do not pile up kernels until the culler runs. (Any
        ``_xsrf`` value works when cookie and header agree; 404 = already gone.)
        """
        req = urllib.request.Request(f"{self.url}api/kernels/{kernel_id}", method="DELETE",
                                     headers={"X-XSRFToken": "bench", "Cookie": "_xsrf=bench"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status
        except urllib.error.HTTPError as err:
            return err.code
        except OSError:
            return 0

    def shutdown_all_but(self, keep=()) -> None:
        for kid in list(self.kernels()):
            if kid not in keep:
                self.shutdown_kernel(kid)

    def wait_kernels(self, count: int, timeout: float = 600.0) -> float:
        """Wait until exactly ``count`` kernels run (a pre-heat pool filled), then settle."""
        start = time.monotonic()
        while len(self.kernels()) != count:
            if time.monotonic() - start > timeout:
                raise TimeoutError(f"{len(self.kernels())} kernels, not {count}, after {timeout:.0f} s")
            time.sleep(0.5)
        self.settle(timeout=120)
        return time.monotonic() - start

    def wait_pools(self, count: int, timeout: float = 60.0) -> float:
        """Wait (at most ``timeout``) until ``count`` kernels run, so pre-heat refills are done, then settle."""
        start = time.monotonic()
        while len(self.kernels()) < count and time.monotonic() - start < timeout:
            time.sleep(0.25)
        self.settle()
        return time.monotonic() - start

    def settle(self, quiet: float = 0.15, timeout: float = 30.0) -> float:
        """Wait until every process this benchmark started (server, kernels, browser and its
        driver) together uses under ``quiet`` of a core for 1 s.

        Returns the seconds waited. Used between single-user measurements so one page's
        kernel start-up (or a pre-heat refill, or the browser closing the last page) does not
        slow the next.
        """
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            pids = descendants(os.getpid())
            before = cpu_seconds(pids)
            time.sleep(1.0)
            if cpu_seconds(pids) - before < quiet:
                break
        return time.monotonic() - start

    def cpu(self) -> float:
        """CPU seconds used so far by the server and its live kernels."""
        return cpu_seconds(self.pids())

    def stop(self) -> None:
        self.voila.stop()


def browser_cpu() -> float:
    """CPU seconds used so far by the Chromium processes this program started."""
    pids = [p for p in descendants(os.getpid()) if "chrom" in _comm(p)]
    return cpu_seconds(pids)


def _comm(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip().lower()
    except OSError:
        return ""


def loadavg() -> float:
    """The machine's 1-minute load average (other work on it slows every figure)."""
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


# ---------------------------------------------------------------- the page driver

# Interactive = the spinner gone, the cells shown, and either the first control in
# the app visible and enabled (a dashboard) or, for a page without widgets, that alone.
# Records performance.now() (ms since navigation start) the first time it is true.
INTERACTIVE_JS = """(wantApp) => {
  if (document.getElementById('loading')) return false;
  const cells = document.getElementById('rendered_cells');
  if (!cells || cells.style.display === 'none') return false;
  if (wantApp) {
    const app = document.querySelector('.mbc-app');
    if (!app) return false;
    const control = app.querySelector(
      'button, select, input, textarea, a[href], [role=button][tabindex]');
    if (!control || control.disabled || control.getClientRects().length === 0) return false;
  }
  if (window.__mbcReady === undefined) window.__mbcReady = performance.now();
  return true;
}"""

NAV_JS = """() => {
  const n = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource');
  return {ttfb: n.responseStart, html_done: n.responseEnd, dom_ready: n.domContentLoadedEventEnd,
          load: n.loadEventEnd, ready: window.__mbcReady ?? null, origin: performance.timeOrigin,
          html_bytes: n.decodedBodySize, assets: res.length,
          asset_bytes: res.reduce((s, r) => s + (r.decodedBodySize || 0), 0),
          kernel_id: %s};
}""" % KERNEL_ID_JS

# One operation of a dashboard's main control, chosen from what the page holds:
# returns {ok, kind, sel, text} (the view to wait for) and stamps window.__mbcT0 just
# before the control is operated. ``i`` varies the choice; ``query`` is for a search box.
OPERATE_JS = """([i, query]) => {
  const app = document.querySelector('.mbc-app');
  if (!app) return {ok: false, why: 'no .mbc-app'};
  // The lesson's own controls, not the question list or nursing layer every lesson also holds.
  const own = (sel) => [...app.querySelectorAll(sel)].filter((el) => !el.closest('.mbc-questions, .mbc-nursing'));
  const clean = (s) => s.replace(/\u00a0/g, ' ').trim();
  window.__mbcT1 = undefined;
  const toggles = own('.widget-toggle-buttons button');
  if (toggles.length > 1) {
    const cur = toggles.findIndex((b) => b.classList.contains('mod-active'));
    const k = (cur + 1 + (i % (toggles.length - 1))) % toggles.length;
    const text = clean(toggles[k].innerText);
    window.__mbcT0 = performance.now();
    toggles[k].click();
    return {ok: true, kind: 'toggle', sel: '[aria-live=polite] h3', text, exact: true};
  }
  const next = own('button').find((b) =>  // the quiz (its answers are radios too)
      ['Next question', 'Start again'].includes(b.innerText.trim()));
  if (next) {
    const status = own('.mbc-status').map((el) => el.innerText).find((t) => /Question \\d+ of/.test(t)) || '';
    const [, k, n] = status.match(/Question (\\d+) of (\\d+)/).map(Number);
    const text = `Question ${k % n + 1} of ${n}`;
    window.__mbcT0 = performance.now();
    next.click();
    return {ok: true, kind: 'next', sel: '.mbc-status', text, exact: true};
  }
  const radios = own('.widget-radio-box input[type=radio]');
  if (radios.length > 1) {  // lessons 3 and 5: the chosen place or test heads the view
    const others = radios.filter((r) => !r.checked);
    const radio = others[i % others.length];
    const text = clean(radio.closest('label').innerText).split(' (')[0];  // the name, not its meaning
    window.__mbcT0 = performance.now();
    radio.click();
    return {ok: true, kind: 'radio', sel: '[aria-live=polite] > h2', text, exact: false};
  }
  const select = own('.widget-select select, .widget-dropdown select')[0];
  if (select) {  // one lesson's name heads the guide (not "All lessons", which heads nothing)
    const others = [...select.options].filter((o, k) => k !== select.selectedIndex && !/^All /.test(o.text));
    const option = others[i % others.length];
    const text = clean(option.text);
    window.__mbcT0 = performance.now();
    select.value = option.value;
    select.dispatchEvent(new Event('change', {bubbles: true}));
    return {ok: true, kind: 'select', sel: '[aria-live=polite] > h2, .mbc-guide h2', text, exact: true};
  }
  const boxes = own('.widget-checkbox input[type=checkbox]');
  if (boxes.length) {
    const box = boxes[i % boxes.length];
    const n = boxes.filter((b) => b.checked).length + (box.checked ? -1 : 1);
    const text = n === 0 ? 'No sign is ticked yet' : `${n} sign${n > 1 ? 's' : ''} ticked`;
    window.__mbcT0 = performance.now();
    box.click();
    return {ok: true, kind: 'checkbox', sel: '[aria-live=polite]', text, exact: false};
  }
  const search = own('.widget-text input')[0];
  if (search) {
    const [value, text] = query[i % query.length];
    window.__mbcT0 = performance.now();
    search.value = value;
    search.dispatchEvent(new Event('input', {bubbles: true}));
    return {ok: true, kind: 'search', sel: '[aria-live=polite] .mbc-status', text, exact: false};
  }
  return {ok: false, why: 'no control to operate'};
}"""

# True (and stamps window.__mbcT1) once the expected view is in the page.
VIEW_JS = """(want) => {
  const app = document.querySelector('.mbc-app');
  const els = app ? [...app.querySelectorAll(want.sel)] : [];
  const hit = els.some((el) => {
    const t = el.innerText.replace(/\u00a0/g, ' ').trim();
    return want.exact ? t === want.text : t.includes(want.text);
  });
  if (hit && window.__mbcT1 === undefined) window.__mbcT1 = performance.now();
  return hit;
}"""


def glossary_queries() -> list[tuple[str, str]]:
    """Search-box operations and the status each must produce (from the library itself)."""
    import mbc_edu

    app = mbc_edu.glossary_search()
    total = len(app.terms)
    return [(q, f"{len(app.matches(q))} of {total} words shown") for q in ("biops", "", "bone", "")]


def has_control(notebook: str) -> bool:
    """Dashboards with a control a patient-view learner operates (the start page holds links, the help
    card a print button, and lesson 12's chooser is in the nursing view)."""
    return notebook not in ("01-Start-here.ipynb", "11-When-to-get-help.ipynb", "12-Oncologic-emergencies.ipynb",
                            EMPTY, BARE)


@dataclass
class Visit:
    """One learner's page view: timings (ms since navigation start) and what went wrong."""

    notebook: str
    ready_ms: float | None = None
    nav: dict = field(default_factory=dict)
    kernel_id: str | None = None
    round_trips: list[float] = field(default_factory=list)
    lost: int = 0
    errors: list[str] = field(default_factory=list)


# Nothing may leave the machine: no host name but localhost resolves, and every request to
# another host is recorded as an error (Browser.new_page). This is done in the browser, not
# by Playwright's request interception, which holds each request for a round trip to the
# driver: that added about 180 ms and much noise to every page load.
BENCH_CHROMIUM_ARGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]


class Browser:
    """One Chromium (async Playwright); a context per learner."""

    def __init__(self):
        self._pw = None
        self.browser = None

    async def __aenter__(self):
        from playwright.async_api import async_playwright

        executable = chromium()
        if not executable:
            raise SystemExit("Chromium not found: run `make chromium` (apt-get install chromium)")
        self._pw = await async_playwright().start()
        self.browser = await self._pw.chromium.launch(executable_path=executable, args=BENCH_CHROMIUM_ARGS)
        return self

    async def __aexit__(self, *exc):
        try:
            await self.browser.close()
        except Exception:  # already gone (it crashed, or was closed under us)
            pass
        finally:
            await self._pw.stop()

    async def new_page(self, visit: Visit):
        """A fresh context (no cache, no cookies) and page that records errors into ``visit``."""
        context = await self.browser.new_context(viewport={"width": 1280, "height": 900})
        page = await context.new_page()
        page.on("console", lambda m: m.type == "error" and visit.errors.append(f"console: {m.text[:300]}"))
        page.on("pageerror", lambda e: visit.errors.append(f"pageerror: {str(e)[:300]}"))
        page.on("request", lambda r: is_local(r.url) or visit.errors.append(f"external: {r.url}"))
        return context, page

    async def load(self, server: Server, page, visit: Visit, *, polling="raf", timeout_ms=60_000) -> None:
        """Navigate to the dashboard and wait until it is interactive; fill in ``visit``."""
        try:
            response = await page.goto(server.render_url(visit.notebook), wait_until="commit",
                                       timeout=timeout_ms)
            if response is None or response.status != 200:
                visit.errors.append(f"HTTP {response and response.status}")
                return
            await page.wait_for_function(INTERACTIVE_JS, arg=visit.notebook not in (EMPTY, BARE),
                                         polling=polling, timeout=timeout_ms)
            visit.nav = await page.evaluate(NAV_JS)
            visit.ready_ms = visit.nav["ready"]
            visit.kernel_id = visit.nav.get("kernel_id")
            outputs = await page.evaluate(ERRORS_JS)
            visit.errors += [f"error output: {o[:300]}" for o in outputs]
        except Exception as err:  # a timeout or a crash: count it, say what it was
            visit.errors.append(f"not interactive: {type(err).__name__}: {str(err).splitlines()[0][:200]}")
            try:
                visit.kernel_id = await page.evaluate(KERNEL_ID_JS)
            except Exception:
                pass

    async def open(self, server: Server, notebook: str, **kwargs):
        """Open ``notebook`` in a new context; return (visit, context, page) once interactive."""
        visit = Visit(notebook)
        context, page = await self.new_page(visit)
        await self.load(server, page, visit, **kwargs)
        return visit, context, page

    async def operate(self, page, visit: Visit, i: int, queries, *, polling="raf", timeout_ms=15_000):
        """Operate the main control once and wait for its expected view; record the time."""
        try:
            want = await page.evaluate(OPERATE_JS, [i, queries])
        except Exception as err:
            visit.errors.append(f"operate: {type(err).__name__}: {str(err).splitlines()[0][:200]}")
            return None
        if not want.get("ok"):
            visit.errors.append(f"operate: {want.get('why')}")
            return None
        try:
            await page.wait_for_function(VIEW_JS, arg=want, polling=polling, timeout=timeout_ms)
            ms = await page.evaluate("window.__mbcT1 - window.__mbcT0")
            visit.round_trips.append(ms)
            return ms
        except Exception:
            visit.lost += 1
            visit.errors.append(f"lost: {want['kind']} -> {want['text']!r} not shown in {timeout_ms} ms")
            return None


def run(coro):
    return asyncio.run(coro)
