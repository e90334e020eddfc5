from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "knoten.api"
    label = "api"
