"""mbc_edu.voila_app and the course's Voila plugin: the Voila the course runs (the browser tests use it)."""
from __future__ import annotations

from pathlib import Path

import pytest
from jupyterlab_server.config import get_federated_extensions
from voila.app import Voila
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler
from voila.utils import get_voila_labextensions_path

from mbc_edu.serve import SHARE_DIR
from mbc_edu.voila_app import CourseVoila, NoDelayKernelWebsocket


class Other:
    pass


def test_kernel_websocket_route_sets_no_delay(monkeypatch):
    routes = [("/api/kernels/(?P<kernel_id>x)/channels", VoilaKernelWebsocketHandler),
              ("/voila/static/(.*)", Other, {"paths": ["a"]})]
    monkeypatch.setattr(Voila, "init_handlers", lambda self: routes)
    handlers = CourseVoila.__new__(CourseVoila).init_handlers()
    assert handlers == [("/api/kernels/(?P<kernel_id>x)/channels", NoDelayKernelWebsocket),
                        ("/voila/static/(.*)", Other, {"paths": ["a"]})]


def test_no_delay_is_set_before_the_kernel_connects(monkeypatch):
    calls = []

    async def connect(self, kernel_id):
        calls.append(("open", kernel_id))

    monkeypatch.setattr(VoilaKernelWebsocketHandler, "open", connect)
    handler = NoDelayKernelWebsocket.__new__(NoDelayKernelWebsocket)
    handler.set_nodelay = lambda value: calls.append(("nodelay", value))
    with pytest.raises(StopIteration):  # run the coroutine without an event loop (tests may hold one)
        handler.open("k1").send(None)
    assert calls == [("nodelay", True), ("open", "k1")]


def test_voila_finds_the_widgets_on_arrival_plugin(monkeypatch):
    """The course's front-end plugin for Voila (share/jupyter/voila/labextensions) is found on
    the JUPYTER_PATH that ``make serve`` and the Hub's learners' servers set."""
    monkeypatch.setenv("JUPYTER_PATH", str(SHARE_DIR))
    found = get_federated_extensions(get_voila_labextensions_path())
    plugin = found["@mbc-edu/widgets-on-arrival"]
    assert plugin["ext_dir"].startswith(str(SHARE_DIR))
    assert (Path(plugin["ext_path"]) / plugin["jupyterlab"]["_build"]["load"]).is_file()
