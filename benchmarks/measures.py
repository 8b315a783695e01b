"""The measures of ``python -m benchmarks``; each returns a JSON-able dict.

Every number is paired with a baseline taken in the same run, close in time:

* tables: mbc_edu's cold validate and warm load vs ``csv.reader`` over the same files;
* single user: a dashboard's time to interactive vs ``00-empty`` opened in the same
  repetition; a dashboard's round trip vs ``00-echo``; a dashboard kernel's RSS vs
  ``00-bare`` (imports ipywidgets and plotly only);
* class: when the last of N learners is interactive vs one learner's median TTI;
* where time goes: imports and first calls inside a real kernel, per dashboard.
"""
from __future__ import annotations

import asyncio
import csv
import json
import random
import re
import subprocess
import sys
import time

from .common import (BARE, ECHO, EMPTY, Browser, Server, Visit, browser_cpu, glossary_queries, has_control,
                     loadavg, log, ratio_of_medians, summary)

# ---------------------------------------------------------------- e. tables


def tables(reps: int) -> dict:
    """Cold validate (check_package), cold load (cache cleared) and warm load of all tables."""
    import mbc_edu
    from mbc_edu import tables as t
    from mbc_edu.validation import check_package

    directory = mbc_edu.data_dir()
    package = json.loads((directory / "datapackage.json").read_text())
    files = [directory / r["path"] for r in package["resources"]]
    names = mbc_edu.table_names()

    def csv_baseline():
        for path in files:
            with open(path, newline="", encoding="utf-8") as f:
                list(csv.reader(f))

    def validate():
        check_package(directory)

    def cold_load():
        t._package.cache_clear()
        for name in names:
            mbc_edu.load(name)

    def warm_load():
        for name in names:
            mbc_edu.load(name)

    cold_load()  # imports and file cache warm; the lru_cache is what "cold" clears
    runs = {"csv_reader": [], "validate_cold": [], "load_cold": [], "load_warm": []}
    for _ in range(reps):  # interleaved, so drift hits all alike
        for key, fn in (("csv_reader", csv_baseline), ("validate_cold", validate),
                        ("load_cold", cold_load), ("load_warm", warm_load)):
            start = time.perf_counter()
            fn()
            runs[key].append((time.perf_counter() - start) * 1000)
    out = {key: summary(values) for key, values in runs.items()}
    base = out["csv_reader"]["median"]
    for key in ("validate_cold", "load_cold", "load_warm"):
        out[key]["ratio_to_csv"] = out[key]["median"] / base
    out["tables"] = len(names)
    out["rows"] = sum(len(mbc_edu.load(n)) for n in names)
    return out


# ---------------------------------------------------------------- 4. where time goes

_KERNEL_PROBE = r"""
import json as _j, time as _t
_s, _m = {}, {}
_c = _t.perf_counter()
def _rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
_r = _rss()
def _mark(name):
    global _c, _r
    now, rss = _t.perf_counter(), _rss()
    _s[name] = (now - _c) * 1000; _m[name] = rss - _r; _c, _r = now, rss
import pandas; _mark("import pandas")
import ipywidgets; _mark("import ipywidgets")
import anywidget; _mark("import anywidget")
import mbc_edu; _mark("import mbc_edu (rest)")
mbc_edu.tables._package(mbc_edu.data_dir()); _mark("read + validate tables")
_app = CALL; _mark("build dashboard (1st)")
_app = CALL; _mark("build dashboard (2nd)")
import plotly.graph_objects; _mark("import plotly.graph_objects")
_m["kernel before"] = _r - sum(_m.values())
print("PROBE" + _j.dumps({"ms": _s, "mib": _m}))
"""


def _call_of(notebook_path) -> str:
    nb = json.loads(notebook_path.read_text())
    code = [("".join(c["source"])).strip() for c in nb["cells"] if c["cell_type"] == "code"]
    calls = [line for block in code for line in block.splitlines() if line.startswith("mbc_edu.")]
    return calls[-1] if calls else "None"


