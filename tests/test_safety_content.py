"""Safety content (issue 9): every sign says how urgent it is and what to do, and the help lines are there."""
import re

import pytest

import mbc_edu

LEVELS = {"emergency", "call-now", "next-visit"}
# Warning signs the course must cover, each as words that must all appear in one row's sign and why.
REQUIRED_SIGNS = {
    "fever": ["100.4", "38"],
    "spinal cord": ["spinal cord", "legs", "bladder"],
    "seizure": ["seizure"],
    "confusion": ["confusion"],
    "headache or vomiting": ["headache", "vomiting"],
    "breathing or chest": ["breathing", "chest"],
    "high calcium": ["calcium", "thirsty", "constipation"],
    "bleeding": ["bleeding"],
    "pain not controlled": ["pain medicine"],
    "blood clot": ["blood clot"],
}


def sign_texts():
    signs = mbc_edu.load("warning_signs")
    return [f"{r.sign} {r.why}".lower() for r in signs.itertuples()]


def test_three_urgency_levels_most_urgent_first():
    levels = mbc_edu.load("urgency_levels").sort_values("order")
    assert levels["id"].tolist() == ["emergency", "call-now", "next-visit"]
    assert "911" in levels["label"].iloc[0] and "911" in levels["action"].iloc[0]
    assert "day or night" in levels["label"].iloc[1]


def test_every_symptom_has_urgency_other_causes_and_steps():
    symptoms = mbc_edu.load("symptoms")
    assert len(symptoms) == 35
    assert set(symptoms["urgency_id"]) == LEVELS
    for column in ("other_causes", "what_to_do", "care_source_id", "care_section"):
        assert (symptoms[column].str.strip().str.len() > 0).all(), column
    steps = symptoms["what_to_do"].str.lower()
    assert steps.str.contains("call|tell").all()


def test_emergency_text_says_911():
    symptoms = mbc_edu.load("symptoms")
    assert symptoms.loc[symptoms["urgency_id"] == "emergency", "what_to_do"].str.contains("911").all()
    signs = mbc_edu.load("warning_signs")
    assert signs.loc[signs["urgency_id"] == "emergency", "why"].str.contains("911").all()


@pytest.mark.parametrize("name", list(REQUIRED_SIGNS))
def test_required_warning_sign_is_present(name):
    assert any(all(word in text for word in REQUIRED_SIGNS[name]) for text in sign_texts()), name


def test_every_level_lists_signs_and_none_is_proof_of_spread():
    signs = mbc_edu.load("warning_signs")
    assert set(signs["urgency_id"]) == LEVELS
    assert not signs["why"].str.contains(r"\bmeans (?:the )?cancer has spread", case=False).any()


def test_next_visit_signs_say_when_to_call_now():
    signs = mbc_edu.load("warning_signs")
    later = signs.loc[signs["urgency_id"] == "next-visit", "why"]
    assert len(later) >= 4 and later.str.contains("call now if it gets worse or comes with a sign above").all()


def test_each_reason_is_one_short_sentence():
    why = mbc_edu.load("warning_signs")["why"]
    assert (why.str.count(r"[.!?](?:\s|$)") == 1).all() and (why.str.split().str.len() <= 20).all()


@pytest.mark.parametrize("words", [["droop", "slurred", "one side", "seeing"], ["worst headache"],
                                   ["legs", "bladder"], ["seizure"], ["heavy bleeding", "faint"],
                                   ["blood clot", "breathing"]])
def test_level_one_names_the_911_signs(words):
    signs = mbc_edu.load("warning_signs")
    emergency = signs[signs["urgency_id"] == "emergency"]
    texts = (emergency["sign"] + " " + emergency["why"]).str.lower()
    assert any(all(word in text for word in words) for text in texts), words


def test_no_step_is_an_alternative():
    from mbc_edu.safety import steps
    for action in mbc_edu.load("urgency_levels")["action"]:
        assert not any(step.startswith("Or") for step in steps(action)), action


def test_key_points_of_lesson_help_name_911_and_call_now_signs():
    points = mbc_edu.load("key_points")
    text = " ".join(points.loc[points["lesson_id"] == "help", "point"])
    assert "Ask your care team which ones" not in text
    for words in ("911", "100.4°F (38°C)", "seizure", "bladder", "day or night"):
        assert words in text, words


def test_every_urgency_level_is_used():
    used = set(mbc_edu.load("symptoms")["urgency_id"]) | set(mbc_edu.load("warning_signs")["urgency_id"])
    assert used == LEVELS


def test_contacts_include_the_help_lines():
    contacts = mbc_edu.load("contacts")
    how = " ".join(contacts["how"])
    for number in ("988", "1-800-227-2345", "1-800-422-6237"):
        assert number in how, number
    lifeline = contacts.set_index("id").loc["lifeline-988"]
    assert "24 hours" in lifeline["hours"] and "text" in lifeline["how"].lower()
    assert set(contacts.loc[contacts["kind"] == "community", "id"]) == {"bco-forum", "bco-meetups", "bco-podcast"}


def test_every_test_says_how_to_get_ready_how_long_and_results():
    tests = mbc_edu.load("tests")
    assert len(tests) == 13
    for column in ("prepare", "duration", "results", "prep_source_id", "prep_section"):
        assert (tests[column].str.strip().str.len() > 0).all(), column
    for row in tests.itertuples():  # numbered steps "1. ... 2. ...", rendered as a list
        steps = re.findall(r"(?:^|\s)(\d)\. ", row.prepare)
        assert steps == [str(n) for n in range(1, len(steps) + 1)] and 2 <= len(steps) <= 4, row.id
        assert "results" in row.prepare.split(f"{steps[-1]}. ")[-1], row.id


def first_sentence(text: str) -> str:
    return text.split(". ")[0]


def test_symptom_badge_is_its_most_urgent_case_and_comes_first():
    """The badge is the sign at its most urgent: 911 text is an emergency, call-now text is never
    'next visit', and the text starts with the most urgent case."""
    call_now = r"\bnow\b|day or night|\btoday\b"
    for row in mbc_edu.load("symptoms").itertuples():
        text = row.what_to_do
        if "911" in text:
            assert row.urgency_id == "emergency", row.id
        if re.search(call_now, text):
            assert row.urgency_id != "next-visit", row.id
        first = first_sentence(text)
        if row.urgency_id == "emergency":
            assert "911" in first or "emergency room now" in first, row.id
        elif row.urgency_id == "call-now":
            assert re.search(call_now, first), row.id


def test_seizure_always_means_911_in_symptoms_and_signs():
    seizure = mbc_edu.load("symptoms").set_index("id").loc["seizures"]
    assert seizure.urgency_id == "emergency" and first_sentence(seizure.what_to_do).startswith("Call 911")
    assert "first seizure" not in seizure.what_to_do
    signs = mbc_edu.load("warning_signs")
    assert (signs.loc[signs["sign"].str.contains("seizure", case=False) & ~signs["sign"].str.contains("headache"), "urgency_id"] == "emergency").all()
