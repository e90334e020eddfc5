from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "knoten.imports"
    label = "imports"
    verbose_name = "Imports"

    def ready(self) -> None:
        from knoten.imports.jobs import KIND, RESULT_TEMPLATE, run_import
        from knoten.jobs import registry

        registry.register(KIND, run_import, RESULT_TEMPLATE)
