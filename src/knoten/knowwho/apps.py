from django.apps import AppConfig


class KnowwhoConfig(AppConfig):
    name = "knoten.knowwho"
    label = "knowwho"
