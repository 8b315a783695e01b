"""The audience switch and the nursing layer, without a browser."""
import csv
import io
import re

import ipywidgets as widgets
import pytest
from test_apps import APPS, words

import mbc_edu
from mbc_edu import nursing
from mbc_edu.audience import AudienceSwitch
from mbc_edu.emergencies import FOR_PATIENTS
from mbc_edu.nursing import NursingLayer
from mbc_edu.render import esc, numbered

ALL = {**APPS, "help": mbc_edu.help_card, "emergencies": mbc_edu.emergencies}
NURSING_TABLES = ("objectives", "nursing_notes", "therapies", "emergencies")


def visible_html(widget) -> str:
    """The HTML a learner can see (or a screen reader read): hidden widgets are left out."""
    if widget.layout.display == "none":
        return ""
    if isinstance(widget, widgets.HTML):
        return widget.value
    return "".join(visible_html(c) for c in getattr(widget, "children", ()))


def nursing_texts() -> list[str]:
    """Every text of the nursing tables, escaped as a page shows it."""
    texts = []
    for name, column in (("objectives", "objective"), ("nursing_notes", "body"), ("therapies", "teach"),
                         ("emergencies", "first_actions")):
        texts += [esc(t) for t in mbc_edu.load(name)[column]]
    return texts


def footer_count(app) -> int:
    return int(re.search(r"Sources for this page \((\d+)\)", app.children[-1].value).group(1))


def test_every_lesson_has_objectives_and_the_start_page_links_every_lesson():
    lessons = mbc_edu.load("lessons")
    counts = mbc_edu.load("objectives")["lesson_id"].value_counts()
    assert all(3 <= counts.get(name, 0) <= 5 for name in ALL), counts
    start = mbc_edu.start_page()
    patient = visible_html(start)  # lessons 1-11 for everyone; 12 and 13 in the nursing view only
    for row in lessons.itertuples():
        link = f'<a href="{esc(row.notebook)}">{row.number}. {esc(row.title)}</a>'
        assert (link in patient) == (row.number <= 11), row.id
        assert patient.count(link) <= 1
    start.audience.choose("nursing")
    nursing = visible_html(start.nursing)
    for row in lessons.itertuples():
        link = f'<a href="{esc(row.notebook)}">{row.number}. {esc(row.title)}</a>'
        assert (link in nursing) == (row.number > 11) and link in visible_html(start), row.id
    assert {"11-When-to-get-help.ipynb", "12-Oncologic-emergencies.ipynb"} <= set(lessons["notebook"])


@pytest.mark.parametrize("name", list(ALL))
def test_patient_view_hides_the_nursing_layer(name):
    app = ALL[name]()
    assert isinstance(app.audience, AudienceSwitch) and app.audience.audience == "patient"
    assert isinstance(app.nursing, NursingLayer) and app.nursing.layout.display == "none"
    shown = visible_html(app)
    assert "For nursing students</h2>" not in shown and "Learning objectives" not in shown
    assert not [t for t in nursing_texts() if t in words(shown)]
    assert footer_count(app) == len(app.page.cited)  # the patient page's sources only


@pytest.mark.parametrize("name", list(ALL))
def test_nursing_view_opens_with_the_lessons_objectives(name):
    app = ALL[name]()
    app.audience.choose("nursing")
    assert app.nursing.layout.display is None
    shown = visible_html(app.nursing)
    rows = mbc_edu.load("objectives")
    rows = rows[rows["lesson_id"] == app.lesson_id].sort_values("order")
    box = re.search(r'<section class="mbc-card mbc-objectives"><h3>Learning objectives</h3>.*?<ul>(.*?)</ul>', shown)
    assert box and shown.index("<section") == box.start()  # the layer opens with them
    assert [words(i) for i in re.findall(r"<li>(.*?)</li>", box.group(1))] == [esc(o) for o in rows["objective"]]
    notes = mbc_edu.load("nursing_notes")
    for note in notes[notes["lesson_id"] == app.lesson_id].itertuples():
        assert f"<h4>{esc(note.heading)}</h4>" in shown and f"Evidence from {note.year}." in shown
    cited = set(app.page.cited) | set(app.nursing.page.cited)
    assert footer_count(app) == len(cited)  # the layer's sources join the footer
    app.audience.choose("patient")  # and back: the patient view as it was
    assert app.nursing.layout.display == "none" and footer_count(app) == len(app.page.cited)


def test_treatment_shows_every_drug_class_with_its_approval_year():
    app = mbc_edu.treatment_explorer()
    app.audience.choose("nursing")
    shown = visible_html(app.nursing)
    for row in mbc_edu.load("therapies").itertuples():
        card = re.search(rf'<section class="mbc-card mbc-therapy"><h4>{re.escape(esc(row.name))}</h4>.*?</section>',
                         shown)
        assert card, row.name
        text = words(card.group(0))
        assert f"FDA approval ({row.year}): {esc(row.approval)}" in text
        for label, value in (("Examples", row.examples), ("Used for", row.used_for),
                             ("Watch for", row.watch_for), ("Teach", row.teach)):
            assert f"{label}: {esc(value)}" in text
        assert "Source: " in text
    assert "mbc-therapy" not in visible_html(mbc_edu.topic_browser("basics"))  # lesson 7 only


