"""``python -m benchmarks`` (``make bench``): how the course holds up for a whole class.

    python -m benchmarks                 # everything, about 15-20 min on a busy 2-core laptop
    python -m benchmarks --quick         # a smoke run (~3 min), small counts
    python -m benchmarks --only tables,where
    python -m benchmarks --only classmode   # serve --learners 30 --lesson 3; the class opens lesson 3 at once
    python -m benchmarks load --minutes 3 --learners 30   # bounded load test (see load.py)
    python -m benchmarks report [results.json]            # print a results file's tables again

Real Chromium (Debian's) against a real Voila started with ``mbc_edu.serve.voila_command``
on 127.0.0.1, serving a temporary copy of the course notebooks plus baseline notebooks.
Every figure is a ratio to a baseline measured in the same run. Prints tables and writes
``benchmarks/results/latest.json``.
"""
from __future__ import annotations

import argparse
import json
import math
import platform
import sys
import time

from . import classmode, measures, protocol, weight
from .common import (BARE, ECHO, EMPTY, RESULTS, Browser, Server, course_notebooks, fmt, log,
                     run, served_folder, table)

# One page load varies by about 12% (sd) from visit to visit on 2 CPUs: at 30 visits a page
# (90 of the empty one) a TTI ratio's standard error is about 3%, at 15 it was 4.5%.
REPS = 30
MEASURES = ("tables", "where", "weight", "single", "class", "protocol", "classmode")
TARGETS = {"tti_ratio": 1.25, "round_trip_p95_ms": 100, "class_ratio": 3.0, "kernel_rss_ratio": 1.3,
           "tables_ms": 100}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["load"]:
        from .load import main as load_main
        return load_main(argv[1:])
    if argv[:1] == ["report"]:  # print the tables and verdicts of a results file again
        path = argv[1] if len(argv) > 1 else str(RESULTS / "latest.json")
        results = json.loads(open(path).read())
        print(_report(results, course_notebooks()))
        return 0
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smoke run with small counts")
    parser.add_argument("--only", default=",".join(MEASURES), help=f"comma-separated subset of {MEASURES}")
    parser.add_argument("--reps", type=int, help=f"single-user repetitions per page (default {REPS}; quick 1)")
    parser.add_argument("--learners", type=int, help="learners at once (default 30; quick 10)")
    parser.add_argument("--out", default=str(RESULTS / "latest.json"), help="JSON results file")
    parser.add_argument("--voila-config", metavar="JSON", type=json.loads,
                        help="extra Voila settings for this run, e.g. a bigger pre-heat pool: "
                             '\'{"VoilaKernelManager": {"kernel_pools_config": {"default": {"pool_size": 1}, '
                             '"03-Where-it-spreads.ipynb": {"pool_size": 30}}}}\'')
    args = parser.parse_args(argv)
    only = {m.strip() for m in args.only.split(",") if m.strip()}
    unknown = only - set(MEASURES)
    if unknown:
        parser.error(f"unknown measure(s): {', '.join(sorted(unknown))}")
    reps = args.reps or (1 if args.quick else REPS)
    learners = args.learners or (10 if args.quick else 30)
    notebooks = course_notebooks()

    started = time.monotonic()
    results = {"when": time.strftime("%Y-%m-%d %H:%M:%S"), "quick": args.quick,
               "machine": {"cpus": _cpus(), "python": platform.python_version(),
                           "platform": platform.platform()},
               "targets": TARGETS, "settings": _settings(), "voila_config": args.voila_config}
    with served_folder() as folder:
        if "tables" in only:
            log("e. tables: cold validate, cold and warm load vs csv.reader")
            results["tables"] = measures.tables(30 if args.quick else 200)
        if "where" in only:
            log("4. where time goes: imports and first calls in a fresh kernel per dashboard")
            picks = notebooks[2:3] + notebooks[5:6] if args.quick else notebooks
            results["where"] = measures.where_time_goes(folder, picks)
        if only & {"weight", "single", "class", "protocol"}:
            RESULTS.mkdir(parents=True, exist_ok=True)
            server = Server(folder, RESULTS / "voila-bench.log", config=args.voila_config)
            try:
                log(f"Voila at {server.url} (pid {server.voila.process.pid}); waiting for it to be idle")
                server.settle(timeout=90)
                results.update(run(_browser_measures(server, notebooks, only, reps, learners, args.quick)))
            finally:
                server.stop()
        if "classmode" in only:
            results["classmode"] = run(classmode.class_mode(folder, learners, 1 if args.quick else 5))
    results["seconds"] = time.monotonic() - started
    out = _write(results, args.out)  # first: a report that fails must not lose the measures
    text = _report(results, notebooks)
    print("\n" + text + f"\n\n(run took {results['seconds'] / 60:.1f} min)")
    results["report"] = text
    out = _write(results, args.out)
    print(f"Results: {out}")
    return 0


