"""The question list without a browser: picks from every lesson gather in one list, own words stay as typed."""
import re

import ipywidgets as widgets
import pytest

import mbc_edu
from mbc_edu.device import DeviceStore
from mbc_edu.questions import TITLE, QuestionList
from mbc_edu.render import Page


def lesson(lesson_id: str, stored: dict | None = None) -> QuestionList:
    """A lesson's question list; ``stored`` is what the browser read from localStorage."""
    questions = QuestionList(Page.create(), lesson_id)
    if stored is not None:
        questions.store.value = stored  # as the browser's page does when it loads
    return questions


def rows(lesson_id: str):
    table = mbc_edu.load("questions")
    return table[table["lesson_id"] == lesson_id].sort_values("order")


def html_of(widget) -> str:
    if isinstance(widget, widgets.HTML):
        return widget.value
    return "".join(html_of(c) for c in getattr(widget, "children", ()))


def test_each_lesson_shows_its_own_questions_in_order():
    meanings = re.compile("|".join(re.escape(f" ({short})") for short in mbc_edu.load("glossary")["short"]))
    for lesson_id in mbc_edu.load("lessons")["id"]:
        questions = lesson(lesson_id)
        assert [meanings.sub("", b.description) for b in questions.boxes.values()] == list(rows(lesson_id)["question"])


def test_a_medical_word_in_a_tick_box_has_its_meaning_in_brackets_at_its_first_use():
    """A tick box's label cannot hold a link, so the short meaning is written after the word, once a list."""
    short = dict(zip(mbc_edu.load("glossary")["id"], mbc_edu.load("glossary")["short"]))
    labels = {lesson_id: [b.description for b in lesson(lesson_id).boxes.values()]
              for lesson_id in ("basics", "symptoms", "living", "quiz")}
    assert f"support group ({short['support-group']})" in labels["basics"][4]
    assert f"pathology report ({short['pathology-report']})" in labels["quiz"][3]
    assert f"symptoms ({short['symptom']})" in labels["symptoms"][2]
    first, again = labels["symptoms"][1], labels["symptoms"][3]  # "side effects", then "a side effect"
    assert f"side effects ({short['side-effect']})" in first and "(" not in again
    assert f"support group ({short['support-group']})" in labels["living"][0]  # each lesson's list explains again


def test_picks_from_two_lessons_gather_in_one_list():
    start, where = rows("start"), rows("where")
    first = lesson("start")
    first.boxes[start.iloc[1]["id"]].value = True
    first.boxes[start.iloc[0]["id"]].value = True
    second = lesson("where", first.store.value)  # the next lesson reads the same browser storage
    assert not any(box.value for box in second.boxes.values())
    second.boxes[where.iloc[2]["id"]].value = True
    entries = second.store.entries
    assert [e["text"] for e in entries] == [start.iloc[1]["question"], start.iloc[0]["question"],
                                            where.iloc[2]["question"]]
    assert entries[0]["from"] == "from lesson 1, Start here" and entries[2]["from"].startswith("from lesson 3, ")
    assert second.store.text.splitlines() == [TITLE, "", *[f"{n}. {e['text']}" for n, e in enumerate(entries, 1)]]
    back = lesson("start", second.store.value)  # going back: the ticks come from the list
    assert [b.value for b in back.boxes.values()][:2] == [True, True]


def add(questions: QuestionList, words: str) -> None:
    """What "Add my question" sends from the browser."""
    questions.store._message(questions.store, {"add": words}, [])


def test_own_question_is_kept_as_typed_and_shown_as_text_only():
    questions = lesson("tests")
    words = "<b>Is it</b> <script>alert(1)</script> safe?"
    add(questions, f"  {words}\n ")
    assert questions.store.entries == [{"key": "own:" + words, "text": words, "from": "my own question"}]
    assert "<script>" not in html_of(questions) and "<b>Is it" not in html_of(questions)
    assert "textContent = entry.text" in questions.store._esm and "innerHTML" not in questions.store._esm
    long = "Why " + "really " * 2000 + "now?"
    add(questions, long)
    assert questions.store.entries[-1]["text"] == long and long in questions.store.text


@pytest.mark.parametrize("typed", ["", "   ", "\n\t"])
def test_empty_input_adds_nothing(typed):
    questions = lesson("tests")
    add(questions, typed)
    assert questions.store.entries == [] and questions.store.value.get("items", []) == []


def test_same_own_question_is_listed_once():
    questions = lesson("tests")
    for _ in range(2):
        add(questions, "What is next?")
    assert len(questions.store.entries) == 1


def test_removing_from_the_list_unticks_the_box_and_unticking_removes():
    questions = lesson("living")
    first, second = list(questions.boxes)[:2]
    questions.boxes[first].value = True
    questions.boxes[second].value = True
    add(questions, "Mine")
    questions.store._message(questions.store, {"remove": "q:" + first}, [])  # the Remove button's message
    assert not questions.boxes[first].value
    assert [e["key"] for e in questions.store.entries] == ["q:" + second, "own:Mine"]
    questions.store._message(questions.store, {"remove": "own:Mine"}, [])
    questions.boxes[second].value = False
    assert questions.store.entries == [] and questions.store.text == TITLE + "\n\n"


@pytest.mark.parametrize("stored", [{"items": "garbage"}, {"items": [3, None, {"text": " "}, {"id": 7}]},
                                    {"items": [{"id": "no-such-question"}]}, {"other": 1}])
def test_garbled_or_outdated_storage_starts_empty(stored):
    questions = lesson("start", stored)
    assert questions.store.entries == [] and questions.store.picked == set()
    assert questions.store.value.get("items", []) == []


def test_a_question_is_listed_once_even_if_stored_twice():
    question_id = rows("start").iloc[0]["id"]
    questions = lesson("start", {"items": [{"id": question_id}, {"id": question_id}]})
    assert len(questions.store.entries) == 1 and questions.boxes[question_id].value


def test_questions_name_their_sources():
    page = Page.create()
    QuestionList(page, "numbers")
    assert set(rows("numbers")["source_id"]) <= set(page.cited)


def test_device_store_needs_a_key_and_keeps_it_in_the_browser_only():
    with pytest.raises(ValueError):
        DeviceStore("")
    store = DeviceStore("audience")
    assert store.key == "audience" and store.value == {}
    assert 'const PREFIX = "mbc-edu:"' in store._esm and "localStorage" in store._esm
