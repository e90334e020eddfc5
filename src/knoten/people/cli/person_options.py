"""The options ``knoten person add`` and ``person edit`` share, and the fields they make."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from knoten.people.persons import PersonFields

OrgOpt = Annotated[
    str | None,
    typer.Option(
        "--org", metavar="ORG", help="Organisation where the person works (with --title: the job)."
    ),
]
TitleOpt = Annotated[
    str | None, typer.Option("--title", metavar="TITLE", help="Job title (position) at --org.")
]
FunctionOpt = Annotated[
    str | None,
    typer.Option(
        "--function",
        metavar="FUNCTION",
        help="A function at --org, e.g. 'Vorstand' in an association.",
    ),
]
EmailOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--email",
        metavar="EMAIL",
        help="Email address; repeatable; 'work:anna@firma.de' sets a label.",
    ),
]
PhoneOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--phone", metavar="PHONE", help="Phone number; repeatable; 'mobile:+49 170 1234567'."
    ),
]
WebsiteOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--website", metavar="URL", help="Web address; LinkedIn and XING profiles are recognised."
    ),
]
AddressOpt = Annotated[
    str | None,
    typer.Option(
        "--address",
        metavar="ADDRESS",
        help="Postal address, e.g. 'home: Hauptstr. 5, 10115 Berlin'.",
    ),
]
CircleOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--circle", metavar="CIRCLE", help="Circle (English or German name); new ones are created."
    ),
]
TagOpt = Annotated[list[str] | None, typer.Option("--tag", metavar="TAG", help="Tag; repeatable.")]
SkillOpt = Annotated[
    list[str] | None,
    typer.Option("--skill", metavar="SKILL", help="Topic the person knows about; repeatable."),
]
BirthdayOpt = Annotated[
    str | None,
    typer.Option("--birthday", metavar="DATE", help="Birthday: 14.03.1980, 1980-03-14 or 14.03."),
]
MetOnOpt = Annotated[
    str | None,
    typer.Option("--met-on", metavar="DATE", help="When you met: a date, 2019-05 or 2019."),
]
MetAtOpt = Annotated[
    str | None,
    typer.Option("--met-at", metavar="EVENT", help="The event where you met (name or id)."),
]
MetViaOpt = Annotated[
    str | None, typer.Option("--met-via", metavar="PERSON", help="The person who introduced you.")
]
HowMetOpt = Annotated[
    str | None, typer.Option("--how-met", metavar="TEXT", help="How you met, in words.")
]
AddressFormOpt = Annotated[
    bool | None, typer.Option("--du/--sie", help="Form of address: du (informal) or Sie.")
]
SalutationOpt = Annotated[
    str | None,
    typer.Option(
        "--salutation",
        metavar="TEXT",
        help="Salutation for letters, e.g. 'Sehr geehrte Frau Dr. Schmidt'.",
    ),
]
ImportanceOpt = Annotated[
    str | None,
    typer.Option(
        "--importance", metavar="TIER", help="1–4 or inner, important, regular, peripheral."
    ),
]
NoteOpt = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help="Free notes on the person.")
]

# Each option's parameter name and annotation, in the order help lists them.
PERSON_OPTIONS: tuple[tuple[str, Any], ...] = (
    ("org", OrgOpt),
    ("title", TitleOpt),
    ("function", FunctionOpt),
    ("email", EmailOpt),
    ("phone", PhoneOpt),
    ("website", WebsiteOpt),
    ("address", AddressOpt),
    ("circle", CircleOpt),
    ("tag", TagOpt),
    ("skill", SkillOpt),
    ("birthday", BirthdayOpt),
    ("met_on", MetOnOpt),
    ("met_at", MetAtOpt),
    ("met_via", MetViaOpt),
    ("how_met", HowMetOpt),
    ("du", AddressFormOpt),
    ("salutation", SalutationOpt),
    ("importance", ImportanceOpt),
    ("note_text", NoteOpt),
)


def with_person_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the person options, just before its ``json_output``, and hand it
    what they say as one ``fields`` argument (:class:`PersonFields`)."""
    own = [
        parameter
        for parameter in inspect.signature(command, eval_str=True).parameters.values()
        if parameter.name != "fields"
    ]
    at = next(i for i, parameter in enumerate(own) if parameter.name == "json_output")
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=option)
        for name, option in PERSON_OPTIONS
    ]
    parameters = [
        parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY)
        for parameter in (*own[:at], *added, *own[at:])
    ]

    @functools.wraps(command)
    def with_fields(**given: Any) -> None:
        options = {name: given.pop(name) for name, _ in PERSON_OPTIONS}
        command(**given, fields=person_fields(**options))

    # Typer reads the command's parameters from these.
    with_fields.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    with_fields.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": None}
    return with_fields


def person_fields(
    *,
    org: str | None,
    title: str | None,
    function: str | None,
    email: list[str] | None,
    phone: list[str] | None,
    website: list[str] | None,
    address: str | None,
    circle: list[str] | None,
    tag: list[str] | None,
    skill: list[str] | None,
    birthday: str | None,
    met_on: str | None,
    met_at: str | None,
    met_via: str | None,
    how_met: str | None,
    du: bool | None,
    salutation: str | None,
    importance: str | None,
    note_text: str | None,
) -> PersonFields:
    from knoten.people.persons import PersonFields

    return PersonFields(
        org=org,
        title=title,
        function=function,
        emails=email or None,
        phones=phone or None,
        websites=website or None,
        address=address,
        circles=circle or None,
        tags=tag or None,
        skills=skill or None,
        birthday=birthday,
        met_on=met_on,
        met_at=met_at,
        met_via=met_via,
        how_met=how_met,
        form_of_address=None if du is None else ("du" if du else "sie"),
        salutation=salutation,
        importance=importance,
        note=note_text,
    )
