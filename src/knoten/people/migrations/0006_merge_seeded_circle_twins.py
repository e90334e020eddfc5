# An import used to make a new circle of every group it did not find by folded name, so
# Google's or Outlook's "Geschäftspartner" or "Freunde" became a circle of its own beside
# the seeded one of business partners or friends, and `--circle Geschäftspartner` (which
# reads the seeded circle's English or German name) found the seeded circle, empty. Per
# network, such a twin (a circle without a code whose name is a seeded circle's English
# or German name) is merged into the seeded circle: its persons move over (none twice),
# what else points at it (a cadence, channel costs) too where the seeded circle has no
# such thing of its own, and the twin is deleted. A network whose seeded circle is gone
# keeps the twin: it is the only circle of that name.
#
# The folding below is knoten.core.folding.fold and knoten.core.words.word_key, and the
# names are knoten.people.vocabulary.SEEDED_CIRCLES, as of this migration: copied, so
# that the migration does what it did even when those change.

import re
import unicodedata

from django.db import migrations

SEEDED_CIRCLES = (
    ("family", "family", "Familie"),
    ("friends", "friends", "Freunde"),
    ("colleagues", "colleagues", "Kollegen"),
    ("former_colleagues", "former colleagues", "ehemalige Kollegen"),
    ("bosses", "bosses", "Vorgesetzte"),
    ("business_partners", "business partners", "Geschäftspartner"),
    ("clients", "clients", "Kunden"),
    ("school_friends", "school friends", "Schulfreunde"),
    ("fellow_students", "fellow students", "Studienkollegen"),
    ("teachers_trainers", "teachers and trainers", "Lehrer und Trainer"),
    ("seminar_acquaintances", "seminar acquaintances", "Bekannte aus Seminaren"),
    ("associations_clubs", "associations and clubs", "Verbände und Vereine"),
    ("online", "online", "Online-Kontakte"),
)

_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
    }
)
_TRANSLITERATION = re.compile(r"(?<=[aou])e")


def word_key(text):
    """Folded (no case, marks, ae/oe/ue as a/o/u), then only letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return "".join(ch for ch in _TRANSLITERATION.sub("", plain) if ch.isalnum())


SEEDED_WORDS = {
    word_key(word): code for code, en, de in SEEDED_CIRCLES for word in (code, en, de)
}


def merge_twins(apps, schema_editor):
    Circle = apps.get_model("people", "Circle")
    Person = apps.get_model("people", "Person")
    memberships = Person._meta.get_field("circles").remote_field.through._base_manager
    # What else points at a circle (upkeep's cadences, reciprocity's channel costs), as
    # far as those apps' tables exist yet.
    others = [
        rel
        for rel in Circle._meta.related_objects
        if not rel.many_to_many and rel.related_model is not memberships.model
    ]
    for twin in Circle._base_manager.filter(code="").order_by("pk"):
        code = SEEDED_WORDS.get(word_key(twin.name))
        if code is None:
            continue
        seeded = (
            Circle._base_manager.filter(network_id=twin.network_id, code=code)
            .order_by("pk")
            .first()
        )
        if seeded is None:
            continue
        members_already = memberships.filter(circle_id=seeded.pk).values("person_id")
        memberships.filter(circle_id=twin.pk).exclude(person_id__in=members_already).update(
            circle_id=seeded.pk
        )
        for rel in others:
            rows = rel.related_model._base_manager
            column = rel.field.name
            if rel.one_to_one and rows.filter(**{column: seeded.pk}).exists():
                continue  # the seeded circle keeps its own; the twin's goes with the twin
            rows.filter(**{column: twin.pk}).update(**{column: seeded.pk})
        twin.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_person_gender_language"),
    ]

    operations = [
        migrations.RunPython(merge_twins, migrations.RunPython.noop),
    ]
