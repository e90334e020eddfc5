"""The people list's bulk actions: the ticked persons into a circle, tagged, given a
cadence, archived (with undo) or exported as vCards. Each calls one domain function
(``knoten.people.bulk``, ``knoten.upkeep.bulk``, ``knoten.exports.cards``) and comes back
to the list with a toast saying what was done."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from knoten.core.errors import KnotenError
from knoten.core.models import Member
from knoten.exports.cards import export_vcard
from knoten.people.bulk import add_to_circle, archive_people, chosen_people, tag_people
from knoten.upkeep.bulk import set_cadences
from knoten.web.kit import current_member

ACTIONS = ("circle", "tag", "cadence", "archive", "unarchive", "export")
UNDO = "people_undo"  # the session key of the last archive, for the toast's undo


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("web:people")


@require_POST
def people_bulk(request: HttpRequest) -> HttpResponse:
    """Do ``action`` to the persons ticked (``person``, many); a mistake changes nothing
    and says what was wrong."""
    member = current_member(request)
    ids = request.POST.getlist("person")
    action = request.POST.get("action", "")
    try:
        if action not in ACTIONS:
            messages.error(request, _("Choose what to do with the persons ticked."))
            return redirect(_back(request))
        if action == "export":
            people = chosen_people(member, ids)
            text = export_vcard(member, person_ids=[person.pk for person in people])
            response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="knoten-selection.vcf"'
            return response
        with transaction.atomic():
            saved = _do(request, member, action, ids)
    except KnotenError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, saved)
    return redirect(_back(request))


def _do(request: HttpRequest, member: Member, action: str, ids: list[str]) -> str:
    if action == "circle":
        name = request.POST.get("value", "").strip() or None
        count = add_to_circle(member, ids, name)
        return ngettext(
            "%(count)d person added to the circle %(name)s.",
            "%(count)d persons added to the circle %(name)s.",
            count,
        ) % {"count": count, "name": name}
    if action == "tag":
        name = request.POST.get("value", "").strip() or None
        count = tag_people(member, ids, name)
        return ngettext(
            "%(count)d person tagged %(name)s.", "%(count)d persons tagged %(name)s.", count
        ) % {"count": count, "name": name}
    if action == "cadence":
        every = request.POST.get("value", "").strip() or None
        count = set_cadences(member, ids, every)
        return ngettext(
            "Be in touch with %(count)d person every %(every)s.",
            "Be in touch with %(count)d persons every %(every)s.",
            count,
        ) % {"count": count, "every": every}
    archived = action == "archive"
    changed = archive_people(member, ids, archived=archived)
    if archived:
        request.session[UNDO] = changed
        return ngettext(
            "%(count)d person archived.", "%(count)d persons archived.", len(changed)
        ) % {"count": len(changed)}
    request.session.pop(UNDO, None)
    return ngettext(
        "%(count)d person back from the archive.",
        "%(count)d persons back from the archive.",
        len(changed),
    ) % {"count": len(changed)}


def undo_offer(request: HttpRequest) -> dict[str, object] | None:
    """The toast's undo for the archive just done (once), or None."""
    ids = request.session.pop(UNDO, None)
    if not ids:
        return None
    fields: list[tuple[str, object]] = [("action", "unarchive"), ("next", request.get_full_path())]
    fields += [("person", pk) for pk in ids]
    return {"action": reverse("web:people_bulk"), "label": _("Undo"), "fields": fields}
