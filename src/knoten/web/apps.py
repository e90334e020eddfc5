from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "knoten.web"
    label = "web"
