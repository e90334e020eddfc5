from django.apps import AppConfig


class ReciprocityConfig(AppConfig):
    name = "knoten.reciprocity"
    label = "reciprocity"
    verbose_name = "Give and take"

    def ready(self) -> None:
        # What a saved or deleted row of each model tells (knoten.core.changes):
        # "contact", a person's give and take with the network changed.
        from knoten.core import changes
        from knoten.reciprocity.models import Favour, Recommendation

        for key in ("giver_id", "receiver_id"):
            changes.track(Favour, "contact", key)
        for key in ("recommender_id", "recipient_id", "beneficiary_id"):
            changes.track(Recommendation, "contact", key)
