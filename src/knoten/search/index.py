"""Keeping the search index current.

The index listens to the domain's change notices (:mod:`knoten.core.changes`, registered
in :class:`~knoten.search.apps.SearchConfig`): :func:`on_change` hears, once per unit of
work and inside its transaction, which persons, organisations, conversations, projects
and labels of a network changed, works out whose entries hold what changed (an
organisation's name is in the entries of the persons who work there) and rewrites
those, removing the entries whose object no longer exists. Deleting a person, an
organisation or an interaction removes its own entry on its own (a cascade).

:func:`rebuild_network` rewrites a whole network set-based, for bulk loads such as the
demo: a handful of queries per 5,000 persons, and the minutes streamed in batches.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from knoten.core import changes
from knoten.core.limits import chunks
from knoten.core.models import Network
from knoten.journal.models import ProjectRole
from knoten.people import vocabulary as v
from knoten.people.models import Affiliation, Organisation, Person
from knoten.search import fulltext
from knoten.search.models import SearchEntry
from knoten.search.text import folded

BATCH = 5000
MINUTES_BATCH = 20000
STAGE_BATCH = 100_000
STAGE_TABLE = "search_stage"

# The columns of an entry row as the builders below produce it.
ENTRY_COLUMNS = (
    "network_id",
    "kind",
    "tier",
    "person_id",
    "organisation_id",
    "interaction_id",
    "private",
    "private_to_id",
    "title",
    "fields",
    "name",
    "work",
    "topics",
    "notes",
)
Row = tuple[Any, ...]

_ORG_KINDS = {word.code: word for word in v.ORGANISATION_KINDS}
_SEEDED_CIRCLES = {word.code: word for word in v.SEEDED_CIRCLES}

PERSON = SearchEntry.Kind.PERSON.value
ORGANISATION = SearchEntry.Kind.ORGANISATION.value
INTERACTION = SearchEntry.Kind.INTERACTION.value
ACTIVE = int(SearchEntry.Tier.ACTIVE)
ARCHIVED = int(SearchEntry.Tier.ARCHIVED)
MINUTES = int(SearchEntry.Tier.MINUTES)


# --- listening ----------------------------------------------------------------------------


def on_change(network_id: int, changed: changes.Changed) -> None:
    """Rewrite the entries that hold what changed (see :mod:`knoten.core.changes`)."""
    if changes.NETWORK in changed:
        rebuild_network(network_id)
        return
    people = set(changed.get("person", ()))
    organisations = changed.get("organisation", frozenset())
    if organisations:
        reindex_organisations(network_id, organisations)
        people.update(_holders(Affiliation, network_id, "organisation_id", organisations))
    if projects := changed.get("project"):
        people.update(_holders(ProjectRole, network_id, "project_id", projects))
    for kind, descriptor in (
        ("circle", Person.circles),
        ("tag", Person.tags),
        ("skill", Person.skills),
    ):
        if labels := changed.get(kind):
            people.update(_holders(descriptor.through, None, f"{kind}_id", labels))
    if people:
        reindex_people(network_id, people)
    if interactions := changed.get("interaction"):
        reindex_interactions(network_id, interactions)


def _holders(model: Any, network_id: int | None, column: str, ids: Iterable[int]) -> set[int]:
    """The persons that rows of ``model`` tie to these ids (the jobs at an organisation)."""
    found: set[int] = set()
    for chunk in chunks(sorted(ids), BATCH):
        rows = model.objects.filter(**{f"{column}__in": chunk})
        if network_id is not None:
            rows = rows.filter(network_id=network_id)
        found.update(rows.values_list("person_id", flat=True))
    return found


# --- rewriting entries ---------------------------------------------------------------------


def reindex_people(network_id: int, person_ids: Iterable[int]) -> None:
    """Rewrite the search entries of these persons (removing those that no longer exist)."""
    for chunk in chunks(sorted({int(pk) for pk in person_ids}), BATCH):
        rows = _person_rows(network_id, {"person_id__in": chunk})
        _replace(network_id, "person_id", chunk, rows)


def reindex_organisations(network_id: int, organisation_ids: Iterable[int]) -> None:
    """Rewrite the search entries of these organisations (not of the persons there)."""
    for chunk in chunks(sorted({int(pk) for pk in organisation_ids}), BATCH):
        _replace(network_id, "organisation_id", chunk, _organisation_rows(network_id, chunk))


def reindex_interactions(network_id: int, interaction_ids: Iterable[int]) -> None:
    """Rewrite the search entries of these interactions' minutes."""
    for chunk in chunks(sorted({int(pk) for pk in interaction_ids}), MINUTES_BATCH):
        _replace(network_id, "interaction_id", chunk, _interaction_rows(network_id, chunk))


