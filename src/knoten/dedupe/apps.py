from django.apps import AppConfig


class DedupeConfig(AppConfig):
    name = "knoten.dedupe"
    label = "dedupe"
    verbose_name = "Duplicates"
