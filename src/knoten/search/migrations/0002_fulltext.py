"""The full-text index over search entries: FTS5 on SQLite, a tsvector on PostgreSQL.

Written by hand because Django knows neither. Note for later migrations: when SQLite
rebuilds ``search_searchentry`` (an AlterField does), the triggers go with the old
table; such a migration must call ``fulltext.drop`` before and ``fulltext.create`` and
``index.rebuild_all`` after it.
"""

from django.db import migrations

from knoten.search import fulltext


def create(apps, schema_editor):
    fulltext.create(schema_editor.connection.vendor, schema_editor.execute)


def drop(apps, schema_editor):
    fulltext.drop(schema_editor.connection.vendor, schema_editor.execute)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
