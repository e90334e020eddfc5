# ImportedProperty, taken over from knoten.imports (imports.0003): the table
# imports_importedproperty stays as it is, only Django's idea of the models changes.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("imports", "0003_move_importedproperty_to_people"),
        ("people", "0003_person_folded_name_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportedProperty",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("source", models.CharField(max_length=200)),
                        ("name", models.CharField(max_length=200)),
                        ("value", models.TextField()),
                        (
                            "network",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="core.network",
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="imported_properties",
                                to="people.person",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "imported properties",
                        "db_table": "imports_importedproperty",
                        "indexes": [
                            models.Index(
                                fields=["person", "name"], name="imports_imp_person__67aa6e_idx"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
