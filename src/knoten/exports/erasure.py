"""Per person: everything stored about them (GDPR Art. 15, 20), and forgetting them (Art. 17).

What points at a person is found through ``Person._meta.related_objects``, so rows of a
model added later (a favour, a review-queue entry) are exported and erased too. Their
name, addresses and profiles in the texts of other records are replaced as
:mod:`knoten.exports.mentions` says (which words, in which records); the plan lists
those records, and those to review, before anything changes. The labels (tags, skills)
that only they carried go with them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.db.models.deletion import Collector

from knoten.core import changes, clock
from knoten.core.errors import InvalidInput
from knoten.core.models import Member, NetworkScoped
from knoten.exports.mentions import (
    REMOVED,
    find_mentions,
    name_forms,
    name_words,
    person_links,
    rewrite,
)
from knoten.exports.network_json import (
    EXCLUDED_MODELS,
    exported_models,
    hidden_ids,
    plain,
    through_of,
)
from knoten.people.lookup import resolve_person
from knoten.people.models import Person

PERSON_FORMAT = "knoten-person-export"
PERSON_VERSION = 1


# --- the rows about a person ----------------------------------------------------------------


def _reference(obj: models.Model | None) -> dict[str, Any] | None:
    if obj is None:
        return None
    if isinstance(obj, Member):
        return {"id": obj.pk, "name": obj.person.full_name if obj.person else str(obj)}
    name = getattr(obj, "full_name", None) or getattr(obj, "name", None) or str(obj)
    return {"id": obj.pk, "name": name}


def row_data(obj: models.Model) -> dict[str, Any]:
    """A row's columns, with each key as ``{"id", "name"}`` of what it points at."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name == "network":
            continue
        if field.is_relation:
            data[field.name] = _reference(getattr(obj, field.name))
        else:
            data[field.name] = plain(getattr(obj, field.attname))
    return data


def _key_name(rel: models.ForeignObjectRel) -> str:
    model = rel.related_model
    return f"{model._meta.label_lower}.{rel.field.name}"  # type: ignore[union-attr]


def person_export(actor: Member, person: Any) -> dict[str, Any]:
    """Everything stored about one person that ``actor`` may see, as JSON-able data."""
    target = resolve_person(actor, person)
    hidden = hidden_ids(actor, actor.network_id)
    hidden_all = {pk for ids in hidden.values() for pk in ids}
    hidden_models = set(hidden)
    facts: dict[str, list[dict[str, Any]]] = {}
    took_part: set[int] = set()
    for rel in person_links():
        model = rel.related_model
        rows = model._default_manager.filter(  # type: ignore[union-attr]
            network_id=actor.network_id, **{rel.field.name: target}
        ).order_by("pk")
        shown = []
        for obj in rows:
            if _points_at_hidden(obj, hidden_models, hidden_all):
                continue
            shown.append(row_data(obj))
            for field in obj._meta.concrete_fields:
                if field.is_relation and field.related_model in hidden_models:
                    value = getattr(obj, field.attname)
                    if value is not None:
                        took_part.add(value)
        if shown:
            facts[_key_name(rel)] = shown
    interactions: list[dict[str, Any]] = []
    for model in hidden_models:
        for obj in model._default_manager.filter(pk__in=took_part).order_by("pk"):
            data = row_data(obj)
            through = _participants(obj)
            if through is not None:
                data["participants"] = through
            interactions.append(data)
    person = row_data(target)
    for name in ("circles", "tags", "skills"):
        person[name] = sorted(getattr(target, name).values_list("name", flat=True))
    return {
        "format": PERSON_FORMAT,
        "version": PERSON_VERSION,
        "exported_at": clock.now().isoformat(),
        "person": person,
        "facts": facts,
        "interactions": interactions,
    }


def _points_at_hidden(obj: models.Model, hidden_models: set[Any], hidden: set[int]) -> bool:
    for field in obj._meta.concrete_fields:
        if (
            field.is_relation
            and field.related_model in hidden_models
            and getattr(obj, field.attname) in hidden
        ):
            return True
    return False


