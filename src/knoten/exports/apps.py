from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "knoten.exports"
    label = "exports"
    verbose_name = "Export, backup and erasure"
