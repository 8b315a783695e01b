"""The unfolding case in the nursing layer: steps per lesson, the case so far, every rationale after checking."""
import mbc_edu
from mbc_edu.case import case_steps
from mbc_edu.nursing_quiz import Answer
from mbc_edu.render import Page, esc
from mbc_edu.results import NursingResults

STEPS = mbc_edu.load("case_steps").sort_values("order").reset_index(drop=True)
OPTIONS = mbc_edu.load("case_options")


def steps(lesson):
    results = NursingResults()
    return results, [w for w in case_steps(Page.create(), lesson, results) if isinstance(w, Answer)]


def test_each_lesson_shows_its_steps_with_the_case_so_far():
    for lesson, mine in STEPS.groupby("lesson_id"):
        _, cards = steps(lesson)
        assert [c.item_id for c in cards] == [f"case:{i}" for i in mine["id"]]
        for card, (index, step) in zip(cards, mine.iterrows()):
            shown = card.children[0].value
            assert f"Case step {index + 1} of {len(STEPS)}: {esc(step['title'])}" in shown
            assert esc(step["scenario"]) in shown and esc(step["question"]) in shown
            for earlier in STEPS.iloc[:index].itertuples():  # the case unfolds: earlier scenarios are there
                assert esc(earlier.scenario) in shown
            assert ("The case so far" in shown) is (index > 0)
    assert steps("glossary")[1] == []


def test_radio_for_one_best_tick_boxes_for_several():
    for lesson in STEPS["lesson_id"].unique():
        for card in steps(lesson)[1]:
            best = OPTIONS[(OPTIONS["step_id"] == card.item_id[5:]) & OPTIONS["best"]]
            assert card.kind == ("multiple" if len(best) > 1 else "single")
    assert "multiple" in {c.kind for lesson in STEPS["lesson_id"].unique() for c in steps(lesson)[1]}


def test_choosing_shows_why_for_every_option_and_records_the_answer():
    results, cards = steps("symptoms")
    card = cards[0]
    rows = OPTIONS[OPTIONS["step_id"] == "back-pain"]
    wrong = rows.loc[~rows["best"], "key"].iloc[0]
    card.radio.value = wrong
    card._check()
    shown = card.feedback.value
    assert "Not right." in shown and f"{wrong}) Not best (your choice):" in shown
    for row in rows.itertuples():
        assert esc(row.rationale) in shown
        assert f"{row.key}) {'Best' if row.best else 'Not best'}" in shown
    assert "Source:" in shown and f"Evidence from {STEPS.loc[0, 'year']}." in shown
    assert results.answers["case:back-pain"] == {"given": [wrong], "right": False, "tries": 1}
    card.radio.value = rows.loc[rows["best"], "key"].iloc[0]
    card._check()
    assert "Right." in card.feedback.value
    assert results.answers["case:back-pain"]["tries"] == 2 and results.answers["case:back-pain"]["right"]


def test_a_step_with_several_best_is_right_only_with_all_of_them():
    lesson = STEPS.set_index("id").at["start-treatment", "lesson_id"]
    results, cards = steps(lesson)
    card = next(c for c in cards if c.item_id == "case:start-treatment")
    best = list(OPTIONS[(OPTIONS["step_id"] == "start-treatment") & OPTIONS["best"]]["key"])
    card.boxes[best[0]].value = True
    card._check()
    assert not results.answers[card.item_id]["right"]
    card.boxes[best[1]].value = True
    card._check()
    assert results.answers[card.item_id]["right"]


def test_the_nursing_layer_holds_the_case_questions_and_results():
    app = mbc_edu.symptom_explorer()
    app.audience.choose("nursing")
    kinds = [type(w).__name__ for w in app.nursing.children]
    assert kinds.count("NursingResults") == 1 and kinds.index("NursingResults") > kinds.index("Answer")
    assert any(w.item_id == "case:back-pain" for w in app.nursing.children if isinstance(w, Answer))
    glossary = mbc_edu.glossary_search()
    glossary.audience.choose("nursing")
    assert "NursingResults" not in [type(w).__name__ for w in glossary.nursing.children]


def test_an_answer_kept_on_the_device_is_shown_before_a_new_check():
    results, cards = steps("symptoms")
    card = cards[0]
    best = OPTIONS[(OPTIONS["step_id"] == "back-pain") & OPTIONS["best"]].iloc[0]
    results.value = {"answers": {"case:back-pain": {"given": [best.key], "right": True, "tries": 1}}}  # as the browser loads it
    assert card.feedback.value == (f'<p class="mbc-small mbc-earlier">Your last answer on this device: {best.key}) '
                                   f"{esc(best.text)} (right). Answer again to see why each option is right or not.</p>")
    card.radio.value = best.key
    card._check()
    results.value = {}
    assert "Why, for every option" in card.feedback.value  # a check on this page stays shown
