# ImportedProperty moved to knoten.people (so that a person's page can read it without
# the answers layer importing a flow). Only Django's idea of the models changes: the
# table stays as it is, and people.0004 takes the model over.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0002_alter_importedproperty_options"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ImportedProperty")],
            database_operations=[],
        ),
    ]
