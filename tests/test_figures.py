"""The teaching pictures of lessons 2, 5, 7, 8, 10 and 11: shown in their lesson, captioned, described in words,
their medical words explained where they stand."""
import re

import pytest

import mbc_edu
from mbc_edu import figures
from mbc_edu.bodymap import BODY, BodyMap, outline
from mbc_edu.render import Glossary, esc

ROWS = mbc_edu.load("figures")


def screen_html(app) -> str:
    """Everything a dashboard shows on screen and in its handout."""
    def walk(widget):
        yield getattr(widget, "value", "") if isinstance(getattr(widget, "value", ""), str) else ""
        for child in getattr(widget, "children", ()):
            yield from walk(child)
    return "".join(walk(app))


# picture: the lesson that shows it
LESSONS = {"spread": lambda: mbc_edu.topic_browser("basics"),
           "getting-ready": lambda: mbc_edu.test_explorer(),
           "treatment": lambda: mbc_edu.treatment_explorer(),
           "palliative-care": lambda: mbc_edu.topic_browser("living"),
           "pain-scale": lambda: mbc_edu.topic_browser("living"),
           "body-parts": lambda: mbc_edu.glossary_search(),
           "fever": lambda: mbc_edu.help_card()}
THEMES = {"spread": "How it spreads", "palliative-care": "Palliative care and hospice",
          "pain-scale": "Pain control"}  # the picture shows with this theme
DRAWINGS = {"spread": figures.spread, "getting-ready": figures.getting_ready, "treatment": figures.treatment,
            "palliative-care": figures.living, "pain-scale": figures.pain_scale, "body-parts": figures.glossary,
            "fever": figures.fever}


def opened(figure: str):
    """The lesson's app, showing the theme the picture belongs to."""
    app = LESSONS[figure]()
    if figure in THEMES:
        app.chooser.value = THEMES[figure]
    return app


def rows_of(figure: str):
    return ROWS[ROWS["figure"] == figure]


def labels(figure: str) -> list[str]:
    rows = rows_of(figure)
    return rows[rows["part"] == "label"].sort_values("order")["text"].tolist()


def lines(html: str, dashes: str) -> list[str]:
    """The <line> tags of ``html`` drawn with ``dashes`` ("none": solid)."""
    return [tag for tag in re.findall(r"<line\b[^>]*>", html) if f'stroke-dasharray="{dashes}"' in tag]


def test_every_picture_is_drawn_and_shown():
    assert set(ROWS["figure"]) == set(DRAWINGS) == set(LESSONS)


@pytest.mark.parametrize("figure", LESSONS)
def test_each_lesson_shows_its_picture_with_title_caption_and_words(figure):
    app = opened(figure)
    rows = rows_of(figure)
    assert set(rows["part"]) == {"title", "label", "caption", "alt"}
    title = f"{esc(figures.one(rows, 'title'))}</h"
    # on screen, and in the handout when the lesson prints one (lesson 11 prints its card as shown)
    for html in filter(None, (screen_html(app), app.print_view.value)):
        found = [p for p in re.findall(r'<figure class="mbc-picture".*?</figure>', html, re.S) if title in p]
        assert found, f"picture {figure} not shown"
        picture = found[0]
        for text in rows["text"]:  # every title, label, caption and text alternative, escaped
            assert esc(text) in picture
        caption = re.search(r"<figcaption.*?</figcaption>", picture, re.S).group(0)
        assert "What the picture shows:" in caption and esc(figures.one(rows, "alt")) in caption
        assert esc(figures.one(rows, "caption")) in caption
        # the drawing itself is skipped by screen readers: its words are the text around it
        drawings = [tag for tag in re.findall(r"<svg\b[^>]*>", picture) if not tag.startswith("<svg x=")]  # not nested
        assert drawings and all('aria-hidden="true"' in tag for tag in drawings)


@pytest.mark.parametrize("figure", THEMES)
def test_theme_picture_sits_with_its_theme_only(figure):
    app = opened(figure)
    assert app.cards.value.count("mbc-picture") == 1
    title = esc(figures.one(rows_of(figure), "title"))
    assert title in app.cards.value
    others = [key for _, key in app.chooser.options if key != THEMES[figure]]
    for key in others:
        app.chooser.value = key
        assert title not in app.cards.value
    pictures = sum(key in THEMES.values() for _, key in app.chooser.options)
    assert app.print_view.value.count("mbc-picture") == pictures  # the handout has every theme, so each picture once


