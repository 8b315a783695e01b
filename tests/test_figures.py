"""The teaching pictures of lessons 2, 5, 7, 8, 10 and 11: shown in their lesson, captioned, described in words."""
import re

import pytest

import mbc_edu
from mbc_edu import figures
from mbc_edu.bodymap import BODY, BodyMap, outline
from mbc_edu.render import esc

ROWS = mbc_edu.load("figures")


def screen_html(app) -> str:
    """Everything a dashboard shows on screen and in its handout."""
    def walk(widget):
        yield getattr(widget, "value", "") if isinstance(getattr(widget, "value", ""), str) else ""
        for child in getattr(widget, "children", ()):
            yield from walk(child)
    return "".join(walk(app))


LESSONS = {"basics": lambda: mbc_edu.topic_browser("basics"),
           "tests": lambda: mbc_edu.test_explorer(),
           "treatment": lambda: mbc_edu.treatment_explorer(),
           "living": lambda: mbc_edu.topic_browser("living"),
           "glossary": lambda: mbc_edu.glossary_search(),
           "help": lambda: mbc_edu.help_card()}
THEMES = {"basics": "How it spreads", "living": "Palliative care and hospice"}  # the picture shows with this theme
DRAWINGS = (figures.spread, figures.getting_ready, figures.treatment, figures.living, figures.glossary, figures.fever)


def opened(lesson: str):
    """The lesson's app, showing the theme its picture belongs to."""
    app = LESSONS[lesson]()
    if lesson in THEMES:
        app.chooser.value = THEMES[lesson]
    return app


def lines(html: str, dashes: str) -> list[str]:
    """The <line> tags of ``html`` drawn with ``dashes`` ("none": solid)."""
    return [tag for tag in re.findall(r"<line\b[^>]*>", html) if f'stroke-dasharray="{dashes}"' in tag]


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_shows_its_picture_with_title_caption_and_words(lesson):
    app = opened(lesson)
    rows = ROWS[ROWS["lesson_id"] == lesson]
    assert set(rows["part"]) == {"title", "label", "caption", "alt"}
    # on screen, and in the handout when the lesson prints one (lesson 11 prints its card as shown)
    for html in filter(None, (screen_html(app), app.print_view.value)):
        picture = re.search(r'<figure class="mbc-picture".*?</figure>', html, re.S)
        assert picture, f"no picture in lesson {lesson}"
        picture = picture.group(0)
        for text in rows["text"]:  # every title, label, caption and text alternative, escaped
            assert esc(text) in picture
        caption = re.search(r"<figcaption.*?</figcaption>", picture, re.S).group(0)
        assert "What the picture shows:" in caption and esc(figures.one(rows, "alt")) in caption
        assert esc(figures.one(rows, "caption")) in caption
        # the drawing itself is skipped by screen readers: its words are the text around it
        drawings = [tag for tag in re.findall(r"<svg\b[^>]*>", picture) if not tag.startswith("<svg x=")]  # not nested
        assert drawings and all('aria-hidden="true"' in tag for tag in drawings)


@pytest.mark.parametrize("lesson", THEMES)
def test_theme_picture_sits_with_its_theme_only(lesson):
    app = opened(lesson)
    assert app.cards.value.count("mbc-picture") == 1
    app.chooser.value = next(key for _, key in app.chooser.options if key != THEMES[lesson])
    assert "mbc-picture" not in app.cards.value
    assert app.print_view.value.count("mbc-picture") == 1  # the handout has every theme, so the picture once


def test_spread_picture_shows_lymph_dashed_and_blood_solid_to_each_numbered_place():
    rows = ROWS[ROWS["lesson_id"] == "basics"]
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
    rows = ROWS[(ROWS["lesson_id"] == "tests") & (ROWS["part"] == "label")].sort_values("order")
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
    rows = ROWS[(ROWS["lesson_id"] == "help")]
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
    labels = ROWS[(ROWS["lesson_id"] == "glossary") & (ROWS["part"] == "label")].sort_values("order")
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
    for draw in DRAWINGS:
        assert " id=" not in draw()


def test_an_unknown_lesson_has_no_picture():
    with pytest.raises(KeyError):
        figures.parts("nope")


@pytest.mark.parametrize("lesson", LESSONS)
def test_picture_sources_are_cited(lesson):
    app = opened(lesson)
    rows = ROWS[ROWS["lesson_id"] == lesson]
    for source_id, section in zip(rows["source_id"], rows["section"]):
        assert section in app.page.cited[source_id]