def rebuild_network(network_id: int) -> None:
    """Rebuild the whole index of one network (after a bulk load such as the demo)."""
    _check_layout(network_id)
    with transaction.atomic(), _bulk_fts():
        _clear(network_id)
        person_ids = list(
            Person.objects.filter(network_id=network_id).order_by("pk").values_list("pk", flat=True)
        )
        # Batches by id range: cheaper to ask for than thousands of ids.
        ranges = [
            {"person_id__gte": chunk[0], "person_id__lte": chunk[-1]}
            for chunk in chunks(person_ids, BATCH)
        ]
        _insert(row for which in ranges for row in _person_rows(network_id, which))
        _insert(_organisation_rows(network_id, None))
        _insert(_interaction_rows(network_id, None))
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner reads the network's rows one by one
            # instead of asking the GIN index (it takes the table for small).
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {fulltext.ENTRY_TABLE}")


def _clear(network_id: int) -> None:
    """Remove the network's entries (and their words from the full-text index)."""
    if connection.vendor == "sqlite":
        if not SearchEntry.objects.exclude(network_id=network_id).exists():
            # The only network (the usual case on SQLite): empty FTS5 at once instead of
            # taking the words of each entry out one by one. DDL is transactional here.
            table = fulltext.FTS_TABLE
            with connection.cursor() as cursor:
                for statement in fulltext.SQLITE_DROP_TRIGGERS:
                    cursor.execute(statement)
                cursor.execute(f"DELETE FROM {fulltext.ENTRY_TABLE}")
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
                for statement in fulltext.SQLITE_TRIGGERS:
                    cursor.execute(statement)
            return
        # Tier by tier, so that FTS5 sees its rowids ascending (see _insert).
        for tier in (ACTIVE, ARCHIVED, MINUTES):
            SearchEntry.objects.filter(network_id=network_id, tier=tier).delete()
        return
    SearchEntry.objects.filter(network_id=network_id).delete()


@contextmanager
def _bulk_fts() -> Iterator[None]:
    """Let FTS5 gather 64 MB in memory before it writes a segment (1 MB by default).

    Fewer, larger segments are less to merge: a third off the time of a large rebuild.
    The setting is stored with the index, so it is put back afterwards.
    """
    if connection.vendor != "sqlite":
        yield
        return
    table = fulltext.FTS_TABLE
    config = f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', %s)"
    with connection.cursor() as cursor:
        cursor.execute(config, [fulltext.BULK_HASH_SIZE])
    yield
    with connection.cursor() as cursor:
        cursor.execute(config, [fulltext.DEFAULT_HASH_SIZE])


def compact() -> None:
    """Merge the full-text index into one segment, so that no deleted word stays in it
    (SQLite; on PostgreSQL the index holds no deleted rows)."""
    if connection.vendor != "sqlite":
        return
    table = fulltext.FTS_TABLE
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def rebuild_all() -> None:
    """Rebuild the index of every network (after a change to how text is folded)."""
    for network_id in Network.objects.order_by("pk").values_list("pk", flat=True):
        rebuild_network(network_id)


# --- writing ------------------------------------------------------------------------------


def _check_layout(network_id: int) -> None:
    if connection.vendor == "sqlite" and network_id > fulltext.MAX_NETWORK_ID:
        raise OverflowError(f"network id {network_id} does not fit the search index")


