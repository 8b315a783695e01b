"""The instructor guide (lesson 13): every lesson's objectives, 50-minute plan, prompts and answer keys."""
import re

import mbc_edu
from mbc_edu.guide import GUIDE, InstructorGuide, instructor_guide
from mbc_edu.render import NOTICE, esc
from test_apps import words

LESSONS = mbc_edu.load("lessons")
TAUGHT = LESSONS[LESSONS["id"] != GUIDE]


def test_every_lesson_has_its_plan_of_fifty_minutes_objectives_and_prompts():
    guide = instructor_guide()
    shown = guide.body.value
    assert shown.count('<section class="mbc-guide-lesson">') == len(TAUGHT)
    assert shown.count("<h3>Session plan (50 minutes)</h3>") == len(TAUGHT)
    for table, column in (("objectives", "objective"), ("discussion_prompts", "prompt"), ("session_plans", "detail")):
        for text in mbc_edu.load(table)[column]:
            assert esc(text) in words(shown), text  # objectives have their glossary words linked
    minutes = [sum(map(int, re.findall(r"<tr><td>(\d+)</td>", part)))
               for part in shown.split('<section class="mbc-guide-lesson">')[1:]]
    assert minutes == [50] * len(TAUGHT)


def test_every_answer_and_rationale_is_in_the_key():
    shown = instructor_guide().body.value
    for table in ("case_options", "nursing_options"):
        for text in mbc_edu.load(table)["rationale"]:
            assert esc(text) in shown, text
    for row in mbc_edu.load("case_options").itertuples():
        assert f"{row.key}) {'Best' if row.best else 'Not best'}:</strong> {esc(row.text)}" in shown
    questions = mbc_edu.load("nursing_questions")
    priority = set(questions.loc[questions["kind"] == "priority", "id"])
    for row in mbc_edu.load("nursing_options").itertuples():
        tag = f"Rank {row.rank}" if row.question_id in priority else ("Correct" if row.correct else "Not correct")
        assert f"{row.key}) {tag}:</strong> {esc(row.text)}" in shown


def test_one_lesson_at_a_time_with_notice_sources_and_print():
    guide = InstructorGuide("tests")
    assert guide.body.value.count('<section class="mbc-guide-lesson">') == 1
    assert "<h2>Lesson 5: Tests</h2>" in guide.body.value
    guide.choice.value = "emergencies"
    assert "<h2>Lesson 12: Oncologic emergencies</h2>" in guide.body.value and "Lesson 5" not in guide.body.value
    assert repr(guide) == "InstructorGuide(12 lessons; showing Lesson 12: Oncologic emergencies)"
    header, footer = guide.children[0].value, guide.children[-1].value
    assert esc(NOTICE) in header and "Sources for this page" in footer
    assert "mbc-guide" in guide.body._dom_classes
    assert GUIDE not in [value for _, value in guide.choice.options]


def test_html_in_a_cell_is_shown_as_text(monkeypatch):
    real = mbc_edu.load

    def load(name):
        frame = real(name).copy()
        if name == "discussion_prompts":
            frame.loc[frame.index[0], "prompt"] = "<script>alert(1)</script>?"
        return frame

    monkeypatch.setattr("mbc_edu.guide.load", load)
    shown = instructor_guide("start").body.value
    assert "<script>" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;?" in shown
