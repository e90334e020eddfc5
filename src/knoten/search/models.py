"""The search index: one entry per searchable thing of a network.

An entry holds the words of a person, an organisation or the minutes of a conversation,
already folded with :func:`knoten.core.folding.fold` in Python, so that SQLite and
PostgreSQL index exactly the same words (Müller, Mueller and Muller are all ``muller``).
The words are grouped into four weighted columns: ``name`` (weighted highest), ``work``
(organisations, job titles, functions, projects), ``topics`` (skills, tags, circles) and
``notes`` (notes, how we met; the summary of a conversation).

The full-text index over these columns is not a Django field: on SQLite it is the FTS5
table ``search_fts``, kept in step by triggers; on PostgreSQL it is the generated
``document`` tsvector column with a GIN index (both made by migration 0002).
"""

from __future__ import annotations

from django.db import models

from knoten.core.models import Member, NetworkScoped


class SearchEntry(NetworkScoped):
    class Kind(models.TextChoices):
        PERSON = "person", "person"
        ORGANISATION = "organisation", "organisation"
        INTERACTION = "interaction", "interaction"

    class Tier(models.IntegerChoices):
        """Results come tier by tier; the score ranks within a tier."""

        ACTIVE = 0, "persons and organisations"
        ARCHIVED = 1, "archived persons"
        MINUTES = 2, "minutes of conversations"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    tier = models.PositiveSmallIntegerField(choices=Tier.choices)
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique constraint's index serves
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    interaction = models.ForeignKey(
        "journal.Interaction",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    # A private interaction is found only by its author; when the author leaves the
    # network, nobody finds it any more (as nobody sees it in the journal).
    private = models.BooleanField(default=False)
    private_to = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # only ever read through an entry
    )
    # What a hit shows: the display title, and for persons and organisations each
    # searchable field as [field, original text, folded text] (what matched is worked
    # out from these for the returned page only; minutes come from the interaction).
    title = models.CharField(max_length=400, blank=True)
    fields = models.JSONField(default=list, blank=True)
    # The folded words, one space between them; what the full-text index holds.
    name = models.TextField(blank=True)
    work = models.TextField(blank=True)
    topics = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        # Partial: an entry is indexed under the one key it has, not under two NULLs
        # (a network's minutes are most of its entries; each index less speeds a rebuild).
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(person__isnull=False),
                name="search_entry_person_once",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(organisation__isnull=False),
                name="search_entry_org_once",
            ),
            models.UniqueConstraint(
                fields=["interaction"],
                condition=models.Q(interaction__isnull=False),
                name="search_entry_minutes_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.person_id or self.organisation_id or self.interaction_id}"
