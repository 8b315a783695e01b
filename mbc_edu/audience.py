"""Who is learning: a patient or family member (the default) or a nursing student.

The learner chooses once on the start page; the choice is kept in this browser (a
:class:`~mbc_edu.device.DeviceStore` under the key ``"audience"``, value
``{"audience": "patient" | "nursing"}``) and every page's header has the same switch. Parts of
a page kept for one audience (:meth:`AudienceSwitch.only_for`) get ``display: none`` for the
other, so they are neither seen nor read out by a screen reader.
"""
from __future__ import annotations

import ipywidgets as widgets
import traitlets

from . import views
from .device import STORE_JS, DeviceStore

KEY = "audience"
AUDIENCES = {"patient": "Patient or family", "nursing": "Nursing student"}
DEFAULT = "patient"
LEGEND = "Who is learning?"
START_HINT = ("Choose once: this device remembers it, and you can change it at the top of every page. "
              "Nursing students see learning objectives and clinical notes added to each lesson.")
STATUS = {"patient": "Showing the course for patients and families.",
          "nursing": "Showing the nursing student view: objectives and clinical notes are added to each lesson."}

_SWITCH_JS = r"""
function render({ model, el }) {
  loadStore(model);
  const box = document.createElement("fieldset");
  box.className = "mbc-audience";
  const legend = document.createElement("legend");
  legend.textContent = model.get("legend");
  box.append(legend);
  const name = "mbc-audience-" + Math.random().toString(36).slice(2);
  const choices = model.get("choices");
  const inputs = choices.map(([key, label]) => {
    const input = document.createElement("input");
    input.type = "radio";
    input.name = name;
    input.value = key;
    input.id = name + "-" + key;
    const tag = document.createElement("label");
    tag.htmlFor = input.id;
    tag.textContent = label;
    input.addEventListener("change", () => {
      if (input.checked) {
        model.set("value", { ...model.get("value"), audience: key });
        model.save_changes();
      }
    });
    const item = document.createElement("span");
    item.className = "mbc-audience-choice";
    item.append(input, tag);
    box.append(item);
    return input;
  });
  if (model.get("hint")) {
    const hint = document.createElement("p");
    hint.className = "mbc-small";
    hint.textContent = model.get("hint");
    box.append(hint);
  }
  const status = document.createElement("p");
  status.className = "mbc-status mbc-small";
  status.setAttribute("aria-live", "polite");
  box.append(status);
  el.appendChild(box);
  const chosen = () => {
    const audience = model.get("value").audience;
    return choices.some(([key]) => key === audience) ? audience : model.get("fallback");
  };
  let first = true;
  function draw() {
    inputs.forEach((input) => { input.checked = input.value === chosen(); });
    if (!first) status.textContent = model.get("status")[chosen()];  // announced on a change only
    first = false;
  }
  model.on("change:value", draw);
  draw();
}
export default { initialize({ model, signal }) { connectStore(model, signal); }, render };
"""

_SWITCH_CSS = """
.mbc-audience { border: 1px solid #8c8c8c; border-radius: 6px; padding: .2rem .8rem .3rem; margin: 0 0 .6rem; }
.mbc-audience legend { font-weight: 700; padding: 0 .3rem; }
.mbc-audience-choice { display: inline-flex; align-items: center; gap: .3rem; margin: .2rem 1.2rem .2rem 0; }
.mbc-audience-choice input { width: 1.1rem; height: 1.1rem; margin: 0; }
.mbc-audience .mbc-status:empty { display: none; }
"""


class AudienceSwitch(DeviceStore):
    """The labelled radio group "Who is learning?", kept on this device.

    ``audience`` is the current choice; :meth:`only_for` keeps widgets for one audience.
    On the start page (``start=True``) it also says that the choice is remembered.
    """

    _esm = STORE_JS + _SWITCH_JS
    _css = _SWITCH_CSS
    legend = traitlets.Unicode(LEGEND).tag(sync=True)
    hint = traitlets.Unicode().tag(sync=True)
    choices = traitlets.List(default_value=[[k, v] for k, v in AUDIENCES.items()]).tag(sync=True)
    fallback = traitlets.Unicode(DEFAULT).tag(sync=True)
    status = traitlets.Dict(default_value=STATUS).tag(sync=True)

    def __init__(self, start: bool = False, **kwargs):
        super().__init__(KEY, hint=START_HINT if start else "", **kwargs)
        self.add_class("mbc-no-print")
        self.kept: list[tuple[str, widgets.Widget]] = []
        self.observe(self._apply, "value")

    @property
    def audience(self) -> str:
        """``"patient"`` or ``"nursing"`` (a missing or unknown stored value counts as the default)."""
        chosen = self.value.get("audience")
        return chosen if chosen in AUDIENCES else DEFAULT

    def choose(self, audience: str) -> None:
        """Switch to ``audience`` (the browser keeps it)."""
        if audience not in AUDIENCES:
            raise ValueError(f"unknown audience {audience!r}; choose one of {', '.join(AUDIENCES)}")
        self.value = {**self.value, "audience": audience}

    def only_for(self, audience: str, *parts: widgets.Widget) -> None:
        """Show ``parts`` only while ``audience`` is chosen."""
        if audience not in AUDIENCES:
            raise ValueError(f"unknown audience {audience!r}")
        for part in parts:
            views.own_layout(part)  # hiding it must not hide the views that share its layout
        self.kept += [(audience, part) for part in parts]
        self._apply()

    def _apply(self, change=None) -> None:
        for audience, part in self.kept:
            part.layout.display = None if audience == self.audience else "none"
