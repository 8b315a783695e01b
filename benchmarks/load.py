"""``python -m benchmarks load``: a bounded load test, 127.0.0.1 only.

    python -m benchmarks load --minutes 3 --learners 30

Starts its own Voila (course settings, ``mbc_edu.serve.voila_command``) and one Chromium
with a context per learner. Until the time is up, each learner opens a random lesson
that has a control, operates it a few times (each operation must produce its expected
view: the chosen topic's heading, the chosen place's name, the count of ticked signs,
the next question, the glossary's match count), closes the tab and starts over. The
kernel of a closed tab is shut down at once, as the page's own beacon would do (so the
test measures page views, not how many idle kernels fit in memory). It stops by itself:
no new page after the deadline, and every wait has a timeout.

Prints the count of page views and operations, the errors and lost operations (target:
0 and 0), time to interactive and round trips under load, and peak memory; the JSON
goes to ``benchmarks/results/load.json``.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
from pathlib import Path

from .common import (RESULTS, Browser, Server, Visit, course_notebooks, fmt, glossary_queries, has_control,
                     log, served_folder, summary, table)


async def _learner(j: int, server: Server, browser: Browser, names: list[str], queries, deadline: float,
                   ops: int, visits: list[Visit], rng: random.Random):
    while time.monotonic() < deadline:
        visit = Visit(rng.choice(names))
        visits.append(visit)
        context, page = await browser.new_page(visit)
        try:
            await browser.load(server, page, visit, polling=200, timeout_ms=180_000)
            if visit.ready_ms is not None:
                for i in range(ops):
                    await asyncio.sleep(rng.uniform(0.5, 2.0))  # a learner reads a little
                    await browser.operate(page, visit, i, queries, polling=50, timeout_ms=30_000)
        finally:
            await context.close()
            if visit.kernel_id:
                await asyncio.to_thread(server.shutdown_kernel, visit.kernel_id)
        await asyncio.sleep(rng.uniform(0.5, 2.0))


async def _run(server: Server, learners: int, minutes: float, ops: int, seed: int) -> dict:
    from mbc_edu.testing import pss_kib, rss_kib

    names = [n for n in course_notebooks() if has_control(n)]
    queries = glossary_queries()
    visits: list[Visit] = []
    peak = {"kernels": 0, "total_rss_mib": 0.0, "total_pss_mib": 0.0}
    stop = asyncio.Event()

    async def watch():
        while not stop.is_set():
            pids = server.pids()
            peak["kernels"] = max(peak["kernels"], len(server.kernels()))
            peak["total_rss_mib"] = max(peak["total_rss_mib"], sum(rss_kib(p) for p in pids) / 1024)
            peak["total_pss_mib"] = max(peak["total_pss_mib"], sum(pss_kib(p) for p in pids) / 1024)
            try:
                await asyncio.wait_for(stop.wait(), 2)
            except asyncio.TimeoutError:
                pass

    start = time.monotonic()
    deadline = start + minutes * 60
    async with Browser() as browser:
        watcher = asyncio.create_task(watch())
        tasks = [_learner(j, server, browser, names, queries, deadline, ops, visits, random.Random(seed + j))
                 for j in range(learners)]
        # Staggered over 10 s: a class does not click in the same millisecond.
        await asyncio.gather(*[_delayed(10 * j / learners, t) for j, t in enumerate(tasks)])
        stop.set()
        await watcher
    elapsed = time.monotonic() - start
    opened = [v for v in visits if v.ready_ms is not None]
    operations = sum(len(v.round_trips) + v.lost for v in visits)
    return {"learners": learners, "minutes": minutes, "seconds": elapsed,
            "page_views": len(visits), "interactive": len(opened),
            "operations": operations, "lost": sum(v.lost for v in visits),
            "errors": [f"{v.notebook}: {e}" for v in visits for e in v.errors],
            "tti_ms": summary([v.ready_ms for v in opened]),
            "round_trip_ms": summary([x for v in visits for x in v.round_trips]),
            "peak": peak, "left_kernels": len(server.kernels())}


async def _delayed(delay: float, coro):
    await asyncio.sleep(delay)
    return await coro


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=3.0, help="how long new pages are opened (default 3)")
    parser.add_argument("--learners", type=int, default=30, help="learners at once (default 30)")
    parser.add_argument("--ops", type=int, default=3, help="operations per page view (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(RESULTS / "load.json"), help="JSON results file")
    parser.add_argument("--voila-config", metavar="JSON", type=json.loads,
                        help='extra Voila settings, e.g. \'{"VoilaExecutor": {"iopub_timeout": 60}}\'')
    args = parser.parse_args(argv)
    if not (0 < args.minutes <= 30 and 0 < args.learners <= 100):
        parser.error("keep it bounded: 0 < minutes <= 30 and 0 < learners <= 100")
    RESULTS.mkdir(parents=True, exist_ok=True)
    with served_folder() as folder:
        server = Server(folder, RESULTS / "voila-load.log", config=args.voila_config)
        try:
            log(f"load: {args.learners} learners for {args.minutes:g} min against {server.url}")
            server.settle(timeout=90)
            result = asyncio.run(_run(server, args.learners, args.minutes, args.ops, args.seed))
        finally:
            server.stop()
    rows = [["page views (interactive)", f"{result['page_views']} ({result['interactive']})"],
            ["operations", result["operations"]],
            ["lost operations (target 0)", result["lost"]],
            ["errors (target 0)", len(result["errors"])],
            ["TTI under load: median / p95 s", f"{fmt(result['tti_ms']['median'] / 1000, 1)} / "
                                               f"{fmt(result['tti_ms']['p95'] / 1000, 1)}"],
            ["round trip under load: median / p95 ms", f"{fmt(result['round_trip_ms']['median'])} / "
                                                       f"{fmt(result['round_trip_ms']['p95'])}"],
            ["peak kernels / RSS MiB / PSS MiB", f"{result['peak']['kernels']} / "
                                                 f"{fmt(result['peak']['total_rss_mib'])} / "
                                                 f"{fmt(result['peak']['total_pss_mib'])}"],
            ["ran for", f"{result['seconds'] / 60:.1f} min"]]
    print("\n" + table(["load test", "value"], rows,
                       f"Load: {args.learners} learners, {args.minutes:g} min, {args.ops} operations per view"))
    for error in result["errors"][:20]:
        print("  ", error)
    result["voila_config"] = args.voila_config
    out = Path(args.out)
    out.write_text(json.dumps(result, indent=1, default=str))
    print(f"Results: {out}")
    return 0 if not result["errors"] and not result["lost"] else 1
