"""The whole network as JSON, lossless, and back into an empty network.

Every model whose rows belong to a network (a subclass of
:class:`knoten.core.models.NetworkScoped`) is found through Django's app registry, so a
model added later is exported and imported without a change here. What is left out:
the search index and the standings of keeping in touch (derived; rebuilt on import) and
every app's secrets (API tokens are not network-scoped rows; sessions neither).

The format::

    {"format": "knoten-export", "version": 1, "exported_at": "…",
     "network": {"name": "…"}, "me": 12, "circle": null,
     "members": [{"id": 3, "username": "alice", "role": "owner", "person": 12}],
     "models": {"people.person": [{"id": 12, "given_name": "…", "introduced_by": 7, …}], …},
     "links": {"people.person.circles": [[12, 4], …], …}}

Rows keep the ids they had; a foreign key holds the id of the row it points at. An
import gives every row a new id and points every key at the new rows.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction

from knoten.core import clock
from knoten.core.errors import InvalidInput, KnotenError
from knoten.core.folding import fold
from knoten.core.limits import chunks
from knoten.core.models import Member, Network, NetworkScoped
from knoten.core.partial_dates import PartialDate
from knoten.journal.visibility import sees

FORMAT = "knoten-export"
VERSION = 1
# Derived from the rest (rebuilt on import), or secret.
EXCLUDED_MODELS = {"search.searchentry", "upkeep.standing", "upkeep.calendarfeed"}
EXCLUDED_APPS = {"api"}
# Kinds of record that moved to another app since an export was written: an older file
# still names them by the old label, and still restores.
FORMER_LABELS = {"imports.importedproperty": "people.importedproperty"}

Progress = Callable[[str, int, int], None]
Row = dict[str, Any]


# --- which models, in which order ---------------------------------------------------------


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def foreign_keys(model: type[models.Model]) -> list[models.ForeignKey[Any, Any]]:
    """The model's own foreign keys (and one-to-ones), without the network's."""
    return [
        cast("models.ForeignKey[Any, Any]", field)
        for field in model._meta.concrete_fields
        if field.is_relation and field.name != "network"
    ]


def plain_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The model's columns that are not keys (the id and the network aside)."""
    return [
        field
        for field in model._meta.concrete_fields
        if not field.is_relation and not field.primary_key
    ]


def exported_models() -> list[type[models.Model]]:
    """Every network-scoped model, each after the models its keys point at."""
    chosen = [
        model
        for model in apps.get_models()
        if issubclass(model, NetworkScoped)
        and _label(model) not in EXCLUDED_MODELS
        and model._meta.app_label not in EXCLUDED_APPS
    ]
    chosen.sort(key=_label)
    wanted = set(chosen)
    needs = {
        model: {
            field.related_model
            for field in foreign_keys(model)
            if field.related_model in wanted and field.related_model is not model
        }
        for model in chosen
    }
    ordered: list[type[models.Model]] = []
    done: set[Any] = set()
    while len(ordered) < len(chosen):
        ready = [m for m in chosen if m not in done and needs[m] <= done]
        if not ready:
            # A cycle: take a model whose missing targets are reached by nullable keys
            # only; those keys are set once everything exists.
            ready = [
                m
                for m in chosen
                if m not in done
                and all(
                    field.null
                    for field in foreign_keys(m)
                    if field.related_model in needs[m] - done
                )
            ]
        if not ready:  # pragma: no cover - no such schema
            raise RuntimeError("the network's models point at each other without a way out")
        ordered.append(ready[0])
        done.add(ready[0])
    return ordered


def auto_links(model: type[models.Model]) -> list[models.ManyToManyField[Any, Any]]:
    """The model's many-to-many fields with a table Django made (circles, tags, skills)."""
    return [
        cast("models.ManyToManyField[Any, Any]", field)
        for field in model._meta.many_to_many
        if through_of(field)._meta.auto_created
    ]


def through_of(field: Any) -> Any:
    """The table behind a many-to-many field (typed loosely: Django's stubs leave it open)."""
    return field.remote_field.through


def target_of(field: Any) -> Any:
    """The model a key or a many-to-many field points at."""
    return field.related_model


def _links_key(model: type[models.Model], field: models.Field[Any, Any]) -> str:
    return f"{_label(model)}.{field.name}"


