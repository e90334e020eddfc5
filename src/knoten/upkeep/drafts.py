"""Drafts with the fitting words: per occasion, in the person's language, *du* or *Sie*.

A draft is a template (the network's own, else the shipped one of
:mod:`knoten.upkeep.templates_default`) filled from what Knoten knows: the salutation, the
current position, and the record the occasion is about. That record is named by the
occasion's key ("thanks:favour=12", "promise:promise=7", "acknowledgement:project=3",
"event:event=4", "congratulations:affiliation=9", "congratulations:date=5"), else it is the
person's latest fitting one; only records the member may see are read. A life event other
than a new job says nothing of the person's position. Sending stays the member's act: a draft is
copied, opened through ``mailto:``, or sent through the configured mail server; a sent
draft is logged as an email conversation and handles its occasion.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core import mail
from django.db.models import Q

from knoten.core import changes
from knoten.core.clock import today
from knoten.core.errors import InvalidInput, NotFound
from knoten.core.limits import storable
from knoten.core.models import Member
from knoten.journal.conversations import log_interaction
from knoten.journal.models import Event, Interaction, Project
from knoten.journal.visibility import visible_promises
from knoten.people.lookup import resolve_person
from knoten.people.models import Affiliation, ContactPoint, ImportantDate, Person
from knoten.reciprocity.models import Recommendation
from knoten.reciprocity.services import visible_favours
from knoten.reciprocity.vocabulary import FAVOUR_KINDS
from knoten.upkeep.handled import handle_occasion
from knoten.upkeep.models import DraftTemplate
from knoten.upkeep.salutations import address_of, gender_of, language_of, salutation
from knoten.upkeep.templates_default import PLACEHOLDERS, SHIPPED, shipped
from knoten.upkeep.vocabulary import OCCASION_KINDS, occasion_kind

ADDRESSES = ("du", "sie", "")
SUBJECT_LENGTH = DraftTemplate._meta.get_field("subject").max_length or 300
BODY_LENGTH = 20_000


@dataclass(frozen=True)
class Draft:
    """A draft to one person, ready to copy, open in a mail program or send."""

    person_id: int
    name: str
    occasion: str
    key: str | None
    language: str
    address: str
    salutation: str
    subject: str
    body: str
    email: str | None
    mailto: str | None
    own_template: bool
    gender_known: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "occasion": self.occasion,
            "key": self.key,
            "language": self.language,
            "address": self.address,
            "salutation": self.salutation,
            "subject": self.subject,
            "body": self.body,
            "email": self.email,
            "mailto": self.mailto,
            "own_template": self.own_template,
            "gender_known": self.gender_known,
        }


# ---------------------------------------------------------------------------
# Templates: checking and filling
# ---------------------------------------------------------------------------


def _fields(text: str, field: str) -> list[str]:
    """The placeholders ``text`` names; a bad or unknown one is refused, naming it."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise InvalidInput(
            field, text[:60], f"has a stray brace ({error}); write braces only around a placeholder"
        ) from None
    names: list[str] = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            known = ", ".join("{" + key + "}" for key in PLACEHOLDERS)
            raise InvalidInput(field, "{" + name + "}", f"is not a placeholder; use one of {known}")
        names.append(name)
    return names


