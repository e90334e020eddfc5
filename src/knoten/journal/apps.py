from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "knoten.journal"
    label = "journal"
