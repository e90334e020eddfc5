from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "knoten.people"
    label = "people"