def check_template(subject: str, body: str) -> None:
    """Refuse an empty body, a text too long, or an unknown placeholder."""
    if not body.strip():
        raise InvalidInput("body", body, "is empty; write the draft's text")
    if len(subject) > SUBJECT_LENGTH:
        raise InvalidInput("subject", subject[:40], f"is longer than {SUBJECT_LENGTH} characters")
    if "\n" in subject:
        raise InvalidInput("subject", subject[:40], "has a line break; write it on one line")
    if len(body) > BODY_LENGTH:
        raise InvalidInput("body", body[:40], f"is longer than {BODY_LENGTH} characters")
    storable("subject", subject)
    storable("body", body)
    _fields(subject, "subject")
    _fields(body, "body")


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with its placeholders filled; a line naming an unknown value is left out."""
    kept: list[str] = []
    for line in text.split("\n"):
        names = _fields(line, "template")
        if any(not values.get(name) for name in names):
            continue
        kept.append(line.format_map(values))
    return "\n".join(kept).strip("\n")


def _template(actor: Member, occasion: str, language: str, address: str) -> tuple[str, str, bool]:
    own = {
        row.address: row
        for row in DraftTemplate.objects.filter(
            network_id=actor.network_id, occasion=occasion, language=language
        )
    }
    for wanted in (address, ""):
        if wanted in own:
            return own[wanted].subject, own[wanted].body, True
    subject, body = shipped(occasion, language, address)
    return subject, body, False


# ---------------------------------------------------------------------------
# What Knoten knows: the context of a draft
# ---------------------------------------------------------------------------


def _key_records(key: str | None) -> dict[str, int]:
    """The records a key names: "thanks:favour=12" -> {"favour": 12}."""
    found: dict[str, int] = {}
    for part in (key or "").split(":")[1:]:
        name, _sep, value = part.partition("=")
        if value.isdecimal():
            found[name.strip()] = int(value)
    return found


def _kind_of_key(key: str | None) -> str | None:
    head = (key or "").split(":", 1)[0].strip()
    if not head:
        return None
    try:
        return occasion_kind(head)
    except InvalidInput:
        return None


def _favour_words(kind: str, note: str, language: str) -> str:
    if note.strip():
        return note.strip().rstrip(".")
    for word in FAVOUR_KINDS:
        if word.code == kind:
            return word.de if language == "de" else word.en
    return ""


def _job(person: Person, affiliation_id: int | None) -> Affiliation | None:
    jobs = Affiliation.objects.filter(network_id=person.network_id, person=person)
    if affiliation_id is not None:
        return jobs.filter(pk=affiliation_id).select_related("organisation").first()
    current = jobs.filter(end__isnull=True).select_related("organisation")
    return (
        current.filter(kind="job").order_by("-start", "-pk").first()
        or current.order_by("-start", "-pk").first()
    )


def _age(person: Person, day: dt.date) -> str:
    row = ImportantDate.objects.filter(person=person, kind="birthday").first()
    if row is None or row.date is None or row.date.year is None:
        return ""
    born = row.date
    assert born.year is not None
    age = day.year - born.year
    if (
        born.month is not None
        and born.day is not None
        and (born.month, born.day)
        < (
            day.month,
            day.day,
        )
    ):
        age += 1  # this year's birthday is behind: the next one
    return str(age) if age > 0 else ""


def _favour(actor: Member, person: Person, records: dict[str, int], language: str) -> str:
    if "favour" in records:
        favour = visible_favours(actor).filter(pk=records["favour"]).first()
        if favour is None:
            raise NotFound("favour", records["favour"])
        return _favour_words(favour.kind, favour.note, language)
    if "recommendation" in records:
        rec = _recommendations(actor).filter(pk=records["recommendation"]).first()
        if rec is None:
            raise NotFound("recommendation", records["recommendation"])
        return _recommendation_words(rec, language)
    favour = visible_favours(actor).filter(giver=person).order_by("thanked_on", "-given_on").first()
    if favour is not None:
        return _favour_words(favour.kind, favour.note, language)
    rec = _recommendations(actor).filter(recommender=person).order_by("-made_on").first()
    return "" if rec is None else _recommendation_words(rec, language)


def _recommendations(actor: Member) -> Any:
    hidden = Q(interaction__private=True) & ~Q(interaction__author_id=actor.pk)
    return (
        Recommendation.objects.filter(network_id=actor.network_id)
        .exclude(hidden)
        .select_related("beneficiary", "recipient")
    )


def _recommendation_words(rec: Recommendation, language: str) -> str:
    if language == "de":
        return f"die Empfehlung an {rec.recipient.short_name}"
    return f"recommending me to {rec.recipient.short_name}"


def _promise(actor: Member, person: Person, records: dict[str, int]) -> str:
    promises = visible_promises(actor)
    if "promise" in records:
        found = promises.filter(pk=records["promise"]).first()
        if found is None:
            raise NotFound("promise", records["promise"])
        return found.text.strip().rstrip(".")
    found = (
        promises.filter(Q(debtor=person) | Q(creditor=person), done_on__isnull=True)
        .order_by("due_on", "pk")
        .first()
    )
    return "" if found is None else found.text.strip().rstrip(".")


def _project(actor: Member, person: Person, records: dict[str, int]) -> str:
    projects = Project.objects.filter(network_id=actor.network_id)
    if "project" in records:
        found = projects.filter(pk=records["project"]).first()
        if found is None:
            raise NotFound("project", records["project"])
        return found.name
    mine = projects.filter(roles__person=person).order_by("-pk")
    found = mine.filter(status="completed").first() or mine.first()
    return "" if found is None else found.name


def _event(actor: Member, person: Person, records: dict[str, int], day: dt.date) -> str:
    events = Event.objects.filter(network_id=actor.network_id)
    if "event" in records:
        found = events.filter(pk=records["event"]).first()
        if found is None:
            raise NotFound("event", records["event"])
        return found.name
    ahead = (
        events.filter(attendances__person=person, starts_on__gte=day).order_by("starts_on").first()
    )
    return "" if ahead is None else ahead.name


def _values(
    actor: Member, person: Person, occasion: str, key: str | None, language: str, address: str
) -> dict[str, str]:
    records = _key_records(key)
    day = today()
    job = _job(person, records.get("affiliation"))
    if "affiliation" in records and job is None:
        raise NotFound("affiliation", records["affiliation"])
    if "date" in records:
        life_event = (
            ImportantDate.objects.filter(network_id=actor.network_id, person=person)
            .filter(pk=records["date"])
            .values_list("kind", flat=True)
            .first()
        )
        if life_event is None:
            raise NotFound("date", records["date"])
        if life_event != "new_job":
            job = None  # a wedding or a child is no new position: no "new role" line
    me = actor.me
    values = {
        "salutation": salutation(person, language, address),
        "given_name": person.given_name or person.nickname,
        "name": person.full_name,
        "position": job.title if job is not None else "",
        "organisation": job.organisation.name if job is not None else "",
        "age": _age(person, day),
        "sender": me.short_name if me is not None else "",
        "favour": "",
        "promise": "",
        "project": "",
        "event": "",
    }
    if occasion == "thanks" or "favour" in records or "recommendation" in records:
        values["favour"] = _favour(actor, person, records, language)
    if occasion == "promise" or "promise" in records:
        values["promise"] = _promise(actor, person, records)
    if occasion == "acknowledgement" or "project" in records:
        values["project"] = _project(actor, person, records)
    if occasion == "event" or "event" in records:
        values["event"] = _event(actor, person, records, day)
    return values


def _email(person: Person) -> str | None:
    row = (
        ContactPoint.objects.filter(person=person, kind="email")
        .order_by("-preferred", "pk")
        .first()
    )
    return row.value if row is not None else None


def mailto_url(email: str | None, subject: str, body: str) -> str | None:
    """A ``mailto:`` address that opens the draft in the mail program (RFC 6068)."""
    if not email:
        return None
    return f"mailto:{quote(email, safe='@')}?subject={quote(subject)}&body={quote(body)}"


# ---------------------------------------------------------------------------
# The domain functions
# ---------------------------------------------------------------------------


def draft(
    actor: Member,
    person: str | int | Person,
    *,
    occasion: str | None = None,
    language: str | None = None,
    key: str | None = None,
    address: str | None = None,
) -> Draft:
    """The draft for ``person`` on an occasion (none: keep in touch), or the key's occasion."""
    found = resolve_person(actor, person)
    if key is not None:
        key = key.strip() or None
        if key is not None:
            storable("key", key)
    if occasion is not None and occasion.strip():
        code = occasion_kind(occasion)
    else:
        code = _kind_of_key(key) or "keep_in_touch"
    lang = language_of(found, language)
    form = address_of(found, address)
    template_address = form if lang == "de" else ""
    subject_text, body_text, own = _template(actor, code, lang, template_address)
    values = _values(actor, found, code, key, lang, form)
    subject = fill(subject_text, values)
    body = fill(body_text, values)
    email = _email(found)
    return Draft(
        person_id=found.pk,
        name=found.full_name,
        occasion=code,
        key=key,
        language=lang,
        address=form,
        salutation=values["salutation"],
        subject=subject,
        body=body,
        email=email,
        mailto=mailto_url(email, subject, body),
        own_template=own,
        gender_known=gender_of(found) in ("female", "male"),
    )


