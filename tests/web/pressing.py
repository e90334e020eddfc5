"""Press a button on a page as a browser would, for pages whose rows share one form.

A row's button may name its form (``form="id"``) and its own address (``formaction``);
the browser then sends that form's fields, every field elsewhere that names the form, and
the button's name and value to the button's address. ``press`` does the same with
Django's test client, so a test reads the markup the user gets rather than guessing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from django.http import HttpResponse
from django.test import Client


@dataclass
class _Form:
    id: str
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Button:
    text: str
    attrs: dict[str, str]
    form: str  # the id of the form it belongs to (its own or the one it names)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: dict[str, _Form] = {}
        self.buttons: list[Button] = []
        self.loose: list[tuple[str, tuple[str, str]]] = []  # (form id, field) outside it
        self._open: list[str] = []  # forms we are inside
        self._button: Button | None = None
        self._select: tuple[str, str] | None = None  # (form id, name)
        self._count = 0

    def _owner(self, attrs: dict[str, str]) -> str:
        return attrs.get("form") or (self._open[-1] if self._open else "")

    def _add(self, owner: str, pair: tuple[str, str]) -> None:
        if owner in self.forms and self._open and owner == self._open[-1]:
            self.forms[owner].fields.append(pair)
        else:
            self.loose.append((owner, pair))

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {name: value or "" for name, value in attrs_list}
        if tag == "form":
            self._count += 1
            name = attrs.get("id") or f"#form{self._count}"
            self.forms[name] = _Form(name, attrs.get("action", ""), attrs.get("method", "get"))
            self._open.append(name)
        elif tag == "input" and attrs.get("name") and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file"):
                self._add(self._owner(attrs), (attrs["name"], attrs.get("value", "")))
        elif tag == "select" and attrs.get("name"):
            self._select = (self._owner(attrs), attrs["name"])
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select[0], (self._select[1], attrs.get("value", "")))
        elif tag == "button":
            self._button = Button("", attrs, self._owner(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._open:
            self._open.pop()
        elif tag == "select":
            self._select = None
        elif tag == "button" and self._button is not None:
            self._button.text = " ".join(self._button.text.split())
            self.buttons.append(self._button)
            self._button = None

    def handle_data(self, data: str) -> None:
        if self._button is not None:
            self._button.text += data


def buttons(html: str) -> list[Button]:
    page = _Page()
    page.feed(html)
    return page.buttons


def press(client: Client, html: str, text: str, near: str = "") -> HttpResponse:
    """Press the first button whose text starts with ``text`` whose address (or form's
    address) contains ``near``; as the browser would send it."""
    page = _Page()
    page.feed(html)
    for button in page.buttons:
        form = page.forms.get(button.form)
        if form is None or not button.text.startswith(text):
            continue
        if near in unescape(button.attrs.get("formaction") or form.action):
            break
    else:
        raise AssertionError(f"no button {text!r} near {near!r}")
    action = unescape(button.attrs.get("formaction") or form.action)
    data: dict[str, list[str]] = {}
    pairs = form.fields + [pair for owner, pair in page.loose if owner == form.id]
    if button.attrs.get("name"):
        pairs.append((button.attrs["name"], button.attrs.get("value", "")))
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    method = (button.attrs.get("formmethod") or form.method).lower()
    assert method == "post", f"{button.text!r} sends {method}"
    return client.post(action, data)
