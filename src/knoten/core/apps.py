from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "knoten.core"
    label = "core"
    verbose_name = "Knoten core"
