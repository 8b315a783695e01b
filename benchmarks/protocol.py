"""A learner without a browser: what the server must do for a page to become usable.

A class's browsers run on the learners' own computers, but a benchmark on one laptop runs
them next to the server, where 30 Chromium tabs (about 5 CPU seconds each, measured)
swamp 2 cores. This client does only the server's share of a page view, as the page's
JavaScript would:

1. GET ``/voila/render/<notebook>`` and read it to the end (Voila starts a kernel, or
   takes a pre-heated one, and runs the notebook);
2. open the kernel's websocket, ask ``kernel_info``, and open the widget control comm
   with ``request_states``; the page can draw its widgets once ``update_states`` arrives.

"Interactive (server side)" = step 2 answered. 127.0.0.1 only; every wait has a timeout.
"""
from __future__ import annotations

import asyncio
import json
import math
import time
import uuid
from datetime import datetime, timezone

from mbc_edu.testing import KERNEL_ID_RE

from .common import BARE, EMPTY, Server, log, summary

CONTROL_VERSION = "1.0.0"  # ipywidgets 8's widget control protocol


def _message(session: str, msg_type: str, content: dict, channel: str = "shell", metadata=None) -> str:
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "learner", "session": session,
              "date": datetime.now(timezone.utc).isoformat(), "version": "5.3"}
    return json.dumps({"header": header, "parent_header": {}, "metadata": metadata or {}, "content": content,
                       "channel": channel, "buffers": []})


