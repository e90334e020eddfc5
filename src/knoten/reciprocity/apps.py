from django.apps import AppConfig


class ReciprocityConfig(AppConfig):
    name = "knoten.reciprocity"
    label = "reciprocity"
    verbose_name = "Give and take"
