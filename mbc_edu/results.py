"""A nursing student's results: every answer to a case step or nursing question, kept on the device.

:class:`NursingResults` is a :class:`~mbc_edu.device.DeviceStore` under the key
``"nursing-results"``: ``{"name": "...", "answers": {item id: {"given": [keys], "right": bool,
"tries": n}}}``. The server keeps nothing. It draws the "My results" panel: a name field, today's
date (the browser's), the score per lesson and every answer with whether it was right; the panel
prints on its own or is saved as a plain-text file made in the browser.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

import traitlets

from .device import STORE_JS, DeviceStore
from .printing import PRINT_JS, SAVE_JS
from .render import esc
from .tables import load

KEY = "nursing-results"
TITLE = "My results"
FILENAME = "my-nursing-results.txt"
RULES = ("How answers are scored: a case step or a single-answer question is right when you chose the best "
         "answer. A select-all-that-apply question is right only when you chose all the right options and no "
         "wrong one (all or nothing). A priority question is right only when every action is in the right order.")
PRIVACY = ("Your name and answers stay in this web browser, on this device. They are not sent to the course's "
           "server or kept there. On a shared computer, clear your results when you are done.")


@dataclass(frozen=True)
class Item:
    """Something a student answers: a case step or a nursing question."""

    id: str
    lesson_id: str
    label: str  # "Case step 1: A new backache" or the question's stem
    kind: str  # single, multiple or priority
    options: dict[str, str]  # key -> text


def catalog() -> dict[str, Item]:
    """Every answerable item of the course, by id ("case:<step id>" or "question:<question id>")."""
    items = {}
    steps, options = load("case_steps").sort_values("order"), load("case_options")
    for n, step in enumerate(steps.itertuples(), 1):
        rows = options[options["step_id"] == step.id].sort_values("key")
        kind = "multiple" if rows["best"].sum() > 1 else "single"
        items[f"case:{step.id}"] = Item(f"case:{step.id}", step.lesson_id, f"Case step {n}: {step.title}", kind,
                                        dict(zip(rows["key"], rows["text"])))
    questions, choices = load("nursing_questions").sort_values("order"), load("nursing_options")
    for q in questions.itertuples():
        rows = choices[choices["question_id"] == q.id].sort_values("key")
        items[f"question:{q.id}"] = Item(f"question:{q.id}", q.lesson_id, q.stem, q.kind,
                                         dict(zip(rows["key"], rows["text"])))
    return items


def given_text(item: Item, given: list[str]) -> str:
    """The answer given, in words: "b) text" for each key (for priority: "1. b) text; 2. ...")."""
    parts = [f"{key}) {item.options[key]}" for key in given if key in item.options]
    if item.kind == "priority":
        return "; ".join(f"{n}. {part}" for n, part in enumerate(parts, 1))
    return "; ".join(parts) if parts else "nothing chosen"


def summary(answers: dict, items: dict[str, Item]) -> list[dict]:
    """Score per lesson, in lesson order: ``{"lesson", "title", "right", "answered", "total", "answers"}``."""
    lessons = load("lessons").sort_values("number")
    found = []
    for lesson in lessons.itertuples():
        mine = [item for item in items.values() if item.lesson_id == lesson.id]
        done = [(item, answers[item.id]) for item in mine if item.id in answers]
        if not done:
            continue
        found.append({"lesson": lesson.id, "title": f"Lesson {lesson.number}, {lesson.title}",
                      "right": sum(a["right"] for _, a in done), "answered": len(done), "total": len(mine),
                      "answers": [{"label": item.label, "given": given_text(item, a["given"]), "right": a["right"],
                                   "tries": a["tries"]} for item, a in done]})
    return found


def score_line(lesson: dict) -> str:
    return (f"{lesson['right']} right of {lesson['answered']} answered "
            f"({lesson['total']} in this lesson)")


def verdict(answer: dict) -> str:
    tries = f" (try {answer['tries']})" if answer["tries"] > 1 else ""
    return ("Right" if answer["right"] else "Not right") + tries


def summary_text(name: str, day: str, lessons: list[dict]) -> str:
    """The results as plain text, for the saved file."""
    lines = [TITLE, f"Name: {name or '(no name given)'}", f"Date: {day}", ""]
    if not lessons:
        lines.append("No answers yet.")
    for lesson in lessons:
        lines += [f"{lesson['title']}: {score_line(lesson)}"]
        lines += [f"  {n}. {a['label']}\n     My answer: {a['given']}\n     {verdict(a)}"
                  for n, a in enumerate(lesson["answers"], 1)]
        lines.append("")
    return "\n".join([*lines, RULES, ""])


def summary_html(lessons: list[dict]) -> str:
    """The results as safe HTML, for the panel."""
    if not lessons:
        return "<p>No answers yet. Answer a case step or a nursing question, then check it.</p>"
    parts = []
    for lesson in lessons:
        items = "".join(f'<li><p>{esc(a["label"])}</p><p><strong>My answer:</strong> {esc(a["given"])}</p>'
                        f'<p class="{"mbc-right" if a["right"] else "mbc-wrong"}">'
                        f'{"&#10004;" if a["right"] else "&#10008;"} {esc(verdict(a))}</p></li>'
                        for a in lesson["answers"])
        parts.append(f'<section class="mbc-result-lesson"><h4>{esc(lesson["title"])}: '
                     f'{esc(score_line(lesson))}</h4><ol>{items}</ol></section>')
    return "".join(parts)


_PANEL_JS = r"""
function render({ model, el }) {
  loadStore(model);
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  model.set("today", `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`);
  model.save_changes();
  const uid = Math.random().toString(36).slice(2);
  const box = document.createElement("section");
  box.className = "mbc-results";
  const heading = document.createElement("h3");
  heading.textContent = model.get("title");
  heading.id = "mbc-results-" + uid;
  box.setAttribute("aria-labelledby", heading.id);
  const label = document.createElement("label");
  label.textContent = "Your name";
  label.htmlFor = "mbc-results-name-" + uid;
  const input = document.createElement("input");
  input.type = "text";
  input.id = label.htmlFor;
  input.autocomplete = "name";
  let pending = false, then = null;  // a new name on its way to the kernel, and a save waiting for its text
  input.addEventListener("change", () => {
    const typed = input.value.trim();
    if (typed === (model.get("value").name || "")) return;
    pending = true;
    model.set("value", { ...model.get("value"), name: typed });
    model.save_changes();
  });
  model.on("change:text", () => {
    pending = false;
    if (then) { then(); then = null; }
  });
  const name = document.createElement("p");
  name.className = "mbc-results-name";
  const day = document.createElement("p");
  const body = document.createElement("div");
  body.setAttribute("aria-live", "polite");
  const rules = document.createElement("p");
  rules.className = "mbc-small";
  rules.textContent = model.get("rules");
  const actions = document.createElement("div");
  actions.className = "mbc-actions mbc-no-print";
  const print = button("Print my results", () => printOnly(box));
  const save = button("Save my results as a file", () => {
    const go = () => saveText(model.get("text"), model.get("filename"));
    if (pending) then = go; else go();  // the file holds the name just typed
  });
  const clear = button("Clear my results", () => {
    if (window.confirm("Clear your name and every answer kept on this device?")) model.send({ clear: true });
  });
  actions.append(print, save, clear);
  const field = document.createElement("div");
  field.className = "mbc-results-field mbc-no-print";
  field.append(label, input);
  box.append(heading, field, name, day, body, rules, actions);
  el.append(box);
  function draw() {
    const stored = model.get("value").name || "";
    if (document.activeElement !== input) input.value = stored;
    name.textContent = "Name: " + (stored || "(no name given)");
    day.textContent = "Date: " + model.get("today");
    body.innerHTML = model.get("summary");  // built and escaped in Python (results.summary_html)
  }
  model.on("change", draw);
  draw();
}
export default { initialize({ model, signal }) { connectStore(model, signal); }, render };
"""


class NursingResults(DeviceStore):
    """The student's answers (on this device) and the "My results" panel.

    :meth:`record` keeps an answer; ``summary`` (the panel's HTML) and ``text`` (the saved
    file) follow the stored value, the name and the browser's date (``today``).
    """

    _esm = STORE_JS + PRINT_JS + SAVE_JS + _PANEL_JS
    title = traitlets.Unicode(TITLE).tag(sync=True)
    filename = traitlets.Unicode(FILENAME).tag(sync=True)
    rules = traitlets.Unicode(RULES).tag(sync=True)
    today = traitlets.Unicode().tag(sync=True)
    summary = traitlets.Unicode().tag(sync=True)
    text = traitlets.Unicode().tag(sync=True)

    def __init__(self, key: str = KEY, **kwargs):
        self.items = catalog()
        super().__init__(key, **kwargs)
        self.observe(self._update, ["value", "today"])
        self.on_msg(self._message)
        self._update()

    @property
    def answers(self) -> dict:
        """The stored answers that are still valid: known items, known keys, a right/wrong and tries."""
        raw = self.value.get("answers")
        found = {}
        for item_id, answer in (raw.items() if isinstance(raw, dict) else ()):
            item = self.items.get(item_id)
            if item is None or not isinstance(answer, dict) or not isinstance(answer.get("given"), list):
                continue
            given = [key for key in answer["given"] if key in item.options]
            tries = answer.get("tries")
            found[item_id] = {"given": given, "right": answer.get("right") is True,
                              "tries": tries if isinstance(tries, int) and tries > 0 else 1}
        return found

    @property
    def name(self) -> str:
        name = self.value.get("name")
        return name if isinstance(name, str) else ""

    def record(self, item_id: str, given: list[str], right: bool) -> None:
        """Keep the latest answer to an item (and count the tries)."""
        answers = self.answers
        tries = answers.get(item_id, {}).get("tries", 0) + 1
        answers[item_id] = {"given": list(given), "right": bool(right), "tries": tries}
        self.value = {**self.value, "answers": answers}

    def clear(self) -> None:
        """Forget the name and every answer (on this device)."""
        self.value = {}

    def _message(self, widget, content, buffers) -> None:
        if isinstance(content, dict) and content.get("clear") is True:
            self.clear()

    def _update(self, change=None) -> None:
        lessons = summary(self.answers, self.items)
        self.summary = summary_html(lessons)
        self.text = summary_text(self.name, self.today or datetime.date.today().isoformat(), lessons)
