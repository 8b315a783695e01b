""""My questions for my care team": tick a lesson's questions or write your own, in one list.

The list gathers the picks of every lesson. It lives in the learner's browser (a
:class:`~mbc_edu.device.DeviceStore` under the key ``"questions"``), so it survives moving
between lessons and reloading, and the server keeps nothing. The list can be printed on
its own or saved as a plain-text file made in the browser.
"""
from __future__ import annotations

import ipywidgets as widgets
import traitlets

from . import views
from .device import STORE_JS, DeviceStore
from .printing import PRINT_JS, SAVE_JS
from .render import Page, esc
from .tables import load

KEY = "questions"
TITLE = "My questions for my care team"
LIST_TITLE = "My list of questions"  # the gathered list's own heading, under TITLE (never TITLE twice)
INTRO = ("Tick the questions you want to ask, or write your own. They go into one list, with the ones you "
         "tick in other lessons. Print the list or save it as a file, and take it to your next visit.")
PRIVACY = ("Your list stays in this web browser, on this device. It is not sent to the course's server "
           "or kept there. On a shared computer, remove your questions when you are done.")
FILENAME = "my-questions.txt"

_LIST_JS = r"""
function render({ model, el }) {
  loadStore(model);
  const uid = Math.random().toString(36).slice(2);
  const own = document.createElement("div");
  own.className = "mbc-own mbc-no-print";
  const label = document.createElement("label");
  label.textContent = "Write your own question";
  label.htmlFor = "mbc-own-" + uid;
  const input = document.createElement("textarea");
  input.id = label.htmlFor;
  input.rows = 3;
  const add = button("Add my question", () => {
    if (input.value.trim()) model.send({ add: input.value });  // the words go with the click: no race
    input.value = "";
  });
  own.append(label, input, add);
  const box = document.createElement("section");
  box.className = "mbc-my-questions";
  const heading = document.createElement("h3");
  heading.textContent = model.get("title");
  heading.id = "mbc-my-questions-" + uid;
  heading.tabIndex = -1;
  box.setAttribute("aria-labelledby", heading.id);
  const status = document.createElement("p");
  status.className = "mbc-status";
  status.setAttribute("aria-live", "polite");
  const list = document.createElement("ol");
  const actions = document.createElement("div");
  actions.className = "mbc-actions mbc-no-print";
  const print = button("Print my list", () => printOnly(box));
  const save = button("Save my list as a file", () => saveText(model.get("text"), model.get("filename")));
  actions.append(print, save);
  box.append(heading, status, list, actions);
  el.append(own, box);
  let focusAt = null;  // after a removal: the row whose Remove button takes the focus
  function draw() {
    const entries = model.get("entries");
    const n = entries.length;
    status.textContent = n === 0 ? "Your list is empty. Tick a question above, or write your own."
      : `${n} question${n === 1 ? "" : "s"} in your list.`;
    list.replaceChildren(...entries.map((entry, i) => {
      const item = document.createElement("li");
      const text = document.createElement("span");
      text.className = "mbc-question-text";
      text.textContent = entry.text;
      const from = document.createElement("span");
      from.className = "mbc-small mbc-no-print";
      from.textContent = " (" + entry.from + ")";
      const remove = button("Remove", () => { focusAt = i; model.send({ remove: entry.key }); });
      remove.setAttribute("aria-label", "Remove: " + entry.text);
      item.append(text, from, " ", remove);
      return item;
    }));
    list.hidden = n === 0;
    print.disabled = save.disabled = n === 0;
    if (focusAt !== null) {
      const buttons = list.querySelectorAll("button");
      (buttons[Math.min(focusAt, buttons.length - 1)] || heading).focus();
      focusAt = null;
    }
  }
  model.on("change:entries", draw);
  draw();
}
export default { initialize({ model, signal }) { connectStore(model, signal); }, render };
"""


