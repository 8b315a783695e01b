"""A clickable, keyboard-operable body map (an anywidget drawing plain SVG)."""
from __future__ import annotations

import textwrap

import anywidget
import pandas as pd
import traitlets

WIDTH, HEIGHT = 600, 480
BODY_LEFT, BODY_WIDTH = 200, 200
LINE, GAP, WRAP = 17, 10, 22
CHAR = 8.5  # about how wide one letter of a 15px label is

_ESM = r"""
const NS = "http://www.w3.org/2000/svg";
function el(name, attrs, parent) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}
function render({ model, el: host }) {
  const svg = el("svg", { viewBox: "0 0 600 480", role: "group", class: "mbc-bodymap",
                          "aria-label": model.get("label") });
  const body = el("g", { "aria-hidden": "true", class: "mbc-body" }, svg);
  el("circle", { cx: 300, cy: 40, r: 30 }, body);
  el("path", { d: "M288 68 h24 v16 h-24 z" }, body);
  el("path", { d: "M238 86 Q300 76 362 86 L372 150 L352 250 L248 250 L228 150 Z" }, body);
  el("path", { d: "M236 90 L208 250 L226 254 L252 130 Z M364 90 L392 250 L374 254 L348 130 Z" }, body);
  el("path", { d: "M250 248 L256 470 L292 470 L300 300 L308 470 L344 470 L350 248 Z" }, body);
  const groups = {};
  function select(id) { model.set("value", id); model.save_changes(); }
  for (const site of model.get("sites")) {
    const g = el("g", { class: "mbc-site", role: "button", tabindex: "0",
                        "aria-label": site.name, "data-site": site.id }, svg);
    el("rect", { ...site.hit, class: "mbc-hit" }, g);
    el("line", { x1: site.lx, y1: site.ly, x2: site.x, y2: site.y, class: "mbc-leader" }, g);
    el("circle", { cx: site.x, cy: site.y, r: 14, class: "mbc-ring" }, g);
    el("circle", { cx: site.x, cy: site.y, r: 9, class: "mbc-dot" }, g);
    const text = el("text", { x: site.lx + (site.anchor === "end" ? -6 : 6), y: site.ly + 5,
                              "text-anchor": site.anchor, class: "mbc-label" }, g);
    site.lines.forEach((line, i) => {
      const span = el("tspan", { x: text.getAttribute("x"), dy: i === 0 ? 0 : 17 }, text);
      span.textContent = line;
    });
    g.addEventListener("click", () => select(site.id));
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(site.id); }
    });
    groups[site.id] = g;
  }
  function update() {
    for (const [id, g] of Object.entries(groups)) {
      const on = id === model.get("value");
      g.setAttribute("aria-pressed", on ? "true" : "false");
      g.classList.toggle("mbc-selected", on);
    }
  }
  model.on("change:value", update);
  update();
  host.appendChild(svg);
}
export default { render };
"""

_CSS = """
.mbc-bodymap { width: 100%; max-width: 40rem; height: auto; display: block; }
.mbc-bodymap .mbc-body { fill: #f0f0f0; stroke: #6b6b6b; stroke-width: 2; }
.mbc-site { cursor: pointer; }
.mbc-site:focus { outline: none; }
.mbc-site .mbc-hit { fill: transparent; }
.mbc-site .mbc-leader { stroke: #6b6b6b; stroke-width: 1.5; }
.mbc-site .mbc-ring { fill: transparent; stroke: none; }
.mbc-site:focus-visible .mbc-ring, .mbc-site:hover .mbc-ring { stroke: #1a1a1a; stroke-width: 3; stroke-dasharray: 4 3; }
.mbc-site .mbc-dot { fill: #ffffff; stroke: #0b4f8a; stroke-width: 3; }
.mbc-site.mbc-selected .mbc-dot { fill: #0b4f8a; r: 12; }
.mbc-site .mbc-label { font-size: 15px; fill: #1a1a1a; }
.mbc-site.mbc-selected .mbc-label { font-weight: 700; text-decoration: underline; }
"""


def layout(sites: pd.DataFrame) -> list[dict]:
    """Place each site's marker on the body and its label in a column beside it, without overlaps."""
    placed = []
    for left in (True, False):
        side = sites[(sites["map_x"] < 50) == left].sort_values("map_y")
        bottom = 0.0
        for row in side.itertuples():
            lines = textwrap.wrap(row.name, WRAP) or [row.name]
            y = float(row.map_y) / 100 * HEIGHT
            label_y = min(max(y, bottom + LINE), HEIGHT - LINE * len(lines))
            bottom = label_y + LINE * (len(lines) - 1) + GAP
            lx = 190 if left else 410
            width = CHAR * max(map(len, lines)) + 10
            placed.append({"id": row.id, "name": row.name, "lines": lines,
                           "x": round(BODY_LEFT + float(row.map_x) / 100 * BODY_WIDTH, 1), "y": round(y, 1),
                           "lx": lx, "ly": round(label_y, 1), "anchor": "end" if left else "start",
                           # the label's whole box takes the click, not only its letters
                           "hit": {"x": round(lx - width if left else lx, 1), "y": round(label_y - 14, 1),
                                   "width": round(width, 1), "height": LINE * (len(lines) - 1) + 20}})
    return placed


class BodyMap(anywidget.AnyWidget):
    """Body figure with one button per site; ``value`` is the chosen site id."""

    _esm = _ESM
    _css = _CSS
    sites = traitlets.List(traitlets.Dict()).tag(sync=True)
    value = traitlets.Unicode("").tag(sync=True)
    label = traitlets.Unicode("Body map").tag(sync=True)

    def __init__(self, sites: pd.DataFrame, **kwargs):
        super().__init__(sites=layout(sites), **kwargs)
