"""The index was the app ``knowwho`` until the app was named for what it is: ``search``.

A database made before then has its entries in ``knowwho_searchentry``: they are copied
over (the new table's triggers fill the new full-text index), the old tables dropped,
and the old app's migration history and content types removed, so that the name
``knowwho`` is free for the know-who app to come. A new database has nothing to move.
"""

from django.db import migrations

OLD_ENTRIES = "knowwho_searchentry"
OLD_FTS = "knowwho_fts"
NEW_ENTRIES = "search_searchentry"
COLUMNS = (
    "id, network_id, kind, tier, person_id, organisation_id, interaction_id, private,"
    " private_to_id, title, fields, name, work, topics, notes"
)


def move(apps, schema_editor):
    connection = schema_editor.connection
    execute = schema_editor.execute
    if OLD_ENTRIES in connection.introspection.table_names():
        execute(f"INSERT INTO {NEW_ENTRIES} ({COLUMNS}) SELECT {COLUMNS} FROM {OLD_ENTRIES}")
        if connection.vendor == "sqlite":
            for trigger in ("insert", "delete", "update"):
                execute(f"DROP TRIGGER IF EXISTS {OLD_FTS}_{trigger}")
            execute(f"DROP TABLE IF EXISTS {OLD_FTS}")
        else:
            execute(
                f"SELECT setval(pg_get_serial_sequence('{NEW_ENTRIES}', 'id'),"
                f" COALESCE((SELECT MAX(id) FROM {NEW_ENTRIES}), 0) + 1, false)"
            )
        execute(f"DROP TABLE {OLD_ENTRIES}")
    execute("DELETE FROM django_migrations WHERE app = 'knowwho'")
    apps.get_model("contenttypes", "ContentType").objects.filter(app_label="knowwho").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_fulltext"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(move, migrations.RunPython.noop, elidable=False)]
