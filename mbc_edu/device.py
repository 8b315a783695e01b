"""Keep a learner's choices in their own browser (localStorage), never on the server.

``DeviceStore("questions").value`` is a JSON-able dict. When the page draws the widget, the
browser reads it from localStorage under ``"mbc-edu:questions"``; every change is written back
there. A missing or garbled value starts empty. Stores with the same key in one page (or
in other tabs) follow each other.
"""
from __future__ import annotations

import json

import anywidget
import traitlets

PREFIX = "mbc-edu:"

# Shared by every widget built on DeviceStore: connectStore(model, signal) in initialize(),
# loadStore(model) in render().
STORE_JS = f"const PREFIX = {json.dumps(PREFIX)};" + r"""
function readStored(key) {
  try {
    const value = JSON.parse(window.localStorage.getItem(PREFIX + key));
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch (err) {
    return {};  // garbled, or storage blocked: start empty
  }
}
function writeStored(key, value) {
  try {
    window.localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch (err) {
    console.warn("mbc-edu: this browser did not keep the change", err);
  }
}
function adopt(model, value) {
  if (JSON.stringify(value) !== JSON.stringify(model.get("value"))) {
    model.set("value", value);
    model.save_changes();
  }
}
// In initialize(): write every change, and follow other stores of the same key.
function connectStore(model, signal) {
  const key = model.get("key");
  model.on("change:value", () => {
    const value = model.get("value");
    writeStored(key, value);
    window.dispatchEvent(new CustomEvent("mbc-edu-store", { detail: { key, value } }));
  });
  window.addEventListener("mbc-edu-store", (e) => { if (e.detail.key === key) adopt(model, e.detail.value); }, { signal });
  window.addEventListener("storage", (e) => { if (e.key === PREFIX + key) adopt(model, readStored(key)); }, { signal });
}
// In render(): by then the page's other widgets exist, so what the kernel changes in answer reaches them.
function loadStore(model) {
  adopt(model, readStored(model.get("key")));
}
"""


class DeviceStore(anywidget.AnyWidget):
    """A dict kept in this browser's localStorage under ``"mbc-edu:<key>"``.

    Display it (it shows nothing): the browser reads the stored value when it draws it.
    """

    _esm = STORE_JS + """
export default {
  initialize({ model, signal }) { connectStore(model, signal); },
  render({ model }) { loadStore(model); },
};
"""
    key = traitlets.Unicode().tag(sync=True)
    value = traitlets.Dict().tag(sync=True)

    def __init__(self, key: str, **kwargs):
        if not key:
            raise ValueError("a DeviceStore needs a key")
        super().__init__(key=key, **kwargs)