def _replace(network_id: int, key: str, ids: Sequence[int], rows: Iterable[Row]) -> None:
    """Make the entries keyed ``key`` in ``ids`` exactly ``rows``, changing only what differs."""
    if not ids:
        return
    _check_layout(network_id)
    wanted = {row[ENTRY_COLUMNS.index(key)]: row for row in rows}
    existing = {
        getattr(entry, key): entry
        for entry in SearchEntry.objects.filter(network_id=network_id, **{f"{key}__in": ids})
    }
    # An entry that changed is deleted and inserted anew, like a new one: set-based,
    # where updating entries one by one (or with bulk_update's CASE per column) took most
    # of an import's time for the persons it completed.
    stale = [entry.pk for pk, entry in existing.items() if pk not in wanted]
    fresh: list[Row] = []
    for pk, row in wanted.items():
        entry = existing.get(pk)
        if entry is not None:
            values = dict(zip(ENTRY_COLUMNS, row, strict=True))
            values["fields"] = json.loads(values["fields"])
            if all(getattr(entry, column) == value for column, value in values.items()):
                continue
            stale.append(entry.pk)
        fresh.append(row)
    for chunk in chunks(stale, BATCH):
        SearchEntry.objects.filter(pk__in=chunk).delete()
    _insert(fresh)


def _insert(rows: Iterable[Row]) -> None:
    """Insert entry rows set-based: no model objects, and few statements on SQLite.

    On SQLite every statement that writes to FTS5 makes it flush what it holds in memory
    as a segment of its own (as does a rowid lower than the one before). Inserting entry
    by entry would leave a segment per row for FTS5 to merge; so the rows go to a staging
    table first and into the index with one INSERT … SELECT per batch, in rowid order.
    """
    columns = ", ".join(ENTRY_COLUMNS)
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        target = f"temp.{STAGE_TABLE}"
        placeholders = ", ".join(["%s"] * len(ENTRY_COLUMNS))
    else:
        target = fulltext.ENTRY_TABLE
        placeholders = ", ".join(
            "%s::jsonb" if column == "fields" else "%s" for column in ENTRY_COLUMNS
        )
    sql = f"INSERT INTO {target} ({columns}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        if sqlite:
            cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {STAGE_TABLE} ({columns})")
            cursor.execute(f"DELETE FROM temp.{STAGE_TABLE}")

        def flush(batch: list[Row]) -> None:
            cursor.executemany(sql, batch)
            if sqlite:
                cursor.execute(
                    f"INSERT INTO {fulltext.ENTRY_TABLE} ({columns}) SELECT {columns}"
                    f" FROM temp.{STAGE_TABLE} ORDER BY tier, rowid"
                )
                cursor.execute(f"DELETE FROM temp.{STAGE_TABLE}")

        batch: list[Row] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= STAGE_BATCH:
                flush(batch)
                batch = []
        if batch:
            flush(batch)


# --- what an entry holds ------------------------------------------------------------------


def _row(
    network_id: int,
    kind: str,
    tier: int,
    *,
    person_id: int | None = None,
    organisation_id: int | None = None,
    interaction_id: int | None = None,
    private: bool = False,
    private_to_id: int | None = None,
    title: str = "",
    fields: Sequence[tuple[str, str, str]] = (),
    name: str = "",
    work: str = "",
    topics: str = "",
    notes: str = "",
) -> Row:
    return (
        network_id,
        str(kind),
        int(tier),
        person_id,
        organisation_id,
        interaction_id,
        private,
        private_to_id,
        title[:400],
        json.dumps([list(shown) for shown in fields], ensure_ascii=False) if fields else "[]",
        name,
        work,
        topics,
        notes,
    )


def _shown(field: str, text: str) -> tuple[str, str, str]:
    """A field as an entry keeps it: its name, the text, and the text folded."""
    return (field, text, folded(text))


def _joined(fields: Iterable[tuple[str, str, str]]) -> str:
    return " ".join(words for _, _, words in fields if words)


def _full_name(title: str, given: str, particle: str, family: str) -> str:
    return " ".join(part for part in (title, given, particle, family) if part)


