"""Teaching pictures for lessons 2, 5, 7, 8 (two), 10 and 11, drawn as plain SVG; their words come from figures.csv.

Each picture is hidden from screen readers (``aria-hidden``); its labels are real text beside it
and its caption says in words what it shows. Shapes and patterns, not colour alone, tell parts apart.
"""
from __future__ import annotations

from math import hypot

from .bodymap import outline
from .render import Page, esc, urgency
from .tables import load

INK, BLUE, ORANGE, GREY = "#1a1a1a", "#0b4f8a", "#a63d00", "#595959"  # each over 4.5:1 on white
BODY_BOX = "196 4 210 472"  # the body outline with a small margin, in body units
# Whole-body medicine: dots in the head, trunk, both arms and both legs.
DOTS = ((290, 32), (312, 50), (262, 112), (300, 100), (338, 112), (280, 150), (320, 160), (262, 200),
        (300, 190), (338, 202), (280, 234), (320, 234), (238, 150), (362, 150), (222, 220), (378, 220),
        (272, 300), (328, 300), (274, 380), (326, 380), (274, 450), (326, 450))
TARGET = (330, 130)  # the one spot a treatment for one area is aimed at
BREAST = (316, 160)  # where the cancer started (lesson 2)
NODES = ((348, 114), (357, 102), (360, 118))  # lymph nodes under the arm, small rings (the path ends at the first)
FEVER_AT = 160  # where 100.4 F sits along the thermometer's tube (lesson 11)
STEP = 40  # one numbered box of the pain scale and its gap (lesson 8)
LINE = 'style="margin:.2rem 0;line-height:1.4"'


def parts(figure: str, page: Page | None = None):
    """The rows of one picture, indexed by id (cited on ``page`` when given)."""
    rows = load("figures")
    rows = rows[rows["figure"] == figure].sort_values(["part", "order"])
    if rows.empty:
        raise KeyError(f"no picture {figure!r}")
    return (page.cite(rows) if page else rows).set_index("id", drop=False)


def one(rows, part: str) -> str:
    """The text of the picture's single row of ``part`` (title, caption or alt)."""
    return rows[rows["part"] == part]["text"].iloc[0]


def svg(view_box: str, body: str, width: str) -> str:
    """A picture that screen readers skip: its words are in the labels and caption around it."""
    return (f'<svg viewBox="{view_box}" aria-hidden="true" focusable="false" '
            f'style="width:{width};max-width:100%;height:auto;flex:none">{body}</svg>')


def frame(rows, picture: str, level: int) -> str:
    """Title, picture and labels, then the caption: what the picture shows and what it teaches.

    Its sources are cited on the page (:func:`parts`) and named with the lesson's other sources.
    """
    return (f'<figure class="mbc-picture" style="margin:.8rem 0;break-inside:avoid;column-span:all">'
            f'<h{level}>{esc(one(rows, "title"))}</h{level}>{picture}'
            f'<figcaption style="margin-top:.5rem"><strong>What the picture shows:</strong> '
            f'{esc(one(rows, "alt"))} {esc(one(rows, "caption"))}</figcaption></figure>')


def panel(picture: str, label: str) -> str:
    """One picture with its label beside it (below it when there is no room)."""
    return (f'<div style="display:flex;flex-wrap:wrap;align-items:center;gap:.8rem;flex:1 1 16rem">'
            f'{picture}<p style="flex:1 1 10rem;margin:0;line-height:1.4">{esc(label)}</p></div>')


def row(panels: list[str]) -> str:
    """Panels side by side, wrapping one under another on a narrow screen."""
    return f'<div style="display:flex;flex-wrap:wrap;gap:1rem 2rem">{"".join(panels)}</div>'


def beside(picture: str, words: str) -> str:
    """A picture with its words (a list, a key) next to it, or below it on a narrow screen."""
    return (f'<div style="display:flex;flex-wrap:wrap;align-items:flex-start;gap:1rem 2rem">{picture}'
            f'<div style="flex:1 1 12rem">{words}</div></div>')


def labels_of(rows):
    """The picture's labels, in order."""
    return rows[rows["part"] == "label"]


