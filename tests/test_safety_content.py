"""Safety content (issue 9): every sign says how urgent it is and what to do, and the help lines are there."""
import re

import pandas as pd
import pytest

import mbc_edu
from mbc_edu.render import present
from mbc_edu.symptoms import named_levels

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


@pytest.mark.parametrize("words", [["droop", "slurred", "one side", "seeing"], ["headache", "in seconds", "worst"],
                                   ["legs", "bladder"], ["seizure"], ["heavy bleeding", "faint"],
                                   ["blood clot", "breathing"]])
def test_level_one_names_the_911_signs(words):
    signs = mbc_edu.load("warning_signs")
    emergency = signs[signs["urgency_id"] == "emergency"]
    texts = (emergency["sign"] + " " + emergency["why"]).str.lower()
    assert any(all(word in text for word in words) for text in texts), words


def test_headache_and_bleeding_levels_have_one_clear_boundary():
    """911: a headache that comes on in seconds, the worst ever, or with stroke signs; bleeding that is
    fast and does not slow with pressure. Call now: a new headache that will not go away or comes
    with vomiting; slow bleeding. No call-now row uses the 911 row's words."""
    signs = mbc_edu.load("warning_signs").set_index("id")
    assert all(w in signs.at["worst-headache", "sign"] for w in ("in seconds", "worst", "one side", "seizure"))
    assert all(w in signs.at["headache-vomiting", "sign"] for w in ("will not go away", "headache with vomiting"))
    assert not re.search(r"sudden|very bad|worst", signs.at["headache-vomiting", "sign"], re.I)
    assert all(w in signs.at["heavy-bleeding", "sign"] for w in ("fast", "does not slow down", "press", "faint"))
    assert signs.at["bleeding", "sign"].startswith("Slow bleeding")
    assert not re.search(r"heavy|fast|faint", signs.at["bleeding", "sign"], re.I)


def test_platelets_are_explained_where_the_help_card_names_them():
    signs = mbc_edu.load("warning_signs")
    text = signs["sign"] + " " + signs["why"]
    named = text[text.str.contains("platelet", case=False)]
    assert len(named) >= 1 and named.str.contains(r"platelets \(the blood cells that help stop bleeding\)").all()


def test_glossary_urgency_agrees_with_lesson_11():
    """A glossary word for a warning sign says the same level as lesson 11 (high calcium: call now)."""
    glossary = mbc_edu.load("glossary").set_index("id")
    signs = mbc_edu.load("warning_signs").set_index("id")
    label = mbc_edu.load("urgency_levels").set_index("id").at[signs.at["high-calcium", "urgency_id"], "label"]
    assert label.lower() in glossary.at["hypercalcemia", "definition"].lower()
    assert not glossary["definition"].str.contains(r"\bTell your care team about", regex=True).any()


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


def test_the_headache_to_call_911_for_is_the_same_in_the_key_points_and_the_help_box():
    """Lesson 11's words for the headache that needs 911, not a vaguer "worst headache of your life"."""
    sign = mbc_edu.load("warning_signs").set_index("id").at["worst-headache", "sign"]
    points = mbc_edu.load("key_points")
    text = " ".join(points.loc[points["lesson_id"] == "help", "point"])
    for words in ("comes on in seconds and is the worst you have ever had", "weakness on one side", "trouble speaking"):
        assert words in sign and words in text, words
    assert "of your life" not in " ".join(points["point"])


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


# A time that is none of the three levels ("call them today", "call sooner", "tell them the same day").
UNNAMED_TIME = re.compile(r"\b(today|tomorrow|same day|sooner|soon|within)\b", re.I)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=\.)\s+", text.strip()) if s]


def unnamed_times(text: str) -> list[str]:
    """The sentences of a what_to_do text that give a time other than the three levels (no "now")."""
    return [s for s in sentences(text) if UNNAMED_TIME.search(s) and not re.search(r"\bnow\b", s, re.I)]


def usual_level(text: str) -> str | None:
    """The level a what_to_do text gives for the usual case, which the badge must show: the one its
    "Otherwise, ..." sentence names, else the one its first unconditioned sentence names, else (every
    case has an "if") the first one it names."""
    named = [(s, named_levels(s)) for s in sentences(text)]
    named = [(s, levels) for s, levels in named if len(levels) == 1]
    for rule in (lambda s: s.startswith("Otherwise"), lambda s: not re.search(r"\bif\b", s, re.I), lambda s: True):
        picked = [levels for s, levels in named if rule(s)]
        if picked:
            return next(iter(picked[0]))
    return None


def badge_problems(symptoms) -> list[str]:
    """What is wrong with the symptoms' badges: the badge (urgency_id) is the sign's usual case and one
    that its steps name; a sign whose steps name only 911 is an emergency; 911 in the steps comes with
    a call_911_if condition (shown under the badge) in the same words, and a condition only with 911 in
    the steps; the steps name no fourth level ("call them today")."""
    problems = []
    for row in symptoms.itertuples():
        named = named_levels(row.what_to_do)
        call = present(row.call_911_if) and row.call_911_if.strip() != ""
        if row.urgency_id not in named:
            problems.append(f"{row.id}: what_to_do never names {row.urgency_id}")
        elif usual_level(row.what_to_do) != row.urgency_id:
            problems.append(f"{row.id}: its usual case is {usual_level(row.what_to_do)}, not the badge")
        if named == {"emergency"} and row.urgency_id != "emergency":
            problems.append(f"{row.id}: its only case is 911")
        if ("911" in row.what_to_do) != call or (call and f"Call 911 now if {row.call_911_if}." not in row.what_to_do):
            problems.append(f"{row.id}: call_911_if and the 911 step disagree")
        problems += [f"{row.id}: a time that is no level: {s}" for s in unnamed_times(row.what_to_do)]
    return problems


