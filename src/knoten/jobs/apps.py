from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "knoten.jobs"
    label = "jobs"
    verbose_name = "Jobs"
