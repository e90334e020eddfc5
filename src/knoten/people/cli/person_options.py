"""The options ``knoten person add`` and ``person edit`` share, and the fields they make;
the person argument and the notes option the people commands share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from knoten.cli.grouping import GroupOption, option_group

if TYPE_CHECKING:
    from knoten.people.persons import PersonFields

PersonArg = Annotated[
    str, typer.Argument(metavar="PERSON", help="Name, part of the name, id or 'me'.")
]
FreeNotesOpt = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="Free notes.")]
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
MetOrgOpt = Annotated[
    str | None,
    typer.Option(
        "--met-org",
        metavar="ORG",
        help="The organisation where you met (name or id; a new name creates it).",
    ),
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
DoNotAskOpt = Annotated[
    bool | None,
    typer.Option(
        "--do-not-ask/--ask",
        help="Never (or again) ask them to introduce you: introduction paths avoid them.",
    ),
]
SalutationOpt = Annotated[
    str | None,
    typer.Option(
        "--salutation",
        metavar="TEXT",
        help="Salutation for letters, e.g. 'Sehr geehrte Frau Dr. Schmidt'.",
    ),
]
GenderOpt = Annotated[
    str | None,
    typer.Option(
        "--gender", metavar="WORD", help="For drafts' salutations: female, male, diverse, neutral."
    ),
]
LanguageOpt = Annotated[
    str | None, typer.Option("--language", metavar="LANG", help="Write to them in: de or en.")
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

# Each option's parameter name, annotation and default, in the order help lists them.
PERSON_OPTIONS: tuple[GroupOption, ...] = (
    ("org", OrgOpt, None),
    ("title", TitleOpt, None),
    ("function", FunctionOpt, None),
    ("email", EmailOpt, None),
    ("phone", PhoneOpt, None),
    ("website", WebsiteOpt, None),
    ("address", AddressOpt, None),
    ("circle", CircleOpt, None),
    ("tag", TagOpt, None),
    ("skill", SkillOpt, None),
    ("birthday", BirthdayOpt, None),
    ("met_on", MetOnOpt, None),
    ("met_at", MetAtOpt, None),
    ("met_org", MetOrgOpt, None),
    ("met_via", MetViaOpt, None),
    ("how_met", HowMetOpt, None),
    ("du", AddressFormOpt, None),
    ("salutation", SalutationOpt, None),
    ("gender", GenderOpt, None),
    ("language", LanguageOpt, None),
    ("importance", ImportanceOpt, None),
    ("note_text", NoteOpt, None),
    ("do_not_ask", DoNotAskOpt, None),
)


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
    met_org: str | None,
    met_via: str | None,
    how_met: str | None,
    du: bool | None,
    salutation: str | None,
    gender: str | None,
    language: str | None,
    importance: str | None,
    note_text: str | None,
    do_not_ask: bool | None = None,
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
        met_org=met_org,
        met_via=met_via,
        how_met=how_met,
        form_of_address=None if du is None else ("du" if du else "sie"),
        salutation=salutation,
        gender=gender,
        language=language,
        importance=importance,
        note=note_text,
        do_not_ask=do_not_ask,
    )


# A person command's person options, handed to it as ``fields`` (:class:`PersonFields`).
with_person_options = option_group(PERSON_OPTIONS, person_fields, into="fields")
