"""Light pages: what a learner's browser downloads for the first page of each lesson.

A fresh browser context (empty cache) opens each lesson and waits until it is ready and
the network is quiet. Then:

* the page and everything it loaded weigh at most 3 MB on the wire;
* every text response (HTML, JavaScript, CSS, JSON) big enough to gain came gzip-encoded
  (``Content-Encoding`` as the browser received it);
* only lesson 6, which draws a chart, requests plotly's charting code (``mbc_edu.chart``
  fetches it once its controls work), and it still draws the chart.
"""
from __future__ import annotations

import pytest

from mbc_edu.serve import notebooks_dir
from mbc_edu.testing import (CHARTING_URL_PART, GZIP_MIN_BYTES, READY_JS, RESOURCES_JS, is_text_type,
                             page_weight)

MAX_WIRE_BYTES = 3_000_000
CHART_LESSONS = {"06-The-numbers.ipynb"}
LESSONS = sorted(p.name for p in notebooks_dir().glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("name", LESSONS)
def test_first_page_is_light(name, voila_server, browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        received: dict[str, dict] = {}
        page.on("response", lambda r: received.setdefault(r.url, r.headers))
        page.goto(voila_server.render_url(name))
        page.wait_for_function(READY_JS, timeout=60_000, polling=100)
        if name in CHART_LESSONS:  # plotly draws after the widgets show
            page.locator(".js-plotly-plot .bars").first.wait_for(state="attached", timeout=30_000)
        page.wait_for_load_state("networkidle")
        resources = page.evaluate(RESOURCES_JS)
    finally:
        context.close()

    weight = page_weight(resources)
    assert weight["wire_bytes"] <= MAX_WIRE_BYTES, (
        f"{name}: {weight['wire_bytes']:,} bytes on the wire in {weight['requests']} requests")

    plain = [f"{r['url']} ({received[r['url']].get('content-type')}, {r['decoded']:,} bytes)"
             for r in resources
             if r["url"] in received and r["decoded"] >= GZIP_MIN_BYTES
             and is_text_type(received[r["url"]].get("content-type", ""))
             and received[r["url"]].get("content-encoding") != "gzip"]
    assert not plain, f"{name}: text sent uncompressed:\n" + "\n".join(plain)
    assert sum(r["url"] in received for r in resources) == len(resources), "a response went unseen"

    charting = [r["url"] for r in resources if CHARTING_URL_PART in r["url"]]
    if name in CHART_LESSONS:
        assert charting, f"{name} draws a chart but loaded no charting code"
    else:
        assert not charting, f"{name} draws no chart but loaded charting code: {charting}"