def _report(results: dict, notebooks: list[str]) -> str:
    """The printed tables and the targets' verdicts (stored in ``results`` too)."""
    results["verdicts"] = _verdicts(results, notebooks)
    report = []
    if "tables" in results:
        report.append(_tables_report(results["tables"]))
    if "where" in results:
        report.append(_where_report(results["where"]))
    if "single" in results:
        report.append(_single_report(results["single"], notebooks))
    if "class" in results:
        report.append(_class_report(results["class"]))
    if "weight" in results:
        report.append(weight.report(results["weight"]))
    if "protocol" in results:
        report.append(_protocol_report(results["protocol"]))
    if "classmode" in results:
        report.append(classmode.report(results["classmode"]))
    report.append(_verdict_report(results["verdicts"]))
    return "\n\n".join(report)


async def _browser_measures(server, notebooks, only, reps, learners, quick) -> dict:
    out = {}
    async with Browser() as browser:
        log("warm-up: each page once (not measured)")
        for name in ([EMPTY, "03-Where-it-spreads.ipynb"] if quick else [EMPTY, BARE, ECHO, *notebooks]):
            visit, context, _ = await browser.open(server, name)
            await context.close()
            if visit.kernel_id:
                server.shutdown_kernel(visit.kernel_id)
        if "weight" in only:
            log("f. page weight: each page's first view, empty cache")
            out["weight"] = await weight.page_weights(server, browser, notebooks)
        if "single" in only:
            log(f"a/b/d. one learner at a time: {reps} repetition(s) of every page")
            out["single"] = await measures.single_user(server, browser, notebooks, reps, 3 if quick else 6)
        if "class" in only:
            # One round: with 30 tabs on the server's own 2 CPUs, the tabs dominate (see c').
            rounds = [["03-Where-it-spreads.ipynb"]]
            out["class"] = []
            for names in rounds:
                server.settle(timeout=60)
                log(f"c/d. {learners} learners at once on {', '.join(names) if len(names) < 3 else 'all lessons'}")
                result = await measures.class_at_once(server, browser, names, learners)
                log(f"  last interactive after {fmt(result['last_interactive_s'], 1)} s, "
                    f"{len(result['errors'])} error(s)")
                out["class"].append(result)
        one_learner = {}  # inside: the browser is open
        if "protocol" in only and "single" not in out:
            log("one learner, 3 times, in the browser (for the class estimate below)")
            name, visits = "03-Where-it-spreads.ipynb", []
            try:
                for _ in range(3):
                    server.settle()
                    visit, context, _ = await browser.open(server, name)
                    await context.close()
                    if visit.kernel_id:
                        server.shutdown_kernel(visit.kernel_id)
                    visits.append(visit.ready_ms)
            except Exception as err:  # seen: the browser gone under us; the estimate is left out
                log(f"  could not time one learner in the browser: {type(err).__name__}: {err}")
            one_learner[name] = {"tti_ms": measures.summary([v for v in visits if v is not None])}
    if "protocol" in only:
        out["protocol"] = []
        for names, single_reps in [(["03-Where-it-spreads.ipynb"], 1 if quick else 5),
                                   *([] if quick else [(list(notebooks), 1)])]:
            log(f"c'. {learners} learners at once, server side only (no browser), on "
                f"{', '.join(names) if len(names) < 3 else 'all lessons'}")
            result = await protocol.class_at_once(server, names, learners, single_reps)
            # One learner's TTI in the browser, to add the browser's own share to the
            # server-side times: from this run's single-user measure, else measured above.
            pages = out.get("single", {}).get("pages", {}) or one_learner
            tti = [pages[n]["tti_ms"]["median"] for n in names if n in pages]
            result["single_browser_tti_ms"] = max(tti) if tti and not math.isnan(max(tti)) else None
            out["protocol"].append(result)
    return out


