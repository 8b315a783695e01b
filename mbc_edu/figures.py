"""Teaching pictures for lessons 7, 8 and 10, drawn as plain SVG; their words come from figures.csv.

Each picture is hidden from screen readers (``aria-hidden``); its labels are real text beside it
and its caption says in words what it shows. Shapes and patterns, not colour alone, tell parts apart.
"""
from __future__ import annotations

from .bodymap import outline
from .render import Page, esc
from .tables import load

INK, BLUE, ORANGE, GREY = "#1a1a1a", "#0b4f8a", "#a63d00", "#595959"  # each over 4.5:1 on white
BODY_BOX = "196 4 210 472"  # the body outline with a small margin, in body units
# Whole-body medicine: dots in the head, trunk, both arms and both legs.
DOTS = ((290, 32), (312, 50), (262, 112), (300, 100), (338, 112), (280, 150), (320, 160), (262, 200),
        (300, 190), (338, 202), (280, 234), (320, 234), (238, 150), (362, 150), (222, 220), (378, 220),
        (272, 300), (328, 300), (274, 380), (326, 380), (274, 450), (326, 450))
TARGET = (330, 130)  # the one spot a treatment for one area is aimed at
LINE = 'style="margin:.2rem 0;line-height:1.4"'


def parts(lesson: str, page: Page | None = None):
    """The lesson's figure rows, indexed by id (cited on ``page`` when given)."""
    rows = load("figures")
    rows = rows[rows["lesson_id"] == lesson].sort_values(["part", "order"])
    if rows.empty:
        raise KeyError(f"no figure for lesson {lesson!r}")
    return (page.cite(rows) if page else rows).set_index("id", drop=False)


def one(rows, part: str) -> str:
    """The text of the lesson's single row of ``part`` (title, caption or alt)."""
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
    return (f'<div style="display:flex;flex-wrap:wrap;align-items:center;gap:.8rem;flex:1 1 18rem">'
            f'{picture}<p style="flex:1 1 10rem;margin:0;line-height:1.4">{esc(label)}</p></div>')


def treatment(page: Page | None = None, level: int = 3) -> str:
    """Lesson 7: medicine reaching the whole body next to a treatment aimed at one spot."""
    rows = parts("treatment", page)
    labels = rows[rows["part"] == "label"]["text"].tolist()
    dots = "".join(f'<circle cx="{x}" cy="{y}" r="7" fill="{BLUE}"/>' for x, y in DOTS)
    x, y = TARGET  # the beam: a dashed line from outside the body, its arrowhead, a ring round the spot
    beam = (f'<line x1="402" y1="36" x2="{x + 12}" y2="{y - 26}" stroke="{ORANGE}" stroke-width="6" stroke-dasharray="12 6"/>'
            f'<path d="M{x + 4} {y - 14} l22 -4 l-14 -18 z" fill="{ORANGE}"/>'
            f'<circle cx="{x}" cy="{y}" r="16" fill="none" stroke="{ORANGE}" stroke-width="4"/>'
            f'<circle cx="{x}" cy="{y}" r="5" fill="{ORANGE}"/>')
    pictures = [svg(BODY_BOX, outline() + dots, "6.5rem"), svg(BODY_BOX, outline() + beam, "6.5rem")]
    body = "".join(panel(p, t) for p, t in zip(pictures, labels))
    return frame(rows, f'<div style="display:flex;flex-wrap:wrap;gap:1rem 2rem">{body}</div>', level)


def bar(colour: str, start: str, width: str, dashes: str = "none") -> str:
    """One bar of the time line (solid, or made of dashes), over a thin grey line that runs the whole way."""
    return (f'<svg width="100%" height="30" aria-hidden="true" focusable="false" style="display:block">'
            f'<line x1="0" y1="15" x2="100%" y2="15" stroke="{GREY}" stroke-width="2"/>'
            f'<svg x="{start}" width="{width}" height="30"><line x1="0" y1="15" x2="100%" y2="15" stroke="{colour}" '
            f'stroke-width="24" stroke-dasharray="{dashes}"/></svg>'
            f'<rect x="{start}" y="3" width="{width}" height="24" fill="none" stroke="{INK}" stroke-width="2"/></svg>')


def living(page: Page | None = None, level: int = 4) -> str:
    """Lesson 8: palliative care spans the whole time line; hospice sits at its end."""
    rows = parts("living", page)
    palliative, hospice, start, later = rows[rows["part"] == "label"]["text"].tolist()
    arrow = (f'<div style="display:flex;align-items:center">'
             f'<svg width="100%" height="16" aria-hidden="true" focusable="false"><line x1="1" y1="8" x2="100%" y2="8" stroke="{INK}" '
             f'stroke-width="2"/><line x1="2" y1="1" x2="2" y2="15" stroke="{INK}" stroke-width="3"/></svg>'
             f'<svg width="12" height="16" aria-hidden="true" focusable="false" style="flex:none"><path d="M0 2L12 8L0 14z" fill="{INK}"/></svg></div>')
    timeline = (f'<div style="max-width:40rem"><p {LINE}>{esc(palliative)}</p>{bar(BLUE, "0", "100%")}'
                f'<p {LINE}>{esc(hospice)}</p>{bar(ORANGE, "75%", "25%", "10 5")}{arrow}'
                f'<p style="display:flex;justify-content:space-between;gap:1rem;margin:.2rem 0">'
                f'<span>{esc(start)}</span><span>{esc(later)}</span></p></div>')
    return frame(rows, timeline, level)


def glossary(page: Page | None = None, level: int = 2) -> str:
    """Lesson 10: numbered marks on the body outline, with a list naming each number."""
    rows = parts("glossary", page)
    labels = rows[rows["part"] == "label"]
    marks = "".join(f'<circle cx="{r.x:g}" cy="{r.y:g}" r="13" fill="#ffffff" stroke="{BLUE}" stroke-width="3"/>'
                    f'<text x="{r.x:g}" y="{r.y + 6:g}" text-anchor="middle" font-size="17" font-weight="700" '
                    f'fill="{INK}">{n}</text>' for n, r in enumerate(labels.itertuples(), 1))
    names = "".join(f"<li>{esc(text)}</li>" for text in labels["text"])
    picture = (f'<div style="display:flex;flex-wrap:wrap;align-items:flex-start;gap:1rem 2rem">'
               f'{svg(BODY_BOX, outline() + marks, "12rem")}'
               f'<ol style="flex:1 1 12rem;margin:0;line-height:1.6">{names}</ol></div>')
    return frame(rows, picture, level)
