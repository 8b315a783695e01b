"""Nursing questions (licensing-exam style), their options, class plans and discussion prompts."""
import re

import pytest
import textstat

import mbc_edu
from test_content import SOURCE_ARTICLE, copied_from_article, taught

CLINICAL_LESSONS = ["basics", "where", "symptoms", "tests", "numbers", "treatment", "living", "help", "emergencies"]
NURSING_PROSE = {"nursing_questions": ["stem"], "nursing_options": ["text", "rationale"],
                 "session_plans": ["activity", "detail"], "discussion_prompts": ["prompt"]}


def options_of(question_id: str):
    options = mbc_edu.load("nursing_options")
    return options[options["question_id"] == question_id].sort_values("key")


def prose():
    for name, columns in NURSING_PROSE.items():
        frame = mbc_edu.load(name)
        for column in columns:
            for i, text in frame[column].dropna().items():
                yield f"{name}.{column}[{i}]", text


def per_lesson(table: str):
    frame = mbc_edu.load(table)
    assert not frame.duplicated(["lesson_id", "order"]).any()
    return frame.groupby("lesson_id")


def test_every_clinical_lesson_has_three_to_five_questions():
    counts = per_lesson("nursing_questions").size().reindex(CLINICAL_LESSONS, fill_value=0)
    assert counts.between(3, 5).all(), counts[~counts.between(3, 5)].to_dict()
    assert set(mbc_edu.load("nursing_questions")["lesson_id"]) == set(CLINICAL_LESSONS)


def test_the_questions_use_every_kind():
    kinds = mbc_edu.load("nursing_questions")["kind"].value_counts()
    assert set(kinds.index) == {"single", "multiple", "priority"} and kinds.min() >= 5


@pytest.mark.parametrize("question", list(mbc_edu.load("nursing_questions").itertuples()), ids=lambda q: q.id)
def test_options_fit_the_kind(question):
    options = options_of(question.id)
    assert list(options["key"]) == list("abcdef"[:len(options)]), "keys run a, b, c ... with no gap"
    assert options["rationale"].str.split().str.len().min() >= 5, "every option explains why"
    if question.kind == "priority":
        assert len(options) == 4 and options["correct"].isna().all()
        assert sorted(options["rank"]) == [1, 2, 3, 4]
        assert list(options["rank"]) != [1, 2, 3, 4], "the keys must not give the order away"
        return
    assert options["rank"].isna().all() and options["correct"].notna().all()
    correct = int(options["correct"].sum())
    if question.kind == "single":
        assert len(options) == 4 and correct == 1
    else:
        assert 5 <= len(options) <= 6 and 2 <= correct <= 4 and correct < len(options)


def test_the_single_best_answer_is_not_always_the_same_letter():
    questions = mbc_edu.load("nursing_questions")
    keys = {options_of(q)["key"][options_of(q)["correct"].astype(bool)].item()
            for q in questions.loc[questions["kind"] == "single", "id"]}
    assert len(keys) >= 3


def test_every_question_has_options_and_every_option_a_question():
    questions = set(mbc_edu.load("nursing_questions")["id"])
    assert set(mbc_edu.load("nursing_options")["question_id"]) == questions


def test_every_question_names_a_source_section_and_year():
    questions = mbc_edu.load("nursing_questions")
    sources = mbc_edu.load("sources").set_index("id")
    assert questions["section"].str.strip().astype(bool).all()
    assert questions["year"].between(1990, 2026).all()
    dated = questions.join(sources["date"], on="source_id").dropna(subset=["date"])
    # The evidence is never newer than its source (a journal issue may carry the year after its online date).
    late = dated["year"] > dated["date"].dt.year + 1
    assert not late.any(), dated.loc[late, "id"].tolist()


def test_every_lesson_has_a_fifty_minute_plan():
    lessons = taught()
    plans = per_lesson("session_plans")
    assert plans["minutes"].sum().reindex(lessons, fill_value=0).eq(50).all(), plans["minutes"].sum().to_dict()
    assert plans.size().reindex(lessons, fill_value=0).between(4, 7).all()


def test_every_lesson_has_three_to_five_discussion_prompts():
    lessons = taught()
    counts = per_lesson("discussion_prompts").size().reindex(lessons, fill_value=0)
    assert counts.between(3, 5).all(), counts[~counts.between(3, 5)].to_dict()
    assert mbc_edu.load("discussion_prompts")["prompt"].str.endswith("?").all()


def test_plans_use_the_nursing_questions_and_teach_back():
    plans = mbc_edu.load("session_plans")
    text = plans.groupby("lesson_id")["detail"].apply(" ".join)
    for lesson in CLINICAL_LESSONS:
        assert "nursing questions" in text[lesson], lesson
    for lesson in mbc_edu.load("case_steps")["lesson_id"].unique():
        assert "case step" in text[lesson], lesson
    assert text.str.contains("teach-back").sum() >= 8, text[~text.str.contains("teach-back")].index.tolist()


def test_nursing_prose_reads_at_grade_twelve_or_lower():
    grades = {where: textstat.flesch_kincaid_grade(text) for where, text in prose() if len(text.split()) >= 8}
    assert {where: grade for where, grade in grades.items() if grade > 12} == {}


def test_no_markup_in_nursing_prose():
    assert [where for where, text in prose() if re.search(r"<[a-z/][^>]*>", text)] == []


@pytest.mark.skipif(not SOURCE_ARTICLE.exists(), reason="the source article lives in ../shared/source")
def test_no_eight_word_run_is_copied_from_the_article():
    assert copied_from_article(prose()) == []