# ---------------------------------------------------------------- report


def _ratio(a, b):
    return a / b if a is not None and b and not math.isnan(a) and not math.isnan(b) else math.nan


def _tables_report(t: dict) -> str:
    rows = [[key, fmt(t[key]["median"], 2), fmt(t[key]["p95"], 2), fmt(t[key].get("ratio_to_csv"), 1)]
            for key in ("csv_reader", "validate_cold", "load_cold", "load_warm")]
    return table(["all tables", "median ms", "p95 ms", "x csv.reader"], rows,
                 f"e. Tables ({t['tables']} tables, {t['rows']} rows; {t['csv_reader']['n']} runs each)")


def _where_report(w: dict) -> str:
    parts = []
    for module, tops in w["importtime_ms"].items():
        parts.append(f"python -X importtime -c 'import {module}' (cumulative ms): "
                     + ", ".join(f"{k} {v:.0f}" for k, v in tops.items()))
    steps = list(next(iter(w["kernel"].values())).keys()) if w["kernel"] else []
    rows = [[name.removesuffix(".ipynb")] + [fmt(v.get(s)) for s in steps] for name, v in w["kernel"].items()]
    parts.append(table(["in a fresh kernel (ms)"] + [s.replace("import ", "imp. ") for s in steps], rows))
    mem = w.get("kernel_mib", {})
    msteps = list(next(iter(mem.values())).keys()) if mem else []
    rows = [[name.removesuffix(".ipynb")] + [fmt(v.get(s), 1) for s in msteps] for name, v in mem.items()]
    if rows:
        parts.append(table(["kernel RSS added (MiB)"] + [s.replace("import ", "imp. ") for s in msteps], rows))
    return "4. Where time goes\n" + "\n".join(parts)


def _single_report(s: dict, notebooks: list[str]) -> str:
    pages = s["pages"]
    rows = []
    for name in [EMPTY, BARE, ECHO, *notebooks]:
        p = pages.get(name)
        if not p:
            continue
        x = p["tti_x_empty"]
        rows.append([name.removesuffix(".ipynb"), fmt(p["tti_ms"]["median"]), fmt(p["tti_ms"]["p95"]),
                     fmt(x["ratio"], 2), f"{fmt(x['low'], 2)}-{fmt(x['high'], 2)}",
                     fmt(p["tti_ratio_to_empty"]["median"], 2),
                     fmt(p["html_done_ms"]["median"]), fmt(p["tti_ms"]["median"] - p["html_done_ms"]["median"]),
                     fmt(p["round_trip_ms"]["median"]), fmt(p["round_trip_ms"]["p95"]),
                     fmt(p["kernel_rss_mib"]["median"]), fmt(p["kernel_rss_ratio_to_bare"]["median"], 2),
                     fmt(p["server_cpu_s"]["median"], 1), fmt(p["browser_cpu_s"]["median"], 1),
                     p["lost"], len(p["errors"])])
    head = ["page", "TTI ms", "p95", "x empty", "90% interval", "x rep", "server ms", "front ms", "RT ms", "RT p95",
            "kernel MiB", "x bare", "srv CPU s", "browser CPU s", "lost", "errors"]
    rt = s["round_trip_all_dashboards_ms"]
    return (table(head, rows, "a/b/d. One learner at a time (TTI = navigation -> first control usable; "
                              "x empty = median TTI / the empty page's median TTI, both over the whole run; "
                              "x rep = median of each visit / its repetition's 3 empty visits; "
                              "server = HTML done; front = the rest; RT = control -> new view)")
            + f"\nRound trip, all dashboards: median {fmt(rt['median'])} ms, p95 {fmt(rt['p95'])} ms "
              f"over {rt['n']} operations (echo baseline median "
              f"{fmt((s.get('round_trip_echo_ms') or {}).get('median'))} ms)"
            + f"\nMachine load average during these runs: median {fmt(s['loadavg']['median'], 1)} "
              f"(max {fmt(s['loadavg']['max'], 1)}) on {_cpus()} CPUs"
            + (f"\nServer's ZeroMQ sockets: {z['before']} before and {z['after']} after {z['pages']} page views "
               f"(its context allows 1,023)" if (z := s.get("server_zmq_sockets")) else ""))


