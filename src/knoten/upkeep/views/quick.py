"""Quick capture on the web: type a line, see what it will create, pick the persons it
could not decide, save.

One address: a GET shows the box; a POST with ``action=preview`` shows the plan with a
picker per open question; ``action=save`` saves it with the picks. htmx swaps only the
box (``#quick-note``), on this page and in the home page's "log a conversation" panel.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from knoten.core.errors import InvalidInput
from knoten.upkeep.quick import read_note
from knoten.upkeep.quick_save import NEW, save_note
from knoten.upkeep.strength import kind_words
from knoten.web.kit import attempt, current_member, part_response

PART = "quick-note"
# The most questions one line's form carries.
MAX_QUESTIONS = 20


def _choices(request: HttpRequest) -> dict[str, int | str]:
    """The picks of the preview form: ``key-N`` names question N, ``choice-N`` its pick
    (an id, or "new" to add the person named), ``id-N`` a person id typed instead."""
    chosen: dict[str, int | str] = {}
    for number in range(MAX_QUESTIONS):
        key = request.POST.get(f"key-{number}")
        if key is None:
            break
        typed = request.POST.get(f"id-{number}", "").strip()
        value = typed or request.POST.get(f"choice-{number}", "").strip()
        if not value:
            continue
        if value == NEW:
            chosen[key] = NEW
            continue
        if not value.isdecimal():
            raise InvalidInput(f"choices[{key}]", value, "is not an id (a number)")
        chosen[key] = int(value)
    return chosen


@require_http_methods(["GET", "POST"])
def note(request: HttpRequest) -> HttpResponse:
    """The quick-note box: a line, its preview, and saving it."""
    member = current_member(request)
    context: dict[str, Any] = {"member": member, "text": "", "plan": None, "saved": None}
    errors: dict[str, str] = {}
    if request.method == "POST":
        text = request.POST.get("text", "")
        context["text"] = text
        if request.POST.get("action") == "save":
            saved, errors = attempt(
                lambda: save_note(member, text, choices=_choices(request)), ["text"]
            )
            if saved is not None:
                context["text"] = ""
                context["saved"] = _("Saved: a conversation with %(count)s promise(s).") % {
                    "count": len(saved.plan.promises)
                }
        if context["saved"] is None:
            plan, problems = attempt(lambda: read_note(member, text).as_dict(), ["text"])
            context["plan"] = plan
            if plan:
                plan["kind_words"] = kind_words(plan["kind"])
            errors = errors or problems
    context["errors"] = errors
    return part_response(request, "upkeep/quick.html", PART, context, errors)