def test_every_badge_is_a_case_its_steps_name_and_911_comes_with_its_condition():
    assert badge_problems(mbc_edu.load("symptoms")) == []


def test_badge_check_fails_on_bad_rows():
    symptoms = mbc_edu.load("symptoms").set_index("id", drop=False)
    bad = symptoms.loc[["lasting-pain", "seizures", "fatigue", "firm-lumps"]].copy()
    bad.loc["lasting-pain", "call_911_if"] = pd.NA  # 911 in its steps, but no condition under the badge
    bad.loc["seizures", "urgency_id"] = "call-now"  # its only case is 911
    bad.loc["fatigue", "call_911_if"] = "you faint"  # a 911 line that its steps never say
    bad.loc["firm-lumps", "urgency_id"] = "call-now"  # a level its steps name, but not for the usual case
    assert badge_problems(bad) == ["lasting-pain: call_911_if and the 911 step disagree",
                                   "seizures: what_to_do never names call-now", "seizures: its only case is 911",
                                   "fatigue: call_911_if and the 911 step disagree",
                                   "firm-lumps: its usual case is next-visit, not the badge"]


# Rows as they were before the levels were made consistent: each badge disagreed with its text.
OLD_ROWS = [
    ("jaundice", "call-now", None, "If you also have a fever, strong belly pain, or feel very confused or sleepy, "
     "call your care team now, day or night. Otherwise call them today."),
    ("stomach-pain", "call-now", None, "If the pain is very bad, or you have a fever of 100.4°F (38°C) or higher, "
     "call your care team now. If it is mild, tell them at your next visit, or call sooner if it gets worse."),
    ("memory-problems", "next-visit", None, "If it gets worse quickly or comes with confusion, call your care team "
     "today. Otherwise tell them at your next visit."),
    ("lasting-pain", "call-now", "you also have numb or weak legs", "Call 911 now if you also have numb or weak legs. "
     "If the pain is new or getting worse, call your care team now. If it is an old pain that is not changing, "
     "tell them at your next visit."),
]


def test_badge_check_fails_on_the_old_rows():
    old = pd.DataFrame(OLD_ROWS, columns=["id", "urgency_id", "call_911_if", "what_to_do"])
    assert badge_problems(old) == [
        "jaundice: a time that is no level: Otherwise call them today.",
        "stomach-pain: a time that is no level: If it is mild, tell them at your next visit, or call sooner if it gets worse.",
        "memory-problems: a time that is no level: If it gets worse quickly or comes with confusion, call your care team today.",
        "lasting-pain: its usual case is emergency, not the badge"]


def test_usual_level_is_the_otherwise_case():
    assert usual_level("Call 911 now if you faint. Otherwise, call your care team now, day or night.") == "call-now"
    assert usual_level("Tell your care team at your next visit. If it grows, call them now, day or night.") == "next-visit"
    assert usual_level("Call 911 now if it is strong. If it is mild, call your care team now, day or night.") == "emergency"
    assert unnamed_times("Call them today. Call your care team now, not today.") == ["Call them today."]


def test_other_causes_are_real_causes():
    """The card puts "Many other things can cause it too, such as:" before other_causes, so the cell
    names causes: no filler that says only that many things or that cancer treatment can cause it."""
    filler = r"^Many things|besides cancer|Cancer treatments can cause side effects|^In people with cancer"
    causes = mbc_edu.load("symptoms").set_index("id")["other_causes"]
    assert not causes[causes.str.contains(filler)].index.tolist()


def test_a_sign_at_a_place_opens_with_the_sign_not_with_cancer():
    """A sign's note at a place (lesson 3) opens with the sign and its many causes, never with cancer,
    and is a sentence, not a bare repeat of the sign's name ("Changes in vision.", "Feeling tired.")."""
    links = mbc_edu.load("site_symptoms").dropna(subset=["note"])
    for row in links.itertuples():
        first = sentences(row.note)[0]
        assert not re.search(r"cancer|tumor", first, re.I), (row.site_id, row.symptom_id)
        assert len(first.split()) >= 6, (row.site_id, row.symptom_id)


def test_named_levels_reads_each_level_from_the_steps():
    assert named_levels("Call 911 or go to the emergency room now if it is sudden.") == {"emergency"}
    assert named_levels("If it burns, call your care team now. Otherwise call them today.") == {"call-now"}
    assert named_levels("Tell them at your next visit, or call sooner if it gets worse.") == {"next-visit"}
    assert named_levels("If you cannot reach them, go to the emergency room.") == set()


def test_most_signs_are_not_emergencies_and_each_911_case_is_one_plain_condition():
    """The badge says 911 only for a sign that usually needs it; the others name their 911 case."""
    symptoms = mbc_edu.load("symptoms")
    assert (symptoms["urgency_id"] == "emergency").sum() <= len(symptoms) // 5
    calls = symptoms["call_911_if"].dropna()
    assert len(calls) >= 15 and not calls.str.contains(r"911|^[A-Z]|\.$").any()  # it follows "Call 911 now if"


def first_sentence(text: str) -> str:
    return text.split(". ")[0]


def test_seizure_always_means_911_in_symptoms_and_signs():
    seizure = mbc_edu.load("symptoms").set_index("id").loc["seizures"]
    assert seizure.urgency_id == "emergency" and first_sentence(seizure.what_to_do).startswith("Call 911")
    assert "first seizure" not in seizure.what_to_do
    signs = mbc_edu.load("warning_signs")
    assert (signs.loc[signs["sign"].str.contains("seizure", case=False) & ~signs["sign"].str.contains("headache"), "urgency_id"] == "emergency").all()
