"""Real-browser fixtures: one Voila server and one Chromium per test session.

* ``voila_server`` starts ``mbc_edu.serve.voila_command`` on a free 127.0.0.1 port
  (notebooks from ``MBC_EDU_NOTEBOOKS`` or ``notebooks/``), with tracebacks shown.
  Its log is ``test-artifacts/voila-server.log``.
* ``dashboard(name)`` opens ``/voila/render/<name>`` in a fresh browser context and
  waits until it is ready. At teardown it saves ``test-artifacts/<test>.png`` and
  fails on any request that left localhost, any console error and any error output.
* ``own_voila(log_name, ...)`` starts a Voila of the test's own (other settings or notebooks).
* ``axe_check(page)`` runs axe-core and fails listing every violation.

Chromium is Debian's (``make chromium``); ``playwright install`` is never needed.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Shared with the benchmarks (benchmarks/): page readiness, Chromium flags, the server.
from mbc_edu.serve import notebooks_dir
from mbc_edu.testing import (CHROMIUM_ARGS, ERRORS_JS, READY_JS, SERVER_START_TIMEOUT, ServerError,
                             VoilaServer, is_local, start_voila)

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
READY_TIMEOUT = 30_000  # milliseconds


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("_")


def start_or_fail(log_name: str, extra=(), **kwargs) -> VoilaServer:
    """``start_voila`` with tracebacks shown, its log in ``test-artifacts/<log_name>``; the
    test fails, showing that log, if the server does not start. The caller stops it."""
    try:
        return start_voila(ARTIFACTS / log_name, ["--show_tracebacks=True", *extra], **kwargs)
    except ServerError as err:
        pytest.fail(str(err))


@pytest.fixture(scope="session")
def voila_server() -> VoilaServer:
    folder = notebooks_dir()
    if not folder.is_dir():
        pytest.fail(f"no notebooks folder at {folder} (set MBC_EDU_NOTEBOOKS)")
    # Started outside the repo so a stray ./voila.json cannot change the settings.
    server = start_or_fail("voila-server.log", timeout=SERVER_START_TIMEOUT)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def own_voila():
    """Factory: ``own_voila(log_name, extra_args, notebooks=folder)`` -> a Voila of the test's
    own (see ``start_or_fail``), stopped at teardown."""
    started: list[VoilaServer] = []

    def start(log_name: str, extra=(), **kwargs) -> VoilaServer:
        started.append(start_or_fail(log_name, extra, **kwargs))
        return started[-1]

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if not executable:
        pytest.fail("Chromium not found: run `make chromium` (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Dashboard:
    """An open dashboard page and what it did that a test must not allow."""

    name: str
    page: object
    context: object
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def error_outputs(self) -> list[str]:
        return self.page.evaluate(ERRORS_JS)

    def problems(self) -> list[str]:
        found = [f"external request: {u}" for u in self.external_requests]
        found += [f"console error: {m}" for m in self.console_errors]
        found += [f"error output:\n{text}" for text in self.error_outputs()]
        return found


@pytest.fixture
def dashboard(request, voila_server: VoilaServer, browser):
    """Factory: ``dashboard("01-Start-here.ipynb")`` -> a ready ``Dashboard``.

    ``ready=False`` skips the wait (for tests that wait themselves); ``init_script`` runs in
    the page before any of its own scripts.
    """
    opened: list[Dashboard] = []

    def open_dashboard(notebook: str, *, ready: bool = True, init_script: str | None = None,
                       **context_args) -> Dashboard:
        context = browser.new_context(**context_args)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        board = Dashboard(notebook, page, context)
        opened.append(board)

        def on_request(req):
            if not is_local(req.url):
                board.external_requests.append(req.url)

        def on_console(msg):
            if msg.type == "error":
                board.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")

        page.on("request", on_request)
        page.on("websocket", lambda ws: None if is_local(ws.url)
                else board.external_requests.append(ws.url))
        page.on("console", on_console)
        page.on("pageerror", lambda err: board.console_errors.append(f"uncaught: {err}"))
        # Recorded above, and never let out: a class has no internet either.
        context.route(lambda url: not is_local(url), lambda route: route.abort())

        response = page.goto(voila_server.render_url(notebook), wait_until="domcontentloaded")
        if response is None or response.status != 200:
            pytest.fail(f"{notebook}: HTTP {response and response.status} from Voila\n"
                        f"server log tail:\n{voila_server.log()[-3000:]}")
        if ready:
            try:
                page.wait_for_function(READY_JS, timeout=READY_TIMEOUT, polling=100)
            except Exception as err:  # a timeout: say what the page shows
                pytest.fail(f"{notebook} was not ready within {READY_TIMEOUT // 1000} s "
                            f"({type(err).__name__}); problems so far: {board.problems()}\n"
                            f"server log tail:\n{voila_server.log()[-3000:]}")
        return board

    yield open_dashboard

    ARTIFACTS.mkdir(exist_ok=True)
    failures = []
    for i, board in enumerate(opened):
        stem = _safe_name(request.node.name) + (f"-{i + 1}" if i else "")
        try:
            board.page.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
            problems = board.problems()
        finally:
            board.context.close()
        if problems:
            failures.append(f"{board.name}:\n  " + "\n  ".join(problems))
    assert not failures, "\n".join(failures)


def axe_check(page, context=None, options=None) -> None:
    """Run axe-core on ``page``; fail listing each violation and its nodes."""
    from axe_playwright_python.sync_playwright import Axe

    kwargs = {"context": context}
    if options is not None:
        kwargs["options"] = options
    results = Axe().run(page, **kwargs)
    violations = results.response["violations"]
    if violations:
        lines = []
        for v in violations:
            lines.append(f"{v['id']} ({v.get('impact')}): {v['help']} [{v.get('helpUrl', '')}]")
            for node in v["nodes"]:
                lines.append(f"    {node['target']}: {node.get('failureSummary', '').strip()}"
                             .replace("\n", " "))
        pytest.fail(f"axe: {len(violations)} violation(s)\n" + "\n".join(lines))


@pytest.fixture(name="axe_check")
def axe_check_fixture():
    """The ``axe_check`` helper as a fixture, so tests need no import."""
    return axe_check
