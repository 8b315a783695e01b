"""Serve the course notebooks to a class as Voila dashboards, fully offline.

``python -m mbc_edu serve [--host 127.0.0.1] [--port 8866] [--no-browser]
[--learners N --lesson L] [--max-kernels N] [voila args...]``

It serves on exactly ``--port``: when that port is taken (often by a course server still
running), it says so and stops, where Voila alone would move to another port unannounced.

Class mode (``--learners 30 --lesson 3``) pre-heats lesson 3 for 30 learners; the server
runs at most ``--max-kernels`` kernels (default: half of the memory). Both are checked
against the cap and the free memory before Voila starts (``mbc_edu/capacity.py``).

This runs Voila (``python -m mbc_edu.voila_app <notebooks dir>``: ``python -m voila`` with
gzip compression that works, see ``mbc_edu/voila_app.py``) with two search paths prepended:

* ``JUPYTER_PATH`` gets ``mbc_edu/share/jupyter``, where Voila finds our ``mbc-edu``
  template (no CDN links, a ``<main>`` landmark, ``/`` redirects to the start page);
* ``JUPYTER_CONFIG_PATH`` gets ``mbc_edu/share/jupyter/config``, where Voila reads
  ``voila.json`` (template, light theme, sources stripped, kernel culling). The
  settings are explained in ``mbc_edu/share/jupyter/config/README.md``. A
  ``voila.json`` in the directory you start from, or in ``~/.jupyter``, takes priority.

The notebooks are ``notebooks/`` next to the package (``mbc_edu/../notebooks``);
set ``MBC_EDU_NOTEBOOKS`` to serve another folder. Arguments this command does
not know are passed to Voila, e.g. ``--show_tracebacks=True``.
"""
from __future__ import annotations

import argparse
import errno
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from .capacity import CapacityError, class_plan, meminfo

PACKAGE_DIR = Path(__file__).resolve().parent
SHARE_DIR = PACKAGE_DIR / "share" / "jupyter"
CONFIG_DIR = SHARE_DIR / "config"
START_PAGE = "01-Start-here.ipynb"


def notebooks_dir() -> Path:
    """The folder of notebooks to serve: ``$MBC_EDU_NOTEBOOKS`` or ``mbc_edu/../notebooks``."""
    override = os.environ.get("MBC_EDU_NOTEBOOKS")
    return Path(override).resolve() if override else PACKAGE_DIR.parent / "notebooks"


def start_url(host: str, port: int) -> str:
    """URL of the course start page."""
    return f"http://{host}:{port}/voila/render/{START_PAGE}"


def port_in_use(host: str, port: int) -> bool:
    """True when a server already listens on ``host:port`` (binding as Voila will, with
    SO_REUSEADDR, so a port that a stopped server has just let go counts as free)."""
    try:
        addresses = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        return False  # an unknown host: Voila says so itself
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(address)
            except OSError as err:
                if err.errno == errno.EADDRINUSE:
                    return True
    return False


def _prepend(env: dict[str, str], name: str, path: Path) -> None:
    rest = env.get(name)
    env[name] = os.pathsep.join([str(path), rest]) if rest else str(path)


def voila_command(host: str = "127.0.0.1", port: int = 8866,
                  extra: tuple[str, ...] | list[str] = (), *,
                  open_browser: bool = False) -> tuple[list[str], dict[str, str]]:
    """Return ``(argv, env)`` that start Voila on the course notebooks.

    ``extra`` is appended to Voila's arguments (later arguments win). Tests and
    benchmarks use this too, so no browser is opened unless ``open_browser``.
    """
    env = dict(os.environ)
    _prepend(env, "JUPYTER_PATH", SHARE_DIR)
    _prepend(env, "JUPYTER_CONFIG_PATH", CONFIG_DIR)
    argv = [sys.executable, "-m", "mbc_edu.voila_app", str(notebooks_dir()),
            f"--Voila.ip={host}", f"--port={port}", "--Voila.port_retries=0",
            *([] if open_browser else ["--no-browser"]), *extra]
    return argv, env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mbc_edu serve",
        description="Serve the course notebooks as Voila dashboards (offline). "
                    "Other arguments are passed to Voila.")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this computer only)")
    parser.add_argument("--port", type=int, default=8866, help="port (default: 8866)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.add_argument("--learners", type=int, help="class mode: pre-heat --lesson for this many learners")
    parser.add_argument("--lesson", type=int, help="class mode: the lesson's number, e.g. 3")
    parser.add_argument("--max-kernels", type=int, help="most kernels at once, pre-heated ones included "
                        "(default: as many as fit in half of this computer's memory)")
    args, extra = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    if (args.learners is None) != (args.lesson is None):
        parser.error("class mode needs both --learners and --lesson, e.g. --learners 30 --lesson 3")
    if any(n is not None and n < 1 for n in (args.learners, args.lesson, args.max_kernels)):
        parser.error("--learners, --lesson and --max-kernels must be 1 or more")

    folder = notebooks_dir()
    if not folder.is_dir():
        print(f"No notebooks folder at {folder} (set MBC_EDU_NOTEBOOKS).", file=sys.stderr)
        return 1
    if port_in_use(args.host, args.port):
        print(f"Cannot start: port {args.port} on {args.host} is already in use, perhaps by the course "
              f"served earlier (try {start_url(args.host, args.port)}). Stop that server, or serve "
              f"on another port: make serve PORT={args.port + 1} (or --port {args.port + 1}).",
              file=sys.stderr)
        return 2
    try:
        plan = class_plan(folder, json.loads((CONFIG_DIR / "voila.json").read_text()),
                          args.learners, args.lesson, args.max_kernels)
        plan.check(meminfo().get("MemAvailable"))
    except CapacityError as err:
        print(err, file=sys.stderr)
        return 2
    # A browser opens the server's root, which redirects to the start page.
    cmd, env = voila_command(args.host, args.port, [*plan.voila_args(), *extra],
                             open_browser=not args.no_browser)
    print(f"Serving {folder}\n{plan.describe()}\n"
          f"Course start page: {start_url(args.host, args.port)}", flush=True)
    if os.name == "posix":
        # Become Voila, so that a stop signal (Ctrl-C, SIGTERM) reaches the server itself:
        # with a child process, SIGTERM would end only this wrapper and leave Voila running.
        os.execve(cmd[0], cmd, env)
    try:
        return subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        return 130
