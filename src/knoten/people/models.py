"""The network directory and the info base on each person.

Only a person's name is required; every other fact is optional and can follow later.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q

from knoten.core.folding import fold, sort_key
from knoten.core.models import NetworkScoped
from knoten.core.partial_dates import PartialDate, PartialDateField
from knoten.core.words import choices
from knoten.people import vocabulary as v


class Organisation(NetworkScoped):
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=30, choices=choices(v.ORGANISATION_KINDS), default="company")
    industry = models.CharField(max_length=200, blank=True)
    website = models.CharField(max_length=500, blank=True)
    notes = models.TextField(blank=True)
    folded_name = models.CharField(max_length=300, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["network", "folded_name"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Circle(NetworkScoped):
    """A group of the user's network (family, colleagues, …); seeded ones carry a code."""

    code = models.CharField(max_length=40, blank=True)
    name = models.CharField(max_length=100)
    folded_name = models.CharField(max_length=100, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "folded_name"], name="circle_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Tag(NetworkScoped):
    name = models.CharField(max_length=100)
    folded_name = models.CharField(max_length=100, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "folded_name"], name="tag_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Skill(NetworkScoped):
    """A topic or skill a person knows about: the know-how behind know-who."""

    name = models.CharField(max_length=200)
    folded_name = models.CharField(max_length=200, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "folded_name"], name="skill_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


def joined_name(academic_title: str, given_name: str, name_particle: str, family_name: str) -> str:
    """A person's full name from its parts ("Dr. Anna von Adler"), as :attr:`Person.full_name`
    tells it; for readers of plain values."""
    parts = (academic_title, given_name, name_particle, family_name)
    return " ".join(part for part in parts if part)


