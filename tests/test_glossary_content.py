"""Glossary content: links mean the right thing in context, and each short meaning is short and plain."""
import re
from html import escape

import pytest
import textstat

import mbc_edu
from mbc_edu.render import Glossary

# Words that once linked to the wrong term, with the term they must never link to again:
# "lab tests" on hormone receptor and HER2 status are tests on biopsy tissue, not blood tests;
# "radiation" is also the small dose of a bone scan or an X-ray, not a treatment;
# "tiredness" is what the fatigue definition sets fatigue apart from;
# "belly" is already plain ("belly (the belly)"), and "diagnosed" is a verb that the
# diagnosis meaning in brackets does not fit.
WRONG_LINKS = {"lab test": "blood-test", "lab tests": "blood-test", "radiation": "radiation-therapy",
               "tiredness": "fatigue", "belly": "abdomen", "diagnosed": "diagnosis"}


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary(mbc_edu.load("glossary"))


def linked(glossary: Glossary, text: str) -> list[str]:
    """The glossary ids that ``text`` links to."""
    used: list[str] = []
    glossary.link(text, "t", used)
    return used


@pytest.mark.parametrize("word, term_id", WRONG_LINKS.items())
def test_known_wrong_link_cannot_come_back(glossary, word, term_id):
    assert term_id not in linked(glossary, f"Some {word} today.")


def test_lab_tests_on_tissue_do_not_link_to_blood_test(glossary):
    assert "blood-test" not in linked(glossary, "Lab tests show features of the cancer cells.")
    assert "hormone-receptor-status" in linked(glossary, "Lab tests show the hormone receptor status.")


def test_what_a_test_is_like_never_links_to_radiation_therapy(glossary):
    tests = mbc_edu.load("tests")
    assert all("radiation-therapy" not in linked(glossary, text) for text in tests["what_to_expect"])


def test_radiation_therapy_still_links(glossary):
    assert "radiation-therapy" in linked(glossary, "Surgery and radiation therapy are local treatments.")
    assert "radiation-therapy" in linked(glossary, "It is one kind of radiation treatment.")


def test_short_meaning_shows_once_and_not_where_the_text_explains_the_word(glossary):
    explained: set[str] = set()
    first = glossary.link("A biopsy, and then another biopsy.", "t", [], explained)
    assert first.count('class="mbc-short"') == 1 and "(taking a small piece of tissue" in first
    assert 'class="mbc-short"' not in glossary.link("One more biopsy.", "t", [], explained)
    for text in ("Fluid builds up inside the belly (abdomen).", "Leaking urine (incontinence).",
                 "A seizure (a fit) can happen."):
        assert 'class="mbc-short"' not in glossary.link(text, "t", [])


@pytest.mark.parametrize("text", [
    "A recurrence is cancer that comes back.", "Recurrences are cancers that come back.",
    "De novo means found at the start.", "A biopsy is a test.", "Remission is when signs go away.",
    "Hospice care is care for the last part of life.", "Hospice is for the last part of life.",
    "A biopsy (a small piece of tissue) helps.", "Fluid builds up inside the belly (abdomen).",
    "Breast cancer that has moved to other parts of the body is called metastatic breast cancer.",
    "It is also called stage IV.", "The problems this causes are called side effects."])
def test_a_text_that_defines_its_word_gets_no_second_meaning(glossary, text):
    assert 'class="mbc-short"' not in glossary.link(text, "t", [])


@pytest.mark.parametrize("text, word", [
    ("People with triple-negative breast cancer are more likely to get it.", "triple-negative breast cancer"),
    ("The risk of spread is higher in some people.", "spread"),
    ("Surgery and radiation therapy are local treatments.", "radiation therapy"),
    ("Metastatic breast cancer is also called stage IV.", "Metastatic breast cancer"),
    ("A nurse called about the biopsy.", "biopsy"),  # "called" defines only the word right after it
    ("Pleural tap (thoracentesis)", "Pleural tap"),  # a second name in brackets is not a meaning
    ("Paracentesis (belly tap)", "Paracentesis"),
    ("Options (social worker, palliative care) help.", "social worker"),  # a list in brackets names it only
])
def test_a_text_that_only_names_its_word_still_explains_it(glossary, text, word):
    shown = glossary.link(text, "t", [])
    term = glossary.lookup[word.lower()]
    assert f'{word}</a> <span class="mbc-short">({glossary.short[term]})</span>' in shown


def test_every_sign_name_says_what_its_medical_word_means(glossary):
    """A sign's name is a card's title (lessons 3 and 4) and a tick box's label (lesson 4): no meaning is
    added there, so the name itself explains its word ("Fatigue (deep tiredness) ...")."""
    for name in mbc_edu.load("symptoms")["name"]:
        text = escape(name)
        for match in glossary.pattern.finditer(text):
            assert glossary.defined_here(text, match), name


def test_every_word_links_to_one_term_only():
    terms = mbc_edu.load("glossary")
    owners: dict[str, set[str]] = {}
    for row in terms.itertuples():
        for word in [row.term] + (row.also.split("|") if isinstance(row.also, str) else []):
            owners.setdefault(word.strip().lower(), set()).add(row.id)
    assert {w: ids for w, ids in owners.items() if len(ids) > 1} == {}


def test_every_short_meaning_is_short_and_plain():
    terms = mbc_edu.load("glossary")
    problems = []
    for row in terms.itertuples():
        words = row.short.split()
        if len(words) > 12:
            problems.append((row.id, "more than 12 words"))
        if len(words) >= 8 and textstat.flesch_kincaid_grade(row.short) > 8:
            problems.append((row.id, "above US grade 8"))
        if re.search(rf"(?<![\w-]){re.escape(row.term.lower())}(?![\w-])", row.short.lower()):
            problems.append((row.id, "explains the word with itself"))
        if row.short.endswith(".") or row.short[0].isupper() and not row.short.split()[0].isupper():
            problems.append((row.id, "reads as a sentence, not as words in brackets"))
    assert problems == []
