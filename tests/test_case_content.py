"""Nursing layer content: the five oncologic emergencies and the unfolding case.

Nursing text may read up to US grade 12; it stays out of test_content.TEXT_COLUMNS (patient text).
"""
import re

import pytest
import textstat

import mbc_edu
from test_content import SOURCE_ARTICLE, copied_from_article

EMERGENCIES = {"spinal-cord-compression", "hypercalcemia", "febrile-neutropenia", "raised-icp", "pleural-effusion"}
EMERGENCY_FIELDS = ["what_happens", "recognize", "first_actions", "teach"]
NURSING_TEXT = {
    "emergencies": ["name", *EMERGENCY_FIELDS],
    "case_steps": ["title", "scenario", "question"],
    "case_options": ["text", "rationale"],
}


def nursing_texts():
    for name, columns in NURSING_TEXT.items():
        frame = mbc_edu.load(name)
        for column in columns:
            for i, text in frame[column].items():
                yield f"{name}.{column}[{i}]", text


def test_every_emergency_is_there_with_all_four_parts():
    frame = mbc_edu.load("emergencies").set_index("id")
    assert set(frame.index) == EMERGENCIES
    for field in EMERGENCY_FIELDS:
        short = frame[field].str.split().str.len() < 25
        assert not short.any(), (field, frame.index[short].tolist())


def test_first_actions_come_in_priority_order():
    for row in mbc_edu.load("emergencies").itertuples():
        numbers = [int(n) for n in re.findall(r"(?:^|\s)(\d)\. ", row.first_actions)]
        assert numbers[:3] == [1, 2, 3] and numbers == sorted(numbers), row.id


def test_teaching_says_how_urgent():
    for row in mbc_edu.load("emergencies").itertuples():
        assert "911" in row.teach and ("same day" in row.teach or "now" in row.teach), row.id


def test_every_case_step_has_options_a_best_one_and_a_reason_for_each():
    steps = mbc_edu.load("case_steps")
    options = mbc_edu.load("case_options")
    assert 6 <= len(steps) <= 8
    assert set(options["step_id"]) == set(steps["id"])
    for step_id, group in options.groupby("step_id"):
        assert 3 <= len(group) <= 5, step_id
        assert group["best"].any() and not group["best"].all(), step_id
        assert list(group["key"]) == list("abcde"[: len(group)]), step_id
        assert (group["rationale"].str.split().str.len() >= 8).all(), step_id


def test_rationales_say_right_or_not():
    for row in mbc_edu.load("case_options").itertuples():
        assert row.rationale.startswith("Right." if row.best else "Not best."), (row.step_id, row.key)


def test_case_follows_the_lessons_in_order():
    steps = mbc_edu.load("case_steps").sort_values("order")
    lessons = set(mbc_edu.load("lessons")["id"])
    assert set(steps["lesson_id"]) <= lessons
    visited = [lesson for i, lesson in enumerate(steps["lesson_id"]) if i == 0 or lesson != steps["lesson_id"].iloc[i - 1]]
    assert len(visited) == len(set(visited)), f"the case returns to a lesson it left: {visited}"
    assert len(visited) >= 5
    assert visited[0] == "symptoms" and visited[-1] == "living"
    assert set(steps["focus"]) == {"assessment", "priority", "teaching", "communication"}


@pytest.mark.parametrize("name", ["emergencies", "case_steps"])
def test_every_year_is_plausible(name):
    assert mbc_edu.load(name)["year"].between(1990, 2026).all()


def test_nursing_grade_level():
    """Nursing text: no text of 8 or more words above US grade 12."""
    grades = {where: textstat.flesch_kincaid_grade(text) for where, text in nursing_texts() if len(text.split()) >= 8}
    assert {w: g for w, g in grades.items() if g > 12} == {}


@pytest.mark.skipif(not SOURCE_ARTICLE.exists(), reason="the source article lives in ../shared/source")
def test_nothing_copied_from_the_article():
    assert copied_from_article(nursing_texts()) == []


def test_no_markup():
    assert [where for where, text in nursing_texts() if re.search(r"<[a-z/][^>]*>", text)] == []
