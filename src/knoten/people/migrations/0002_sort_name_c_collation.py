"""On PostgreSQL, compare ``Person.sort_name`` byte by byte (collation "C").

``sort_name`` already holds the DIN 5007 key, made in Python: lower case, marks removed,
ß as ss, words separated by one space. A server whose database collation is a locale
(en_US.UTF-8, de_DE.UTF-8) would compare it again by that locale, which skips spaces
and sorts "Meierhof, Anna" before "Meier, Zora". SQLite compares bytes already.

The model keeps no db_collation, so the same model serves both backends; a later
migration that alters this column must set the collation again.
"""

from django.db import migrations


def use_c_collation(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        'ALTER TABLE people_person ALTER COLUMN sort_name TYPE varchar(400) COLLATE "C"'
    )


def use_default_collation(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE people_person ALTER COLUMN sort_name TYPE varchar(400) COLLATE \"default\""
    )


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(use_c_collation, use_default_collation, elidable=False)]
