from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "knoten.people"
    label = "people"

    def ready(self) -> None:
        # What a saved or deleted row of each model tells (knoten.core.changes).
        from knoten.core import changes
        from knoten.people.models import (
            Affiliation,
            Circle,
            Organisation,
            Person,
            Relationship,
            Skill,
            Tag,
        )

        changes.track(Person, "person")
        changes.track(Affiliation, "person", "person_id")
        changes.track(Organisation, "organisation")
        changes.track(Circle, "circle")
        changes.track(Tag, "tag")
        changes.track(Skill, "skill")
        for labels in (Person.circles, Person.tags, Person.skills):
            changes.track_many(labels, "person")
        # "contact": what the network had to do with a person changed (keeping in touch).
        changes.track(Relationship, "contact", "from_person_id")
        changes.track(Relationship, "contact", "to_person_id")
