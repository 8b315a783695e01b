"""Print one part of a page from a button, or save a text as a file (in the browser).

``PRINT_JS`` is shared by the widgets that offer such a button. Printing marks the part
and its ancestors; the print rules in ``assets/style.css`` then hide the rest of the
page, and the marks go when printing ends. ``SAVE_JS`` (``saveText(text, filename)``) makes a
download in the browser.
"""
from __future__ import annotations

import anywidget
import traitlets

PRINT_JS = r"""
function printOnly(node) {
  const path = [];
  for (let el = node.parentElement; el && el !== document.body; el = el.parentElement) {
    el.classList.add("mbc-print-path");
    path.push(el);
  }
  node.classList.add("mbc-print-target");
  document.body.classList.add("mbc-printing");
  window.addEventListener("afterprint", () => {
    document.body.classList.remove("mbc-printing");
    node.classList.remove("mbc-print-target");
    path.forEach((el) => el.classList.remove("mbc-print-path"));
  }, { once: true });
  window.print();
}
function button(text, onClick) {
  const node = document.createElement("button");
  node.type = "button";
  node.className = "mbc-button mbc-no-print";
  node.textContent = text;
  node.addEventListener("click", onClick);
  return node;
}
"""


# Save a text made in the browser as a file (a download: nothing goes to the server).
SAVE_JS = r"""
function saveText(text, filename) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
"""


class PrintButton(anywidget.AnyWidget):
    """A button that prints only the element with CSS class ``target`` in its dashboard."""

    _esm = PRINT_JS + r"""
function render({ model, el }) {
  el.appendChild(button(model.get("label"), () => {
    const app = el.closest(".mbc-app") || document;
    const node = app.querySelector("." + model.get("target"));
    if (node) printOnly(node);
  }));
}
export default { render };
"""
    label = traitlets.Unicode().tag(sync=True)
    target = traitlets.Unicode().tag(sync=True)

    def __init__(self, label: str, target: str, **kwargs):
        super().__init__(label=label, target=target, **kwargs)
