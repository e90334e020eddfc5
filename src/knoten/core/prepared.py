"""Querysets of a fixed shape, compiled to SQL once and then run with other ids.

Django turns a queryset into SQL every time it runs one. For the small queries a page
makes about one person, that compiling costs far more than the query: on the 100k demo
network (SQLite) the person page's fourteen queries spent 4.5 of their 8.3 ms in the
ORM, its family query 527 µs compiling against 41 µs running. A :class:`Prepared` builds
its queryset once per database with placeholder ids, keeps the SQL and where each id
sits among the parameters, and afterwards only runs that SQL with the real ids. Rows get
the converters a queryset applies, and :meth:`Prepared.fetch` makes model instances of
them through ``Model.from_db``, the hook Django itself loads rows with: the chosen fields
loaded, the rest deferred, the chosen related objects attached as ``select_related``
would.

The SQL still comes from the ORM, so it is right for SQLite and PostgreSQL alike; only
the placeholder ids are swapped. Use it for a few hot reads of a fixed shape; a plain
queryset is clearer everywhere else.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.apps import apps
from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=Model)

# No row has a negative id, and these fit every integer column (32-bit ones too), so
# Django hands them to the database unchanged and they can be found among its parameters.
_PLACEHOLDER = -2_000_000_000

# ``fields=ALL_FIELDS``: every column of the model, as a queryset without ``only`` reads.
ALL_FIELDS = ("*",)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str], ...]  # (position among the parameters, argument name)
    compiler: SQLCompiler
    columns: int


@dataclass(frozen=True)
class _Part:
    """One model's share of a row: where its columns sit and their order for from_db."""

    model: type[Model]
    relation: str  # "" for the queried model itself
    columns: tuple[str, ...]  # as the caller listed them, which is their order in a row
    names: tuple[str, ...]  # attribute names in the model's field order
    positions: tuple[int, ...]  # where each of them sits in the row


class Prepared(Generic[M]):
    """``build(**ids)``'s queryset of ``model``, compiled once per database.

    ``fields`` are the model's columns to read (attribute names: ``"person_id"``, or
    ALL_FIELDS), and ``related`` maps a foreign key to the fields of its target to read
    with it, as ``select_related`` with ``only`` would. Every argument of ``build`` is an
    id and must end up as a parameter of the SQL (in a filter; not in a slice).
    ``arguments`` names them where ``build`` takes ``**ids``. ``model`` may be given as
    ``"app_label.Model"`` for a module that cannot import it yet.
    """

    def __init__(
        self,
        model: type[M] | str,
        build: Callable[..., QuerySet[M]],
        *,
        fields: Sequence[str],
        related: Mapping[str, Sequence[str]] | None = None,
        arguments: Sequence[str] | None = None,
    ) -> None:
        self._model = model  # or "app_label.Model", looked up on first use
        self.build = build
        self.arguments = tuple(arguments or inspect.signature(build).parameters)
        self.fields = tuple(fields)
        self.related = {relation: tuple(names) for relation, names in (related or {}).items()}
        self._parts: list[_Part] = []
        self._columns: list[str] = []
        self._compiled: dict[tuple[str, str], _Compiled] = {}
        _EVERY.append(self)

    @property
    def model(self) -> type[M]:
        if isinstance(self._model, str):
            self._model = apps.get_model(self._model)
        return self._model

    def rows(self, **ids: int) -> list[tuple[Any, ...]]:
        """The rows for these ids: ``fields`` then each relation's fields, converted."""
        if set(ids) != set(self.arguments):
            raise TypeError(f"this query takes {self.arguments}, not {tuple(ids)}")
        alias = router.db_for_read(self.model)
        compiled = self._compile(alias)
        params = list(compiled.params)
        for position, name in compiled.slots:
            params[position] = int(ids[name])
        with connections[alias].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.compiler.has_extra_select:
            rows = [row[: compiled.columns] for row in rows]
        return [tuple(row) for row in compiled.compiler.results_iter([rows])]

    def fetch(self, **ids: int) -> list[M]:
        """The model instances the queryset gives for these ids, in its order."""
        alias = router.db_for_read(self.model)
        own, *others = self._split()
        instances = []
        for row in self.rows(**ids):
            instance = own.model.from_db(alias, list(own.names), [row[i] for i in own.positions])
            for part in others:
                values = [row[i] for i in part.positions]
                related = (
                    None
                    if values[0] is None
                    else part.model.from_db(alias, list(part.names), values)
                )
                self.model._meta.get_field(part.relation).set_cached_value(instance, related)  # type: ignore[union-attr]
            instances.append(instance)
        return instances  # type: ignore[return-value]

    def _split(self) -> list[_Part]:
        """Where each model's columns sit in a row, in the order from_db wants them."""
        if self._parts:
            return self._parts
        parts = [_part(self.model, "", self.fields, 0)]
        columns = list(parts[0].columns)
        for relation, names in self.related.items():
            target = self.model._meta.get_field(relation).related_model
            assert isinstance(target, type) and issubclass(target, Model), relation
            parts.append(_part(target, relation, names, len(columns)))
            columns += [f"{relation}__{name}" for name in parts[-1].columns]
        self._columns = columns
        self._parts = parts
        return parts

    def _compile(self, alias: str) -> _Compiled:
        connection = connections[alias]
        key = (alias, connection.vendor)
        compiled = self._compiled.get(key)
        if compiled is not None:
            return compiled
        placeholders = {name: _PLACEHOLDER - n for n, name in enumerate(self.arguments)}
        self._split()
        queryset = self.build(**placeholders).values_list(*self._columns)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        by_value = {value: name for name, value in placeholders.items()}
        slots = tuple(
            (position, by_value[value])
            for position, value in enumerate(params)
            if type(value) is int and value in by_value
        )
        missing = set(self.arguments) - {name for _, name in slots}
        if missing:
            raise TypeError(f"{', '.join(sorted(missing))} is not a parameter of the query's SQL")
        compiled = _Compiled(sql, tuple(params), slots, compiler, len(self._columns))
        self._compiled[key] = compiled
        return compiled


_EVERY: list[Prepared[Any]] = []


def forget_compiled() -> None:
    """Compile every query again on its next use: for a test that changes a constant
    its SQL was built with (a list's cap)."""
    for query in _EVERY:
        query._compiled.clear()


def _part(model: type[Model], relation: str, names: Sequence[str], start: int) -> _Part:
    """The columns ``names`` of ``model`` (or ALL_FIELDS), read from ``start`` on.

    ``Model.from_db`` takes a subset of fields in the model's own field order; a related
    model's first name must be its id, which tells a missing row (NULL) from a found one.
    """
    order = [field.attname for field in model._meta.concrete_fields]
    columns = tuple(order) if tuple(names) == ALL_FIELDS else tuple(names)
    unknown = set(columns) - set(order)
    if unknown:
        raise TypeError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
    if relation and columns[0] not in ("id", model._meta.pk.attname):
        raise TypeError(f"the fields of {relation} must start with its id")
    ordered = tuple(name for name in order if name in columns)
    positions = tuple(start + columns.index(name) for name in ordered)
    return _Part(model, relation, columns, ordered, positions)
