"""A plotly figure as a widget whose charting code loads only when, and after, it is drawn.

plotly's JupyterLab extension would put plotly.js (4.8 MB) on every page, parsed before any
widget shows. :class:`Chart` instead fetches ``plotly.min.js`` (the copy shipped inside the
plotly package, served by :mod:`mbc_edu.voila_app` at ``/voila/static/plotly.min.js``, gzip
1.5 MB) the first time a page draws a chart, once the page is shown and the browser idle. If it
cannot load, the chart says so; the page's words give the same figures.
"""
from __future__ import annotations

import json

import anywidget
import traitlets

PLOTLY_JS = "static/plotly.min.js"  # under Voila's /voila/ (the page's data-base-url)

ESM = f"const PLOTLY_JS = {json.dumps(PLOTLY_JS)};" + r"""
let plotly;
function loadPlotly() {
  plotly ??= window.Plotly ? Promise.resolve(window.Plotly) : new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = (document.body.dataset.baseUrl || "/voila/") + PLOTLY_JS;
    script.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error("no Plotly")));
    script.onerror = () => reject(new Error("plotly.js did not load"));
    document.head.appendChild(script);
  });
  return plotly;
}
// Once the page is shown and the chart laid out (so the widgets around it are drawn too),
// half a second and an idle moment later: plotly.js takes the main thread for a while, and
// the page's controls come first.
function pageDrawn(el) {
  return new Promise((resolve) => {
    const check = () => (document.getElementById("loading") || !el.getClientRects().length
      ? requestAnimationFrame(check) : setTimeout(resolve, 500));
    check();
  }).then(() => new Promise((resolve) => {
    if (window.requestIdleCallback) window.requestIdleCallback(resolve, { timeout: 1000 });
    else setTimeout(resolve, 100);
  }));
}
function render({ model, el }) {
  el.classList.add("mbc-chart");
  el.style.width = "100%";  // plotly sizes the chart to this box, and again when it changes
  const resize = new ResizeObserver(() => {
    if (window.Plotly && el.classList.contains("js-plotly-plot")) window.Plotly.Plots.resize(el);
  });
  resize.observe(el);
  const draw = () => pageDrawn(el).then(loadPlotly)
    .then((Plotly) => {
      const figure = model.get("figure");
      return Plotly.react(el, figure.data, figure.layout, model.get("config"));
    })
    .catch((err) => {
      console.warn("mbc-edu: chart not drawn", err);
      el.textContent = "The chart could not be drawn here. The same figures are listed in words below.";
    });
  model.on("change:figure", draw);
  model.on("change:config", draw);
  draw();  // not awaited: the page's controls never wait for the chart
  return () => {
    resize.disconnect();
    if (window.Plotly) window.Plotly.purge(el);
  };
}
export default { render };
"""


class Chart(anywidget.AnyWidget):
    """``Chart(figure, config)``: draws a ``plotly.graph_objects.Figure`` with plotly.js."""

    _esm = traitlets.Unicode(ESM).tag(sync=True)
    figure = traitlets.Dict().tag(sync=True)
    config = traitlets.Dict().tag(sync=True)

    def __init__(self, figure, config: dict | None = None, **kwargs):
        # to_json: plotly's own encoder (numpy arrays, dates) without its renderer machinery.
        super().__init__(figure=json.loads(figure.to_json()), config=dict(config or {}), **kwargs)
