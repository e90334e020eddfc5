"""Taking a file of contacts into the network: one transaction, duplicates merged.

Every format is read into :class:`~knoten.people.records.ContactRecord`\\ s first
(:mod:`knoten.imports.files`); from there on all formats are alike:

1. each record's values are checked and normalised as if typed in (a phone number to
   E.164 and so on); a record that cannot be read stops the import, naming the file, the
   line and what is wrong — or, with ``skip_invalid``, is listed and left out;
2. a record already taken in by an earlier import (its UID, else its whole content) is
   recognised and only adds what is new, so importing a file twice creates nothing;
3. the others are matched against the network (``knoten.dedupe.matching``): a certain
   match (the same e-mail, phone or profile) is merged into that person, an uncertain one
   (a close name) becomes a new person *and* a pair in the review queue, the rest are new
   persons — records of the same file match each other too;
4. everything is written in bulk, in one transaction, and the search index is brought up
   to date once. ``dry_run`` does all of it and rolls it back, so the report of a dry run
   is exactly what the import would do.

The command line, the upload page and the API call :func:`import_file`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from knoten.core import changes
from knoten.core.bulk import cycle_collection_paused
from knoten.core.errors import InvalidInput
from knoten.core.limits import chunks
from knoten.core.models import Member
from knoten.imports.checking import Checked, check_record
from knoten.imports.facts import Rows, add_facts, find_circles, find_organisations
from knoten.imports.files import read_file
from knoten.imports.models import ImportOrigin, ImportRun
from knoten.imports.relations import relate_records
from knoten.imports.reports import ImportRefused, ImportReport, Outcome, Progress
from knoten.imports.targets import Target, create_people, load_targets, names_of
from knoten.people.records import ReadResult, RecordError


class _DryRun(Exception):
    """Raised to roll a dry run back."""


@cycle_collection_paused()
def import_file(
    actor: Member,
    data: bytes,
    source: str,
    *,
    format: str | None = None,
    mapping: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    circle: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Read ``data`` (a file called ``source``) and take its contacts in."""
    chosen, result = read_file(data, source, format=format, mapping=mapping)
    return import_records(
        actor,
        result,
        source=source,
        format=chosen,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        circle=circle,
        progress=progress,
    )


