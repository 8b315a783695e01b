"""The teaching pictures of lessons 7, 8 and 10: shown in their lesson, captioned, described in words."""
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


LESSONS = {"treatment": lambda: mbc_edu.treatment_explorer(),
           "living": lambda: mbc_edu.topic_browser("living"),
           "glossary": lambda: mbc_edu.glossary_search()}


def show_living_theme(app):
    app.chooser.value = "Palliative care and hospice"


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_shows_its_picture_with_title_caption_and_words(lesson):
    app = LESSONS[lesson]()
    if lesson == "living":
        show_living_theme(app)
    rows = ROWS[ROWS["lesson_id"] == lesson]
    assert set(rows["part"]) == {"title", "label", "caption", "alt"}
    for html in (screen_html(app), app.print_view.value):
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


def test_living_picture_sits_with_the_palliative_care_theme_only():
    app = mbc_edu.topic_browser("living")
    app.chooser.value = "Palliative care and hospice"
    assert "mbc-picture" in app.cards.value
    other = next(key for _, key in app.chooser.options if key != "Palliative care and hospice")
    app.chooser.value = other
    assert "mbc-picture" not in app.cards.value
    assert "mbc-picture" not in screen_html(mbc_edu.topic_browser("basics"))


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


def test_pictures_use_no_ids_that_could_clash():
    """A lesson shows its picture twice (on screen and in the handout): no id may repeat."""
    for draw in (figures.treatment, figures.living, figures.glossary):
        assert " id=" not in draw()


def test_an_unknown_lesson_has_no_picture():
    with pytest.raises(KeyError):
        figures.parts("nope")


def test_picture_sources_are_cited():
    app = mbc_edu.glossary_search()
    rows = ROWS[ROWS["lesson_id"] == "glossary"]
    for source_id, section in zip(rows["source_id"], rows["section"]):
        assert section in app.page.cited[source_id]
