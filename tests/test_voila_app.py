"""mbc_edu.voila_app: the Voila the course runs (route changes only; the browser tests use it)."""
from __future__ import annotations

import pytest
from voila.app import Voila
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

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
