from __future__ import annotations

import datetime as dt

import pytest

from knoten.core.errors import InvalidInput
from knoten.core.models import Member
from knoten.core.partial_dates import PartialDate, parse_partial_date


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        pytest.param("2024-03-14", "2024-03-14", id="iso"),
        pytest.param("14.03.2024", "2024-03-14", id="german"),
        pytest.param("14.3.2024", "2024-03-14", id="german-short"),
        pytest.param("14.03.", "--03-14", id="german-without-year"),
        pytest.param("--03-14", "--03-14", id="vcard-without-year"),
        pytest.param("--0314", "--03-14", id="vcard-basic-without-year"),
        pytest.param("2019", "2019", id="year"),
        pytest.param("2019-05", "2019-05", id="year-month"),
        pytest.param("05/2019", "2019-05", id="month-slash-year"),
        pytest.param("19650812", "1965-08-12", id="basic"),
        pytest.param("--02-29", "--02-29", id="leap-day-without-year"),
    ],
)
def test_typed_dates_are_understood(typed: str, stored: str) -> None:
    assert parse_partial_date(typed).isoformat() == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        pytest.param("31.02.2024", "day 31 does not exist in month 2", id="no-such-day"),
        pytest.param("2023-02-29", "day 29 does not exist", id="not-a-leap-year"),
        pytest.param("2024-13", "month 13 does not exist", id="no-such-month"),
        pytest.param("yesterday-ish", "is not a date", id="words"),
        pytest.param("", "is empty", id="empty"),
    ],
)
def test_bad_dates_name_the_field_and_value(typed: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_partial_date(typed, "birthday")
    assert caught.value.field == "birthday"
    assert reason in caught.value.message
    assert caught.value.message.startswith(f"birthday: {typed!r}")


def test_display_is_german_style() -> None:
    assert PartialDate(2024, 3, 14).display() == "14.03.2024"
    assert PartialDate(None, 3, 14).display() == "14.03."
    assert PartialDate(2019, 5).display() == "05/2019"
    assert PartialDate(2019).display() == "2019"


def test_only_complete_dates_become_calendar_days() -> None:
    assert PartialDate(2024, 3, 14).to_date() == dt.date(2024, 3, 14)
    assert PartialDate(2019, 5).to_date() is None
    assert PartialDate(2019, 5).earliest() == dt.date(2019, 5, 1)
    assert PartialDate(None, 3, 14).earliest() is None


def test_a_year_without_month_cannot_have_a_day() -> None:
    with pytest.raises(ValueError, match="a day needs a month"):
        PartialDate(2019, None, 5)


def test_partial_dates_round_trip_through_the_database(member: Member) -> None:
    from knoten.people.models import ImportantDate

    person = member.me
    ImportantDate.objects.create(
        network=member.network, person=person, kind="birthday", date="--07-29"
    )
    ImportantDate.objects.create(
        network=member.network, person=person, kind="award", date=PartialDate(2019, 5)
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT kind, date FROM {ImportantDate._meta.db_table} WHERE person_id = %s",
            [person.pk],
        )
        stored = dict(cursor.fetchall())
    assert stored == {"birthday": "--07-29", "award": "2019-05"}
    loaded = {d.kind: d.date for d in ImportantDate.objects.filter(person=person)}
    assert loaded == {"birthday": PartialDate(None, 7, 29), "award": PartialDate(2019, 5)}
