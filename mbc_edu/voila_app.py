"""Voila as ``python -m voila`` runs it, except that ``compress_response`` works,
``/voila/static/plotly.min.js`` is served (for :class:`mbc_edu.chart.Chart`), and the
kernel websocket sends each message at once (:class:`NoDelayKernelWebsocket`).

Voila copies ``Voila.tornado_settings`` into its web application after creating it, but
tornado decides when the application is created whether to gzip responses, so
``{"Voila": {"tornado_settings": {"compress_response": true}}}`` alone changes nothing.
:class:`CourseVoila` adds tornado's gzip transform when that setting is on: every text
response (the page, Voila's JavaScript and CSS, the widget extensions, JSON) then goes
out gzip-compressed to browsers that accept it, about a quarter of its size.
plotly.js comes from the plotly package's own ``package_data`` folder, looked up last, so
none of Voila's files is shadowed. ``mbc_edu.serve`` starts this module instead of ``voila``.
"""
from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from tornado.web import GZipContentEncoding
from voila.app import Voila
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler


PLOTLY_JS_DIR = Path(find_spec("plotly").submodule_search_locations[0]) / "package_data"


class NoDelayKernelWebsocket(VoilaKernelWebsocketHandler):
    """The page's kernel websocket with TCP_NODELAY set, as tornado advises for websockets.

    Without it, Nagle's algorithm holds a small message back until the browser's delayed
    ACK of the last one (40 ms on Linux): every kernel reply and widget update waited for it,
    twice before a lesson's first control is drawn.
    """

    async def open(self, kernel_id):
        self.set_nodelay(True)
        await super().open(kernel_id)


class CourseVoila(Voila):
    """Voila whose ``tornado_settings`` may turn gzip compression on, serving plotly.min.js,
    with :class:`NoDelayKernelWebsocket` on the kernel websocket route."""

    def setup_template_dirs(self):
        super().setup_template_dirs()
        self.static_paths.append(str(PLOTLY_JS_DIR))

    def init_handlers(self):
        return [(spec[0], NoDelayKernelWebsocket, *spec[2:]) if spec[1] is VoilaKernelWebsocketHandler else spec
                for spec in super().init_handlers()]

    def listen(self):
        settings = self.tornado_settings
        wants_gzip = settings.get("compress_response") or settings.get("gzip")
        if wants_gzip and GZipContentEncoding not in self.app.transforms:
            self.app.add_transform(GZipContentEncoding)
        super().listen()


main = CourseVoila.launch_instance

if __name__ == "__main__":
    main()
