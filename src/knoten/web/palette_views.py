"""The command palette's answers (Ctrl+K on every page): what to open for what was typed.

``GET /palette/?q=…`` answers JSON: a short list of items, each a label, a hint and the
address Enter opens. Typed words are matched against the commands (in the user's
language and in English: "log", "add person", "import" …) and, through
:func:`knoten.search.suggest.quick_matches`, the network's persons and organisations
("muel" finds Müller). Two commands take the rest of what was typed: "who knows X"
opens ``/whoknows/?topic=X`` and "path to X" ``/path/?target=X`` (with a line per person
found for X, who is then named by their id).

The palette (``web/parts/palette.html``, ``palette.js``) shows these as an ARIA
combobox; without its script the palette is a plain search form of the people list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET

from knoten.core.errors import InvalidInput
from knoten.core.folding import fold, fold_words
from knoten.core.models import Member
from knoten.people.photos import photo_versions
from knoten.search.suggest import QuickMatch, quick_matches
from knoten.web.kit import current_member
from knoten.web.templatetags.face import hue, initials

# The pages other helpers build for issue 17's commands; their names are not resolved
# here so that the palette does not break while they are being written.
WHO_KNOWS_URL = "/whoknows/"
PATH_URL = "/path/"
MATCHES = 8
MAX_QUERY = 200


@dataclass(frozen=True)
class Command:
    """A thing to do, found by the words of its label or its English keywords."""

    label: str  # marked with gettext_noop, translated when shown
    url_name: str
    keywords: str  # English words that also find it, whatever the language


COMMANDS = (
    Command(gettext_noop("Log a conversation"), "web:log", "log note conversation"),
    Command(gettext_noop("Add a person"), "web:person_add", "add person new contact"),
    Command(gettext_noop("Import contacts"), "imports:upload", "import vcard csv linkedin"),
    Command(gettext_noop("People"), "web:people", "people persons list"),
    Command(gettext_noop("Keep in touch"), "upkeep:today", "keep touch today due"),
    Command(gettext_noop("Organisations"), "web:organisations", "organisations companies"),
    Command(gettext_noop("Add an organisation"), "web:organisation_add", "add organisation"),
    Command(gettext_noop("Events"), "web:events", "events"),
    Command(gettext_noop("Add an event"), "web:event_add", "add event"),
    Command(gettext_noop("Projects"), "web:projects", "projects"),
    Command(gettext_noop("Favours"), "reciprocity:favours", "favours give take"),
    Command(gettext_noop("Return on time"), "reciprocity:roi", "return roi time"),
    Command(gettext_noop("Export and backup"), "exports:export", "export backup"),
    Command(gettext_noop("Duplicates"), "dedupe:duplicates", "duplicates dedupe merge"),
)

# "who knows X" and "path to X": the English words and their translations.
WHO_KNOWS = gettext_noop("who knows")
PATH_TO = gettext_noop("path to")


def _item(kind: str, label: str, url: str, hint: str = "") -> dict[str, Any]:
    return {"kind": kind, "label": label, "hint": hint, "url": url}


def _avatars(member: Member, matches: list[QuickMatch]) -> dict[int, dict[str, Any]]:
    """Each person's avatar as the lists show it (web/parts/avatar.html): the photo's
    address, or "" and the initials on a colour of their own; the photos in one query."""
    people = [match for match in matches if match.kind == "person"]
    photos = photo_versions(member, [match.id for match in people])
    base = reverse("web:people")
    return {
        match.id: {
            "photo": f"{base}{match.id}/photo/?v={photos[match.id]}" if match.id in photos else "",
            "initials": initials({"name": match.name}),
            "hue": hue(match.id),
        }
        for match in people
    }


def _match_item(match: QuickMatch, avatars: dict[int, dict[str, Any]]) -> dict[str, Any]:
    if match.kind == "person":
        url = reverse("web:person", kwargs={"person_id": match.id})
        hint = match.hint
        if match.archived:
            hint = ", ".join(part for part in (hint, _("archived")) if part)
        return {**_item("person", match.name, url, hint), "avatar": avatars[match.id]}
    url = reverse("web:organisation", kwargs={"organisation_id": match.id})
    return _item("organisation", match.name, url, _("Organisation"))


def _commands(typed: list[str]) -> list[dict[str, Any]]:
    """The commands every typed word begins a word of (all of them when nothing is typed)."""
    found = []
    for command in COMMANDS:
        label = _(command.label)
        words = set(fold_words(f"{label} {command.label} {command.keywords}"))
        if all(any(word.startswith(part) for word in words) for part in typed):
            found.append(_item("command", label, reverse(command.url_name), _("Command")))
    return found


def _rest_after(query: str, phrase: str) -> str | None:
    """What follows ``phrase`` (English or translated) at the start of ``query``, or None."""
    folded = fold(query)
    for said in {fold(_(phrase)), fold(phrase)}:
        if folded == said:
            return ""
        if folded.startswith(said + " "):
            # The folded form keeps the word count; cut the typed text by words.
            return query.split(None, len(said.split()))[-1].strip()
    return None


def palette_items(request: HttpRequest, query: str) -> list[dict[str, Any]]:
    """What the palette offers for ``query``, best first."""
    member = current_member(request)
    topic = _rest_after(query, WHO_KNOWS)
    if topic is not None:
        if not topic:
            return [_item("command", _("Who knows about …?"), WHO_KNOWS_URL, _("Type a topic"))]
        url = f"{WHO_KNOWS_URL}?{urlencode({'topic': topic})}"
        label = _("Who knows about “%(topic)s”?") % {"topic": topic}
        return [_item("command", label, url, _("Command"))]
    target = _rest_after(query, PATH_TO)
    if target is not None:
        if not target:
            return [_item("command", _("Path to …"), PATH_URL, _("Type a name"))]
        found = [m for m in quick_matches(member, target, limit=MATCHES) if m.kind == "person"]
        avatars = _avatars(member, found)
        items = [
            {
                **_item(
                    "person",
                    _("Path to %(name)s") % {"name": match.name},
                    f"{PATH_URL}?{urlencode({'target': match.id})}",
                    match.hint,
                ),
                "avatar": avatars[match.id],
            }
            for match in found
        ]
        label = _("Path to “%(name)s”") % {"name": target}
        url = f"{PATH_URL}?{urlencode({'target': target})}"
        return [*items, _item("command", label, url, _("Command"))]
    typed = fold_words(query)
    commands = _commands(typed)
    if not typed:
        return commands
    found = quick_matches(member, query, limit=MATCHES)
    avatars = _avatars(member, found)
    matches = [_match_item(match, avatars) for match in found]
    return [*matches, *commands]


@require_GET
def palette(request: HttpRequest) -> JsonResponse:
    """The palette's items for ``q`` (commands only when nothing is typed)."""
    query = request.GET.get("q", "").strip()
    if len(query) > MAX_QUERY:
        error = _("The search is too long: at most %(count)d characters.") % {"count": MAX_QUERY}
        return JsonResponse({"query": query, "items": [], "error": error}, status=400)
    try:
        items = palette_items(request, query)
    except InvalidInput as problem:
        return JsonResponse({"query": query, "items": [], "error": problem.message}, status=400)
    response = JsonResponse({"query": query, "items": items})
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response