def test_an_unknown_stored_audience_is_the_patient_view():
    switch = AudienceSwitch()
    layer = widgets.HTML("x")
    switch.only_for("nursing", layer)
    for stored in ({}, {"audience": "doctor"}, {"audience": 3}):
        switch.value = stored
        assert switch.audience == "patient" and layer.layout.display == "none"
    switch.value = {"audience": "nursing"}
    assert layer.layout.display is None
    with pytest.raises(ValueError):
        switch.choose("doctor")


def test_start_page_says_the_choice_is_remembered():
    assert "remembers" in mbc_edu.start_page().audience.hint
    assert mbc_edu.topic_browser("basics").audience.hint == ""


def test_emergencies_list_all_five_for_nursing_and_point_patients_to_lesson_11():
    app = mbc_edu.emergencies()
    rows = mbc_edu.load("emergencies").sort_values("order")
    assert len(rows) == 5
    assert [label for label, _ in app.chooser.options] == list(rows["name"])
    shown = visible_html(app)
    assert esc(FOR_PATIENTS) in shown and '<a href="11-When-to-get-help.ipynb">' in shown
    assert app.chooser.label not in shown  # the chooser is in the hidden layer
    app.audience.choose("nursing")
    assert esc(FOR_PATIENTS) not in visible_html(app)
    for row in rows.itertuples():
        app.chooser.value = row.id
        card = words(app.card.value)
        assert f"<h4>{esc(row.name)}</h4>" in app.card.value
        assert f"What happens: {esc(row.what_happens)}" in card and f"Recognize: {esc(row.recognize)}" in card
        steps = re.findall(r"<li>(.*?)</li>", app.card.value)
        assert steps == [esc(s) for s in numbered(row.first_actions)] and len(steps) >= 3
        assert f"Teach the patient and family: {esc(row.teach)}" in card
        assert f"Evidence from {row.year}." in card and "Source: " in card
    assert repr(app) == f"EmergencyGuide(5 emergencies; showing {rows.iloc[-1]['name']})"
    # print: all five instead of the chooser and its one card (in the nursing view only: it is in the layer)
    assert "mbc-handout" in app.all_five._dom_classes and app.all_five in app.nursing.children
    assert all("mbc-no-print" in w._dom_classes for w in (app.chooser, app.card))
    assert re.findall(r"<h4>(.*?)</h4>", app.all_five.value) == [esc(n) for n in rows["name"]]


def test_registered_parts_come_after_the_lessons_own(monkeypatch):
    practice = widgets.HTML("practice")
    monkeypatch.setattr(nursing, "PARTS", [])
    nursing.add_part(lambda page, lesson: [practice])
    app = mbc_edu.emergencies()
    app.audience.choose("nursing")
    layer = app.nursing.children
    assert layer[-1] is practice and layer.index(app.chooser) < layer.index(practice)
    assert "mbc-objectives" in layer[1].value  # first after the heading


@pytest.mark.parametrize("name", list(ALL))
def test_the_nursing_layer_is_built_when_first_chosen(name, monkeypatch):
    made = []
    monkeypatch.setattr(nursing, "PARTS", [lambda page, lesson: made.append(lesson) or [widgets.HTML("practice")]])
    app = ALL[name]()
    assert not app.nursing.built and made == []  # a patient's page carries no nursing widgets
    assert app.nursing.children == (app.nursing.heading, *app.nursing.own)
    app.audience.choose("nursing")
    assert app.nursing.built and made == [app.lesson_id] and app.nursing.children[-1].value == "practice"
    app.audience.choose("patient")
    app.audience.choose("nursing")
    assert made == [app.lesson_id]  # built once


def test_numbered_steps_split_only_in_sequence():
    assert numbered("1. Check 100.4 F. 2. Give dose 4. 5 mg. 3. Act.") == ["Check 100.4 F.", "Give dose 4. 5 mg.", "Act."]
    assert numbered("Give fluids as ordered.") == ["Give fluids as ordered."]


@pytest.mark.parametrize("name", ["treatment", "emergencies", "living"])
def test_html_in_a_nursing_cell_is_shown_as_text(name, data_copy, monkeypatch):
    for table in NURSING_TABLES:
        file = data_copy / f"{table}.csv"
        rows = list(csv.reader(io.StringIO(file.read_text(encoding="utf-8"))))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(rows[0])
        for row in rows[1:]:  # markup before every text cell that starts with a capital letter
            writer.writerow([f"<b>x</b><script>alert(1)</script>{c}" if c[:1].isupper() else c for c in row])
        file.write_text(out.getvalue(), encoding="utf-8")
    monkeypatch.setenv("MBC_EDU_DATA", str(data_copy))
    assert mbc_edu.validate(data_copy) == []
    app = ALL[name]()
    app.audience.choose("nursing")
    shown = visible_html(app.nursing)
    assert "<script>" not in shown and "<b>x</b>" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
