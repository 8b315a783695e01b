"""A clickable, keyboard-operable body map (an anywidget drawing plain SVG)."""
from __future__ import annotations

import textwrap
from dataclasses import asdict, dataclass

import anywidget
import pandas as pd
import traitlets

HEIGHT = 480  # the body figure's height in map units


@dataclass(frozen=True)
class MapShape:
    """One way to draw the map: its width, where the body sits, and its label columns."""

    name: str
    width: int
    body_shift: int        # moves the body figure (drawn at x 208-392) left or right
    label_x: tuple         # x of the left and right label columns (None: no left column)
    wrap: int              # letters a label line may hold
    char: float            # about how wide one letter of a label is
    line: int              # height of a label line
    font: float            # label font size, in map units
    gap: int = 10


# Wide screens: labels on both sides of the body. Narrow screens (phones): the body on the
# left and one column of larger labels on the right, so that a label is still at least
# 14 px tall when the map is only about 300 px wide.
WIDE = MapShape("wide", 600, 0, (190, 410), 22, 8.5, 17, 15)
NARROW = MapShape("narrow", 356, -200, (None, 194), 15, 9.8, 20, 17.5)
LINE = WIDE.line

# The body outline (head, neck, trunk, arms, legs), x 208-392 and y 10-470 in map units.
# The body map and the teaching pictures (figures.py) both draw it from here.
BODY = (("circle", {"cx": "300", "cy": "40", "r": "30"}),
        ("path", {"d": "M288 68 h24 v16 h-24 z"}),
        ("path", {"d": "M238 86 Q300 76 362 86 L372 150 L352 250 L248 250 L228 150 Z"}),
        ("path", {"d": "M236 90 L208 250 L226 254 L252 130 Z M364 90 L392 250 L374 254 L348 130 Z"}),
        ("path", {"d": "M250 248 L256 470 L292 470 L300 300 L308 470 L344 470 L350 248 Z"}))


def outline(fill: str = "#f0f0f0", stroke: str = "#6b6b6b", transform: str = "") -> str:
    """The body outline as static SVG markup (a ``<g>``), for pictures drawn without a widget."""
    parts = "".join("<{} {}/>".format(name, " ".join(f'{k}="{v}"' for k, v in attrs.items())) for name, attrs in BODY)
    move = f' transform="{transform}"' if transform else ""
    return f'<g fill="{fill}" stroke="{stroke}" stroke-width="2"{move}>{parts}</g>'


_ESM = r"""
const NS = "http://www.w3.org/2000/svg";
function el(name, attrs, parent) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}
function draw(model, shape, select) {
  const svg = el("svg", { viewBox: `0 0 ${shape.width} ${shape.height}`, role: "group",
                          class: `mbc-bodymap mbc-bodymap-${shape.name}`, "aria-label": model.get("label") });
  const body = el("g", { "aria-hidden": "true", class: "mbc-body",
                         transform: `translate(${shape.body_shift} 0)` }, svg);
  for (const [name, attrs] of shape.body) el(name, attrs, body);
  const groups = [];
  for (const site of shape.sites) {
    const g = el("g", { class: "mbc-site", role: "button", tabindex: "0",
                        "aria-label": site.name, "data-site": site.id }, svg);
    el("rect", { ...site.hit, class: "mbc-hit" }, g);
    el("line", { x1: site.lx, y1: site.ly, x2: site.x, y2: site.y, class: "mbc-leader" }, g);
    el("circle", { cx: site.x, cy: site.y, r: 14, class: "mbc-ring" }, g);
    el("circle", { cx: site.x, cy: site.y, r: 9, class: "mbc-dot" }, g);
    const text = el("text", { x: site.lx + (site.anchor === "end" ? -6 : 6), y: site.ly + 5,
                              "text-anchor": site.anchor, class: "mbc-label",
                              style: `font-size: ${shape.font}px` }, g);
    site.lines.forEach((line, i) => {
      const span = el("tspan", { x: text.getAttribute("x"), dy: i === 0 ? 0 : shape.line }, text);
      span.textContent = line;
    });
    g.addEventListener("click", () => select(site.id));
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(site.id); }
    });
    groups.push(g);
  }
  return [svg, groups];
}
function render({ model, el: host }) {
  function select(id) { model.set("value", id); model.save_changes(); }
  const groups = [];
  host.classList.add("mbc-bodymap-host");
  for (const shape of model.get("shapes")) {
    const [svg, shapeGroups] = draw(model, shape, select);
    host.appendChild(svg);
    groups.push(...shapeGroups);
  }
  function update() {
    for (const g of groups) {
      const on = g.dataset.site === model.get("value");
      g.setAttribute("aria-pressed", on ? "true" : "false");
      g.classList.toggle("mbc-selected", on);
    }
  }
  model.on("change:value", update);
  update();
}
export default { render };
"""