def _participants(obj: models.Model) -> list[Any] | None:
    for field in obj._meta.many_to_many:
        if field.related_model is Person:
            return [_reference(p) for p in getattr(obj, field.name).order_by("pk")]
    return None


# --- forgetting -----------------------------------------------------------------------------


def _target(actor: Member, person: Any) -> Person:
    target = resolve_person(actor, person)
    if Member.objects.filter(person_id=target.pk).exists():
        raise InvalidInput(
            "person", str(person), "is a member's own person (me) and cannot be forgotten"
        )
    return target


def _solo_interactions(actor: Member, person: Person) -> dict[Any, set[int]]:
    """The minutes of conversations that only this person took part in (besides the
    author): facts about them alone, erased with them. A project stays."""
    solo: dict[Any, set[int]] = {}
    for model in exported_models():
        for field in model._meta.many_to_many:
            if field.related_model is not Person:
                continue
            through = through_of(field)
            if through._meta.auto_created or model._meta.label_lower != "journal.interaction":
                continue
            m2m: Any = field
            own, other = m2m.m2m_column_name(), m2m.m2m_reverse_name()
            mine = set(
                through._default_manager.filter(
                    network_id=actor.network_id, **{other: person.pk}
                ).values_list(own, flat=True)
            )
            shared = set(
                through._default_manager.filter(**{f"{own}__in": mine})
                .exclude(**{other: person.pk})
                .values_list(own, flat=True)
            )
            solo[model] = mine - shared
    return solo


def _collect(person: Person, solo: dict[Any, set[int]]) -> Collector:
    collector = Collector(using=connection.alias)
    collector.collect([person])
    for model, ids in solo.items():
        if ids:
            collector.collect(list(model._default_manager.filter(pk__in=ids)))
    return collector


def _deleted_counts(collector: Collector) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for model, instances in collector.data.items():
        skipped = model._meta.label_lower in EXCLUDED_MODELS or not issubclass(model, NetworkScoped)
        if skipped and model is not Person:
            continue
        counts[str(model._meta.verbose_name_plural)] += len(instances)
    for queryset in collector.fast_deletes:
        model = queryset.model
        if model._meta.label_lower in EXCLUDED_MODELS:
            continue
        count = queryset.count()
        if count:
            counts[str(model._meta.verbose_name_plural)] += count
    return dict(counts)


def _cleared_counts(collector: Collector) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for key, instances in collector.field_updates.items():
        field = key[0]
        model = field.model
        if model._meta.label_lower in EXCLUDED_MODELS:
            continue
        # A row deleted anyway (a promise of theirs made in a conversation that goes)
        # is not "cleared".
        going = {obj.pk for obj in collector.data.get(model, ())}
        count = 0
        for item in instances:  # query sets (Django 5) or rows
            if isinstance(item, models.QuerySet):
                count += item.exclude(pk__in=going).count()
            elif isinstance(item, models.Model):
                count += item.pk not in going
            else:
                count += sum(1 for obj in item if obj.pk not in going)
        if count:
            counts[f"{model._meta.verbose_name_plural}: {field.verbose_name}"] += count
    return dict(counts)


def _backups() -> list[str]:
    folder = settings.DATA_DIR / "backups"
    if not folder.is_dir():
        return []
    return sorted(str(path) for path in folder.iterdir() if path.is_file())


def _emails(target: Person) -> list[str]:
    return list(target.contact_points.filter(kind="email").values_list("value", flat=True))


def _labels_only_theirs(target: Person) -> dict[str, dict[int, str]]:
    """The labels (tags, skills: kinds of record only persons carry) that no one but
    the person carries, by the person's field: {"tags": {id: name}}."""
    found: dict[str, dict[int, str]] = {}
    for m2m in Person._meta.many_to_many:
        label: Any = m2m.related_model
        if any(rel.related_model is not Person for rel in label._meta.related_objects):
            continue  # a circle: cadences and costs point at it too; it stays
        theirs = getattr(target, m2m.name).exclude(
            pk__in=through_of(m2m)
            ._default_manager.exclude(**{m2m.m2m_field_name(): target.pk})
            .values(m2m.m2m_reverse_field_name())
        )
        found[m2m.name] = dict(theirs.values_list("pk", "name"))
    return found


