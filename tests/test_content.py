"""The content itself: every fact of the source article is there, in our own words, plainly."""
import re
import statistics
from pathlib import Path

import pytest
import textstat

import mbc_edu

SOURCE_ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "source" / "metastatic-breast-cancer.txt"

TEXT_COLUMNS = {
    "sites": ["description", "risk_note"], "symptoms": ["description", "call_911_if", "other_causes", "what_to_do"],
    "site_symptoms": ["note"],
    "tests": ["what_it_is", "looks_for", "what_to_expect", "prepare", "duration", "results"],
    "test_targets": ["purpose"],
    "statistics": ["meaning"], "treatments": ["description"], "topics": ["body"],
    "glossary": ["definition", "short"], "quiz": ["question", "explanation"],
    "questions": ["question"], "key_points": ["point"],
    "urgency_levels": ["action"], "warning_signs": ["sign", "why"],
    "contacts": ["helps_with", "how", "hours", "first_step"], "figures": ["text"],
}
# Words and figures from every paragraph of the source article that a learner must meet
# ("a|b": either wording carries the fact).
ARTICLE_FACTS = [
    "stage IV", "bones", "lungs", "brain", "liver", "metastasis", "bloodstream", "lymphatic system",
    "months or years", "distant recurrence", "30 in 100", "men", "10 in 100", "de novo", "breast cancer cells",
    "angry", "scared", "no right or wrong", "long", "new medicines", "no cure", "remission", "break",
    "ribs", "spine", "pelvis", "arms and legs", "speech", "memory", "fever", "appetite", "ascites",
    "pelvic bleeding", "blood in", "eye pain", "triple-negative", "lobular", "hearing loss", "glute",
    "rash", "firm lump", "20 in 100", "oligometastatic", "hormone receptor", "HER2", "chemotherapy",
    "hormonal therapy", "targeted therap", "immunotherapy", "surgery", "radiation", "clinical trial",
    "tumor marker", "bone scan", "MRI", "CT", "X-ray", "ultrasound", "bronchoscopy", "biopsy",
    "thoracentesis", "spinal tap", "paracentesis", "pathology report", "jaundice", "seizure", "confusion",
    "fatigue", "incontinence", "double vision", "dry cough", "shortness of breath", "chest pain", "bloating",
    "nausea", "headache", "balance", "sex", "hospice", "finances|money", "social worker", "therapist",
    "clergy|faith leader",
    "support group", "podcast", "forum", "meetup", "personal stories", "20 key terms", "misconceptions|myths",
    "vegetarian", "exercise", "stereotactic", "no history of breast cancer", "feel good|feel well",
]


def all_text() -> str:
    parts = []
    for name in mbc_edu.table_names():
        frame = mbc_edu.load(name)
        for column in frame.select_dtypes("string"):
            parts += frame[column].dropna().tolist()
    return "\n".join(parts)


def texts():
    for name, columns in TEXT_COLUMNS.items():
        frame = mbc_edu.load(name)
        for column in columns:
            for i, text in frame[column].dropna().items():
                yield f"{name}.{column}[{i}]", text


@pytest.mark.parametrize("fact", ARTICLE_FACTS)
def test_article_fact_reaches_the_tables(fact):
    statistics = mbc_edu.load("statistics")
    phrases = " ".join(f"{r.count} in {r.out_of}" for r in statistics.itertuples())
    text = (all_text() + phrases).lower()
    assert any(wording.lower() in text for wording in fact.split("|"))


def test_all_fourteen_key_signs():
    assert mbc_edu.load("symptoms")["key_sign"].sum() == 14


def test_required_sites():
    sites = set(mbc_edu.load("sites")["id"])
    assert {"bone", "brain", "lung", "liver", "digestive", "ovary-uterus", "bladder-ureter", "behind-eye",
            "leptomeningeal", "skin"} <= sites


def test_the_three_key_figures():
    stats = mbc_edu.load("statistics").set_index("id")
    assert stats.loc[["recurrence", "de-novo", "oligometastatic"], "percent"].tolist() == [30, 10, 20]


def test_every_source_is_used_and_every_url_is_https():
    used = set()
    for name in mbc_edu.table_names():
        frame = mbc_edu.load(name)
        for column in frame.columns[frame.columns.str.endswith("source_id")]:
            used |= set(frame[column].dropna())
    sources = mbc_edu.load("sources")
    assert set(sources["id"]) == used
    assert sources["url"].str.startswith("https://").all()


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def copied_from_article(located_texts) -> list[tuple[str, str]]:
    """Every 8-word run of (where, text) pairs that stands in the source article too."""
    article = words(SOURCE_ARTICLE.read_text(encoding="utf-8"))
    grams = {tuple(article[i:i + 8]) for i in range(len(article) - 7)}
    copied = []
    for where, text in located_texts:
        w = words(text)
        copied += [(where, " ".join(w[i:i + 8])) for i in range(len(w) - 7) if tuple(w[i:i + 8]) in grams]
    return copied


@pytest.mark.skipif(not SOURCE_ARTICLE.exists(), reason="the source article lives in ../shared/source")
def test_no_sentence_is_copied_from_the_article():
    assert copied_from_article(texts()) == []


def test_plain_language_grade_level():
    """Learner prose: median US grade 6 or lower, and no text of 8 or more words above grade 8."""
    grades = {where: textstat.flesch_kincaid_grade(text) for where, text in texts() if len(text.split()) >= 8}
    too_hard = {w: g for w, g in grades.items() if g > 8}
    assert too_hard == {}
    assert statistics.median(grades.values()) <= 6


def test_no_markup_in_content():
    assert not re.search(r"<[a-z/][^>]*>", all_text())


def taught():
    """The ids of the lessons learners take: every lesson but the instructor guide (which is about them)."""
    from mbc_edu.guide import GUIDE
    lessons = mbc_edu.load("lessons")["id"]
    return lessons[lessons != GUIDE]


@pytest.mark.parametrize("table, fewest, most", [("questions", 4, 8), ("key_points", 3, 5)])
def test_every_lesson_has_its_questions_and_key_points(table, fewest, most):
    frame = mbc_edu.load(table)
    counts = frame.groupby("lesson_id").size().reindex(taught(), fill_value=0)
    assert counts.between(fewest, most).all(), counts[~counts.between(fewest, most)].to_dict()
    assert not frame.duplicated(["lesson_id", "order"]).any()
