"""Nursing questions and My results: scoring of each kind, every rationale shown, the results text."""
import pandas as pd
import pytest

import mbc_edu
from mbc_edu.nursing_quiz import Answer, is_right, nursing_questions
from mbc_edu.render import Page, esc
from mbc_edu.results import RULES, NursingResults, summary_text


def options(rows):
    return pd.DataFrame(rows, columns=["key", "correct", "rank"])


SINGLE = options([("a", False, None), ("b", True, None), ("c", False, None)])
MULTIPLE = options([("a", True, None), ("b", False, None), ("c", True, None)])
PRIORITY = options([("a", None, 3), ("b", None, 1), ("c", None, 2)])


@pytest.mark.parametrize("kind, table, given, right", [
    ("single", SINGLE, ["b"], True), ("single", SINGLE, ["a"], False), ("single", SINGLE, [], False),
    ("multiple", MULTIPLE, ["a", "c"], True), ("multiple", MULTIPLE, ["c", "a"], True),
    ("multiple", MULTIPLE, ["a"], False),  # all or nothing: one right option missing
    ("multiple", MULTIPLE, ["a", "b", "c"], False),  # all or nothing: a wrong one added
    ("priority", PRIORITY, ["b", "c", "a"], True),
    ("priority", PRIORITY, ["c", "b", "a"], False),  # one swap is wrong: every rank must be in order
])
def test_scoring_rules(kind, table, given, right):
    assert is_right(kind, table, given) is right


def answers(lesson):
    results = NursingResults()
    return results, [w for w in nursing_questions(Page.create(), lesson, results) if isinstance(w, Answer)]


def test_every_kind_shows_every_rationale_after_checking_and_is_recorded():
    results, cards = answers("symptoms")
    rows = mbc_edu.load("nursing_options")
    assert {c.kind for c in cards} == {"single", "multiple", "priority"}
    for card in cards:
        card._check()
        assert not card.feedback.value.count("Why, for every option")  # nothing chosen yet: no answer key
        if card.kind == "single":
            card.radio.value = card.options["key"].iloc[0]
        elif card.kind == "multiple":
            card.boxes[card.options["key"].iloc[0]].value = True
        else:
            for n, dropdown in enumerate(card.ranks.values(), 1):
                dropdown.value = n
        card._check()
        mine = rows[rows["question_id"] == card.item_id.removeprefix("question:")]
        for rationale in mine["rationale"]:
            assert esc(rationale) in card.feedback.value
        right = is_right(card.kind, card.options, card.given)
        assert ("Right." in card.feedback.value) is right and ("Not right." in card.feedback.value) is not right
        assert results.answers[card.item_id] == {"given": card.given, "right": right, "tries": 1}


def test_a_priority_answer_needs_every_rank_once():
    _, cards = answers("symptoms")
    card = next(c for c in cards if c.kind == "priority")
    for dropdown in card.ranks.values():
        dropdown.value = 1
    card._check()
    assert "different rank from 1 to 4" in card.feedback.value and "Why" not in card.feedback.value


def test_results_text_holds_name_date_score_and_answers():
    results, cards = answers("tests")
    card = next(c for c in cards if c.kind == "single")
    card.radio.value = card.options.loc[card.options["correct"].fillna(False).astype(bool), "key"].iloc[0]
    card._check()
    card._check()
    results.value = {**results.value, "name": "Sam <b>Lee</b>"}
    results.today = "2026-11-25"
    text = results.text
    assert text.startswith("My results\nName: Sam <b>Lee</b>\nDate: 2026-11-25\n")
    assert "Lesson 5, Tests: 1 right of 1 answered (5 in this lesson)" in text  # 4 questions and a case step
    chosen = card.options.set_index("key").at[card.given[0], "text"]
    assert f"  1. {mbc_edu.load('nursing_questions').set_index('id').at[card.item_id[9:], 'stem']}\n" \
           f"     My answer: {card.given[0]}) {chosen}\n     Right (try 2)\n" in text
    assert text.endswith(RULES + "\n")


def test_stored_values_that_are_garbled_or_unknown_are_dropped():
    results = NursingResults()
    results.value = {"name": 3, "answers": {"question:nope": {"given": ["a"], "right": True},
                                            "question:basics-n1": {"given": ["a", "z"], "right": "yes", "tries": -1},
                                            "case:back-pain": "garbled"}}
    assert results.name == ""
    assert results.answers == {"question:basics-n1": {"given": ["a"], "right": False, "tries": 1}}
    results.clear()
    assert results.value == {} and "No answers yet." in results.text


def test_summary_text_without_answers():
    assert summary_text("", "2026-01-02", []).startswith("My results\nName: (no name given)\nDate: 2026-01-02\n\nNo answers yet.")


def test_html_in_a_cell_is_shown_as_text(monkeypatch):
    real = mbc_edu.load

    def load(name):
        frame = real(name).copy()
        if name == "nursing_questions":
            frame.loc[frame["id"] == "basics-n1", "stem"] = "<script>alert(1)</script> stem"
        if name == "nursing_options":
            frame.loc[frame["question_id"] == "basics-n1", "rationale"] = "<img src=x onerror=alert(1)>"
        return frame

    monkeypatch.setattr("mbc_edu.nursing_quiz.load", load)
    _, cards = answers("basics")
    first = cards[0]
    first.radio.value = "a"
    first._check()
    shown = first.children[0].value + first.feedback.value
    assert "<script>" not in shown and "<img" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt; stem" in shown and "&lt;img src=x onerror=alert(1)&gt;" in shown
