from django.apps import AppConfig


class UpkeepConfig(AppConfig):
    """Keeping in touch: cadences, standings and the due list, kept by change notices."""

    name = "knoten.upkeep"
    label = "upkeep"

    def ready(self) -> None:
        from knoten.core import changes
        from knoten.upkeep.standings import on_change

        changes.listen(on_change)
