from django.apps import AppConfig


class ExpertiseConfig(AppConfig):
    """Who knows about a topic: the people ranked by the evidence of the info base."""

    name = "knoten.expertise"
    label = "expertise"
