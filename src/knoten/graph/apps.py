from django.apps import AppConfig


class GraphConfig(AppConfig):
    """The who-knows-whom graph of a network: its links, introduction paths, multipliers,
    the comfort zone and the network drawn."""

    name = "knoten.graph"
    label = "graph"
