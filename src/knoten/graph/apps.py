from django.apps import AppConfig


class GraphConfig(AppConfig):
    """The who-knows-whom graph of a network: its links, introduction paths, multipliers,
    the comfort zone and the network drawn."""

    name = "knoten.graph"
    label = "graph"

    def ready(self) -> None:
        from knoten.core import changes
        from knoten.graph import adjacency, refreshing

        # The graph in memory follows every change of persons and their ties; a change
        # also marks the stored analysis (multipliers, clusters) stale.
        changes.listen(adjacency.on_change)
        changes.listen(refreshing.on_change)