def _importtime(module: str) -> dict[str, float]:
    """Import time (ms, cumulative, so nested ones overlap) of each package that
    ``import module`` pulls in, from ``python -X importtime``; largest first."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                         capture_output=True, text=True, timeout=120).stderr
    tops: dict[str, float] = {}
    for line in err.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| *(\S+)", line)
        if m:
            package = m.group(3).split(".")[0]
            tops[package] = max(tops.get(package, 0.0), int(m.group(2)) / 1000)
    return dict(sorted(tops.items(), key=lambda kv: -kv[1]))


def where_time_goes(folder, notebooks: list[str]) -> dict:
    """Kernel start, imports and first calls, timed inside a fresh real kernel per dashboard."""
    from jupyter_client.manager import start_new_kernel

    out = {"importtime_ms": {m: dict(list(_importtime(m).items())[:8])
                             for m in ("mbc_edu", "plotly.graph_objects", "ipykernel.kernelapp")},
           "kernel": {}}
    for name in notebooks:
        start = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3", cwd=str(folder), stderr=subprocess.DEVNULL)
        started = (time.perf_counter() - start) * 1000
        try:
            found = {}

            def on_output(msg):
                text = msg.get("content", {}).get("text", "")
                if "PROBE" in text:
                    found.update(json.loads(text.split("PROBE", 1)[1]))

            code = _KERNEL_PROBE.replace("CALL", _call_of(folder / name))
            kc.execute_interactive(code, timeout=120, output_hook=on_output)
            out["kernel"][name] = {"kernel start + ready": started, **found.get("ms", {})}
            out.setdefault("kernel_mib", {})[name] = found.get("mib", {})
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    return out


# ---------------------------------------------------------------- a, b, d: one learner at a time


async def single_user(server: Server, browser: Browser, notebooks: list[str], reps: int, ops: int,
                      seed: int = 5) -> dict:
    """Open each page ``reps`` times, one at a time, from a fresh context; time it, operate it,
    weigh its kernel. Each repetition opens the pages in a new random order, with ``00-empty``
    at its start, a third and two thirds of the way, and ``00-bare`` (the memory baseline).

    A page's TTI ratio (``tti_x_empty``) is its median TTI over the run divided by the median
    of all the empty page's visits, which are spread through the same run, with a 90%
    bootstrap interval. One empty page's TTI varies by about 110 ms (sd, 12%) from visit to
    visit on 2 CPUs, so the ratio of each visit to its own repetition's three empty visits
    (``tti_ratio_to_empty``, kept for comparison) carries that noise into every ratio.
    """
    from mbc_edu.testing import rss_kib, zmq_sockets

    sockets_before = zmq_sockets(server.voila.process.pid)
    queries = glossary_queries()
    rng = random.Random(seed)
    visits: list[dict] = []
    pools = len(server.kernels())  # one pre-heated kernel per served notebook
    for rep in range(reps):
        others = [n for n in notebooks if n not in (EMPTY,)] + [BARE, ECHO]
        others = list(dict.fromkeys(others))
        rng.shuffle(others)
        third = len(others) // 3
        order = [EMPTY, *others[:third], EMPTY, *others[third:2 * third], EMPTY, *others[2 * third:]]
        for name in order:
            # The last page's pool refill (VoilaKernelManager.fill_delay after it was taken)
            # must not land on this page: wait for full pools, then quiet.
            server.wait_pools(pools)
            cpu0, bcpu0, load = server.cpu(), browser_cpu(), loadavg()
            visit, context, page = await browser.open(server, name)
            cpu1, bcpu1 = server.cpu(), browser_cpu()
            pid = server.kernels().get(visit.kernel_id)
            rss = [rss_kib(pid)] if pid else []
            if visit.ready_ms is not None and has_control(name):
                await asyncio.sleep(0.2)
                for i in range(ops):
                    await browser.operate(page, visit, i, queries)
                    await asyncio.sleep(0.1)
                if pid:
                    rss.append(rss_kib(pid))
            await context.close()
            if visit.kernel_id:
                server.shutdown_kernel(visit.kernel_id)
            visits.append({"rep": rep, "notebook": name, "ready_ms": visit.ready_ms, "nav": visit.nav,
                           "round_trips_ms": visit.round_trips, "lost": visit.lost,
                           "kernel_rss_kib": max(rss) if rss else None, "errors": visit.errors,
                           "server_cpu_s": cpu1 - cpu0, "browser_cpu_s": bcpu1 - bcpu0, "loadavg": load})
            log(f"  rep {rep + 1}/{reps} {name}: TTI {visit.ready_ms and round(visit.ready_ms)} ms, "
                f"RT {[round(x) for x in visit.round_trips]}, RSS {max(rss) // 1024 if rss else '-'} MiB"
                + (f", errors {visit.errors}" if visit.errors else ""))
    result = _single_user_summary(visits, notebooks)
    # Every page view ended: a server that closes what each page opened is back where it began.
    server.wait_pools(pools)
    result["server_zmq_sockets"] = {"before": sockets_before, "after": zmq_sockets(server.voila.process.pid),
                                   "pages": len(visits)}
    return result


def _single_user_summary(visits: list[dict], notebooks: list[str]) -> dict:
    by_rep: dict[int, list[dict]] = {}
    for v in visits:
        by_rep.setdefault(v["rep"], []).append(v)

    def rep_base(rep, name, key):
        values = [v[key] for v in by_rep[rep] if v["notebook"] == name and v[key] is not None]
        return summary(values)["median"] if values else None

    empty_all = [v["ready_ms"] for v in visits if v["notebook"] == EMPTY]
    rows = {}
    for name in [EMPTY, BARE, ECHO, *notebooks]:
        mine = [v for v in visits if v["notebook"] == name]
        if not mine:
            continue
        tti_ratio, mem_ratio = [], []
        for v in mine:
            empty = rep_base(v["rep"], EMPTY, "ready_ms")
            bare = rep_base(v["rep"], BARE, "kernel_rss_kib")
            if v["ready_ms"] is not None and empty:
                tti_ratio.append(v["ready_ms"] / empty)
            if v["kernel_rss_kib"] and bare:
                mem_ratio.append(v["kernel_rss_kib"] / bare)
        nav = lambda key: summary([v["nav"].get(key) for v in mine if v["nav"].get(key) is not None])
        rows[name] = {
            "tti_ms": summary([v["ready_ms"] for v in mine if v["ready_ms"] is not None]),
            "tti_x_empty": ratio_of_medians([v["ready_ms"] for v in mine], empty_all),
            "tti_ratio_to_empty": summary(tti_ratio),
            "html_done_ms": nav("html_done"), "ttfb_ms": nav("ttfb"), "dom_ready_ms": nav("dom_ready"),
            "assets": nav("assets"), "asset_bytes": nav("asset_bytes"), "html_bytes": nav("html_bytes"),
            "round_trip_ms": summary([x for v in mine for x in v["round_trips_ms"]]),
            "kernel_rss_mib": summary([v["kernel_rss_kib"] / 1024 for v in mine if v["kernel_rss_kib"]]),
            "kernel_rss_ratio_to_bare": summary(mem_ratio),
            "server_cpu_s": summary([v["server_cpu_s"] for v in mine]),
            "browser_cpu_s": summary([v["browser_cpu_s"] for v in mine]),
            "lost": sum(v["lost"] for v in mine),
            "errors": [e for v in mine for e in v["errors"]],
        }
    echo_rt = rows.get(ECHO, {}).get("round_trip_ms", {}).get("median")
    all_rt = [x for v in visits if v["notebook"] in notebooks for x in v["round_trips_ms"]]
    for name in notebooks:
        if name in rows and echo_rt:
            rows[name]["round_trip_ratio_to_echo"] = rows[name]["round_trip_ms"]["median"] / echo_rt
    return {"pages": rows, "round_trip_all_dashboards_ms": summary(all_rt),
            "loadavg": summary([v["loadavg"] for v in visits]),
            "round_trip_echo_ms": rows.get(ECHO, {}).get("round_trip_ms"), "visits": visits}


# ---------------------------------------------------------------- c, d: a whole class at once


async def class_at_once(server: Server, browser: Browser, notebooks: list[str], learners: int,
                        ops: int = 2, timeout_s: float = 240) -> dict:
    """``learners`` fresh contexts navigate at the same moment (learner j opens
    ``notebooks[j % len]``); then each operates its control ``ops`` times, all together."""
    from mbc_edu.testing import pss_kib, rss_kib

    queries = glossary_queries()
    visits = [Visit(notebooks[j % len(notebooks)]) for j in range(learners)]
    pages = [await browser.new_page(v) for v in visits]
    server.settle()
    cpu0, bcpu0, load = server.cpu(), browser_cpu(), loadavg()
    t0 = time.time()
    await asyncio.gather(*[browser.load(server, page, v, polling=100, timeout_ms=int(timeout_s * 1000))
                           for v, (_, page) in zip(visits, pages)])
    ready_at = [(v.nav["origin"] + v.ready_ms) / 1000 - t0 if v.ready_ms is not None else None
                for v in visits]
    cpu = {"server_s": server.cpu() - cpu0, "browser_s": browser_cpu() - bcpu0, "loadavg_before": load,
           "loadavg_after": loadavg()}
    pids = server.pids()
    kernels = server.kernels()
    memory = {"server_rss_mib": rss_kib(pids[0]) / 1024,
              "kernels": len(kernels),
              "total_rss_mib": sum(rss_kib(p) for p in pids) / 1024,
              "total_pss_mib": sum(pss_kib(p) for p in pids) / 1024,
              "kernel_rss_mib": summary([rss_kib(p) / 1024 for p in kernels.values()])}

    async def work(v, page):
        if v.ready_ms is None or not has_control(v.notebook):
            return
        for i in range(ops):
            await browser.operate(page, v, i, queries, polling=50, timeout_ms=30_000)

    await asyncio.gather(*[work(v, page) for v, (_, page) in zip(visits, pages)])
    for context, _ in pages:
        await context.close()
    for v in visits:
        if v.kernel_id:
            server.shutdown_kernel(v.kernel_id)
    done = [r for r in ready_at if r is not None]
    return {"learners": learners, "notebooks": sorted(set(notebooks)),
            "interactive": len(done), "last_interactive_s": max(done) if done else None,
            "per_learner_ready_s": summary(done),
            "round_trip_ms": summary([x for v in visits for x in v.round_trips]),
            "lost": sum(v.lost for v in visits),
            "errors": [f"{v.notebook}: {e}" for v in visits for e in v.errors],
            "memory_at_all_open": memory, "cpu_until_all_open": cpu}
