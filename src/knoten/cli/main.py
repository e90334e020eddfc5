"""The ``knoten`` command line: a thin shell over the domain functions.

Each app contributes its commands (``knoten.<app>.cli``); this module only mounts them
and sets Django up before the first command runs.
"""

from __future__ import annotations

import os
import sys

import typer

app = typer.Typer(
    name="knoten",
    help="Knoten: a relationship manager for business networking.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knoten.settings")
    import django
    from django.conf import settings

    if not settings.configured or not django.apps.apps.ready:
        django.setup()


def migrate_quietly() -> None:
    """Bring the database schema up to date before a command touches it."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        call_command("migrate", interactive=False, verbosity=0)


def _mount() -> None:
    from knoten.api import cli as api_cli
    from knoten.core import cli as core_cli
    from knoten.dedupe import cli as dedupe_cli
    from knoten.demo import cli as demo_cli
    from knoten.expertise import cli as expertise_cli
    from knoten.exports import cli as exports_cli
    from knoten.graph import cli as graph_cli
    from knoten.graph import cli_analysis as graph_analysis_cli
    from knoten.imports import cli as imports_cli
    from knoten.jobs import cli as jobs_cli
    from knoten.journal import cli as journal_cli
    from knoten.mailbox import cli as mailbox_cli
    from knoten.people import cli as people_cli
    from knoten.reciprocity import cli as reciprocity_cli
    from knoten.search import cli as search_cli
    from knoten.upkeep import cli as upkeep_cli

    for module in (
        core_cli,
        people_cli,
        journal_cli,
        reciprocity_cli,
        search_cli,
        expertise_cli,
        upkeep_cli,
        graph_cli,
        graph_analysis_cli,
        imports_cli,
        mailbox_cli,
        dedupe_cli,
        exports_cli,
        demo_cli,
        jobs_cli,
        api_cli,
    ):
        module.register(app)


@app.callback()
def _before_every_command() -> None:
    migrate_quietly()


_mounted = False


def main() -> None:
    global _mounted
    setup_django()
    if not _mounted:
        _mount()
        _mounted = True
    from django.db import OperationalError

    from knoten.cli.output import fail_busy
    from knoten.core.busy import is_busy

    try:
        app(prog_name="knoten")
    except OperationalError as error:
        # Any command (or the migration before it) that met a lock it could not get.
        if not is_busy(error):
            raise
        try:
            fail_busy()
        except typer.Exit as done:
            sys.exit(done.exit_code)


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
