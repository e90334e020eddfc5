"""Per person: everything stored about them (GDPR Art. 15, 20), and forgetting them (Art. 17).

What points at a person is found through ``Person._meta.related_objects``, so rows of a
model added later (a favour, a review-queue entry) are exported and erased too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.db.models.deletion import Collector

from knoten.core import changes, clock
from knoten.core.errors import InvalidInput
from knoten.core.models import Member, NetworkScoped
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
REMOVED = "[removed]"
# Forms of address a family name is written with, which are replaced with it.
_ADDRESS_WORDS = ("Herr", "Herrn", "Frau", "Dr.", "Prof.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.")


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


def _person_links() -> list[models.ForeignObjectRel]:
    """The keys of other models that point at a person (their own, not derived rows)."""
    exported = set(exported_models())
    return [
        rel
        for rel in Person._meta.related_objects
        if not rel.many_to_many and rel.related_model in exported
    ]


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
    for rel in _person_links():
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


# --- the name in other texts ----------------------------------------------------------------


def _without_marks(text: str) -> str:
    table = str.maketrans({"ß": "ss", "ẞ": "SS"})
    decomposed = unicodedata.normalize("NFKD", text.translate(table))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _transliterated(text: str) -> str:
    pairs = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
    return text.translate(str.maketrans(pairs))  # type: ignore[arg-type]


def name_forms(person: Person) -> list[str]:
    """The ways the person's name is written: full, given and family, nickname, with a
    form of address, each also without umlauts (Müller, Mueller, Muller)."""
    family = " ".join(part for part in (person.name_particle, person.family_name) if part)
    phrases = {
        person.full_name,
        person.short_name,
        " ".join(part for part in (person.given_name, person.family_name) if part),
        person.nickname,
    }
    if person.nickname and family:
        phrases.add(f"{person.nickname} {family}")
    if family:
        phrases.update(f"{word} {family}" for word in _ADDRESS_WORDS)
        if person.academic_title:
            phrases.add(f"{person.academic_title} {family}")
    forms: set[str] = set()
    for phrase in phrases:
        phrase = " ".join(phrase.split())
        if len(phrase) < 2:
            continue
        forms.update({phrase, _transliterated(phrase), _without_marks(phrase)})
    return sorted(forms, key=lambda form: (-len(form), form))


def name_pattern(person: Person) -> re.Pattern[str] | None:
    """Any of :func:`name_forms` as whole words, in any case, spaces flexible."""
    forms = name_forms(person)
    if not forms:
        return None
    alternatives = [r"\s+".join(re.escape(word) for word in form.split()) for form in forms]
    # A double-barrelled name (Müller-Lüdenscheidt) is another name: a hyphen joined to
    # a word does not end one.
    return re.compile(
        r"(?<!\w)(?<!\w-)(?:" + "|".join(alternatives) + r")(?!\w)(?!-\w)", re.IGNORECASE
    )


def _name_words(person: Person) -> set[str]:
    words = {w for w in (person.given_name, person.family_name, person.nickname) if len(w) >= 2}
    found: set[str] = set()
    for word in words:
        for form in {word, _transliterated(word), _without_marks(word)}:
            found.update({form, form.lower(), form.upper(), form.capitalize()})
    return found


def _text_fields() -> list[tuple[type[models.Model], list[str]]]:
    found = []
    for model in exported_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, models.TextField)]
        if names:
            found.append((model, names))
    return found


def _texts_naming(
    actor: Member, person: Person, pattern: re.Pattern[str], skip: dict[Any, set[int]]
) -> list[tuple[type[models.Model], int, str, str, int]]:
    """(model, id, field, new text, replacements) for each text that names the person."""
    words = _name_words(person)
    found = []
    for model, names in _text_fields():
        for name in names:
            condition = Q()
            for word in words:
                condition |= Q(**{f"{name}__contains": word})
            if not words:
                continue
            rows = (
                model._default_manager.filter(network_id=actor.network_id)
                .filter(condition)
                .values_list("pk", name)
            )
            for pk, text in rows.iterator(chunk_size=2000):
                if pk in skip.get(model, set()) or not text:
                    continue
                new, count = pattern.subn(REMOVED, text)
                if count:
                    found.append((model, pk, name, new, count))
    return found


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
    pattern = name_pattern(target)
    texts = _texts_naming(actor, target, pattern, skip) if pattern is not None else []
    by_field: dict[str, int] = defaultdict(int)
    for model, _pk, name, _new, count in texts:
        by_field[f"{model._meta.label_lower}.{name}"] += count
    plan = {
        "person": {"id": target.pk, "name": target.full_name or target.nickname},
        "deleted": _deleted_counts(collector),
        "cleared": _cleared_counts(collector),
        "conversations_only_with_them": sum(len(ids) for ids in solo.values()),
        "names_replaced": dict(by_field),
        "texts_changed": len(texts),
        "replacement": REMOVED,
        "name_forms": name_forms(target),
        "backups_keeping_them": _backups(),
    }
    return plan, (solo, collector, texts)


def forget_plan(actor: Member, person: Any) -> dict[str, Any]:
    """What forgetting the person will change: rows deleted (counts per kind), keys
    cleared, the texts in which their name becomes "[removed]", backups that keep them."""
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
            plan, (solo, _collector, texts) = _plan(actor, target)
            changed: dict[Any, set[int]] = defaultdict(set)
            for model, pk, name, new, _count in texts:
                model._default_manager.filter(pk=pk).update(**{name: new})
                changed[model].add(pk)
            for model, ids in solo.items():
                model._default_manager.filter(pk__in=ids).delete()
            # What a mailbox import counted about their addresses (names seen with them).
            from knoten.mailbox.suggestions import forget_addresses

            forget_addresses(
                actor, target.contact_points.filter(kind="email").values_list("value", flat=True)
            )
            target.delete()
            # Texts were rewritten in bulk, without the signals of a save.
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