def _plan(actor: Member, target: Person) -> tuple[dict[str, Any], Any]:
    solo = _solo_interactions(actor, target)
    collector = _collect(target, solo)
    skip: dict[Any, set[int]] = defaultdict(set)
    for model, instances in collector.data.items():
        skip[model].update(obj.pk for obj in instances)
    # Rows deleted in one query (their favours, a promise owed to them) go too: their
    # texts are not "changed".
    for queryset in collector.fast_deletes:
        skip[queryset.model].update(queryset.values_list("pk", flat=True))
    # What a mailbox import counted about their addresses goes too (forget_addresses).
    from knoten.mailbox.models import SeenAddress
    from knoten.mailbox.suggestions import seen_ids

    skip[SeenAddress].update(seen_ids(actor, _emails(target)))
    labels = _labels_only_theirs(target)
    for name, ids in labels.items():
        skip[getattr(Person, name).field.related_model].update(ids)
    texts, review = find_mentions(actor.network_id, target, skip)
    by_field: dict[str, int] = defaultdict(int)
    for mention in texts:
        for name in mention.values:
            by_field[f"{mention.model._meta.label_lower}.{name}"] += 1
    plan = {
        "person": {"id": target.pk, "name": target.full_name or target.nickname},
        "deleted": _deleted_counts(collector),
        "cleared": _cleared_counts(collector),
        "conversations_only_with_them": sum(len(ids) for ids in solo.values()),
        "labels_removed": {name: sorted(ids.values()) for name, ids in labels.items() if ids},
        "names_replaced": dict(by_field),
        "texts_changed": sum(len(mention.values) for mention in texts),
        "mentions": [mention.describe() for mention in texts],
        "to_review": [mention.describe() for mention in review],
        "replacement": REMOVED,
        "name_forms": name_forms(target),
        "name_words": name_words(target),
        "backups_keeping_them": _backups(),
    }
    return plan, (solo, labels, texts)


def forget_plan(actor: Member, person: Any) -> dict[str, Any]:
    """What forgetting the person will change: rows deleted (counts per kind), keys
    cleared, the labels only they carry, the records in which their name, addresses
    and profiles become "[removed]" (``mentions``), those that have a word of their
    name but are not about them and stay as they are (``to_review``), the backups that
    keep them."""
    plan, _ = _plan(actor, _target(actor, person))
    return plan


def forget_person(actor: Member, person: Any) -> dict[str, Any]:
    """Erase a person, every fact about them and their name in other texts (Art. 17).

    On SQLite the file is then vacuumed (after a WAL checkpoint) so that no trace of
    the name stays in free pages; inside an open transaction that step is left out and
    ``vacuumed`` is false.
    """
    target = _target(actor, person)
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")
    try:
        with changes.atomic():
            plan, (solo, labels, texts) = _plan(actor, target)
            changed = rewrite(texts)
            for model, ids in solo.items():
                model._default_manager.filter(pk__in=ids).delete()
            # What a mailbox import counted about their addresses (names seen with them).
            from knoten.mailbox.suggestions import forget_addresses

            forget_addresses(actor, _emails(target))
            target.delete()
            for name, ids in labels.items():
                getattr(Person, name).field.related_model._default_manager.filter(
                    pk__in=ids
                ).delete()
            # Announced in bulk, as any bulk write (the saves may announce some too).
            for model, ids in changed.items():
                changes.announce_rows(model, actor.network_id, ids)
    finally:
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA secure_delete = OFF")
    plan["vacuumed"] = vacuum() if sqlite else False
    return plan


def vacuum() -> bool:
    """Leave no trace of deleted rows in the SQLite file: merge the full-text index's
    segments, checkpoint the WAL into the file, rebuild the file, checkpoint again.
    False (and nothing done) inside an open transaction."""
    from knoten.search.index import compact

    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return False
    compact()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return True
