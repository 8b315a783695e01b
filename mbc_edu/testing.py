"""Helpers shared by the browser tests (``tests/browser``) and the benchmarks (``benchmarks``).

* ``READY_JS``, ``KERNEL_ID_JS``, ``KERNEL_ID_RE``, ``CHROMIUM_ARGS``, ``is_local``,
  ``free_port``: how a page is judged ready and which kernel it runs on, how Debian's
  Chromium is started, what counts as "stayed on this machine".
* ``RESOURCES_JS``, ``page_weight``, ``is_text_type``: what a page downloaded (bytes on
  the wire, requests, charting code) and which responses should be compressed.
* ``start_voila(...)`` starts :func:`mbc_edu.serve.voila_command` on a free 127.0.0.1
  port and waits until it answers; ``VoilaServer.wait_until()`` waits for a state of it,
  ``VoilaServer.stop()`` ends it.
* ``kernel_pids``, ``rss_kib``, ``pss_kib``: kernels of a server and their memory, from /proc.

Nothing here reaches beyond 127.0.0.1.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .serve import CONFIG_DIR, voila_command

HOST = "127.0.0.1"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
SERVER_START_TIMEOUT = 60  # seconds
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]

# Ready = Voila's spinner gone, the cells shown, and every widget output drawn. Voila turns
# each output's script into a renderer as the page loads; a widget's renderer (the one
# output kind without a data-mime-type) shows "Loading widget..." until the widget's model
# has come from the kernel and its view is in place (a .jupyter-widgets element). A page of
# text alone has no widget outputs.
READY_JS = """() => {
  if (document.getElementById('loading')) return false;
  const cells = document.getElementById('rendered_cells');
  if (!cells || cells.style.display === 'none') return false;
  const unrendered = [...document.querySelectorAll(
      'script[type="application/vnd.voila.cell-output+json"]')]
    .some((s) => s.textContent.includes('application/vnd.jupyter.widget-view+json'));
  const waiting = [...cells.querySelectorAll('.jp-OutputArea-output:not([data-mime-type])')]
    .some((output) => !output.querySelector('.jupyter-widgets'));
  return !unrendered && !waiting;
}"""


# True once the course's front-end plugin for Voila (widgets drawn when their models arrive,
# share/jupyter/voila/labextensions) is running in the page.
WIDGETS_PLUGIN_ACTIVE_JS = "() => window.jupyterapp.isPluginActivated('@mbc-edu/widgets-on-arrival:plugin')"


# Error outputs: stderr streams and tracebacks (JupyterLab renders both with the
# stderr mime type), and Voila's own "error when executing cell" message.
ERRORS_JS = """() => {
  const found = [];
  for (const el of document.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"],' +
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')) {
    found.push(el.innerText.trim().slice(0, 2000));
  }
  for (const el of document.querySelectorAll('.jp-OutputArea-output')) {
    const text = el.innerText;
    if ((text.includes('Traceback (most recent call last)') ||
         text.includes('There was an error when executing cell')) &&
        !found.includes(text.trim().slice(0, 2000))) {
      found.push(text.trim().slice(0, 2000));
    }
  }
  return found;
}"""

# The id of the kernel a Voila page runs on, from the page's own configuration: in the
# browser (``KERNEL_ID_JS``) or in the page's HTML as the server sent it (``KERNEL_ID_RE``).
KERNEL_ID_JS = "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
KERNEL_ID_RE = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')

# Every response of the page so far (the page itself first), from the browser's own
# Resource Timing: ``wire`` = bytes received (headers + body as sent, so compressed),
# ``body`` = the body as sent, ``decoded`` = after decompression. A fresh browser
# context has an empty cache, so this is a learner's first visit.
RESOURCES_JS = """() => [...performance.getEntriesByType('navigation'),
                         ...performance.getEntriesByType('resource')].map((r) => (
  {url: r.name, wire: r.transferSize, body: r.encodedBodySize, decoded: r.decodedBodySize}))"""

# Charting code: any plotly file (plotly.min.js, which mbc_edu.chart loads where it draws,
# or plotly's JupyterLab extension, which the course's settings leave out).
CHARTING_URL_PART = "plotly"
# Responses tornado leaves uncompressed by design: smaller than this, in one piece.
GZIP_MIN_BYTES = 1024


def is_text_type(content_type: str) -> bool:
    """HTML, JavaScript, CSS, JSON, SVG and other text: what should go out compressed."""
    kind = content_type.split(";")[0].strip().lower()
    return kind.startswith("text/") or kind in (
        "application/javascript", "application/x-javascript", "application/json", "image/svg+xml")


def page_weight(resources: list[dict]) -> dict:
    """Totals of ``RESOURCES_JS``'s list: bytes on the wire, decoded bytes, requests, charting bytes."""
    return {"wire_bytes": sum(r["wire"] for r in resources),
            "decoded_bytes": sum(r["decoded"] for r in resources),
            "requests": len(resources),
            "charting_bytes": sum(r["wire"] for r in resources if CHARTING_URL_PART in r["url"])}


class ServerError(RuntimeError):
    """Voila exited or did not answer in time; the message holds its log."""


def is_local(url: str) -> bool:
    """True for URLs that stay on this machine (or never leave the page)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def chromium() -> str | None:
    """Path of Debian's Chromium (``make chromium`` installs it), or None."""
    return shutil.which("chromium")