def _person_rows(network_id: int, which: dict[str, Any]) -> Iterator[Row]:
    """The entries of the network's persons that ``which`` selects (by ``person_id``)."""
    own = {key.replace("person_id", "pk"): value for key, value in which.items()}
    people = (
        Person.objects.filter(network_id=network_id, **own)
        .order_by("pk")
        .values_list(
            "pk",
            "academic_title",
            "given_name",
            "name_particle",
            "family_name",
            "nickname",
            "archived",
            "notes",
            "how_we_met",
        )
    )
    work: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for person_id, kind, title, org in (
        Affiliation.objects.filter(network_id=network_id, **which)
        .order_by("person_id", "end", "pk")
        .values_list("person_id", "kind", "title", "organisation__name")
    ):
        work[person_id].append(_shown(kind, ", ".join(part for part in (title, org) if part)))
    for person_id, project, role in (
        ProjectRole.objects.filter(network_id=network_id, **which)
        .order_by("person_id", "pk")
        .values_list("person_id", "project__name", "role")
    ):
        work[person_id].append(_shown("project", f"{project} ({role})" if role else project))
    topics: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for field, through, column in (
        ("skill", Person.skills.through, "skill__name"),
        ("tag", Person.tags.through, "tag__name"),
    ):
        for person_id, label in (
            through.objects.filter(**which)
            .order_by("person_id", column)
            .values_list("person_id", column)
        ):
            topics[person_id].append(_shown(field, label))
    for person_id, label, code in (
        Person.circles.through.objects.filter(**which)
        .order_by("person_id", "circle__name")
        .values_list("person_id", "circle__name", "circle__code")
    ):
        seeded = _SEEDED_CIRCLES.get(code)
        shown = f"{label} ({seeded.de})" if seeded and seeded.de != label else label
        topics[person_id].append(_shown("circle", shown))

    for pk, academic, given, particle, family, nickname, archived, notes, met in people:
        full = _full_name(academic, given, particle, family)
        shown_name = f"{full} ({nickname})" if full and nickname else full or nickname
        name = _shown("name", shown_name)
        jobs = work.get(pk, [])
        knows = topics.get(pk, [])
        more = [_shown(field, text) for field, text in (("notes", notes), ("how we met", met))]
        yield _row(
            network_id,
            PERSON,
            ARCHIVED if archived else ACTIVE,
            person_id=pk,
            title=full or nickname,
            fields=[name, *jobs, *knows, *(shown for shown in more if shown[1])],
            name=name[2],
            work=_joined(jobs),
            topics=_joined(knows),
            notes=_joined(more),
        )


def _organisation_rows(network_id: int, ids: Sequence[int] | None) -> Iterator[Row]:
    organisations = Organisation.objects.filter(network_id=network_id)
    if ids is not None:
        organisations = organisations.filter(pk__in=ids)
    for pk, name, kind, industry, notes in organisations.order_by("pk").values_list(
        "pk", "name", "kind", "industry", "notes"
    ):
        word = _ORG_KINDS.get(kind)
        shown_name = _shown("name", name)
        work = [
            _shown("industry", industry),
            _shown("kind", f"{word.en} ({word.de})" if word else kind),
        ]
        note = _shown("notes", notes)
        yield _row(
            network_id,
            ORGANISATION,
            ACTIVE,
            organisation_id=pk,
            title=name,
            fields=[shown for shown in (shown_name, *work, note) if shown[1]],
            name=shown_name[2],
            work=_joined(work),
            notes=note[2],
        )


def _interaction_rows(network_id: int, ids: Sequence[int] | None) -> Iterator[Row]:
    """Minutes: the summary (and the place) of each conversation; shown from the journal."""
    sql = (
        "SELECT id, summary, place, private, author_id FROM journal_interaction"
        " WHERE network_id = %s"
    )
    params: list[Any] = [network_id]
    if ids is not None:
        sql += f" AND id IN ({', '.join(['%s'] * len(ids))})"
        params.extend(ids)
    # A plain cursor: a million minutes are read faster without model machinery.
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY id", params)
        while batch := cursor.fetchmany(MINUTES_BATCH):
            for pk, summary, place, private, author_id in batch:
                yield (
                    network_id,
                    INTERACTION,
                    MINUTES,
                    None,
                    None,
                    pk,
                    bool(private),
                    author_id if private else None,
                    "",
                    "[]",
                    "",
                    folded(place),
                    "",
                    folded(summary),
                )
