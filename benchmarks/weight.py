"""Page weight: what a learner's browser downloads for the first page of each lesson.

Each page opens once in a fresh browser context (empty cache, as on a learner's first
visit), until it is interactive, its chart (lesson 6) drawn, and the network quiet. From
the browser's Resource Timing: bytes on the wire (headers + bodies as sent, so compressed),
the same decoded, requests; from the responses' headers: text responses that came uncompressed; and the
bytes of charting code (plotly.js). ``00-empty`` is the floor: Voila's own front end.
"""
from __future__ import annotations

from mbc_edu.testing import GZIP_MIN_BYTES, RESOURCES_JS, is_text_type, page_weight

from .common import EMPTY, Browser, Server, Visit, fmt, log, table

MAX_WIRE_BYTES = 3_000_000
# A chart fetches plotly.js a moment after the page is drawn (mbc_edu/chart.py): count it.
CHART_DONE_JS = """() => [...document.querySelectorAll('.mbc-chart')].every(
  (el) => el.classList.contains('js-plotly-plot') || el.textContent.includes('could not be drawn'))"""


async def weigh(server: Server, browser: Browser, name: str) -> dict:
    """One cold first view of ``name``: totals, uncompressed text responses and errors."""
    visit = Visit(name)
    context, page = await browser.new_page(visit)
    received: dict[str, dict] = {}
    page.on("response", lambda r: received.setdefault(r.url, r.headers))
    try:
        await browser.load(server, page, visit)
        await page.wait_for_function(CHART_DONE_JS, polling=100, timeout=60_000)
        await page.wait_for_load_state("networkidle")
        resources = await page.evaluate(RESOURCES_JS)
    finally:
        await context.close()
    if visit.kernel_id:
        server.shutdown_kernel(visit.kernel_id)
    headers = lambda r: received.get(r["url"], {})
    plain = [r["url"] for r in resources if r["decoded"] >= GZIP_MIN_BYTES
             and is_text_type(headers(r).get("content-type", ""))
             and headers(r).get("content-encoding") != "gzip"]
    return {**page_weight(resources), "uncompressed_text": plain, "errors": visit.errors}


async def page_weights(server: Server, browser: Browser, notebooks: list[str]) -> dict:
    """Weigh ``00-empty`` and every lesson's first page."""
    out = {}
    for name in [EMPTY, *notebooks]:
        server.settle()
        out[name] = w = await weigh(server, browser, name)
        log(f"  {name}: {w['wire_bytes'] / 1e6:.2f} MB on the wire ({w['decoded_bytes'] / 1e6:.2f} MB "
            f"decoded) in {w['requests']} requests; charting {w['charting_bytes'] / 1e6:.2f} MB; "
            f"{len(w['uncompressed_text'])} text response(s) uncompressed")
    return out


def report(weights: dict) -> str:
    rows = [[name.removesuffix(".ipynb"), fmt(w["wire_bytes"] / 1e6, 2), fmt(w["decoded_bytes"] / 1e6, 2),
             w["requests"], fmt(w["charting_bytes"] / 1e6, 2), len(w["uncompressed_text"]), len(w["errors"])]
            for name, w in weights.items()]
    return table(["page", "MB on wire", "MB decoded", "requests", "charting MB", "uncompressed text",
                  "errors"], rows,
                 f"f. Page weight: first view, empty cache (target <= {MAX_WIRE_BYTES / 1e6:.0f} MB on the wire)")


def verdicts(weights: dict, notebooks: list[str], add) -> None:
    """Add the page-weight targets through ``add(name, value, target, holds, unit)``."""
    lessons = [weights[n] for n in notebooks if n in weights]
    if not lessons:
        return
    heaviest = max(w["wire_bytes"] for w in lessons) / 1e6
    add("first page on the wire, heaviest lesson (cold cache)", heaviest, f"<= {MAX_WIRE_BYTES / 1e6:.0f}",
        heaviest <= MAX_WIRE_BYTES / 1e6, "MB")
    plain = sum(len(w["uncompressed_text"]) for w in weights.values())
    add("text responses sent uncompressed, all pages", plain, "0", plain == 0)
