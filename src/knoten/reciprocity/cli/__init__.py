"""``knoten favour|recommendation|cost …``, ``knoten balance``, ``signals`` and ``roi``.

Each command parses its options, calls one function of :mod:`knoten.reciprocity`
(services, balance, signals, roi) and prints: a Rich table or a page for people, or with
``--json`` only JSON on stdout. What was done goes to stderr. One module per noun:
favours, recommendations, balance, signals, roi, costs; this one mounts them.
"""

from __future__ import annotations

import typer

from knoten.reciprocity.cli.balance import balance
from knoten.reciprocity.cli.costs import cost_app
from knoten.reciprocity.cli.favours import favor_app
from knoten.reciprocity.cli.recommendations import intro_app
from knoten.reciprocity.cli.roi import roi
from knoten.reciprocity.cli.signals import signals


def register(app: typer.Typer) -> None:
    app.add_typer(favor_app, name="favour")
    app.add_typer(intro_app, name="recommendation")
    # The old spellings, kept for scripts; hidden from help and the reference.
    app.add_typer(favor_app, name="favor", hidden=True)
    app.add_typer(intro_app, name="intro", hidden=True)
    app.command("balance")(balance)
    app.command("signals")(signals)
    app.command("roi")(roi)
    app.add_typer(cost_app, name="cost")