def test_spread_picture_shows_lymph_dashed_and_blood_solid_to_each_numbered_place():
    rows = rows_of("spread")
    labels = rows[rows["part"] == "label"].sort_values("order")
    places = labels[labels["x"].notna()]
    assert places["text"].str.contains("Brain|Lungs|Liver|Bones").all() and len(places) == 4
    html = figures.spread()
    # body: one solid arrow (line and head) per place, one dashed path to the lymph nodes; key: one sample of each
    assert len(lines(html, "none")) == len(places) + 1 and len(lines(html, "6 4")) == 2
    assert html.count(f'fill="{figures.ORANGE}"') == len(places) + 1
    ends = [tuple(map(float, m)) for m in re.findall(rf'<path d="M([\d.]+) ([\d.]+)L[^"]*" fill="{figures.ORANGE}"/>', html)]
    for place in places.itertuples():  # an arrowhead ends just short of each numbered ring
        assert any(abs(((x - place.x) ** 2 + (y - place.y) ** 2) ** .5 - 17) < .5 for x, y in ends)
    assert [int(n) for n in re.findall(r"<text[^>]*>(\d+)</text>", html)] == [1, 2, 3, 4]
    assert re.findall(r"<li>(.*?)</li>", html) == [esc(t) for t in places["text"]]
    key = labels[labels["x"].isna()]["text"].tolist()  # the key says in words what each style means
    assert [k.split(":")[0] for k in key] == ["Black spot", "Dashed line", "Solid arrows"]
    assert "lymph" in key[1] and "blood" in key[2]


def test_getting_ready_picture_is_before_during_after_and_sits_above_the_test_list():
    rows = ROWS[(ROWS["figure"] == "getting-ready") & (ROWS["part"] == "label")].sort_values("order")
    assert [t.split(":")[0] for t in rows["text"]] == ["Before", "During", "After"]
    html = figures.getting_ready()
    assert html.count("<svg") == 3  # one drawing per step, each with its own line
    positions = [html.index(esc(t)) for t in rows["text"]]
    assert positions == sorted(positions)
    app = mbc_edu.test_explorer()
    screen = screen_html(app)
    assert screen.index("mbc-picture") < screen.index("<h2>Choose a test</h2>")
    assert app.print_view.value.index("mbc-picture") < app.print_view.value.index("Every test in this lesson")


def test_fever_picture_marks_the_line_and_says_how_urgent_from_the_urgency_table(monkeypatch):
    rows = rows_of("fever")
    mark, label = rows[rows["part"] == "label"].sort_values("order")["text"]
    assert mark == "100.4°F (38°C)" and mark in label and mark in figures.one(rows, "alt")
    html = figures.fever()
    stripes = [float(x) for x in re.findall(r'<path d="M([\d.]+) 56l8 -16"', html)]
    assert len(stripes) >= 5 and min(stripes) > figures.FEVER_AT  # a pattern past the line, not colour alone
    assert f'd="M{figures.FEVER_AT} 30v40"' in html  # the thick line, its number above it
    assert re.search(rf'<text x="{figures.FEVER_AT}"[^>]*>{re.escape(esc(mark))}</text>', html)
    app = mbc_edu.help_card()  # shown under the card, which prints on one page without it
    assert "mbc-picture" not in app.card.value and screen_html(app).count("mbc-picture") == 1
    levels = mbc_edu.load("urgency_levels").copy()
    levels.loc[levels["id"] == "call-now", "label"] = "Ring the team <now>"
    real = figures.load
    monkeypatch.setattr(figures, "load", lambda name: levels if name == "urgency_levels" else real(name))
    html = figures.fever()
    assert "How urgent:</strong> Ring the team &lt;now&gt;" in html and "&#9742;" in html  # read when drawn, with its icon


def test_labels_are_escaped(monkeypatch):
    rows = ROWS.copy()
    rows.loc[rows["id"] == "glossary-brain", "text"] = "Brain <b>&</b>"
    monkeypatch.setattr(figures, "load", lambda name: rows)
    html = figures.glossary()
    assert "Brain &lt;b&gt;&amp;&lt;/b&gt;" in html and "<b>" not in html


def test_every_label_of_the_body_picture_has_a_numbered_mark():
    labels = ROWS[(ROWS["figure"] == "body-parts") & (ROWS["part"] == "label")].sort_values("order")
    assert labels[["x", "y"]].notna().all().all()
    html = figures.glossary()
    assert html.count("<circle") == len(labels) + 1  # the marks and the head
    assert [int(n) for n in re.findall(r"<text[^>]*>(\d+)</text>", html)] == list(range(1, len(labels) + 1))
    items = re.findall(r"<li>(.*?)</li>", html)
    assert items == [esc(t) for t in labels["text"]]