class Person(NetworkScoped):
    class Address(models.TextChoices):
        UNKNOWN = "", "unknown"
        DU = "du", "du"
        SIE = "sie", "Sie"

    class Gender(models.TextChoices):
        # Only for the salutation of a draft ("Sehr geehrte Frau", "Lieber Herr"); unknown
        # is read from the salutation or the given name, "diverse" always gets the neutral form.
        UNKNOWN = "", "unknown"
        FEMALE = "female", "female"
        MALE = "male", "male"
        DIVERSE = "diverse", "diverse"

    class Language(models.TextChoices):
        # The language to write to them in; none: the network's (KNOTEN_LANGUAGE).
        UNKNOWN = "", "unknown"
        GERMAN = "de", "Deutsch"
        ENGLISH = "en", "English"

    class Tier(models.IntegerChoices):
        INNER = 1, "inner circle"
        IMPORTANT = 2, "important"
        REGULAR = 3, "regular"
        PERIPHERAL = 4, "peripheral"

    given_name = models.CharField(max_length=150, blank=True)
    family_name = models.CharField(max_length=150, blank=True)
    name_particle = models.CharField(max_length=50, blank=True)
    academic_title = models.CharField(max_length=50, blank=True)
    nickname = models.CharField(max_length=100, blank=True)
    form_of_address = models.CharField(
        max_length=3, choices=Address.choices, blank=True, default=Address.UNKNOWN
    )
    salutation = models.CharField(max_length=200, blank=True)
    gender = models.CharField(max_length=7, choices=Gender.choices, blank=True, default="")
    language = models.CharField(max_length=2, choices=Language.choices, blank=True, default="")
    notes = models.TextField(blank=True)
    importance = models.PositiveSmallIntegerField(choices=Tier.choices, default=Tier.REGULAR)
    archived = models.BooleanField(default=False)
    # Never asked to introduce anyone: introduction paths do not run through them.
    do_not_ask = models.BooleanField(default=False)

    # How we met.
    met_on = PartialDateField(null=True, blank=True)
    met_at_event = models.ForeignKey(
        "journal.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    met_at_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    introduced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="introduced"
    )
    how_we_met = models.TextField(blank=True)

    circles = models.ManyToManyField(Circle, blank=True, related_name="people")
    tags = models.ManyToManyField(Tag, blank=True, related_name="people")
    skills = models.ManyToManyField(Skill, blank=True, related_name="people")

    # Derived from the name parts on save: the German sort order and the folded form
    # that name look-ups compare against.
    sort_name = models.CharField(max_length=400, editable=False, default="")
    folded_name = models.CharField(max_length=400, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["network", "archived", "sort_name"], name="person_sorted"),
            # A name typed in full is found through this index without a scan.
            models.Index(fields=["network", "folded_name"], name="person_folded_name"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return joined_name(
            self.academic_title, self.given_name, self.name_particle, self.family_name
        )

    @property
    def short_name(self) -> str:
        parts = [self.given_name, self.name_particle, self.family_name]
        return " ".join(part for part in parts if part) or self.nickname

    def save(self, *args: object, **kwargs: object) -> None:
        self.refresh_derived_names()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def refresh_derived_names(self) -> None:
        # DIN 5007: sorted by family name, the particle ignored ("von der Leyen" under L).
        self.sort_name = sort_key(f"{self.family_name} {self.given_name} {self.name_particle}")
        self.folded_name = fold(
            " ".join(
                part
                for part in (self.given_name, self.nickname, self.name_particle, self.family_name)
                if part
            )
        )


# What a contact point says, in the order bulk readers and writers list its columns.
CONTACT_POINT_FIELDS = (
    "kind",
    "label",
    "value",
    "preferred",
    "street",
    "postal_code",
    "locality",
    "region",
    "country",
)


class ContactPoint(NetworkScoped):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_points")
    kind = models.CharField(max_length=20, choices=choices(v.CONTACT_KINDS))
    label = models.CharField(max_length=50, blank=True)  # work, home, mobile, Signal, …
    value = models.CharField(max_length=500)  # normalised: E.164, lower-case email, …
    preferred = models.BooleanField(default=False)
    # The structured parts of a postal address (kind "address").
    street = models.CharField(max_length=200, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    locality = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(preferred=True),
                name="one_preferred_contact_per_kind",
            )
        ]
        indexes = [models.Index(fields=["network", "kind", "value"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class Affiliation(NetworkScoped):
    """A job, a function, an education or a membership, with partial start and end."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="affiliations"
    )
    kind = models.CharField(max_length=20, choices=choices(v.AFFILIATION_KINDS))
    title = models.CharField(max_length=200, blank=True)
    start = PartialDateField(null=True, blank=True)
    end = PartialDateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "kind"]),
            # New positions of a window (upkeep.occasions).
            models.Index(fields=["network", "start"], name="affiliation_start"),
        ]

    def __str__(self) -> str:
        return f"{self.title or self.kind} at {self.organisation}"

    @property
    def is_current(self) -> bool:
        return self.end is None


class Relationship(NetworkScoped):
    """A typed edge of the who-knows-whom graph: ``from_person`` is ``kind`` of ``to_person``.

    For an asymmetric kind, the boss is ``from_person``; a symmetric kind is stored once.
    """

    # Indexed by the two covering indexes below, which the graph's readers (the drawing,
    # who knows, the paths' patches) read a person's ties from without the table.
    from_person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relationships_out", db_index=False
    )
    to_person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relationships_in", db_index=False
    )
    kind = models.CharField(max_length=30, choices=v.RELATIONSHIP_CHOICES)
    trust = models.PositiveSmallIntegerField(null=True, blank=True)
    since = PartialDateField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["from_person", "to_person", "trust", "network"], name="relationship_from"
            ),
            models.Index(
                fields=["to_person", "from_person", "trust", "network"], name="relationship_to"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["from_person", "to_person", "kind"], name="relationship_once"
            ),
            models.CheckConstraint(
                condition=~Q(from_person=models.F("to_person")), name="relationship_not_self"
            ),
            models.CheckConstraint(
                condition=Q(trust__isnull=True) | Q(trust__gte=1, trust__lte=5),
                name="trust_one_to_five",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_person} {self.kind} {self.to_person}"


class MonthDayField(models.PositiveSmallIntegerField):
    """The day of the year of the model's ``date`` (a partial date) as month × 100 + day
    (14 March: 314), or null when the month or the day is unknown: what a yearly occasion
    is found by, through an index, instead of reading every date of the network.

    Written from ``date`` on every save and bulk create (``pre_save``); an ``update()``
    or ``bulk_update()`` of ``date`` must name it too (:func:`month_day_of`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("null", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance: models.Model, add: bool) -> int | None:
        value = month_day_of(getattr(model_instance, "date", None))
        setattr(model_instance, self.attname, value)
        return value


def month_day_of(value: object) -> int | None:
    """Month × 100 + day of a partial date (or its ISO text), or ``None``."""
    if isinstance(value, dt.date):
        return value.month * 100 + value.day
    if isinstance(value, str):
        try:
            value = PartialDate.parse_iso(value)
        except ValueError:
            return None
    if not isinstance(value, PartialDate) or value.month is None or value.day is None:
        return None
    return value.month * 100 + value.day


class ImportantDate(NetworkScoped):
    """A birthday, an anniversary or a life event (new job, wedding, bereavement …)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="dates")
    kind = models.CharField(max_length=20, choices=choices(v.DATE_KINDS))
    date = PartialDateField()
    month_day = MonthDayField()
    label = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(kind="birthday"), name="one_birthday"
            )
        ]
        indexes = [
            # Yearly occasions of a window (upkeep.occasions) and dated life events.
            models.Index(fields=["network", "month_day"], name="importantdate_month_day"),
            models.Index(fields=["network", "date"], name="importantdate_date"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.date}"


class ImportedProperty(NetworkScoped):
    """Something a file said about a person that has no place of its own in the info
    base (a vCard's ``X-`` property, a CSV column nobody maps): kept, never dropped.

    Written by ``knoten.imports``, shown on the person's page and written back into the
    exported cards. Its table keeps the name it had when the model lived in ``imports``.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="imported_properties")
    source = models.CharField(max_length=200)  # the file's name
    name = models.CharField(max_length=200)
    value = models.TextField()

    class Meta:
        db_table = "imports_importedproperty"
        verbose_name_plural = "imported properties"
        indexes = [models.Index(fields=["person", "name"], name="imports_imp_person__67aa6e_idx")]

    def __str__(self) -> str:
        return f"{self.name}: {self.value[:40]}"


class PersonPhoto(NetworkScoped):
    """A person's picture (a small JPEG, PNG, GIF or WebP), kept in the database so that
    backups and exports stay whole; checked and written by ``knoten.people.photos``."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="photo")
    content_type = models.CharField(max_length=20)  # image/jpeg, image/png, …
    data = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "photo"  # what a merge and a forget plan count it as

    def __str__(self) -> str:
        return f"{self.content_type}, {len(self.data)} bytes"