class MyQuestions(DeviceStore):
    """A box for your own words, and the gathered list: every lesson's ticked questions and your
    own, in the order added, each removable; print it or save it as a file.

    ``value["items"]`` holds ``{"id": question id}`` or ``{"text": own words}`` entries.
    ``entries`` (what the list shows) and ``text`` (the saved file) follow it.
    """

    _esm = STORE_JS + PRINT_JS + SAVE_JS + _LIST_JS
    title = traitlets.Unicode(LIST_TITLE).tag(sync=True)
    filename = traitlets.Unicode(FILENAME).tag(sync=True)
    entries = traitlets.List(traitlets.Dict()).tag(sync=True)
    text = traitlets.Unicode().tag(sync=True)

    def __init__(self, key: str = KEY, **kwargs):
        questions = load("questions")
        lessons = load("lessons").set_index("id")
        self.catalog = {r.id: (r.question, f"from lesson {lessons.at[r.lesson_id, 'number']}, "
                                           f"{lessons.at[r.lesson_id, 'title']}") for r in questions.itertuples()}
        super().__init__(key, **kwargs)
        self.observe(self._update, "value")
        self._update()
        self.on_msg(self._message)

    @property
    def items(self) -> list[dict]:
        """The stored entries that are still valid: known question ids and non-empty own words, once each."""
        raw = self.value.get("items")
        found, seen = [], set()
        for item in raw if isinstance(raw, list) else []:
            key = entry_key(item)
            if key and key not in seen and (item.get("id") in self.catalog or "text" in item):
                seen.add(key)
                found.append({"id": item["id"]} if "id" in item else {"text": item["text"]})
        return found

    @property
    def picked(self) -> set[str]:
        """Ids of the ticked questions (from every lesson)."""
        return {item["id"] for item in self.items if "id" in item}

    def set_items(self, items: list[dict]) -> None:
        self.value = {**self.value, "items": items}

    def pick(self, question_id: str, on: bool = True) -> None:
        """Add a question of the table to the list, or take it out."""
        rest = [i for i in self.items if i.get("id") != question_id]
        self.set_items(rest + [{"id": question_id}] if on else rest)

    def add_own(self, words: str) -> None:
        """Add the learner's own question (spaces tidied); empty words or the same words again add nothing."""
        text = " ".join(words.split())
        if text and {"text": text} not in self.items:
            self.set_items(self.items + [{"text": text}])

    def remove(self, key: str) -> None:
        """Take one entry (by its ``entries`` key) out of the list."""
        self.set_items([i for i in self.items if entry_key(i) != key])

    def _message(self, widget, content, buffers) -> None:
        """The browser's buttons: ``{"add": words}`` or ``{"remove": key}``."""
        if isinstance(content, dict) and isinstance(content.get("add"), str):
            self.add_own(content["add"])
        if isinstance(content, dict) and isinstance(content.get("remove"), str):
            self.remove(content["remove"])

    def _update(self, change=None) -> None:
        items = self.items
        if items != self.value.get("items", []):
            self.set_items(items)  # drop what is garbled or no longer in the course; observed again
            return
        entries = []
        for item in items:
            text, source = self.catalog[item["id"]] if "id" in item else (item["text"], "my own question")
            entries.append({"key": entry_key(item), "text": text, "from": source})
        self.entries = entries
        lines = [f"{n}. {e['text']}" for n, e in enumerate(entries, 1)]
        self.text = "\n".join([TITLE, "", *lines, ""])


def entry_key(item) -> str:
    """A stable key for a stored entry ("q:<id>" or "own:<text>"); empty for anything else."""
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return "q:" + item["id"]
    if isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip():
        return "own:" + item["text"]
    return ""


class QuestionList(widgets.VBox):
    """A lesson's questions with tick boxes, then the gathered list (with a box for your own words)."""

    def __init__(self, page: Page, lesson_id: str):
        rows = load("questions")
        self.rows = page.cite(rows[rows["lesson_id"] == lesson_id].sort_values("order"))
        self.store = MyQuestions()
        explained: set[str] = set()  # a view of its own: a medical word has its meaning at its first use here
        # a tick box's label is plain text, so the meaning is written in brackets, with no link
        self.boxes = {r.id: views.checkbox(page.glossary.plain(r.question, explained)) for r in self.rows.itertuples()}
        for box in self.boxes.values():
            box.observe(self._tick, "value")
        self.store.observe(self._follow, "value")
        self._quiet = False
        asks = ("<h3>Questions from this lesson</h3><p>Tick a box to add a question to your list.</p>"
                if self.boxes else "")
        super().__init__([
            views.html(f"<h2>{esc(TITLE)}</h2><p>{esc(INTRO)}</p>{asks}"),
            widgets.VBox(list(self.boxes.values())),
            views.html(page.source_line(zip(self.rows["source_id"], self.rows["section"]))),
            self.store,
            views.html(f'<p class="mbc-small">{esc(PRIVACY)}</p>'),
        ])
        self.add_class("mbc-questions")

    def _tick(self, change) -> None:
        if not self._quiet:
            question_id = next(i for i, box in self.boxes.items() if box is change["owner"])
            self.store.pick(question_id, change["new"])

    def _follow(self, change=None) -> None:
        """Tick exactly the boxes whose questions are in the list (it may change in the browser)."""
        picked = self.store.picked
        self._quiet = True
        for question_id, box in self.boxes.items():
            box.value = question_id in picked
        self._quiet = False