def _language(value: str) -> str:
    code = (value or "").strip().lower()
    if code not in ("de", "en"):
        raise InvalidInput("language", value, "is neither de nor en; write it as de or en")
    return code


def _address(value: str | None, language: str) -> str:
    code = (value or "").strip().lower()
    if code not in ADDRESSES:
        raise InvalidInput("address", value, "is neither du nor Sie; write it as du, sie or empty")
    return code if language == "de" else ""


def set_template(
    actor: Member,
    *,
    occasion: str,
    language: str,
    address: str | None = None,
    subject: str,
    body: str,
) -> dict[str, Any]:
    """The network's own words for an occasion in a language (English: for either address)."""
    code = occasion_kind(occasion)
    lang = _language(language)
    form = _address(address, lang)
    subject = (subject or "").strip()
    body = (body or "").replace("\r\n", "\n").strip("\n")
    check_template(subject, body)
    with changes.atomic():
        row, _created = DraftTemplate.objects.update_or_create(
            network_id=actor.network_id,
            occasion=code,
            language=lang,
            address=form,
            defaults={"subject": subject, "body": body},
        )
    return _template_dict(code, lang, form, row.subject, row.body, True)


def reset_template(
    actor: Member, *, occasion: str, language: str, address: str | None = None
) -> bool:
    """Back to the shipped words; whether there were own ones."""
    code = occasion_kind(occasion)
    lang = _language(language)
    form = _address(address, lang)
    with changes.atomic():
        deleted, _count = DraftTemplate.objects.filter(
            network_id=actor.network_id, occasion=code, language=lang, address=form
        ).delete()
    return bool(deleted)


