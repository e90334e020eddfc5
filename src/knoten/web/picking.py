"""Names picked from the suggestions of a person field.

The page's script (``static/web/knoten.js``) leaves a hidden ``picked`` input,
``"ID:Name"``, for each name chosen from the suggestions, so that two people of the
same name stay apart. A field's text that is such a name stands for that id; any other
text goes to the domain as typed (``resolve_person`` looks it up, or says it is
ambiguous).
"""

from __future__ import annotations

from django.http import QueryDict


def picked(post: QueryDict) -> dict[str, str]:
    """Each picked name with its person's id; the latest pick of a name wins."""
    chosen: dict[str, str] = {}
    for entry in post.getlist("picked"):
        person_id, _sep, name = entry.partition(":")
        if person_id.isdecimal() and name.strip():
            chosen[name.strip()] = person_id
    return chosen


def person_ref(post: QueryDict, typed: str) -> str:
    """The id of ``typed`` if it was picked, else ``typed`` itself."""
    typed = typed.strip()
    return picked(post).get(typed, typed) if typed else typed
