from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "knoten.journal"
    label = "journal"

    def ready(self) -> None:
        # What a saved or deleted row of each model tells (knoten.core.changes).
        from knoten.core import changes
        from knoten.journal.models import Interaction, Project, ProjectRole

        changes.track(Interaction, "interaction")
        changes.track(Project, "project")
        changes.track(ProjectRole, "person", "person_id")