async def page_view(server: Server, notebook: str, timeout: float = 240.0) -> dict:
    """One server-side page view; returns timings (s from the start) and any error."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    out = {"notebook": notebook, "error": None, "kernel_id": None}
    start = time.monotonic()
    out["t0"] = time.time()
    deadline = start + timeout
    try:
        client = AsyncHTTPClient()
        response = await client.fetch(HTTPRequest(server.render_url(notebook), request_timeout=timeout))
        html = response.body.decode(errors="replace")
        out["html_s"] = time.monotonic() - start
        found = KERNEL_ID_RE.search(html)
        if not found:
            raise RuntimeError("no kernelId in the page")
        out["kernel_id"] = kernel_id = found.group(1)
        if "There was an error when executing cell" in html or "Traceback" in html:
            raise RuntimeError("error output in the page")
        if notebook not in (EMPTY, BARE) and "application/vnd.jupyter.widget-view+json" not in html:
            # Seen under load: Voila's executor waits iopub_timeout (4 s) for a cell's
            # output after its reply, then renders the page without it.
            raise RuntimeError("the dashboard's output is missing from the page")
        session = uuid.uuid4().hex
        ws_url = server.url.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels?session_id={session}"
        ws = await asyncio.wait_for(websocket_connect(ws_url), max(deadline - time.monotonic(), 1))
        try:
            await ws.write_message(_message(session, "kernel_info_request", {}))
            comm_id = uuid.uuid4().hex
            await ws.write_message(_message(session, "comm_open", {
                "comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
                metadata={"version": CONTROL_VERSION}))
            await ws.write_message(_message(session, "comm_msg", {
                "comm_id": comm_id, "data": {"method": "request_states"}}))
            info = states = False
            while not (info and states):
                raw = await asyncio.wait_for(ws.read_message(), max(deadline - time.monotonic(), 0.1))
                if raw is None:
                    raise RuntimeError("websocket closed")
                if isinstance(raw, bytes):
                    continue  # binary frames carry widget buffers; not needed here
                msg = json.loads(raw)
                kind = msg.get("msg_type") or msg.get("header", {}).get("msg_type")
                content = msg.get("content", {})
                if kind == "kernel_info_reply":
                    info = True
                    out.setdefault("kernel_s", time.monotonic() - start)
                elif content.get("comm_id") == comm_id and (
                        kind == "comm_close" or content.get("data", {}).get("method") == "update_states"):
                    states = True  # comm_close: no widgets in this notebook (nothing to draw)
                    out["widgets"] = len(content.get("data", {}).get("states", {}))
                    out["answer"] = kind
            out["ready_s"] = time.monotonic() - start
        finally:
            ws.close()
    except Exception as err:  # counted as an error of this learner
        out["error"] = f"{type(err).__name__}: {str(err)[:200]}"
    return out


def estimate_usable(result: dict, one_tti_ms: float | None) -> float:
    """The class's last usable page, estimated: its last server-side page plus one browser's
    own share (``one_tti_ms`` minus one learner's server-side time). Stores it in ``result``
    (``estimated_last_tti_s``) and returns it as a ratio to ``one_tti_ms`` (NaN if unknown)."""
    value = math.nan
    if one_tti_ms and not math.isnan(one_tti_ms) and result["last_ready_s"] is not None \
            and result["single_ready_s"]["n"]:
        front = max(one_tti_ms - result["single_ready_s"]["median"] * 1000, 0)
        result["estimated_last_tti_s"] = (result["last_ready_s"] * 1000 + front) / 1000
        value = result["estimated_last_tti_s"] * 1000 / one_tti_ms
    result["estimated_ratio"] = value
    return value


async def class_at_once(server: Server, notebooks: list[str], learners: int, single_reps: int = 5,
                        ready_kernels: int | None = None) -> dict:
    """Server-side page views: ``single_reps`` one at a time, then ``learners`` at once.

    With ``ready_kernels`` (class mode), each view and the class wait until the pre-heat
    pools are full again (that many kernels) and the server is idle."""
    def settle():
        return server.wait_kernels(ready_kernels) if ready_kernels else server.settle()

    from tornado.httpclient import AsyncHTTPClient

    from mbc_edu.testing import pss_kib, rss_kib

    AsyncHTTPClient.configure(None, max_clients=max(learners, 10))
    names = [notebooks[j % len(notebooks)] for j in range(learners)]
    single = []
    for i in range(single_reps):
        for name in dict.fromkeys(names):
            await asyncio.to_thread(settle)
            view = await page_view(server, name)
            single.append(view)
            if view["kernel_id"]:
                await asyncio.to_thread(server.shutdown_kernel, view["kernel_id"])
    await asyncio.to_thread(settle)
    cpu0 = server.cpu()
    t0 = time.time()
    views = await asyncio.gather(*[page_view(server, n) for n in names])
    cpu = server.cpu() - cpu0
    pids = server.pids()
    memory = {"kernels": len(server.kernels()), "total_rss_mib": sum(rss_kib(p) for p in pids) / 1024,
              "total_pss_mib": sum(pss_kib(p) for p in pids) / 1024}
    for v in views:
        if v["kernel_id"]:
            await asyncio.to_thread(server.shutdown_kernel, v["kernel_id"])
    ready = [v["t0"] + v["ready_s"] - t0 for v in views if "ready_s" in v]
    single_ready = summary([v["ready_s"] for v in single if "ready_s" in v])
    result = {"learners": learners, "notebooks": sorted(set(names)),
              "single_ready_s": single_ready,
              "single_html_s": summary([v["html_s"] for v in single if "html_s" in v]),
              "ready": len(ready), "last_ready_s": max(ready) if ready else None,
              "per_learner_ready_s": summary(ready), "server_cpu_s": cpu,
              "errors": [f"{v['notebook']}: {v['error']}" for v in views + single if v["error"]],
              "memory_at_all_open": memory}
    result["ratio_to_single"] = (result["last_ready_s"] / single_ready["median"]
                                 if ready and single_ready["n"] else None)
    log(f"  server side: one learner {single_ready['median']:.2f} s; {learners} at once: last "
        f"{result['last_ready_s'] or float('nan'):.1f} s, server CPU {cpu:.0f} s, "
        f"{len(result['errors'])} error(s)")
    return result
