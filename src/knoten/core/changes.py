"""Change notices: what changed, told once to whoever keeps data derived from it.

A domain write says what it changed in the words of the domain: "persons 3 and 7 of
network 1", "organisation 5", "interaction 12", or "everything of network 1" after a
bulk load. Whatever keeps derived data (the search index, later strengths and path
graphs) listens, registered in its app's ``ready()``; no write path calls it, and no
lower layer knows it exists.

Most notices need no line of code in a write path: an app tells, once in its
``ready()``, what a saved or deleted row of each of its models means (:func:`track`,
:func:`track_many`), and every ORM write announces itself. Paths that write without the
ORM's signals (raw bulk inserts, ``QuerySet.update``, cascades through a many-to-many
table) announce with :func:`announce` or :func:`announce_network`.

Notices are gathered while a unit of work runs (:func:`atomic`, a ``transaction.atomic``
that also gathers) and sent when the outermost unit ends without an error, still inside
its transaction: the derived data changes together with what it is derived from, or not
at all, and a listener hears each changed thing once however often it was written. A
notice outside any unit is sent at once. A notice about a row that was rolled back or no
longer exists is harmless: listeners read the current state of what they are told about.
"""

from __future__ import annotations

import functools
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import Any, ParamSpec, TypeVar, overload

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

# The whole network changed (a bulk load or a restore): listeners rebuild what is theirs.
NETWORK = "network"

Changed = Mapping[str, frozenset[int]]
"""What changed in one network: per kind ("person", "organisation" …) the ids."""

Listener = Callable[[int, Changed], None]
P = ParamSpec("P")
R = TypeVar("R")

_listeners: list[Listener] = []
_tracked: dict[type[models.Model], list[tuple[str, str]]] = defaultdict(list)
_state = threading.local()


def listen(listener: Listener) -> None:
    """Call ``listener(network_id, changed)`` for every network with notices, once per
    unit of work. Registered once, in an ``AppConfig.ready``."""
    if listener not in _listeners:
        _listeners.append(listener)


def announce(network_id: int, kind: str, ids: Iterable[int]) -> None:
    """Tell the listeners that these ``kind`` rows of the network changed."""
    wanted = {int(pk) for pk in ids if pk is not None}
    if not wanted:
        return
    pending = _pending()
    if pending is None:
        _send({network_id: {kind: wanted}})
    else:
        pending[network_id][kind].update(wanted)


def announce_network(network_id: int) -> None:
    """Tell the listeners that anything of the network may have changed."""
    announce(network_id, NETWORK, [network_id])


@contextmanager
def gathered() -> Iterator[None]:
    """Gather the notices announced inside; send them when the outermost block ends."""
    stack: list[dict[int, dict[str, set[int]]]] = _stack()
    stack.append(defaultdict(lambda: defaultdict(set)))
    try:
        yield
    except BaseException:
        stack.pop()
        raise
    gathered_here = stack.pop()
    if transaction.get_connection().needs_rollback:
        return  # rolled back (a dry run): nothing changed to tell of
    if stack:
        for network_id, kinds in gathered_here.items():
            for kind, ids in kinds.items():
                stack[-1][network_id][kind].update(ids)
    elif gathered_here:
        _send(gathered_here)


@overload
def atomic(function: Callable[P, R]) -> Callable[P, R]: ...


@overload
def atomic(function: None = None) -> AbstractContextManager[None]: ...


def atomic(
    function: Callable[P, R] | None = None,
) -> Callable[P, R] | AbstractContextManager[None]:
    """``transaction.atomic`` that gathers the notices of the unit of work, as a
    decorator (``@changes.atomic``) or a context manager (``with changes.atomic():``)."""
    if function is None:
        return _atomic_block()

    @functools.wraps(function)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        with _atomic_block():
            return function(*args, **kwargs)

    return wrapped


@contextmanager
def _atomic_block() -> Iterator[None]:
    with transaction.atomic(), gathered():
        yield


# --- telling what a row means --------------------------------------------------------------


def track(model: type[models.Model], kind: str, key: str = "pk") -> None:
    """A saved or deleted ``model`` row announces ``kind`` ``row.<key>`` of its network.

    ``track(Affiliation, "person", "person_id")``: a job changed is a person changed.
    """

    def changed(sender: Any, instance: Any, **_: Any) -> None:
        announce(instance.network_id, kind, [getattr(instance, key)])

    if (kind, key) not in _tracked[model]:
        _tracked[model].append((kind, key))
    uid = f"knoten.changes:{model._meta.label}:{kind}:{key}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)


def track_many(descriptor: Any, kind: str) -> None:
    """Adding or removing rows of a many-to-many field (``Person.circles``) announces
    ``kind`` for the rows of the model that holds the field (the persons).

    Only the field's own ``add``, ``remove``, ``set`` and ``clear`` send this, from either
    side; a cascade through the table (deleting a circle) is a bulk path and announces
    by itself.
    """
    field = descriptor.field
    holder_column = field.m2m_field_name()  # "person" in Person.circles' table
    other_column = field.m2m_reverse_field_name()  # "circle"

    def changed(
        sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **_: Any
    ) -> None:
        if action not in ("post_add", "post_remove", "pre_clear"):
            return
        if not reverse:
            ids: Iterable[int] = [instance.pk]
        elif action == "pre_clear":
            rows = descriptor.through._default_manager.filter(**{other_column: instance.pk})
            ids = list(rows.values_list(f"{holder_column}_id", flat=True))
        else:
            ids = pk_set or ()
        announce(instance.network_id, kind, ids)

    uid = f"knoten.changes:{descriptor.through._meta.label}:{kind}"
    m2m_changed.connect(changed, sender=descriptor.through, weak=False, dispatch_uid=uid)


def announce_rows(model: type[models.Model], network_id: int, ids: Iterable[int]) -> None:
    """For a bulk write of ``model`` rows (``QuerySet.update``): announce what their
    :func:`track` says a saved row announces. The rows must still exist."""
    chosen = sorted({int(pk) for pk in ids})
    for kind, key in _tracked.get(model, ()):
        if key == "pk":
            announce(network_id, kind, chosen)
            continue
        for start in range(0, len(chosen), 5000):
            rows = model._default_manager.filter(pk__in=chosen[start : start + 5000])
            announce(network_id, kind, rows.values_list(key, flat=True))


# --- sending -------------------------------------------------------------------------------


def _stack() -> list[dict[int, dict[str, set[int]]]]:
    stack = getattr(_state, "stack", None)
    if stack is None:
        stack = _state.stack = []
    return stack


def _pending() -> dict[int, dict[str, set[int]]] | None:
    stack = _stack()
    return stack[-1] if stack else None


def _send(gathered_notices: Mapping[int, Mapping[str, set[int]]]) -> None:
    # A listener's own writes (derived data) announce nothing; were they to, the
    # notices would be gathered again and sent after this round.
    with gathered():
        for network_id in sorted(gathered_notices):
            changed = {
                kind: frozenset(ids) for kind, ids in gathered_notices[network_id].items() if ids
            }
            if changed:
                for listener in list(_listeners):
                    listener(network_id, changed)
