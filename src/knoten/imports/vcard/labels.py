"""The label of a vCard property (from its TYPE words or Apple's X-ABLabel), and the
kind of contact a web address is."""

from __future__ import annotations

import re

# TYPE values to the label they give; those in _NOT_LABELS give none.
_TYPE_LABELS = {
    "work": "work",
    "home": "home",
    "main": "main",
    "other": "other",
    "school": "school",
    "cell": "mobile",
    "mobile": "mobile",
    "iphone": "mobile",
    "fax": "fax",
    "pager": "pager",
    "car": "car",
    "video": "video",
    "isdn": "isdn",
    "bbs": "bbs",
    "modem": "modem",
    "pcs": "pcs",
    "textphone": "textphone",
}
_PLACES = ("work", "home", "main", "other", "school")
_NOT_LABELS = frozenset(
    {"pref", "voice", "internet", "text", "msg", "dom", "intl", "postal", "parcel", "uri"}
)
# Apple's own labels, ``_$!<HomeFAX>!$_``, by their lower-cased inner word.
_APPLE_LABEL = re.compile(r"^_\$!<(?P<word>.*)>!\$_$")
_APPLE_LABELS = {
    "homefax": "home fax",
    "workfax": "work fax",
    "otherfax": "fax",
    "iphone": "mobile",
    "homepage": "homepage",
    "main": "main",
}
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:)?(?://)?(?:[^@/?#]*@)?(?:www\.)?(?P<host>[^/:?#]*)")


def clean_label(text: str) -> str:
    """``_$!<Mobile>!$_`` → ``mobile``, ``_$!<HomeFAX>!$_`` → ``home fax``; a label of
    the user's own (``Büro``) stays as written."""
    text = text.strip()
    match = _APPLE_LABEL.match(text)
    if match is None:
        return text
    word = match.group("word").strip().lower()
    return _APPLE_LABELS.get(word, word)


def type_label(types: tuple[str, ...]) -> str:
    """The label of TYPE words: places first, then the device (``work fax``)."""
    words: list[str] = []
    for word in types:
        if word in _NOT_LABELS or word.startswith("x-"):
            continue
        label = _TYPE_LABELS.get(word, word)
        if label not in words:
            words.append(label)
    words.sort(
        key=lambda label: (label not in _PLACES, _PLACES.index(label) if label in _PLACES else 0)
    )
    return " ".join(words)


def _host(url: str) -> str:
    match = _HOST.match(url.strip().lower())
    return match.group("host") if match else ""


def profile_kind(url: str) -> str:
    """The kind of contact a web address is: linkedin, xing, else website."""
    host = _host(url)
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        return "linkedin"
    if host == "xing.com" or host.endswith(".xing.com"):
        return "xing"
    return "website"
