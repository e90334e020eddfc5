"""``knoten note "…"``: one line becomes the right records, after a look at the plan.

The command prints what the line will create, asks the questions it cannot decide (two
Müllers) and to confirm; ``--yes`` saves without asking (scripts answer the questions
with ``--choose KEY=ID``, or ``KEY=new`` to add the person named); ``--json`` prints the
plan (or, with ``--yes``, what was saved) as JSON only.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from rich.text import Text

from knoten.cli.acting import acting_member
from knoten.cli.asking import confirm
from knoten.cli.output import JsonOption, domain_errors, emit_json, err, note, out, show_day
from knoten.core.errors import InvalidInput

# The answer that adds the person named (knoten.upkeep.quick_save.NEW).
NEW = "new"


def _choices(given: list[str] | None) -> dict[str, int | str]:
    chosen: dict[str, int | str] = {}
    for item in given or []:
        key, _, value = item.rpartition("=")
        if key and value.strip().casefold() == NEW:
            chosen[key.strip()] = NEW
            continue
        if not key or not value.strip().isdecimal():
            raise InvalidInput(
                "--choose", item, "is not KEY=ID or KEY=new; write e.g. --choose 'Müller=12'"
            )
        chosen[key.strip()] = int(value)
    return chosen


def _print_plan(plan: dict[str, Any]) -> None:
    out.print(Text(f"A {plan['kind']} on {show_day(plan['on'])}", style="bold"))
    for person in plan["persons"]:
        shown = f"{person['name']} (id {person['id']})" if person["id"] else "?"
        out.print(Text(f"  with {shown}  ← {person['said']!r}"))
    if plan["event"]:
        out.print(Text(f"  at the event {plan['event']['name']} (id {plan['event']['id']})"))
    if plan["place"]:
        out.print(Text(f"  at {plan['place']}"))
    for promise in plan["promises"]:
        who = "I promise" if promise["direction"] == "mine" else "Owed to me"
        due = f", due {show_day(promise['due'])}" if promise["due"] else ""
        out.print(Text(f"  {who}: {promise['text']}{due}"))
    for line in plan["notes"]:
        out.print(Text(f"  Note (in the minutes): {line}"))
    for remark in plan["remarks"]:
        out.print(Text(f"  ! {remark}"))


def _ask(question: dict[str, Any]) -> int | str:
    """The id the user picks for one question (or "new"), asked on the terminal."""
    note(question["message"])
    for number, candidate in enumerate(question["candidates"], 1):
        note(f"  {number}) {candidate['label']}")
    if question["new_person"]:
        note(f"  n) a new person: {question['new_person']}")
    hint = "number" if question["candidates"] else "person id"
    if question["new_person"]:
        hint += " or n"
    answer = typer.prompt(f"{question['key']} ({hint})", err=True).strip()
    if question["new_person"] and answer.casefold() in ("n", NEW):
        return NEW
    if (
        question["candidates"]
        and answer.isdecimal()
        and 1 <= int(answer) <= len(question["candidates"])
    ):
        return int(question["candidates"][int(answer) - 1]["id"])
    if not answer.isdecimal():
        raise InvalidInput(f"choices[{question['key']}]", answer, "is not a number")
    return int(answer)


def note_command(
    text: Annotated[str, typer.Argument(help="One line, German or English.")],
    yes: Annotated[bool, typer.Option("--yes", help="Save without asking.")] = False,
    choose: Annotated[
        list[str] | None,
        typer.Option(
            "--choose",
            metavar="KEY=ID",
            help="Answer a question: 'Müller=12', or 'Zora Zimmer=new' for a new person.",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Log a conversation, its promises and notes from one line, after showing the plan.

    Example: knoten note "Mittagessen mit Jürgen Müller, will ihm bis Freitag ein Angebot schicken"
    Example: knoten note "Call with Anna Adler, she'll send me the contract next week" --yes
    """
    from knoten.upkeep.quick import read_note
    from knoten.upkeep.quick_save import save_note

    actor = acting_member()
    with domain_errors():
        choices = _choices(choose)
        plan = read_note(actor, text).as_dict()
        if json_output and not yes:
            emit_json(plan)
            return
        if not json_output:
            _print_plan(plan)
        for question in plan["questions"]:
            if question["key"] in choices:
                continue
            if yes or not sys.stdin.isatty():
                err.print(f"Question: {question['message']}", markup=False)
                for candidate in question["candidates"]:
                    err.print(f"  {candidate['label']}", markup=False)
                if question["new_person"]:
                    err.print(f"  new: a new person {question['new_person']}", markup=False)
                note("Nothing saved; answer with --choose KEY=ID (or KEY=new for a new person).")
                raise typer.Exit(1)
            choices[question["key"]] = _ask(question)
        confirm("Save this?", yes=yes, field="note", value=text, not_done="was not saved")
        saved = save_note(actor, text, choices=choices)
    data = saved.as_dict()
    conversation = data["conversation"]
    promises = len(conversation["promises"])
    note(f"Saved conversation {conversation['id']} with {promises} promise(s).")
    if json_output:
        emit_json(data)


def register(app: typer.Typer) -> None:
    app.command("note")(note_command)
