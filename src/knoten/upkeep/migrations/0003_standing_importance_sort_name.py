"""Each standing keeps its person's importance and sort key, and the due index covers the
due list's ranking (so that it never reads the persons of a large network).

The sort key compares byte by byte on PostgreSQL too (collation "C", as
``people_person.sort_name``: see people 0002), so that the database ranks ties by name
exactly as Python does."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    Standing = apps.get_model("upkeep", "Standing")
    person = Person.objects.filter(pk=OuterRef("person_id"))
    Standing.objects.update(
        importance=Subquery(person.values("importance")[:1]),
        sort_name=Subquery(person.values("sort_name")[:1]),
    )


def use_c_collation(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        'ALTER TABLE upkeep_standing ALTER COLUMN sort_name TYPE varchar(400) COLLATE "C"'
    )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0007_person_photo"),
        ("upkeep", "0002_occasions_drafts_digest_feed"),
    ]

    operations = [
        migrations.AddField(
            model_name="standing",
            name="importance",
            field=models.PositiveSmallIntegerField(default=3),
        ),
        migrations.AddField(
            model_name="standing",
            name="sort_name",
            field=models.CharField(default="", max_length=400),
        ),
        migrations.RunPython(use_c_collation, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.RemoveIndex(model_name="standing", name="standing_due"),
        migrations.AddIndex(
            model_name="standing",
            index=models.Index(
                fields=["network", "due_on", "every_days", "since_ordinal", "importance",
                        "sort_name", "person"],
                name="standing_due",
            ),
        ),
    ]  # fmt: skip