def _class_report(rounds: list[dict]) -> str:
    rows = []
    for r in rounds:
        m = r["memory_at_all_open"]
        rows.append([", ".join(n.removesuffix(".ipynb") for n in r["notebooks"]) if len(r["notebooks"]) < 3
                     else "all lessons", r["learners"], r["interactive"], fmt(r["last_interactive_s"], 1),
                     fmt(r["per_learner_ready_s"]["median"], 1), fmt(r.get("ratio_to_single"), 1),
                     fmt(r["round_trip_ms"]["median"]), fmt(r["round_trip_ms"]["p95"]), r["lost"],
                     len(r["errors"]), m["kernels"], fmt(m["total_rss_mib"]), fmt(m["total_pss_mib"]),
                     fmt(r["cpu_until_all_open"]["server_s"]), fmt(r["cpu_until_all_open"]["browser_s"]),
                     fmt(r["cpu_until_all_open"]["loadavg_after"], 1)])
    return table(["class opens", "learners", "ready", "last s", "median s", "x single", "RT ms", "RT p95",
                  "lost", "errors", "kernels", "RSS MiB", "PSS MiB", "srv CPU s", "browser CPU s", "load"], rows,
                 "c/d. A whole class at once, 30 Chromium tabs on this same 2-CPU machine (server = Voila "
                 "+ kernels, from /proc, when all are open; browser CPU is the tabs' share)")


def _protocol_report(rounds: list[dict]) -> str:
    rows = []
    for r in rounds:
        m = r["memory_at_all_open"]
        rows.append([", ".join(n.removesuffix(".ipynb") for n in r["notebooks"]) if len(r["notebooks"]) < 3
                     else "all lessons", r["learners"], r["ready"], fmt(r["single_ready_s"]["median"], 2),
                     fmt(r["last_ready_s"], 1), fmt(r["per_learner_ready_s"]["median"], 1),
                     fmt(r["ratio_to_single"], 1), fmt((r.get("single_browser_tti_ms") or math.nan) / 1000, 1),
                     fmt(r.get("estimated_last_tti_s"), 1), fmt(r.get("estimated_ratio"), 1),
                     len(r["errors"]), fmt(r["server_cpu_s"]),
                     m["kernels"], fmt(m["total_rss_mib"]), fmt(m["total_pss_mib"])])
    return table(["class opens", "learners", "ready", "one s", "last s", "median s", "x one",
                  "1 TTI s", "est. last TTI s", "x 1 TTI", "errors",
                  "srv CPU s", "kernels", "RSS MiB", "PSS MiB"], rows,
                 "c'. A whole class at once, server side only (HTML + widget states over the kernel "
                 "websocket, no browser: the browsers of a class run on the learners' computers)")