def _template_dict(
    occasion: str, language: str, address: str, subject: str, body: str, own: bool
) -> dict[str, Any]:
    return {
        "occasion": occasion,
        "language": language,
        "address": address,
        "subject": subject,
        "body": body,
        "own": own,
    }


def list_templates(actor: Member) -> list[dict[str, Any]]:
    """Every occasion's words per language and address: the network's own, else shipped."""
    own = {
        (row.occasion, row.language, row.address): row
        for row in DraftTemplate.objects.filter(network_id=actor.network_id)
    }
    rows: list[dict[str, Any]] = []
    slots = list(SHIPPED) + [slot for slot in own if slot not in SHIPPED]
    order = {word.code: index for index, word in enumerate(OCCASION_KINDS)}
    for slot in sorted(slots, key=lambda s: (order.get(s[0], 99), s[1], s[2])):
        if slot in own:
            row = own[slot]
            rows.append(_template_dict(*slot, row.subject, row.body, True))
        else:
            rows.append(_template_dict(*slot, *SHIPPED[slot], False))
    return rows


def mail_configured() -> bool:
    """Whether a mail server is configured (``KNOTEN_SMTP_HOST``), or a non-SMTP backend."""
    backend = str(getattr(settings, "EMAIL_BACKEND", ""))
    if not backend.endswith("smtp.EmailBackend"):
        return True
    return bool(getattr(settings, "KNOTEN_SMTP_HOST", "") or "")


def mark_sent(
    actor: Member,
    person: str | int | Person,
    *,
    key: str | None = None,
    subject: str,
    occasion: str | None = None,
) -> Interaction:
    """Log the sent draft as an email conversation; handle its occasion when a key is given."""
    found = resolve_person(actor, person)
    summary = (subject or "").strip() or "Email"
    key = (key or "").strip() or None
    kind = _kind_of_key(key) or (occasion_kind(occasion) if occasion else "keep_in_touch")
    with changes.atomic():
        logged = log_interaction(actor, summary, participants=[found], kind="email")
        if key is not None:
            handle_occasion(actor, key=key, kind=kind, how="sent", person=found)
    return logged


def send_draft(
    actor: Member,
    person: str | int | Person,
    *,
    subject: str,
    body: str,
    key: str | None = None,
) -> Interaction:
    """Send the draft through the configured mail server, then log it (:func:`mark_sent`)."""
    found = resolve_person(actor, person)
    subject = (subject or "").strip()
    if not subject:
        raise InvalidInput("subject", subject, "is empty; write a subject")
    if not (body or "").strip():
        raise InvalidInput("body", body, "is empty; write the text")
    storable("subject", subject)
    storable("body", body)
    email = _email(found)
    if email is None:
        raise InvalidInput("person", found.full_name, "has no email address; add one first")
    if not mail_configured():
        raise InvalidInput(
            "mail", "", "is not configured; set KNOTEN_SMTP_HOST (or copy the draft)"
        )
    message = mail.EmailMessage(subject, body, to=[email])
    try:
        message.send()
    except OSError as error:
        raise InvalidInput("mail", email, f"could not be sent ({error})") from None
    return mark_sent(actor, found, key=key, subject=subject)
