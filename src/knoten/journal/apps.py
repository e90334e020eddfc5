from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "knoten.journal"
    label = "journal"

    def ready(self) -> None:
        # What a saved or deleted row of each model tells (knoten.core.changes).
        from knoten.core import changes
        from knoten.journal.models import (
            Attendance,
            Interaction,
            Participation,
            Project,
            ProjectRole,
        )

        changes.track(Interaction, "interaction")
        changes.track(Project, "project")
        changes.track(ProjectRole, "person", "person_id")
        # "contact": a person's contacts changed (a conversation's own notice names the
        # conversation; these tell whom a removed participation or an attendance was of).
        changes.track(Participation, "contact", "person_id")
        changes.track(Attendance, "contact", "person_id")