@cycle_collection_paused()
def import_records(
    actor: Member,
    result: ReadResult,
    *,
    source: str,
    format: str,
    dry_run: bool = False,
    skip_invalid: bool = False,
    circle: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Take records in (see the module's description); a report of what became of each."""
    report = ImportReport(source, format, dry_run)
    checked: list[Checked] = []
    errors = list(result.errors)
    for record in result.records:
        try:
            checked.append(check_record(record))
        except RecordError as error:
            errors.append(error)
    if circle is not None and not " ".join(circle.split()):
        raise InvalidInput("circle", circle, "is empty; give the circle's name")
    if errors and not skip_invalid:
        raise ImportRefused(sorted(errors, key=lambda e: e.line))
    for problem in errors:
        report.outcomes.append(Outcome(problem.line, "", "skipped", problem=problem.problem))
    for item in checked:
        report.warnings.extend(item.warnings)
    try:
        with changes.atomic():
            _write(actor, checked, report, circle, progress)
            ImportRun.objects.create(
                network_id=actor.network_id,
                member=actor,
                source=source[:500],
                format=format,
                created=report.count("created"),
                merged=report.count("merged"),
                unchanged=report.count("unchanged"),
                skipped=report.count("skipped"),
                to_review=report.count("review"),
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        for outcome in report.outcomes:
            if outcome.action in ("created", "review"):
                outcome.person_id = None
    report.outcomes.sort(key=lambda outcome: outcome.line)
    return report


def _write(
    actor: Member,
    checked: Sequence[Checked],
    report: ImportReport,
    circle: str | None,
    progress: Progress | None,
) -> None:
    from knoten.dedupe.matching import MatchIndex
    from knoten.dedupe.services import queue_pair

    network_id = actor.network_id
    keys = sorted({item.key for item in checked})
    known: dict[str, int] = {}
    for chunk in chunks(keys):
        known.update(
            ImportOrigin.objects.filter(network_id=network_id, key__in=chunk).values_list(
                "key", "person_id"
            )
        )
    # Only the contact values of the records still to be matched are read.
    index = MatchIndex.build(
        network_id, records=[item.record for item in checked if item.key not in known]
    )
    # First pass: who each record is. New persons get a place-holder id (negative) so
    # that later records of the same file can match them.
    plans: list[tuple[Checked, int, str, Any]] = []  # (record, target id, action, match)
    new_people: dict[int, Checked] = {}
    for number, item in enumerate(checked):
        if progress:
            progress(number, len(checked))
        if item.key in known:
            plans.append((item, known[item.key], "known", None))
            continue
        match = index.match(item.record)
        if match is not None and match.certain:
            plans.append((item, match.person_id, "merge", match))
            known[item.key] = match.person_id
            continue
        placeholder = -(len(new_people) + 1)
        new_people[placeholder] = item
        index.add(placeholder, item.record)
        plans.append((item, placeholder, "review" if match is not None else "create", match))
        # The same record twice in one file is one person.
        known[item.key] = placeholder
    if progress:
        progress(len(checked), len(checked))

    # Second pass: the persons, created in bulk; the existing ones with what they have.
    created = create_people(network_id, new_people)
    targets: dict[int, Target] = {}
    for placeholder, person in created.items():
        targets[placeholder] = Target(person, True, person.full_name)
    existing_ids = {target for _, target, _, _ in plans if target > 0}
    targets.update(load_targets(network_id, existing_ids))

    # The names of the persons a record is only likely to be, for the report.
    others = names_of(
        network_id,
        {
            match.person_id
            for _, _, action, match in plans
            if action == "review" and match.person_id > 0 and match.person_id not in targets
        },
    )
    organisations = find_organisations(network_id, checked)
    circles = find_circles(actor, checked, circle)
    rows = Rows()
    for item, target_id, action, match in plans:
        target = targets[target_id]
        added = add_facts(
            network_id,
            item,
            target,
            organisations,
            circles,
            rows,
            circle or "",
        )
        if item.key not in target.keys:
            target.keys.add(item.key)
            rows.origins.append((network_id, target.person.pk, item.key))
        record = item.record
        name = record.display_name or target.name
        if action == "known":
            outcome = Outcome(
                record.line,
                name,
                "merged" if added else "unchanged",
                target.person.pk,
                target.name,
                ["the same record earlier in this file" if target_id < 0 else "imported before"],
                added,
            )
        elif action == "merge":
            outcome = Outcome(
                record.line,
                name,
                "merged",
                target.person.pk,
                target.name,
                list(match.reasons),
                added,
            )
        elif action == "review":
            other = match.person_id
            matched_name = targets[other].name if other in targets else ""
            if other < 0:
                other = targets[other].person.pk
            else:
                matched_name = matched_name or others.get(other, "")
            rows.pairs.append((target.person.pk, other, match.score, list(match.reasons)))
            outcome = Outcome(
                record.line,
                name,
                "review",
                target.person.pk,
                matched_name,
                list(match.reasons),
            )
        else:
            outcome = Outcome(record.line, name, "created", target.person.pk)
        report.outcomes.append(outcome)
    rows.save()
    relate_records(
        ((item.record, targets[target_id].person.pk) for item, target_id, _, _ in plans),
        actor=actor,
    )
    for a, b, score, reasons in rows.pairs:
        if a != b:
            queue_pair(network_id, a, b, score, reasons)
    # Written in bulk, without the signals that would announce each row.
    changes.announce(network_id, "person", (target.person.pk for target in targets.values()))
    changes.announce(network_id, "organisation", (o.pk for o in organisations.created))