def _verdicts(results: dict, notebooks: list[str]) -> list[dict]:
    out = []

    def add(name, value, target, holds, unit=""):
        out.append({"measure": name, "value": value, "target": target, "unit": unit,
                    "holds": None if value is None or (isinstance(value, float) and math.isnan(value)) else holds})

    single = results.get("single", {}).get("pages", {})
    for name in notebooks:
        if name in single:
            v = single[name]["tti_x_empty"]["ratio"]
            add(f"TTI {name.removesuffix('.ipynb')} / empty (medians over the run)", v, f"<= {TARGETS['tti_ratio']}",
                v <= TARGETS["tti_ratio"], "x")
    if single:
        rt = results["single"]["round_trip_all_dashboards_ms"]["p95"]
        add("widget round trip p95, all dashboards", rt, f"< {TARGETS['round_trip_p95_ms']}",
            rt < TARGETS["round_trip_p95_ms"], "ms")
        ratios = [single[n]["kernel_rss_ratio_to_bare"]["median"] for n in notebooks if n in single]
        worst = max((r for r in ratios if not math.isnan(r)), default=math.nan)
        add("kernel RSS / bare kernel (worst dashboard, median)", worst, f"<= {TARGETS['kernel_rss_ratio']}",
            worst <= TARGETS["kernel_rss_ratio"], "x")
    for r in results.get("class", []):
        single_ms = [single[n]["tti_ms"]["median"] for n in r["notebooks"] if n in single]
        r["ratio_to_single"] = _ratio((r["last_interactive_s"] or math.nan) * 1000,
                                      max(single_ms) if single_ms else None)
        label = r["notebooks"][0].removesuffix(".ipynb") if len(r["notebooks"]) == 1 else "all lessons"
        add(f"{r['learners']} at once, tabs on this machine ({label}): last TTI / single TTI", r["ratio_to_single"],
            f"<= {TARGETS['class_ratio']}", r["ratio_to_single"] <= TARGETS["class_ratio"], "x")
        add(f"{r['learners']} at once, tabs on this machine ({label}): errors + lost", len(r["errors"]) + r["lost"], "0",
            not r["errors"] and not r["lost"])
    for r in results.get("protocol", []):
        label = r["notebooks"][0].removesuffix(".ipynb") if len(r["notebooks"]) == 1 else "all lessons"
        # Estimated last TTI of a real class (browsers on their own computers): the last
        # server-side ready time plus one learner's browser share (TTI - server-side time).
        tti = r.get("single_browser_tti_ms") or max(
            (single[n]["tti_ms"]["median"] for n in r["notebooks"] if n in single), default=None)
        r["single_browser_tti_ms"] = tti
        value = protocol.estimate_usable(r, tti)
        add(f"{r['learners']} at once, server side + one browser's share ({label}): last TTI / single TTI",
            value, f"<= {TARGETS['class_ratio']}", value <= TARGETS["class_ratio"], "x")
        add(f"{r['learners']} at once, server side ({label}): errors", len(r["errors"]), "0", not r["errors"])
    if "classmode" in results:
        classmode.verdicts(results["classmode"], add)
    if "weight" in results:
        weight.verdicts(results["weight"], notebooks, add)
    t = results.get("tables")
    if t:
        add("load all tables, warm (median)", t["load_warm"]["median"], f"< {TARGETS['tables_ms']}",
            t["load_warm"]["median"] < TARGETS["tables_ms"], "ms")
        add("validate all tables, cold (median)", t["validate_cold"]["median"], f"< {TARGETS['tables_ms']}",
            t["validate_cold"]["median"] < TARGETS["tables_ms"], "ms")
    return out


def _verdict_report(verdicts: list[dict]) -> str:
    rows = [[v["measure"], fmt(v["value"], 2) + (f" {v['unit']}" if v["unit"] else ""), v["target"],
             {True: "holds", False: "MISSED", None: "-"}[v["holds"]]] for v in verdicts]
    return table(["measure", "value", "target", "verdict"], rows, "Targets")


# ---------------------------------------------------------------- bits


def _cpus() -> int:
    import os
    return len(os.sched_getaffinity(0))


def _settings() -> dict:
    from mbc_edu.serve import CONFIG_DIR
    try:
        return json.loads((CONFIG_DIR / "voila.json").read_text())
    except (OSError, ValueError):
        return {}


def _write(results: dict, path: str):
    """Write the JSON; a run of some measures (--only) keeps the others' last results."""
    from pathlib import Path

    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists() and any(m not in results for m in MEASURES):
        try:
            old = json.loads(out.read_text())
            kept = {m: old[m] for m in MEASURES if m in old and m not in results}
            if kept:
                results = {**results, "kept_from": old.get("when"), **kept}
        except (OSError, ValueError):
            pass
    out.write_text(json.dumps(results, indent=1, default=str, allow_nan=True))
    return out


if __name__ == "__main__":
    sys.exit(main())