@dataclass
class VoilaServer:
    url: str
    log_path: Path
    process: subprocess.Popen
    cwd: Path | None = None  # a temporary directory removed by stop()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def render_url(self, notebook: str) -> str:
        return f"{self.url}voila/render/{notebook}"

    def kernels(self) -> dict[str, int]:
        """Kernel id -> pid of every kernel this server runs now."""
        return kernel_pids(self.process.pid)

    def wait_until(self, what, check, timeout: float, poll: float = 0.25) -> float:
        """Poll ``check()`` until true and return the seconds waited; after ``timeout`` s,
        fail with ``what`` (a text, or a function that tells it then), the kernel count and
        the tail of the server's log."""
        start = time.monotonic()
        while not check():
            if time.monotonic() - start > timeout:
                said = what() if callable(what) else what
                raise AssertionError(f"{said}: not within {timeout:.0f} s ({len(self.kernels())} kernels)\n"
                                     f"server log tail:\n{self.log()[-3000:]}")
            time.sleep(poll)
        return time.monotonic() - start

    def stop(self) -> None:
        """Terminate the server (it shuts its kernels down); kill it if it will not go."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.cwd is not None:
            shutil.rmtree(self.cwd, ignore_errors=True)


@contextmanager
def _notebooks_env(folder: Path | None):
    """Let ``voila_command`` see ``MBC_EDU_NOTEBOOKS=folder`` (restored afterwards)."""
    old = os.environ.get("MBC_EDU_NOTEBOOKS")
    if folder is not None:
        os.environ["MBC_EDU_NOTEBOOKS"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("MBC_EDU_NOTEBOOKS", None)
        else:
            os.environ["MBC_EDU_NOTEBOOKS"] = old


def start_voila(log_path: Path, extra: list[str] | tuple[str, ...] = (), *,
                notebooks: Path | None = None, timeout: float = SERVER_START_TIMEOUT,
                config: dict | None = None) -> VoilaServer:
    """Start Voila on the course (or on ``notebooks``) on a free 127.0.0.1 port.

    Runs in an empty temporary directory so a stray ``./voila.json`` cannot change
    the settings; ``config`` is written there as ``voila.json`` (it takes priority over
    the course settings, key by key). Raises :class:`ServerError` (with the log) if it exits or does not
    answer within ``timeout`` seconds; the caller must ``stop()`` the server.
    """
    port = free_port()
    with _notebooks_env(notebooks):
        argv, env = voila_command(HOST, port, list(extra))
    url = f"http://{HOST}:{port}/"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    cwd = Path(tempfile.mkdtemp(prefix="mbc-voila-cwd-"))
    if config:
        (cwd / "voila.json").write_text(json.dumps(config))
    with open(log_path, "w") as log:
        process = subprocess.Popen(argv, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
    server = VoilaServer(url, log_path, process, cwd)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise ServerError(f"Voila exited with {process.returncode}:\n{server.log()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return server
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                server.stop()
                raise ServerError(f"Voila did not answer at {url} within {timeout:.0f} s:\n{server.log()}")
            time.sleep(0.25)


# ---------------------------------------------------------------- /proc: kernels and memory

def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, grandchildren, ...)."""
    tree, found, todo = _children(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _cmdline(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return [p.decode(errors="replace") for p in f.read().split(b"\0") if p]
    except OSError:
        return []


def kernel_pids(server_pid: int) -> dict[str, int]:
    """Kernel id -> pid for each ipykernel below ``server_pid`` (from its connection file name)."""
    kernels = {}
    for pid in descendants(server_pid):
        argv = _cmdline(pid)
        if any("ipykernel" in a for a in argv):
            for arg in argv:
                name = Path(arg).name
                if name.startswith("kernel-") and name.endswith(".json"):
                    kernels[name[len("kernel-"):-len(".json")]] = pid
    return kernels


def _status_kib(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_kib(pid: int) -> int:
    """Resident set size of ``pid`` in KiB (0 if it is gone)."""
    return _status_kib(pid, "VmRSS")


def pss_kib(pid: int) -> int:
    """Proportional set size (shared pages split between sharers), KiB; 0 if unreadable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def zmq_sockets(pid: int) -> int:
    """ZeroMQ sockets open in ``pid``: the eventfds it holds (ZeroMQ gives each socket one
    for its mailbox, Linux). The server's context allows 1,023."""
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            count += os.readlink(f"/proc/{pid}/fd/{fd}") == "anon_inode:[eventfd]"
        except OSError:  # closed while listed
            pass
    return count


def cpu_seconds(pids) -> float:
    """User + system CPU time used so far by ``pids`` (processes that are gone count 0)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / tick


def pool_size(config_dir: Path = CONFIG_DIR, notebooks: int = 1) -> int:
    """Kernels Voila keeps pre-heated with the course settings (0 without ``preheat_kernel``).

    Voila keeps a pool per notebook: ``default_pool_size`` for each of ``notebooks``
    notebooks, unless ``VoilaKernelManager.kernel_pools_config`` says otherwise.
    """
    try:
        config = json.loads((config_dir / "voila.json").read_text())
    except (OSError, ValueError):
        return 0
    voila = config.get("VoilaConfiguration", {})
    if not voila.get("preheat_kernel"):
        return 0
    default = int(voila.get("default_pool_size", 1))
    pools = config.get("VoilaKernelManager", {}).get("kernel_pools_config", {})
    if not pools:
        return default * notebooks
    base = int(pools.get("default", {}).get("pool_size", default))
    named = {k: int(v.get("pool_size", base)) for k, v in pools.items() if k != "default"}
    return base * max(notebooks - len(named), 0) + sum(named.values())