def test_the_body_outline_is_drawn_from_one_place():
    body = outline()
    for name, attrs in BODY:
        assert f'<{name} ' in body and all(f'{k}="{v}"' in body for k, v in attrs.items())
    sites = mbc_edu.load("sites")
    for shape in BodyMap(sites).shapes:
        assert shape["body"] == [[n, dict(a)] for n, a in BODY]
    assert figures.treatment().count(body) == 2 and figures.glossary().count(body) == 1
    assert figures.spread().count(body) == 1


def test_pictures_use_no_ids_that_could_clash():
    """A lesson shows its picture twice (on screen and in the handout): no id may repeat."""
    for draw in DRAWINGS.values():
        assert " id=" not in draw()


def test_an_unknown_picture_is_an_error():
    with pytest.raises(KeyError):
        figures.parts("nope")


@pytest.mark.parametrize("figure", LESSONS)
def test_picture_sources_are_cited(figure):
    app = opened(figure)
    rows = rows_of(figure)
    for source_id, section in zip(rows["source_id"], rows["section"]):
        assert section in app.page.cited[source_id]


def test_pain_scale_has_eleven_numbered_boxes_and_the_words_of_each_end():
    none, worst, todo = labels("pain-scale")
    assert (none, worst) == ("0: no pain", "10: the worst pain you can imagine")
    topic = mbc_edu.load("topics").set_index("id").loc["living-pain-tell"]  # the reading it makes easier to act on
    assert "0 (no pain) to 10 (the worst pain you can imagine)" in topic["body"]
    assert "at every visit" in todo and "call them now if your medicine does not ease the pain" in todo.lower()
    html = figures.pain_scale()
    boxes = re.findall(r'<rect x="([\d.]+)" y="2" width="([\d.]+)"', html)
    assert len(boxes) == 11 and len({w for _, w in boxes}) == 1  # eleven boxes of one size, in a row
    assert [float(x) for x, _ in boxes] == sorted(float(x) for x, _ in boxes)
    assert re.findall(r"<text[^>]*>(\d+)</text>", html) == [str(n) for n in range(11)]  # 0 to 10, left to right
    wedge = re.search(r'<path d="M([\d.]+) (\d+)L([\d.]+) (\d+)V\2z"', html)  # higher numbers: a taller wedge
    assert wedge and float(wedge.group(1)) < float(wedge.group(3)) and int(wedge.group(4)) < int(wedge.group(2))
    ends = re.search(r"<span[^>]*>(.*?)</span><span[^>]*>(.*?)</span>", html).groups()
    assert ends == (esc(none), esc(worst))  # under the left and the right end of the scale
    assert html.index(esc(worst)) < html.index(esc(todo)) < html.index("<figcaption")
    assert set(rows_of("pain-scale")[["source_id", "section"]].itertuples(index=False)) == {
        (topic["source_id"], topic["section"])}  # the same page and section as the reading


def unexplained(rows) -> list[str]:
    """Glossary words whose first use in a picture, past its title, neither has a meaning right there
    (the glossary's ``defined_here``: "X (a meaning)", "X is a ...") nor sits inside a bracket (a meaning)."""
    glossary = Glossary(mbc_edu.load("glossary"))
    shown = [t for part in ("label", "alt", "caption") for t in rows[rows["part"] == part].sort_values("order")["text"]]
    seen, missing = set(), []
    for text in map(esc, shown):
        depth = [0]  # how many brackets are open before each character
        for char in text:
            depth.append(depth[-1] + (char == "(") - (char == ")"))
        for match in glossary.pattern.finditer(text):
            term = glossary.lookup[match.group(0).lower()]
            if term in seen or depth[match.start()] > 0 and not glossary.defined_here(text, match):
                continue
            seen.add(term)
            if not glossary.defined_here(text, match):
                missing.append(match.group(0))
    return missing


@pytest.mark.parametrize("figure", LESSONS)
def test_each_medical_word_of_a_picture_is_explained_where_it_stands(figure):
    assert unexplained(rows_of(figure)) == []


def test_a_word_without_its_meaning_is_caught():
    rows = rows_of("treatment").copy()
    rows.loc[rows["id"] == "treatment-one-area", "text"] = "Surgery (an operation) and radiation therapy work on one area."
    rows.loc[rows["id"] == "treatment-caption", "text"] = "Radiation therapy (treatment with rays) can help. Surgery too."
    assert unexplained(rows) == ["radiation therapy"]  # explained once is enough; Surgery was explained first
