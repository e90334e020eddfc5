"""The promises between the person and me: add one, mark it done, open it again."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from knoten.core.models import Member
from knoten.journal.models import Promise
from knoten.journal.promises import add_promise, complete_promise, reopen_promise
from knoten.people.models import Person
from knoten.web.person_views.base import Action, Field, Form, Values
from knoten.web.person_views.saving import by_row, optional, text


def _owed_choices() -> list[tuple[str, str]]:
    return [("me", str(_("I owe it"))), ("them", str(_("They owe it")))]


def _save_promise(actor: Member, person: Person, _item_id: int | None, values: Values) -> None:
    add_promise(
        actor,
        person,
        text(values, "text"),
        due=optional(values, "due"),
        owed_by_me=text(values, "owed") != "them",
    )


def _promise_done(actor: Member, _person: Person, item_id: int) -> dict[str, object]:
    promise = complete_promise(actor, item_id)
    return {"done_promise": {"id": promise.pk, "text": promise.text}}


FORMS: dict[str, Form] = {
    "promises": Form(
        section="promises",
        title=_("Add promise"),
        fields=(
            Field("text", _("Promise"), "textarea", required=True),
            Field("owed", _("Who owes it"), "select", _owed_choices),
            Field("due", _("Due"), hint=_("e.g. 14.03.2026 or Friday")),
        ),
        save=_save_promise,
    ),
}

ACTIONS: dict[str, Action] = {
    "promise-done": Action("promises", _promise_done, Promise),
    "promise-reopen": Action("promises", by_row(reopen_promise), Promise),
}
