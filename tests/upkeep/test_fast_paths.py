"""The fast paths of the overview give the answers of the plain ones.

The due list is ranked by the database on the standings' own columns, and the yearly
occasions are found by an indexed day of the year; here each is checked against a plain
reading of the records, done in Python as the code did before, on small hand-made networks
whose ties, year ends, leap days, partial dates, archived persons, snoozes, private
conversations and handled occasions are known.
"""

from __future__ import annotations

import datetime as dt
import importlib

from django.apps import apps

from knoten.core import clock
from knoten.core.models import Member
from knoten.journal.conversations import log_interaction
from knoten.journal.models import Participation
from knoten.people.important_dates import add_important_date, edit_important_date
from knoten.people.models import ImportantDate, Person, month_day_of
from knoten.people.persons import PersonFields, add_person, archive_person, edit_person
from knoten.upkeep.cadences import set_cadence
from knoten.upkeep.due import due_list, snooze
from knoten.upkeep.handled import handle_occasion
from knoten.upkeep.models import Snooze, Standing
from knoten.upkeep.occasions import GRACE_DAYS, occasions

D = dt.date
START = dt.date.today() + dt.timedelta(days=30)


def day(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


# --- the due list ------------------------------------------------------------------------


def plain_due(member: Member) -> list[int]:
    """The due list as it was computed before: every due standing read with its person,
    ranked in Python ((today - since) × (5 - importance) / every, then the sort key)."""
    today = clock.today()
    snoozed = Snooze.objects.filter(member=member, until__gt=today).values("person_id")
    rows = (
        Standing.objects.filter(
            network_id=member.network_id,
            person__archived=False,
            due_on__lte=today,
            every_days__isnull=False,
        )
        .exclude(person_id__in=snoozed)
        .values_list(
            "person_id", "since_on", "every_days", "person__importance", "person__sort_name"
        )
    )
    private: dict[int, dt.date] = {}
    for pk, on in Participation.objects.filter(
        interaction__private=True,
        interaction__author=member,
        interaction__occurred_on__lte=today,
    ).values_list("person_id", "interaction__occurred_on"):
        private[pk] = max(on, private.get(pk, on))
    ranked = []
    for pk, since, every, importance, sort_name in rows:
        last = private.get(pk)
        if last is not None and last > since and last + dt.timedelta(days=every) > today:
            continue
        rank = (today.toordinal() - since.toordinal()) * (5 - importance) / every
        ranked.append((-rank, sort_name, pk))
    return [pk for _rank, _name, pk in sorted(ranked)]


def test_the_due_list_ranked_by_the_database_equals_the_plain_ranking(member: Member) -> None:
    clock.pin(START)
    people = {}
    # Ties on purpose: the same importance, cadence and last contact, told apart by name
    # (a particle, an umlaut, a lower-case family name).
    for name, importance in [
        ("Anna Adler", "inner"),
        ("Bernd Becker", "important"),
        ("Carla von Alt", "regular"),
        ("Dora Ähm", "regular"),
        ("Emil Albers", "regular"),
        ("Fritz de Beer", "peripheral"),
        ("Gina Gans", "important"),
        ("Hanna Hahn", "inner"),
        ("Ida Igel", "regular"),
        ("Jan Jäger", "regular"),
        ("Karl Kurz", "peripheral"),
    ]:
        people[name] = add_person(member, name, PersonFields(importance=importance))
    set_cadence(member, person=people["Gina Gans"], every="every 2 weeks")
    set_cadence(member, person=people["Ida Igel"], every=None)  # no reminders
    clock.pin(day(10))
    for name, offset in [("Bernd Becker", 3), ("Emil Albers", 3), ("Karl Kurz", 10)]:
        log_interaction(member, "Call", participants=[people[name]], kind="call", on=day(offset))
    archive_person(member, people["Jan Jäger"])
    seen = []
    for offset in (20, 45, 95, 200, 400):
        clock.pin(day(offset))
        if offset == 95:
            snooze(member, people["Hanna Hahn"], "a month")
            # A private call resets Anna's clock for this member; one before Bernd's last
            # shared contact resets nothing.
            log_interaction(member, "Secret", participants=[people["Anna Adler"]],
                            on=day(94), private=True)  # fmt: skip
            log_interaction(member, "Old secret", participants=[people["Bernd Becker"]],
                            on=day(2), private=True)  # fmt: skip
        if offset == 200:
            edit_person(member, people["Karl Kurz"], PersonFields(importance="inner"))
        expected = plain_due(member)
        page, total = due_list(member, limit=50)
        assert [row.person_id for row in page] == expected
        assert total == len(expected)
        # Pages cut the same ranking anywhere.
        for offset_, limit in [(0, 1), (1, 2), (2, 3), (5, 50)]:
            cut = due_list(member, limit=limit, offset=offset_)
            assert [row.person_id for row in cut[0]] == expected[offset_ : offset_ + limit]
            assert cut[1] == len(expected)
        seen.append(len(expected))
    assert seen[0] < seen[-1] and 0 not in seen[1:]  # the test reaches real lists
    clock.pin(day(95))
    ids = [row.person_id for row in due_list(member, limit=50)[0]]
    assert people["Anna Adler"].pk not in ids and people["Hanna Hahn"].pk not in ids
    assert people["Bernd Becker"].pk in ids and people["Jan Jäger"].pk not in ids


def test_the_standing_keeps_the_persons_importance_and_sort_key(member: Member) -> None:
    clock.pin(START)
    anna = add_person(member, "Anna Adler", PersonFields(importance="inner"))
    standing = Standing.objects.get(person=anna)
    assert (standing.importance, standing.sort_name) == (1, anna.sort_name)
    edit_person(member, anna, PersonFields(importance="peripheral"), name="Anna Ärger")
    anna.refresh_from_db()
    standing = Standing.objects.get(person=anna)
    assert (standing.importance, standing.sort_name) == (4, anna.sort_name)
    assert "arger" in standing.sort_name


# --- birthdays and anniversaries -----------------------------------------------------------


def plain_yearly(member: Member, start: dt.date, end: dt.date) -> list[tuple[str, dt.date]]:
    """Every birthday and anniversary of the window (and its grace), found by reading every
    date of the network and every day: (key, day), handled ones left out."""
    done = set(
        apps.get_model("upkeep", "HandledOccasion")
        .objects.filter(member=member)
        .values_list("key", flat=True)
    )
    found = []
    rows = ImportantDate.objects.filter(
        network_id=member.network_id, kind__in=("birthday", "anniversary"), person__archived=False
    ).exclude(person_id=member.person_id)
    for row in rows:
        date = row.date
        if date.month is None or date.day is None:
            continue
        first = start - dt.timedelta(days=GRACE_DAYS[row.kind])
        for n in range((end - first).days + 1):
            on = first + dt.timedelta(days=n)
            leap = on.year % 4 == 0 and (on.year % 100 != 0 or on.year % 400 == 0)
            same = (on.month, on.day) == (date.month, date.day)
            moved = (date.month, date.day) == (2, 29) and (on.month, on.day) == (2, 28)
            if not (same or (moved and not leap)):
                continue
            if date.year is not None and on.year <= date.year:
                continue
            key = (
                f"birthday:person={row.person_id}:{on.year}"
                if row.kind == "birthday"
                else f"anniversary:date={row.pk}:{on.year}"
            )
            if key not in done:
                found.append((key, on))
    return sorted(found)


def fast_yearly(member: Member, start: dt.date, end: dt.date) -> list[tuple[str, dt.date]]:
    clock.pin(start)
    return sorted(
        (o.key, o.day)
        for o in occasions(member, start=start, end=end)
        if o.kind in ("birthday", "anniversary")
    )


def test_yearly_occasions_by_the_day_of_the_year_equal_a_plain_reading(member: Member) -> None:
    clock.pin(D(2026, 1, 1))
    for name, birthday in [
        ("Anna Adler", "1980-12-31"),
        ("Bernd Berger", "--01-01"),
        ("Carla Cramer", "2000-02-29"),
        ("Dora Dahl", "--02-29"),
        ("Emil Ernst", "1990-03-01"),
        ("Fritz Fink", "2027-01-02"),  # born in the window's year: no birthday before
        ("Gina Gans", "1975-05"),  # no day: never an occasion
        ("Hanna Hahn", "1975"),
        ("Ida Igel", "1985-12-24"),
    ]:
        add_person(member, name, PersonFields(birthday=birthday))
    karl = add_person(member, "Karl Kurz", PersonFields(birthday="1970-01-03"))
    add_important_date(member, karl, "anniversary", "2010-12-30", label="Wedding day")
    add_important_date(member, karl, "anniversary", "--02-29", label="Leap day")
    jan = add_person(member, "Jan Jäger", PersonFields(birthday="1970-01-01"))
    archive_person(member, jan)
    handle_occasion(member, key=f"birthday:person={karl.pk}:2027", kind="birthday")
    near = [(12, 20), (12, 31), (1, 1), (1, 10), (2, 27), (2, 28), (2, 29), (3, 1), (3, 10)]
    windows = [
        (D(year, month, dd), days)
        for year in (2026, 2027, 2028)
        for month, dd in near
        if not (month == 2 and dd == 29 and year != 2028)
        for days in (1, 7)
    ]
    seen = 0
    for start, days in windows:
        end = start + dt.timedelta(days=days - 1)
        expected = plain_yearly(member, start, end)
        assert fast_yearly(member, start, end) == expected, (start, days)
        seen += len(expected)
    assert seen > 50  # the windows do find birthdays


def test_the_day_of_the_year_follows_every_change_of_the_date(member: Member) -> None:
    clock.pin(D(2027, 1, 1))
    anna = add_person(member, "Anna Adler", PersonFields(birthday="1980-03-14"))
    row = ImportantDate.objects.get(person=anna, kind="birthday")
    assert row.month_day == 314
    edit_important_date(member, row.pk, date="--12-02")
    row.refresh_from_db()
    assert row.month_day == 1202
    assert fast_yearly(member, D(2027, 3, 14), D(2027, 3, 14)) == []
    assert fast_yearly(member, D(2027, 12, 2), D(2027, 12, 2)) == [
        (f"birthday:person={anna.pk}:2027", D(2027, 12, 2))
    ]
    edit_important_date(member, row.pk, date="1980")
    row.refresh_from_db()
    assert row.month_day is None
    # Bulk-created dates get theirs too (imports and the demo write so).
    bernd = add_person(member, "Bernd Berger")
    (bulk,) = ImportantDate.objects.bulk_create(
        [ImportantDate(network_id=member.network_id, person=bernd, kind="birthday",
                       date="--02-29")]
    )  # fmt: skip
    assert ImportantDate.objects.get(pk=bulk.pk).month_day == 229
    assert [month_day_of(v) for v in ("1965-08-12", "--08-12", "1965-08", "1965", "", None)] == [
        812,
        812,
        None,
        None,
        None,
        None,
    ]
    assert month_day_of(D(2024, 2, 29)) == 229


def test_the_migration_fills_the_day_of_the_year_of_dates_stored_before(member: Member) -> None:
    clock.pin(D(2027, 1, 1))
    for name, birthday in [("Anna Adler", "1980-03-14"), ("Bernd Berger", "--12-31"),
                           ("Carla Cramer", "1975-05"), ("Dora Dahl", "1975")]:  # fmt: skip
        add_person(member, name, PersonFields(birthday=birthday))
    wanted = dict(ImportantDate.objects.values_list("pk", "month_day"))
    assert sorted(wanted.values(), key=str) == sorted([314, 1231, None, None], key=str)
    ImportantDate.objects.update(month_day=None)  # as after the new column was added
    migration = importlib.import_module("knoten.people.migrations.0009_importantdate_month_day")
    migration.fill_month_day(apps, None)  # it reads and writes through the models only
    assert dict(ImportantDate.objects.values_list("pk", "month_day")) == wanted
    assert Person.objects.filter(network_id=member.network_id).count() == 5  # and me
