"""c''. Class mode: the server started as ``serve --learners N --lesson 3`` opens lesson 3 for N at once.

Its own Voila with :func:`mbc_edu.capacity.class_plan`'s arguments (the same ones
``python -m mbc_edu serve`` passes), waited on until every pre-heated kernel is ready.
Then, on that server: one learner's time to interactive in Chromium (3 times), one
learner's server-side page view (``reps`` times), and N server-side page views at once
(:mod:`benchmarks.protocol`: HTML, then kernel_info and the widget states over the
kernel's websocket). The class's usable-page time is estimated as the last server-side
page plus one browser's own share (its TTI minus its server-side time), and compared
with one learner's TTI: the target is 1.5x.
"""
from __future__ import annotations

import json
import math
import time

from mbc_edu.capacity import class_plan
from mbc_edu.serve import CONFIG_DIR

from . import protocol
from .common import RESULTS, Browser, Server, fmt, log, summary, table

LESSON = 3
TARGET = 1.5


async def class_mode(folder, learners: int, reps: int) -> dict:
    settings = json.loads((CONFIG_DIR / "voila.json").read_text())
    plan = class_plan(folder, settings, learners, LESSON)
    log(f"c''. class mode: {plan.describe()}")
    server = Server(folder, RESULTS / "voila-bench-class.log", extra=plan.voila_args())
    try:
        started = time.monotonic()
        server.wait_kernels(plan.ready)
        log(f"  {plan.ready} pre-heated kernels ready after {time.monotonic() - started:.0f} s")
        tti = []
        async with Browser() as browser:
            for _ in range(3):
                server.wait_kernels(plan.ready)
                visit, context, _ = await browser.open(server, plan.lesson)
                await context.close()
                if visit.kernel_id:
                    server.shutdown_kernel(visit.kernel_id)
                if visit.ready_ms is not None:
                    tti.append(visit.ready_ms)
        result = await protocol.class_at_once(server, [plan.lesson], learners, reps, ready_kernels=plan.ready)
    finally:
        server.stop()
    result.update(plan=plan.describe(), ready_kernels=plan.ready, single_browser_tti_ms=summary(tti))
    one = result["single_browser_tti_ms"]["median"]
    protocol.estimate_usable(result, one)
    log(f"  class mode: one learner {fmt(one)} ms TTI; {learners} at once: last server-side "
        f"{fmt(result['last_ready_s'], 2)} s, estimated usable {fmt(result.get('estimated_last_tti_s'), 2)} s "
        f"({fmt(result.get('estimated_ratio'), 2)}x)")
    return result


def report(r: dict) -> str:
    rows = [[r["learners"], r["ready"], fmt(r["single_ready_s"]["median"], 2), fmt(r["last_ready_s"], 2),
             fmt(r["ratio_to_single"], 1), fmt(r["single_browser_tti_ms"]["median"] / 1000, 2),
             fmt(r.get("estimated_last_tti_s"), 2), fmt(r.get("estimated_ratio"), 2), len(r["errors"]),
             fmt(r["server_cpu_s"]), r["memory_at_all_open"]["kernels"], fmt(r["memory_at_all_open"]["total_rss_mib"])]]
    return table(["learners", "ready", "one s", "last s", "x one", "1 TTI s", "est. last TTI s", "x 1 TTI",
                  "errors", "srv CPU s", "kernels", "RSS MiB"], rows,
                 f"c''. Class mode ({r['plan']}): all at once, server side + one browser's share")


def verdicts(r: dict, add) -> None:
    value = r.get("estimated_ratio", math.nan)
    add(f"class mode, {r['learners']} at once on lesson {LESSON}: estimated last usable page / one learner's TTI",
        value, f"<= {TARGET}", value <= TARGET, "x")
    add(f"class mode, {r['learners']} at once: errors", len(r["errors"]), "0", not r["errors"])
