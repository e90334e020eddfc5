"""The arguments and options the give-and-take commands share, and their help texts."""

from __future__ import annotations

from typing import Annotated

import typer

IdArg = Annotated[str, typer.Argument(metavar="ID", help="The id (as listed).")]
OnOpt = Annotated[
    str | None,
    typer.Option("--on", metavar="DATE", help="When: 2024-03-14, 14.03.2024, gestern (today)."),
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", metavar="DATE", help="Only from this day on.")
]
OutcomeText = (
    "open, contact made, meeting held, won (order won), nothing (nothing came of it); "
    "or German: offen, Kontakt hergestellt, Auftrag gewonnen, ohne Ergebnis."
)
OutcomeArg = Annotated[str, typer.Argument(metavar="OUTCOME", help=OutcomeText)]
WonValueOpt = Annotated[
    str | None,
    typer.Option("--won-value", metavar="AMOUNT", help="With --outcome won: the order's value."),
]
OrderValueOpt = Annotated[
    str | None,
    typer.Option("--value", metavar="AMOUNT", help='With won: the order\'s value, "12000 EUR".'),
]
KindText = (
    "recommendation, introduction, lead (order or lead), job lead, know-how, tip, help, "
    "reference, gift, feedback (or German: Empfehlung, Tipp, Hilfe …)."
)

OutcomeOpt = Annotated[str | None, typer.Option("--outcome", metavar="OUTCOME", help=OutcomeText)]
# A new favour's or recommendation's outcome: left out, the domain's default.
NewOutcomeOpt = Annotated[
    str | None,
    typer.Option("--outcome", metavar="OUTCOME", help=f"{OutcomeText} Default: open."),
]
ConversationOpt = Annotated[
    str | None,
    typer.Option("--conversation", metavar="ID", help="The conversation it came up in."),
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="Only up to this day.")
]
