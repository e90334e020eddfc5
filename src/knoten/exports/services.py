"""Export, backup and restore, per-person export and erasure: the functions every
interface calls.

- :func:`export_json` / :func:`import_json`: the whole network, lossless
  (:mod:`knoten.exports.network_json`).
- :func:`export_vcard` (vCard 4.0) and :func:`export_csv` (Google Contacts)
  (:mod:`knoten.exports.cards`).
- :func:`backup` / :func:`restore` (:mod:`knoten.exports.backups`).
- :func:`person_export`, :func:`forget_plan`, :func:`forget_person`
  (:mod:`knoten.exports.erasure`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from knoten.core import changes
from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.exports import network_json as nj
from knoten.exports.backups import backup, restore
from knoten.exports.cards import export_csv, export_vcard
from knoten.exports.erasure import forget_person, forget_plan, person_export

__all__ = [
    "FORMATS",
    "backup",
    "export",
    "export_csv",
    "export_json",
    "export_json_text",
    "export_vcard",
    "forget_person",
    "forget_plan",
    "import_json",
    "person_export",
    "restore",
]

FORMATS = ("vcard", "csv", "json")


def _circle_people(actor: Member, circle: str | None) -> tuple[set[int] | None, str | None]:
    """The persons of ``circle`` (and *me*), with the circle's name; None without one."""
    if not circle:
        return None, None
    from knoten.people.labels import find_circle
    from knoten.people.models import Person

    found = find_circle(actor, circle)
    person_ids = set(
        Person.objects.filter(network_id=actor.network_id, circles=found).values_list(
            "pk", flat=True
        )
    )
    # *me* comes along: what the circle's people owe me and I them stays.
    person_ids.add(actor.me.pk)
    return person_ids, found.name


def export_json(
    actor: Member, *, circle: str | None = None, progress: nj.Progress | None = None
) -> dict[str, Any]:
    """The whole network as JSON-able data, lossless (what ``actor`` may see: others'
    private minutes are left out, with the promises made in them). With ``circle``,
    its persons (and *me*) and what is recorded about them."""
    person_ids, shown = _circle_people(actor, circle)
    return nj.export_network(
        actor.network, viewer=actor, person_ids=person_ids, circle=shown, progress=progress
    )


def export_json_text(
    actor: Member, *, circle: str | None = None, progress: nj.Progress | None = None
) -> Iterator[str]:
    """:func:`export_json` as JSON text, a piece at a time (for files and downloads)."""
    person_ids, shown = _circle_people(actor, circle)
    return nj.stream_network(
        actor.network, viewer=actor, person_ids=person_ids, circle=shown, progress=progress
    )


def import_json(actor: Member, data: Any, *, progress: nj.Progress | None = None) -> dict[str, Any]:
    """Recreate an export in ``actor``'s network, which must be empty but for *me* (who
    takes the exported *me*'s facts) and unused circles. All or nothing; the search
    index is rebuilt. Returns how many rows of each kind were made."""
    nj.check_header(data)
    with changes.atomic():
        found = nj.network_contents(actor.network_id, actor.person_id)
        if found:
            listed = ", ".join(f"{count} {what}" for what, count in found.items())
            raise InvalidInput(
                "network",
                actor.network.name,
                f"is not empty ({listed}); import a JSON export into a new, empty network",
            )
        counts, _ids = nj.load_network(
            actor.network,
            data,
            me=actor.me,
            member_map=nj.member_mapping(data, actor),
            default_member=actor,
            progress=progress,
        )
        changes.announce_network(actor.network_id)
    return {"created": counts, "total": sum(counts.values())}


def export(actor: Member, fmt: str, *, circle: str | None = None) -> tuple[Iterator[str], str, str]:
    """The export in ``fmt`` as (text in pieces, media type, file name). Checks the
    format and the circle before the first piece."""
    wanted = (fmt or "").strip().lower()
    if wanted in {"vcf", "vcard"}:
        text = export_vcard(actor, circle=circle)
        return iter([text]), "text/vcard; charset=utf-8", "knoten.vcf"
    if wanted == "csv":
        return iter([export_csv(actor, circle=circle)]), "text/csv; charset=utf-8", "knoten.csv"
    if wanted == "json":
        _circle_people(actor, circle)  # an unknown circle is refused now, not mid-download
        return export_json_text(actor, circle=circle), "application/json", "knoten.json"
    raise InvalidInput("format", fmt, "is not one of: vcard, csv, json")
