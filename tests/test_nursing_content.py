"""The nursing layer (issue 10): objectives for every lesson, the therapy classes, level and sourcing."""
import json
import re

import pytest
import textstat

import mbc_edu
from test_content import SOURCE_ARTICLE, copied_from_article, taught

NURSING_TEXT = {
    "objectives": ["objective"],
    "nursing_notes": ["heading", "body"],
    "therapies": ["name", "examples", "used_for", "approval", "watch_for", "teach"],
}
# Lists of generic drug names and the class names fixed by the design are not prose.
NOT_PROSE = {"therapies.name", "therapies.examples"}
THERAPY_CLASSES = {
    "cdk4/6": "Endocrine therapy with a CDK4/6 inhibitor",
    "her2": "Anti-HER2 therapy",
    "adc": "Antibody-drug conjugates",
    "parp": "PARP inhibitors for inherited BRCA variants",
    "pi3k": "PIK3CA/AKT-pathway and ESR1-targeted drugs found by biomarker testing",
    "immunotherapy": "Immunotherapy for PD-L1-positive triple-negative disease",
    "bone": "Bone-modifying agents",
}


def nursing_texts():
    for name, columns in NURSING_TEXT.items():
        frame = mbc_edu.load(name)
        for column in columns:
            for i, text in frame[column].items():
                yield f"{name}.{column}[{frame.at[i, 'id']}]", text


def allowed_verbs() -> list[str]:
    package = json.loads((mbc_edu.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "objectives")
    verb = next(f for f in resource["schema"]["fields"] if f["name"] == "verb")
    return verb["constraints"]["enum"]


def test_every_lesson_has_three_to_five_objectives():
    objectives = mbc_edu.load("objectives")
    lessons = taught()
    assert "emergencies" in set(lessons)
    counts = objectives.groupby("lesson_id").size().reindex(lessons, fill_value=0)
    assert counts.between(3, 5).all(), counts[~counts.between(3, 5)].to_dict()
    assert not objectives.duplicated(["lesson_id", "order"]).any()


def test_each_objective_starts_with_its_allowed_verb():
    verbs = allowed_verbs()
    for row in mbc_edu.load("objectives").itertuples():
        first = row.objective.split()[0].lower()
        assert first == row.verb and first in verbs, (row.id, first)


def test_every_therapy_class_of_the_design_is_present():
    therapies = mbc_edu.load("therapies")
    assert sorted(therapies["name"]) == sorted(THERAPY_CLASSES.values())
    assert therapies["approval"].str.contains(r"\b(?:19|20)\d\d\b").all(), "each approval names its year"


def test_nursing_notes_cover_subtypes_tests_and_communication():
    notes = mbc_edu.load("nursing_notes")
    text = " ".join(notes["heading"] + " " + notes["body"]).lower()
    for term in ["her2-negative", "her2-positive", "her2-low", "triple-negative", "pet-ct", "pik3ca", "akt1",
                 "pten", "esr1", "circulating tumor dna", "pd-l1", "germline brca1/2", "biopsy",
                 "distress thermometer", "teach-back", "goals-of-care"]:
        assert term in text, term
    assert set(notes.loc[notes["topic"] == "subtypes", "lesson_id"]) <= {"basics", "treatment"}
    assert set(notes.loc[notes["topic"] == "tests", "lesson_id"]) == {"tests"}


@pytest.mark.parametrize("name", list(NURSING_TEXT))
def test_every_row_has_a_source_section_and_year(name):
    frame = mbc_edu.load(name)
    assert frame["source_id"].notna().all() and frame["section"].str.strip().astype(bool).all()
    assert frame["year"].between(1990, 2026).all(), frame.loc[~frame["year"].between(1990, 2026), "id"].tolist()


def test_nursing_text_reads_at_grade_twelve_or_lower():
    grades = {where: textstat.flesch_kincaid_grade(text) for where, text in nursing_texts()
              if len(text.split()) >= 8 and where.split("[")[0] not in NOT_PROSE}
    assert grades
    too_hard = {where: grade for where, grade in grades.items() if grade > 12}
    assert too_hard == {}


@pytest.mark.skipif(not SOURCE_ARTICLE.exists(), reason="the source article lives in ../shared/source")
def test_no_sentence_is_copied_from_the_article():
    assert copied_from_article(nursing_texts()) == []


def test_no_markup_in_nursing_cells():
    assert [where for where, text in nursing_texts() if re.search(r"<[a-z/][^>]*>", text)] == []
