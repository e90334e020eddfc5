"""``knoten draft PERSON``, ``knoten draft templates`` and ``knoten draft template set|reset``.

One command reads its words: ``templates`` and ``template set|reset OCCASION`` are the
template commands, anything else names the person to draft for.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.output import (
    JsonOption,
    announce,
    domain_errors,
    emit_json,
    note,
    out,
    print_listing,
)
from knoten.core.errors import InvalidInput


def draft(
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="PERSON | templates | template set|reset OCCASION",
            help="The person (name or id); or 'templates'; or 'template set OCCASION' / "
            "'template reset OCCASION'.",
        ),
    ],
    occasion: Annotated[
        str | None,
        typer.Option(
            "--occasion", help="birthday, thanks, congratulations, condolence, promise, …"
        ),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="de or en.")] = None,
    key: Annotated[str | None, typer.Option("--key", help="The occasion's key.")] = None,
    address: Annotated[str | None, typer.Option("--address", help="du or sie.")] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="A template's subject.")] = None,
    body: Annotated[str | None, typer.Option("--body", help="A template's text.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Read the template's text from this file.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """A draft with the fitting words for a person; or the editable templates.

    Example: knoten draft "Anna Adler" --occasion thanks --lang de
    Example: knoten draft templates --json
    Example: knoten draft template set birthday --lang de --address du --subject "Alles Gute"
    --body "{salutation} …"
    Example: knoten draft template reset birthday --lang de --address du
    """
    from knoten.upkeep import drafts

    actor = acting_member()
    with domain_errors():
        if words == ["templates"]:
            rows = drafts.list_templates(actor)
            print_listing(rows, json_output=json_output, empty="No templates.", table=_table)
            return
        if words and words[0] == "template":
            _template(actor, words[1:], lang, address, subject, body, file, json_output)
            return
        if len(words) != 1:
            raise InvalidInput("draft", " ".join(words), "needs one person (quote the name)")
        found = drafts.draft(
            actor, words[0], occasion=occasion, language=lang, key=key, address=address
        )
    data = found.as_dict()
    if json_output:
        emit_json(data)
        return
    out.print(Text(f"To: {found.name}" + (f" <{found.email}>" if found.email else "")))
    out.print(Text(f"Subject: {found.subject}", style="bold"))
    out.print(Text(""))
    out.print(Text(found.body))
    if not found.gender_known and found.language == "de":
        note("Gender unknown: neutral salutation. Set it: knoten person edit … or the draft page.")


def _template(
    actor: Any,
    rest: list[str],
    lang: str | None,
    address: str | None,
    subject: str | None,
    body: str | None,
    file: Path | None,
    json_output: bool,
) -> None:
    from knoten.upkeep import drafts

    if len(rest) != 2 or rest[0] not in ("set", "reset"):
        raise InvalidInput("template", " ".join(rest), "needs 'set OCCASION' or 'reset OCCASION'")
    action, occasion = rest
    if lang is None:
        raise InvalidInput("lang", "", "is missing; give --lang de or --lang en")
    if action == "reset":
        had = drafts.reset_template(actor, occasion=occasion, language=lang, address=address)
        note("Back to the shipped words." if had else "There were no own words.")
        return
    if file is not None:
        try:
            body = file.read_text(encoding="utf-8")
        except OSError as error:
            raise InvalidInput("file", str(file), f"cannot be read ({error})") from None
    if body is None:
        raise InvalidInput("body", "", "is missing; give --body or --file")
    row = drafts.set_template(
        actor, occasion=occasion, language=lang, address=address, subject=subject or "", body=body
    )
    announce(f"Own words for {row['occasion']} ({row['language']}).", row, json_output=json_output)


def _table(rows: Sequence[dict[str, Any]]) -> Table:
    table = Table("occasion", "lang", "address", "subject", "own", show_edge=False, pad_edge=False)
    for row in rows:
        table.add_row(
            row["occasion"],
            row["language"],
            row["address"] or "-",
            Text(row["subject"]),
            "yes" if row["own"] else "",
        )
    return table


def register(app: typer.Typer) -> None:
    app.command("draft")(draft)
