"""``knoten person|org|affiliation|date …``, ``knoten relate`` and ``knoten unrelate``.

Each command parses its options, calls one function of the people app (persons, labels,
organisations, affiliations, relationships, important dates) or of a profile, and prints:
JSON with ``--json`` (stdout only), a table or a page for people, and what was
understood (a parsed date, a split name) on stderr. One module per noun: persons
(with their options and page), organisations, affiliations, relationships, dates; this
one mounts them.
"""

from __future__ import annotations

import typer

from knoten.people.cli.affiliations import affiliation_app
from knoten.people.cli.dates import date_app
from knoten.people.cli.organisations import org_app
from knoten.people.cli.persons import person_app
from knoten.people.cli.relationships import relate, unrelate

__all__ = ["person_app", "register"]


def register(app: typer.Typer) -> None:
    app.add_typer(person_app, name="person")
    app.add_typer(org_app, name="org")
    app.add_typer(affiliation_app, name="affiliation")
    app.add_typer(date_app, name="date")
    app.command("relate")(relate)
    app.command("unrelate")(unrelate)
