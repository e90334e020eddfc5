from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "knoten.imports"
    label = "imports"
    verbose_name = "Imports"