# --- values ---------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A column's value as JSON: dates and partial dates in ISO form, decimals as text,
    binary data (a photo) in base64."""
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _has_visibility(model: type[models.Model]) -> bool:
    """A model whose rows can be private to their author (interactions)."""
    names = {field.name for field in model._meta.concrete_fields}
    if not {"private", "author"} <= names:
        return False
    return model._meta.get_field("author").related_model is Member


def hidden_ids(viewer: Member | None, network_id: int) -> dict[type[models.Model], set[int]]:
    """Per model, the rows ``viewer`` may not see (other members' private minutes)."""
    hidden: dict[type[models.Model], set[int]] = {}
    if viewer is None:
        return hidden
    for model in exported_models():
        if _has_visibility(model):
            hidden[model] = set(
                model._default_manager.filter(network_id=network_id)
                .exclude(sees(viewer))
                .values_list("pk", flat=True)
            )
    return hidden


# --- export ---------------------------------------------------------------------------------


def _through_people(model: type[models.Model]) -> tuple[type[models.Model], str, str] | None:
    """For a model joined to persons through a model of its own (interactions through
    participations, projects through roles): that model and its two keys' columns."""
    from knoten.people.models import Person

    for field in model._meta.many_to_many:
        through = through_of(field)
        if field.related_model is Person and not through._meta.auto_created:
            m2m = cast("models.ManyToManyField[Any, Any]", field)
            return through, m2m.m2m_column_name(), m2m.m2m_reverse_name()
    return None


class _Export:
    """One export's walk over the network: its header, then each model's rows (each
    table's rows must be read before the next table is asked for), then the links."""

    def __init__(
        self,
        network: Network,
        *,
        viewer: Member | None,
        person_ids: set[int] | None,
        circle: str | None,
        progress: Progress | None,
        me: int | None = None,
    ) -> None:
        self.me = me if viewer is None else viewer.person_id
        self.network = network
        self.viewer = viewer
        self.person_ids = person_ids
        self.circle = circle
        self.progress = progress
        self.ordered = exported_models()
        self.hidden = hidden_ids(viewer, network.pk)
        self.kept: dict[type[models.Model], set[int]] = {}
        # Interactions and projects of a circle's export: those someone of it took part in.
        self.joined: dict[type[models.Model], set[int]] = {}
        if person_ids is not None:
            for model in self.ordered:
                found = _through_people(model)
                if found is not None:
                    table, own, person_column = found
                    self.joined[model] = set(
                        table._default_manager.filter(
                            network_id=network.pk, **{f"{person_column}__in": person_ids}
                        ).values_list(own, flat=True)
                    )

    def header(self) -> dict[str, Any]:
        network = self.network
        members = Member.objects.filter(network_id=network.pk).select_related("user")
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": clock.now().isoformat(),
            "network": {"name": network.name, "created_at": network.created_at.isoformat()},
            "me": self.me,
            "circle": self.circle,
            "members": [
                {
                    "id": m.pk,
                    "username": m.user.get_username(),
                    "role": m.role,
                    "person": m.person_id,
                }
                for m in members.order_by("pk")
            ],
        }

    def tables(self) -> Iterator[tuple[str, Iterator[Row]]]:
        for number, model in enumerate(self.ordered):
            if self.progress is not None:
                self.progress(_label(model), number, len(self.ordered))
            rows = self._rows(model)
            if any(target_of(f) is model for f in foreign_keys(model)):
                # Keys to rows of the same kind (who introduced whom) are known to point
                # at a row left out only once all are read: these tables are read whole.
                rows = iter(self._cleared_self_keys(model, list(rows)))
            yield _label(model), rows

    def _rows(self, model: type[models.Model]) -> Iterator[Row]:
        from knoten.people.models import Person

        fields = [f for f in model._meta.concrete_fields if f.name != "network"]
        keys = [f for f in fields if f.is_relation]
        ids: set[int] = set()
        self.kept[model] = ids
        pk_name = cast(Any, model._meta.pk).name
        hidden = self.hidden.get(model, set())
        query = model._default_manager.filter(network_id=self.network.pk).order_by("pk")
        for values in query.values_list(*[f.attname for f in fields]).iterator(chunk_size=5000):
            row = {field.name: plain(value) for field, value in zip(fields, values, strict=True)}
            pk = row[pk_name]
            if pk in hidden:
                continue
            if model is Person and self.person_ids is not None and pk not in self.person_ids:
                continue
            if model in self.joined and pk not in self.joined[model]:
                continue
            if not _keep_keys(row, keys, self.kept, self.hidden, model):
                continue
            ids.add(pk)
            yield row

    def _cleared_self_keys(self, model: type[models.Model], rows: list[Row]) -> list[Row]:
        ids = self.kept[model]
        for field in foreign_keys(model):
            if target_of(field) is model:
                for row in rows:
                    if row[field.name] is not None and row[field.name] not in ids:
                        row[field.name] = None
        return rows

    def links(self) -> Iterator[tuple[str, Iterator[list[int]]]]:
        for model in self.ordered:
            for field in auto_links(model):
                yield _links_key(model, field), self._pairs(model, field)

    def _pairs(
        self, model: type[models.Model], field: models.ManyToManyField[Any, Any]
    ) -> Iterator[list[int]]:
        through = through_of(field)
        source, target = field.m2m_column_name(), field.m2m_reverse_name()
        pairs = through._default_manager.filter(
            **{f"{field.m2m_field_name()}__network_id": self.network.pk}
        ).order_by("pk")
        sources, targets = self.kept[model], self.kept.get(target_of(field), set())
        for a, b in pairs.values_list(source, target).iterator(chunk_size=5000):
            if a in sources and b in targets:
                yield [a, b]


