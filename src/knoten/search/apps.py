from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The search index: kept current by listening to the domain's change notices."""

    name = "knoten.search"
    label = "search"

    def ready(self) -> None:
        from knoten.core import changes
        from knoten.search.index import on_change

        changes.listen(on_change)