def ends(left: str, right: str) -> str:
    """Words under the two ends of a line (a time line, a scale), each kept to its own end."""
    return (f'<p style="display:flex;justify-content:space-between;gap:1rem;margin:.2rem 0">'
            f'<span style="flex:none;max-width:45%">{esc(left)}</span><span style="text-align:right">{esc(right)}</span></p>')


def arrow(start, end, colour: str, width: int = 4, dashes: str = "none", head: int = 14) -> str:
    """A straight line from ``start`` to ``end`` (solid, or dashed), with an arrowhead at ``end``."""
    (x1, y1), (x2, y2) = start, end
    length = hypot(x2 - x1, y2 - y1)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    bx, by, side = x2 - head * ux, y2 - head * uy, head / 2
    return (f'<line x1="{x1:g}" y1="{y1:g}" x2="{bx:.1f}" y2="{by:.1f}" stroke="{colour}" stroke-width="{width}" '
            f'stroke-dasharray="{dashes}"/><path d="M{x2:.1f} {y2:.1f}L{bx - side * uy:.1f} {by + side * ux:.1f}'
            f'L{bx + side * uy:.1f} {by - side * ux:.1f}z" fill="{colour}"/>')


def toward(start, end, gap: float):
    """The point ``gap`` units short of ``end`` on the way from ``start``."""
    (x1, y1), (x2, y2) = start, end
    length = hypot(x2 - x1, y2 - y1)
    return x2 - gap * (x2 - x1) / length, y2 - gap * (y2 - y1) / length


def marks(labels) -> str:
    """A numbered ring at each label's place (its x, y on the body outline)."""
    return "".join(f'<circle cx="{r.x:g}" cy="{r.y:g}" r="13" fill="#ffffff" stroke="{BLUE}" stroke-width="3"/>'
                   f'<text x="{r.x:g}" y="{r.y + 6:g}" text-anchor="middle" font-size="17" font-weight="700" '
                   f'fill="{INK}">{n}</text>' for n, r in enumerate(labels.itertuples(), 1))


def names(labels) -> str:
    """The list that names each numbered ring."""
    items = "".join(f"<li>{esc(text)}</li>" for text in labels["text"])
    return f'<ol style="margin:0;line-height:1.6">{items}</ol>'


def treatment(page: Page | None = None, level: int = 3) -> str:
    """Lesson 7: medicine reaching the whole body next to a treatment aimed at one spot."""
    rows = parts("treatment", page)
    labels = labels_of(rows)["text"].tolist()
    dots = "".join(f'<circle cx="{x}" cy="{y}" r="7" fill="{BLUE}"/>' for x, y in DOTS)
    x, y = TARGET  # the beam: a dashed arrow from outside the body, a ring round the spot
    beam = (arrow((402, 36), (x + 10, y - 18), ORANGE, 6, "12 6", 24) +
            f'<circle cx="{x}" cy="{y}" r="16" fill="none" stroke="{ORANGE}" stroke-width="4"/>'
            f'<circle cx="{x}" cy="{y}" r="5" fill="{ORANGE}"/>')
    pictures = [svg(BODY_BOX, outline() + dots, "6.5rem"), svg(BODY_BOX, outline() + beam, "6.5rem")]
    return frame(rows, row([panel(p, t) for p, t in zip(pictures, labels)]), level)


def bar(colour: str, start: str, width: str, dashes: str = "none") -> str:
    """One bar of the time line (solid, or made of dashes), over a thin grey line that runs the whole way."""
    return (f'<svg width="100%" height="30" aria-hidden="true" focusable="false" style="display:block">'
            f'<line x1="0" y1="15" x2="100%" y2="15" stroke="{GREY}" stroke-width="2"/>'
            f'<svg x="{start}" width="{width}" height="30"><line x1="0" y1="15" x2="100%" y2="15" stroke="{colour}" '
            f'stroke-width="24" stroke-dasharray="{dashes}"/></svg>'
            f'<rect x="{start}" y="3" width="{width}" height="24" fill="none" stroke="{INK}" stroke-width="2"/></svg>')