_CSS = """
.mbc-bodymap-host { container-type: inline-size; }
.mbc-bodymap { width: 100%; max-width: 40rem; height: auto; display: block; }
/* Only the shape that fits is drawn: hidden, the other is neither seen nor focusable. */
@container (max-width: 32rem) { .mbc-bodymap-wide { display: none; } }
@container (min-width: 32.01rem) { .mbc-bodymap-narrow { display: none; } }
.mbc-bodymap .mbc-body { fill: #f0f0f0; stroke: #6b6b6b; stroke-width: 2; }
.mbc-site { cursor: pointer; }
.mbc-site:focus { outline: none; }
.mbc-site .mbc-hit { fill: transparent; }
.mbc-site .mbc-leader { stroke: #6b6b6b; stroke-width: 1.5; }
.mbc-site .mbc-ring { fill: transparent; stroke: none; }
.mbc-site:focus-visible .mbc-ring, .mbc-site:hover .mbc-ring { stroke: #1a1a1a; stroke-width: 3; stroke-dasharray: 4 3; }
.mbc-site .mbc-dot { fill: #ffffff; stroke: #0b4f8a; stroke-width: 3; }
.mbc-site.mbc-selected .mbc-dot { fill: #0b4f8a; r: 12; }
.mbc-site .mbc-label { fill: #1a1a1a; }
.mbc-site.mbc-selected .mbc-label { font-weight: 700; text-decoration: underline; }
"""


def layout(sites: pd.DataFrame, shape: MapShape = WIDE) -> list[dict]:
    """Place each site's marker on the body and its label in a column beside it, without overlaps."""
    placed = []
    for left in (True, False):
        if shape.label_x[0] is None and left:
            continue
        one_column = shape.label_x[0] is None
        side = sites if one_column else sites[(sites["map_x"] < 50) == left]
        bottom = 0.0
        for row in side.sort_values("map_y").itertuples():
            lines = textwrap.wrap(row.name, shape.wrap) or [row.name]
            y = float(row.map_y) / 100 * HEIGHT
            label_y = max(y, bottom + shape.line)
            if not one_column:  # two columns have room: keep each label inside the map
                label_y = min(label_y, HEIGHT - shape.line * len(lines))
            bottom = label_y + shape.line * (len(lines) - 1) + shape.gap
            lx = shape.label_x[0] if left else shape.label_x[1]
            width = shape.char * max(map(len, lines)) + 10
            placed.append({"id": row.id, "name": row.name, "lines": lines,
                           "x": round(200 + shape.body_shift + float(row.map_x) / 100 * 200, 1), "y": round(y, 1),
                           "lx": lx, "ly": round(label_y, 1), "anchor": "end" if left else "start",
                           # the label's whole box takes the click, not only its letters
                           "hit": {"x": round(lx - width if left else lx, 1), "y": round(label_y - shape.line + 3, 1),
                                   "width": round(width, 1), "height": shape.line * len(lines) + 3}})
    return placed


def drawing(sites: pd.DataFrame, shape: MapShape) -> dict:
    """What the front end needs to draw one shape of the map."""
    placed = layout(sites, shape)
    height = max([HEIGHT] + [p["hit"]["y"] + p["hit"]["height"] + 4 for p in placed])
    return {**asdict(shape), "height": round(height), "sites": placed, "body": [[n, dict(a)] for n, a in BODY]}


class BodyMap(anywidget.AnyWidget):
    """Body figure with one button per site; ``value`` is the chosen site id.

    It is drawn in two shapes, wide and narrow; the stylesheet shows the one that fits.
    """

    _esm = _ESM
    _css = _CSS
    shapes = traitlets.List(traitlets.Dict()).tag(sync=True)
    value = traitlets.Unicode("").tag(sync=True)
    label = traitlets.Unicode("Body map").tag(sync=True)

    def __init__(self, sites: pd.DataFrame, **kwargs):
        super().__init__(shapes=[drawing(sites, shape) for shape in (WIDE, NARROW)], **kwargs)
