"""What happens in the network: conversations, promises, events and projects."""

from __future__ import annotations

from django.db import models

from knoten.core.models import Member, NetworkScoped
from knoten.core.partial_dates import PartialDateField
from knoten.core.words import choices
from knoten.journal import vocabulary as v
from knoten.people.models import Organisation, Person


class Event(NetworkScoped):
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=30, choices=choices(v.EVENT_KINDS), default="meetup")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=300, blank=True)
    organiser = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    cost = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="EUR")
    hours_spent = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    notes = models.TextField(blank=True)
    folded_name = models.CharField(max_length=300, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["network", "starts_on"])]

    def __str__(self) -> str:
        return self.name

    def candidate_label(self) -> str:
        """How the event is listed among the candidates of an ambiguous name."""
        day = f" ({self.starts_on.isoformat()})" if self.starts_on else ""
        return f"{self.pk}: {self.name}{day}"

    def save(self, *args: object, **kwargs: object) -> None:
        from knoten.core.folding import fold

        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Attendance(NetworkScoped):
    class Status(models.TextChoices):
        EXPECTED = "expected", "expected"
        MET = "met", "met"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.EXPECTED)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="attendance_once")]


class Interaction(NetworkScoped):
    """The minutes of one conversation: when, how, with whom, what was said and agreed."""

    occurred_on = models.DateField()
    kind = models.CharField(max_length=20, choices=choices(v.INTERACTION_KINDS), default="meeting")
    summary = models.TextField()
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    place = models.CharField(max_length=300, blank=True)
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="interactions"
    )
    author = models.ForeignKey(
        Member, null=True, on_delete=models.SET_NULL, related_name="interactions"
    )
    # A private interaction is seen only by its author, even in a shared network.
    private = models.BooleanField(default=False)
    participants: models.ManyToManyField[Person, Participation] = models.ManyToManyField(
        Person, through="Participation", related_name="interactions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["network", "occurred_on"]),
            # A member's private conversations and their days, read from the index alone
            # (the due list and the standings leave them to their author).
            models.Index(fields=["author", "private", "occurred_on"], name="interaction_private"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on}: {self.summary[:40]}"


class Participation(NetworkScoped):
    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interaction", "person"], name="participation_once")
        ]
        indexes = [models.Index(fields=["person", "interaction"])]


class Promise(NetworkScoped):
    """A follow-up: ``debtor`` owes ``creditor`` ``text``, by ``due``."""

    debtor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="promises_made")
    creditor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="promises_received")
    text = models.TextField()
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="promises"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["network", "done_on", "due_on"])]

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


class Project(NetworkScoped):
    name = models.CharField(max_length=300)
    status = models.CharField(max_length=20, choices=choices(v.PROJECT_STATUSES), default="ongoing")
    starts_on = PartialDateField(null=True, blank=True)
    ends_on = PartialDateField(null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )
    description = models.TextField(blank=True)
    folded_name = models.CharField(max_length=300, editable=False, default="")
    participants: models.ManyToManyField[Person, ProjectRole] = models.ManyToManyField(
        Person, through="ProjectRole", related_name="projects"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name

    def candidate_label(self) -> str:
        """How the project is listed among the candidates of an ambiguous name."""
        return f"{self.pk}: {self.name} ({self.status})"

    def save(self, *args: object, **kwargs: object) -> None:
        from knoten.core.folding import fold

        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ProjectRole(NetworkScoped):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="project_roles")
    role = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "person"], name="project_role_once"),
        ]