def living(page: Page | None = None, level: int = 4) -> str:
    """Lesson 8: palliative care spans the whole time line; hospice sits at its end."""
    rows = parts("palliative-care", page)
    palliative, hospice, start, later = labels_of(rows)["text"]
    time_arrow = (f'<div style="display:flex;align-items:center">'
                  f'<svg width="100%" height="16" aria-hidden="true" focusable="false"><line x1="1" y1="8" x2="100%" y2="8" stroke="{INK}" '
                  f'stroke-width="2"/><line x1="2" y1="1" x2="2" y2="15" stroke="{INK}" stroke-width="3"/></svg>'
                  f'<svg width="12" height="16" aria-hidden="true" focusable="false" style="flex:none"><path d="M0 2L12 8L0 14z" fill="{INK}"/></svg></div>')
    timeline = (f'<div style="max-width:40rem"><p {LINE}>{esc(palliative)}</p>{bar(BLUE, "0", "100%")}'
                f'<p {LINE}>{esc(hospice)}</p>{bar(ORANGE, "75%", "25%", "10 5")}{time_arrow}{ends(start, later)}</div>')
    return frame(rows, timeline, level)


def glossary(page: Page | None = None, level: int = 2) -> str:
    """Lesson 10: numbered marks on the body outline, with a list naming each number."""
    rows = parts("body-parts", page)
    labels = labels_of(rows)
    return frame(rows, beside(svg(BODY_BOX, outline() + marks(labels), "12rem"), names(labels)), level)


def spread(page: Page | None = None, level: int = 4) -> str:
    """Lesson 2: from a spot in the breast, a dashed path to the lymph nodes under the arm and solid
    arrows (the blood) to the numbered places where breast cancer most often grows."""
    rows = parts("spread", page)
    labels = labels_of(rows)
    places, (start, lymph, blood) = labels[labels["x"].notna()], labels[labels["x"].isna()]["text"]
    spot = f'<circle cx="{BREAST[0]}" cy="{BREAST[1]}" r="10" fill="{INK}"/>'
    rings = "".join(f'<circle cx="{x}" cy="{y}" r="5" fill="#ffffff" stroke="{BLUE}" stroke-width="3"/>' for x, y in NODES)
    to_nodes = arrow(toward(NODES[0], BREAST, 12), toward(BREAST, NODES[0], 7), BLUE, 4, "6 4", 10)
    to_places = "".join(arrow(toward((r.x, r.y), BREAST, 14), toward(BREAST, (r.x, r.y), 17), ORANGE)
                        for r in places.itertuples())
    body = svg(BODY_BOX, outline() + to_places + to_nodes + rings + spot + marks(places), "14rem")
    samples = [svg("0 0 60 24", f'<circle cx="30" cy="12" r="10" fill="{INK}"/>', "3.75rem"),
               svg("0 0 60 24", arrow((2, 12), (46, 12), BLUE, 4, "6 4", 10) +
                   f'<circle cx="52" cy="12" r="5" fill="#ffffff" stroke="{BLUE}" stroke-width="3"/>', "3.75rem"),
               svg("0 0 60 24", arrow((2, 12), (58, 12), ORANGE), "3.75rem")]
    key = "".join(panel(sample, text) for sample, text in zip(samples, (start, lymph, blood)))
    return frame(rows, beside(body, names(places) + f'<div style="display:grid;gap:.6rem;margin-top:.8rem">{key}</div>'),
                 level)


