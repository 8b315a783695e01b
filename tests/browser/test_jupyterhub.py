"""Past one machine, for real: the course through a real JupyterHub on localhost.

The Hub (``jupyterhub`` from PyPI) runs with its proxy (``configurable-http-proxy`` from
npm, installed by ``make hub-proxy`` into ``.venv/hub``), a local process spawner that
starts each learner's own single-user Jupyter server, and a shared test password for
two learners. Each learner logs in with Chromium and opens a lesson through the Hub's Voila
route, ``/user/<name>/voila/render/notebooks/...``. The single-user servers get the
course's template and settings the way the README says: ``mbc_edu/share/jupyter`` on
``JUPYTER_PATH`` and its ``config`` folder on ``JUPYTER_CONFIG_PATH``.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mbc_edu.serve import CONFIG_DIR, SHARE_DIR
from mbc_edu.testing import ERRORS_JS, HOST, READY_JS, WIDGETS_PLUGIN_ACTIVE_JS, free_port, is_local

REPO = Path(__file__).resolve().parents[2]
PROXY = REPO / ".venv" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
LEARNERS = ("learner1", "learner2")
PASSWORD = "class-of-2026"
LESSON = "notebooks/03-Where-it-spreads.ipynb"
START_TIMEOUT = 60  # seconds for the Hub to answer


def hub_config(workdir: Path, port: int) -> str:
    """A jupyterhub_config.py for two test learners, everything on 127.0.0.1."""
    bin_dir = Path(sys.executable).parent
    environment = {"JUPYTER_PATH": str(SHARE_DIR), "JUPYTER_CONFIG_PATH": str(CONFIG_DIR),
                   "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    settings = {
        "JupyterHub.ip": HOST, "JupyterHub.port": port,
        "JupyterHub.hub_ip": HOST, "JupyterHub.hub_port": free_port(),
        "ConfigurableHTTPProxy.api_url": f"http://{HOST}:{free_port()}",
        "ConfigurableHTTPProxy.command": [str(PROXY)],
        "JupyterHub.db_url": f"sqlite:///{workdir / 'hub.sqlite'}",
        "JupyterHub.cookie_secret_file": str(workdir / "cookie_secret"),
        "JupyterHub.pid_file": str(workdir / "hub.pid"),
        "JupyterHub.authenticator_class": "shared-password",
        "SharedPasswordAuthenticator.user_password": PASSWORD,
        "Authenticator.allowed_users": list(LEARNERS),
        "JupyterHub.spawner_class": "simple",
        "SimpleLocalProcessSpawner.home_dir_template": str(workdir / "home" / "{username}"),
        "Spawner.cmd": [str(bin_dir / "jupyterhub-singleuser")],
        # CI runs as root, where a Jupyter server refuses to start without this flag.
        "Spawner.args": ["--allow-root"] if os.geteuid() == 0 else [],
        "Spawner.notebook_dir": str(REPO),
        "Spawner.environment": environment,
        "Spawner.start_timeout": 90,
        "Spawner.http_timeout": 90,
    }
    lines = [f"c.{key} = {json.dumps(value)}" for key, value in settings.items()]
    return "\n".join(lines).replace("= true", "= True").replace("= false", "= False") + "\n"


def wait_for_hub(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"JupyterHub exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/hub/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)  # polling the Hub's health endpoint, not waiting for a fixed time
    pytest.fail(f"JupyterHub did not answer within {START_TIMEOUT} s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    if not PROXY.exists():
        pytest.fail(f"configurable-http-proxy not found at {PROXY}: run `make hub-proxy` (npm)")
    workdir = tmp_path_factory.mktemp("hub")
    port = free_port()
    (workdir / "jupyterhub_config.py").write_text(hub_config(workdir, port))
    log = REPO / "test-artifacts" / "jupyterhub.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", "jupyterhub_config.py"],
                                   cwd=workdir, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    url = f"http://{HOST}:{port}"
    try:
        wait_for_hub(url, process, log)
        yield url, log
    finally:
        process.terminate()  # the Hub stops the learners' servers and its proxy on the way out
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


@pytest.mark.parametrize("learner", LEARNERS)
def test_learner_opens_a_lesson_through_the_hub(hub, browser, learner):
    url, log = hub
    context = browser.new_context()
    external = []
    context.route(lambda u: not is_local(u), lambda route: (external.append(route.request.url), route.abort()))
    page = context.new_page()
    try:
        page.goto(f"{url}/hub/login")
        page.get_by_label("Username").fill(learner)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{url}/**", timeout=30_000)
        # The Hub spawns this learner's own server on first use, then sends the browser on.
        page.goto(f"{url}/user/{learner}/voila/render/{LESSON}")
        page.wait_for_url(re.compile(rf"/user/{learner}/voila/render/{re.escape(LESSON)}(\?.*)?$"), timeout=120_000)
        page.wait_for_function(READY_JS, timeout=120_000, polling=200)
        # The course's template (one <main>, the lesson's title) and its working dashboard.
        expect(page.locator("main#rendered_cells")).to_have_count(1)
        expect(page).to_have_title(re.compile("Where it spreads"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("3. Where it spreads")
        page.get_by_role("radio", name="Brain", exact=True).check()
        expect(page.locator(".mbc-app [aria-live=polite] > h2")).to_have_text("Brain", timeout=30_000)
        # The course's front-end plugin for Voila is found on the same JUPYTER_PATH.
        assert page.evaluate(WIDGETS_PLUGIN_ACTIVE_JS)
        assert page.evaluate(ERRORS_JS) == []
        assert external == []
        page.screenshot(path=str(REPO / "test-artifacts" / f"jupyterhub-{learner}.png"), full_page=True)
    except Exception:
        print(log.read_text()[-4000:])
        raise
    finally:
        context.close()
