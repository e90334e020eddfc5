"""The day of the year of each important date, indexed (upkeep's yearly occasions), and
indexes on the dated rows a window of occasions reads (life events, new positions).

Depends on 0007 (0008 is another branch's; the lead renumbers at merge)."""

from django.db import migrations, models
from django.db.models import Case, IntegerField, When
from django.db.models.functions import Cast, Substr

import knoten.people.models


def _number(text: str, start: int) -> Cast:
    return Cast(Substr(text, start, 2), IntegerField())


def fill_month_day(apps, schema_editor):
    # Stored forms: "1965-08-12" (10 characters) and "--08-12" (7); the others (a year,
    # a year and month) have no day of the year. One UPDATE, on either database.
    ImportantDate = apps.get_model("people", "ImportantDate")
    ImportantDate.objects.update(
        month_day=Case(
            When(date__regex=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                 then=_number("date", 6) * 100 + _number("date", 9)),
            When(date__regex=r"^--[0-9]{2}-[0-9]{2}$",
                 then=_number("date", 3) * 100 + _number("date", 6)),
            default=None,
            output_field=IntegerField(),
        )
    )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0008_person_do_not_ask"),
    ]

    operations = [
        migrations.AddField(
            model_name="importantdate",
            name="month_day",
            field=knoten.people.models.MonthDayField(editable=False, null=True),
        ),
        migrations.RunPython(fill_month_day, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="importantdate",
            index=models.Index(fields=["network", "month_day"], name="importantdate_month_day"),
        ),
        migrations.AddIndex(
            model_name="importantdate",
            index=models.Index(fields=["network", "date"], name="importantdate_date"),
        ),
        migrations.AddIndex(
            model_name="affiliation",
            index=models.Index(fields=["network", "start"], name="affiliation_start"),
        ),
    ]