def getting_ready(page: Page | None = None, level: int = 2) -> str:
    """Lesson 5: before, during and after any test, each with a simple drawing and one line."""
    rows = parts("getting-ready", page)
    line = f'stroke="{INK}" stroke-width="3" fill="none" stroke-linecap="round"'
    checklist = (f'<rect x="16" y="8" width="48" height="54" rx="4" fill="#ffffff" stroke="{INK}" stroke-width="3"/>'
                 f'<rect x="30" y="3" width="20" height="10" rx="2" fill="{BLUE}"/>' +
                 "".join(f'<rect x="22" y="{y}" width="9" height="9" {line}/><path d="M24 {y + 4}l3 3l5 -7" {line}/>'
                         f'<path d="M37 {y + 5}h20" {line}/>' for y in (20, 33, 46)))
    scanner = (f'<circle cx="44" cy="32" r="22" fill="none" stroke="{BLUE}" stroke-width="10"/>'
               f'<circle cx="16" cy="38" r="6" fill="{GREY}"/><rect x="24" y="34" width="44" height="9" rx="4" fill="{GREY}"/>'
               f'<rect x="4" y="46" width="72" height="6" fill="{INK}"/><path d="M14 52v10M66 52v10" {line}/>')
    results = (f'<rect x="4" y="12" width="44" height="44" rx="3" fill="#ffffff" stroke="{INK}" stroke-width="3"/>'
               f'<rect x="4" y="12" width="44" height="11" fill="{BLUE}"/>' +
               "".join(f'<rect x="{x}" y="{y}" width="6" height="6" fill="{GREY}"/>' for x in (11, 23, 35) for y in (29, 42)) +
               f'<circle cx="26" cy="45" r="8" fill="none" stroke="{ORANGE}" stroke-width="3"/>'
               f'<rect x="56" y="14" width="20" height="40" rx="4" fill="#ffffff" stroke="{INK}" stroke-width="3"/>'
               f'<path d="M61 24h10M61 31h10M61 38h6" {line}/>')
    drawings = [svg("0 0 80 64", picture, "5rem") for picture in (checklist, scanner, results)]
    return frame(rows, row([panel(d, t) for d, t in zip(drawings, labels_of(rows)["text"])]), level)


def fever(page: Page | None = None, level: int = 2) -> str:
    """Lesson 11: a thermometer with a thick line at 100.4 F (38 C) and stripes past it, with how urgent
    a fever during treatment is (the care team's level, read from urgency_levels.csv)."""
    rows = parts("fever", page)
    levels = load("urgency_levels").set_index("id")
    if page:
        page.cite(levels.loc[["call-now"]])
    mark, label = labels_of(rows)["text"]
    stripes = "".join(f'<path d="M{x} 56l8 -16" stroke="{INK}" stroke-width="2"/>' for x in range(FEVER_AT + 16, 238, 10))
    thermometer = (f'<text x="{FEVER_AT}" y="15" text-anchor="middle" font-size="16" font-weight="700" fill="{INK}">'
                   f'{esc(mark)}</text><path d="M{FEVER_AT - 9} 20h18l-9 11z" fill="{INK}"/>'
                   f'<rect x="30" y="36" width="220" height="24" rx="12" fill="#ffffff" stroke="{INK}" stroke-width="3"/>'
                   f'<rect x="30" y="42" width="{FEVER_AT - 20}" height="12" fill="{ORANGE}"/>{stripes}'
                   f'<circle cx="26" cy="48" r="20" fill="{ORANGE}" stroke="{INK}" stroke-width="3"/>'
                   f'<path d="M{FEVER_AT} 30v40" stroke="{INK}" stroke-width="5"/>')
    words = f'<p style="margin:0 0 .4rem;line-height:1.4">{esc(label)}</p>{urgency("call-now", levels.at["call-now", "label"])}'
    return frame(rows, beside(svg("0 0 256 76", thermometer, "18rem"), words), level)


def pain_scale(page: Page | None = None, level: int = 4) -> str:
    """Lesson 8: the 0 to 10 pain scale, eleven numbered boxes over a wedge that grows with the pain,
    what its two ends mean, and what to do with the number."""
    rows = parts("pain-scale", page)
    none, worst, todo = labels_of(rows)["text"]
    width = 11 * STEP
    boxes = "".join(f'<rect x="{n * STEP + 1.5:g}" y="2" width="{STEP - 3}" height="36" rx="3" fill="#ffffff" '
                    f'stroke="{INK}" stroke-width="2"/><text x="{n * STEP + STEP / 2:g}" y="28" text-anchor="middle" '
                    f'font-size="21" font-weight="700" fill="{INK}">{n}</text>' for n in range(11))
    wedge = f'<path d="M1.5 70L{width - 1.5:g} 46V70z" fill="{BLUE}"/>'
    scale = (f'<div style="max-width:30rem">{svg(f"0 0 {width} 72", boxes + wedge, "100%")}{ends(none, worst)}</div>'
             f'<p style="margin:.6rem 0 0;line-height:1.4;max-width:40rem">{esc(todo)}</p>')
    return frame(rows, scale, level)