def export_network(
    network: Network,
    *,
    viewer: Member | None,
    person_ids: set[int] | None = None,
    circle: str | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The network as JSON-able data; see the module's description.

    ``viewer`` leaves out what that member may not see (others' private minutes); None
    takes everything (a backup). ``person_ids`` keeps only these persons and what is
    recorded about them (an export of one circle).
    """
    walk = _Export(network, viewer=viewer, person_ids=person_ids, circle=circle, progress=progress)
    data = walk.header()
    data["models"] = {label: list(rows) for label, rows in walk.tables()}
    data["links"] = {key: list(pairs) for key, pairs in walk.links()}
    return data


def stream_network(
    network: Network,
    *,
    viewer: Member | None,
    person_ids: set[int] | None = None,
    circle: str | None = None,
    progress: Progress | None = None,
    me: int | None = None,
) -> Iterator[str]:
    """The same export as JSON text, a piece at a time: a network of 100,000 persons is
    written without holding its rows in memory. ``me`` names *me* when there is no
    ``viewer`` (a backup: the owner's person)."""
    walk = _Export(
        network, viewer=viewer, person_ids=person_ids, circle=circle, progress=progress, me=me
    )
    head = json.dumps(walk.header(), ensure_ascii=False)
    yield head[:-1] + ', "models": {'
    for number, (label, rows) in enumerate(walk.tables()):
        yield from _json_list(label, rows, first=number == 0)
    yield '}, "links": {'
    for number, (key, pairs) in enumerate(walk.links()):
        yield from _json_list(key, pairs, first=number == 0)
    yield "}}"


def _json_list(key: str, items: Iterable[Any], *, first: bool) -> Iterator[str]:
    yield ("" if first else ",\n") + json.dumps(key) + ": ["
    batch: list[str] = []
    separator = ""
    for item in items:
        batch.append(json.dumps(item, ensure_ascii=False))
        if len(batch) >= 1000:
            yield separator + ",\n".join(batch)
            separator, batch = ",\n", []
    if batch:
        yield separator + ",\n".join(batch)
    yield "]"


def _keep_keys(
    row: Row,
    keys: Iterable[models.Field[Any, Any]],
    kept: dict[type[models.Model], set[int]],
    hidden: dict[type[models.Model], set[int]],
    model: type[models.Model],
) -> bool:
    """Clear (or, for a required key, refuse) a row's keys to rows left out. A row that
    belongs to something the viewer may not see (a promise made in another member's
    private minutes) is left out with it."""
    for field in keys:
        value = row[field.name]
        target = target_of(field)
        if value is None or target not in kept or target is model:
            continue  # a member, or a key to the same kind (checked once all are read)
        if value in kept[target]:
            continue
        if value in hidden.get(target, ()):
            return False
        if not field.null:
            return False
        row[field.name] = None
    return True


# --- import ---------------------------------------------------------------------------------


def check_header(data: Any, *, what: str = "file") -> None:
    """Refuse data that is not a Knoten export of a version this program reads."""
    if not isinstance(data, dict):
        raise InvalidInput(what, type(data).__name__, "is not a Knoten export (not a JSON object)")
    if data.get("format") != FORMAT:
        raise InvalidInput(
            f"{what}: format", data.get("format"), f"is not a Knoten export (expected {FORMAT!r})"
        )
    if data.get("version") != VERSION:
        raise InvalidInput(
            f"{what}: version",
            data.get("version"),
            f"is a format version this Knoten does not read (it reads version {VERSION})",
        )
    for key, kind in (("models", dict), ("links", dict), ("members", list)):
        if not isinstance(data.get(key, kind()), kind):
            raise InvalidInput(
                f"{what}: {key}", type(data.get(key)).__name__, "has the wrong shape"
            )


def network_contents(network_id: int, me_id: int | None) -> dict[str, int]:
    """What the network holds besides *me* and its circles: rows per kind of record."""
    from knoten.people.models import Circle, Person

    found: dict[str, int] = {}
    for model in exported_models():
        if model is Circle:
            continue
        rows = model._default_manager.filter(network_id=network_id)
        if model is Person and me_id is not None:
            rows = rows.exclude(pk=me_id)
        count = rows.count()
        if count:
            found[str(model._meta.verbose_name_plural)] = count
    return found


def _problem(where: str, value: Any, reason: str) -> InvalidInput:
    shown = value if isinstance(value, str | int | float | bool) or value is None else str(value)
    return InvalidInput(where, shown, reason)


class _Loader:
    """Recreates an export's rows in ``network`` with new ids."""

    def __init__(
        self,
        network: Network,
        data: dict[str, Any],
        *,
        me: Any,
        member_map: dict[int, int | None],
        default_member: Member | None,
        progress: Progress | None,
    ) -> None:
        self.network = network
        self.data = data
        self.me = me
        self.member_map = member_map
        self.default_member = default_member
        self.progress = progress
        self.ids: dict[type[models.Model], dict[int, int]] = {}
        # (model, new id, key field, old target id): keys set once every row exists.
        self.deferred: list[tuple[type[models.Model], int, models.Field[Any, Any], int]] = []
        self.created: dict[str, int] = {}

    def run(self) -> dict[str, int]:
        ordered = exported_models()
        known = {_label(model): model for model in ordered}
        tables = {
            FORMER_LABELS.get(label, label): rows
            for label, rows in self.data.get("models", {}).items()
        }
        for label in tables:
            if label not in known:
                raise _problem(
                    "models", label, "is a kind of record this version of Knoten does not know"
                )
        for number, model in enumerate(ordered):
            if self.progress is not None:
                self.progress(_label(model), number, len(ordered))
            rows = tables.get(_label(model), [])
            if not isinstance(rows, list):
                raise _problem(f"models.{_label(model)}", type(rows).__name__, "is not a list")
            self._load(model, rows)
        self._set_deferred()
        self._link(known)
        return self.created

    # one model -----------------------------------------------------------------------

    def _load(self, model: type[models.Model], rows: list[Any]) -> None:
        from knoten.people.models import Circle, Person

        label = _label(model)
        by_name = {f.name: f for f in model._meta.concrete_fields if f.name != "network"}
        pk_name = cast(Any, model._meta.pk).name
        mapping: dict[int, int] = {}
        self.ids[model] = mapping
        fresh: list[tuple[int, models.Model, list[tuple[models.Field[Any, Any], int]]]] = []
        existing: dict[str, Circle] = {}
        if model is Circle:
            existing = {c.folded_name: c for c in Circle.objects.filter(network=self.network)}
        me_id = self.data.get("me")
        seen: set[int] = set()
        for index, row in enumerate(rows):
            where = f"models.{label}[{index}]"
            if not isinstance(row, dict):
                raise _problem(where, type(row).__name__, "is not an object")
            old = row.get(pk_name)
            if not isinstance(old, int) or isinstance(old, bool):
                raise _problem(f"{where}.{pk_name}", old, "is not a whole number")
            if old in seen:
                raise _problem(f"{where}.{pk_name}", old, "is given twice")
            seen.add(old)
            obj = model(network=self.network)
            later: list[tuple[models.Field[Any, Any], int]] = []
            for name, value in row.items():
                if name == pk_name:
                    continue
                field = by_name.get(name)
                if field is None:
                    raise _problem(f"{where}.{name}", name, "is not a field of this record")
                if field.is_relation:
                    self._set_key(obj, field, value, f"{where}.{name}", model, later)
                else:
                    setattr(obj, field.attname, self._value(obj, field, value, f"{where}.{name}"))
            self._derive(obj)
            if model is Person and me_id is not None and old == me_id and self.me is not None:
                self._update_me(obj, row, later, old)
                continue
            if model is Circle:
                match = existing.get(cast(Circle, obj).folded_name)
                if match is not None:
                    self._update_existing(match, obj, row)
                    mapping[old] = match.pk
                    continue
            fresh.append((old, obj, later))
        if model is Circle:
            used = set(mapping.values())
            Circle.objects.filter(network=self.network).exclude(pk__in=used).delete()
        self._insert(model, fresh, mapping)
        if fresh:
            self.created[label] = len(fresh)

    def _set_key(
        self,
        obj: models.Model,
        field: models.Field[Any, Any],
        value: Any,
        where: str,
        model: type[models.Model],
        later: list[tuple[models.Field[Any, Any], int]],
    ) -> None:
        target = field.related_model
        if value is None:
            if not field.null:
                raise _problem(where, value, "is empty, but this record needs it")
            setattr(obj, field.attname, None)
            return
        if not isinstance(value, int) or isinstance(value, bool):
            raise _problem(where, value, "is not the id of a record")
        if target is Member:
            member = self.member_map.get(value)
            if member is None and not field.null and self.default_member is not None:
                member = self.default_member.pk
            setattr(obj, field.attname, member)
            return
        if target not in self.ids or target is model:
            # A record of a kind that comes later (or of the same kind): set afterwards.
            if not field.null:  # pragma: no cover - exported_models orders them first
                raise _problem(where, value, "points at a record that comes later")
            setattr(obj, field.attname, None)
            later.append((field, value))
            return
        new = self.ids[target].get(value)  # type: ignore[index]
        if new is None:
            raise _problem(where, value, f"points at a {_label(target)} the file does not hold")  # type: ignore[arg-type]
        setattr(obj, field.attname, new)

    def _value(
        self, obj: models.Model, field: models.Field[Any, Any], value: Any, where: str
    ) -> Any:
        try:
            python = field.to_python(value)
        except (ValidationError, KnotenError, TypeError, ValueError):
            raise _problem(where, value, f"is not a valid {field.get_internal_type()}") from None
        if python is None and isinstance(field, models.DateTimeField) and not field.null:
            return clock.now()
        try:
            field.validate(python, obj)
        except ValidationError as error:
            # An empty text the database takes (a required summary saved empty once)
            # stays as it was: the export is lossless, not stricter than the database.
            if not all(code == "blank" for code in _codes(error)):
                raise _problem(where, value, "; ".join(error.messages)) from None
        try:
            if not isinstance(python, PartialDate):
                field.run_validators(python)
        except ValidationError as error:
            raise _problem(where, value, "; ".join(error.messages)) from None
        return python

    def _derive(self, obj: models.Model) -> None:
        """Recompute the folded and sorted forms the model keeps of its names."""
        refresh = getattr(obj, "refresh_derived_names", None)
        if callable(refresh):
            refresh()
        elif hasattr(obj, "folded_name") and isinstance(getattr(obj, "name", None), str):
            obj.folded_name = fold(obj.name)  # type: ignore[attr-defined]

    def _update_me(
        self,
        obj: models.Model,
        row: Row,
        later: list[tuple[models.Field[Any, Any], int]],
        old: int,
    ) -> None:
        me = self.me
        self._update_existing(me, obj, row)
        self.ids[type(me)][old] = me.pk
        for field, target in later:
            self.deferred.append((type(me), me.pk, field, target))

    def _update_existing(self, current: models.Model, obj: models.Model, row: Row) -> None:
        names = [
            f.attname
            for f in type(current)._meta.concrete_fields
            if f.name in row and not f.primary_key and f.name != "network"
        ]
        derived = [a for a in ("folded_name", "sort_name") if hasattr(obj, a) and a not in names]
        values = {attname: getattr(obj, attname) for attname in names + derived}
        type(current)._default_manager.filter(pk=current.pk).update(**values)

    def _insert(
        self,
        model: type[models.Model],
        fresh: list[tuple[int, models.Model, list[tuple[models.Field[Any, Any], int]]]],
        mapping: dict[int, int],
    ) -> None:
        if not fresh:
            return
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        objs = [obj for _, obj, _ in fresh]
        size = max(1, min(1000, connection.ops.bulk_batch_size(fields, objs)))
        returning = model._meta.db_returning_fields
        new_ids: list[int] = []
        manager = cast(Any, model._base_manager.all())
        for batch in chunks(objs, size):
            # raw: the stored values go in as they are (created_at and updated_at are
            # not stamped anew), as Django's own fixture loading does.
            rows = manager._insert(batch, fields=fields, returning_fields=returning, raw=True)
            new_ids.extend(int(r[0]) for r in rows)
        for (old, _, later), new in zip(fresh, new_ids, strict=True):
            mapping[old] = new
            for field, target in later:
                self.deferred.append((model, new, field, target))

    def _set_deferred(self) -> None:
        grouped: dict[tuple[type[models.Model], str], dict[int, int]] = defaultdict(dict)
        for model, new, field, old_target in self.deferred:
            target = target_of(field)
            found = self.ids.get(target, {}).get(old_target)
            if found is None:
                raise _problem(
                    f"models.{_label(model)}.{field.name}",
                    old_target,
                    f"points at a {_label(target)} the file does not hold",
                )
            grouped[(model, field.attname)][new] = found
        for (model, attname), values in grouped.items():
            by_target: dict[int, list[int]] = defaultdict(list)
            for pk, target_pk in values.items():
                by_target[target_pk].append(pk)
            for target_pk, pks in by_target.items():
                for chunk in chunks(pks):
                    model._default_manager.filter(pk__in=chunk).update(**{attname: target_pk})

    def _link(self, known: dict[str, type[models.Model]]) -> None:
        links = self.data.get("links", {})
        wanted = {
            _links_key(model, field): (model, field)
            for model in known.values()
            for field in auto_links(model)
        }
        for key, pairs in links.items():
            if key not in wanted:
                raise _problem("links", key, "is a link this version of Knoten does not know")
            model, field = wanted[key]
            through = through_of(field)
            source, target = field.m2m_column_name(), field.m2m_reverse_name()
            sources, targets = self.ids[model], self.ids[target_of(field)]
            made = []
            if not isinstance(pairs, list):
                raise _problem(f"links.{key}", type(pairs).__name__, "is not a list")
            for index, pair in enumerate(pairs):
                if not (isinstance(pair, list) and len(pair) == 2):
                    raise _problem(f"links.{key}[{index}]", str(pair), "is not a pair of ids")
                a, b = sources.get(pair[0]), targets.get(pair[1])
                if a is None or b is None:
                    raise _problem(
                        f"links.{key}[{index}]",
                        str(pair),
                        "points at a record the file does not hold",
                    )
                made.append(through(**{source: a, target: b}))
            through._default_manager.bulk_create(made, batch_size=500, ignore_conflicts=True)
            if made:
                self.created[key] = len(made)


def _codes(error: ValidationError) -> list[str]:
    return [str(e.code) for e in error.error_list] if hasattr(error, "error_list") else []


def load_network(
    network: Network,
    data: dict[str, Any],
    *,
    me: Any,
    member_map: dict[int, int | None],
    default_member: Member | None,
    progress: Progress | None = None,
) -> tuple[dict[str, int], dict[str, dict[int, int]]]:
    """Recreate the rows of ``data`` in ``network`` (checked by :func:`check_header`).

    Returns the rows made per kind, and per kind the new id of each old one.

    ``me`` (a Person or None) takes the exported *me*'s facts instead of a new row.
    Runs inside the caller's transaction; any problem raises InvalidInput naming the
    place in the data.
    """
    loader = _Loader(
        network,
        data,
        me=me,
        member_map=member_map,
        default_member=default_member,
        progress=progress,
    )
    try:
        with transaction.atomic():
            counts = loader.run()
    except IntegrityError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else "a rule"
        raise InvalidInput("file", "", f"breaks a rule of the database: {first}") from None
    return counts, {_label(model): ids for model, ids in loader.ids.items()}


def member_mapping(data: dict[str, Any], actor: Member) -> dict[int, int | None]:
    """Exported members onto the target network's: *me*'s member is ``actor``; others
    by their user name, if they are members there; anyone else is no one."""
    usernames = {
        m.user.get_username(): m.pk
        for m in Member.objects.filter(network_id=actor.network_id).select_related("user")
    }
    mapping: dict[int, int | None] = {}
    for index, entry in enumerate(data.get("members", [])):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), int):
            raise _problem(f"members[{index}]", str(entry), "is not a member")
        if entry.get("person") is not None and entry.get("person") == data.get("me"):
            mapping[entry["id"]] = actor.pk
        else:
            mapping[entry["id"]] = usernames.get(str(entry.get("username", "")))
    return mapping
