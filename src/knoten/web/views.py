"""The web app's pages. For now the home page and signing in and out.

Every page needs a signed-in user (``LoginRequiredMiddleware``); only the login page,
the one-time sign-in link and the static files are exempt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles.views import serve as staticfiles_serve
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from knoten.core.models import Member
from knoten.core.signin import user_for_token

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def home(request: HttpRequest) -> HttpResponse:
    from knoten.people.models import Person

    member = (
        Member.objects.select_related("network", "person")
        .filter(user__pk=request.user.pk or 0)
        .order_by("pk")
        .first()
    )
    context: dict[str, object] = {"member": member}
    if member is not None:
        context["person_count"] = Person.objects.filter(network=member.network).count()
    return render(request, "web/home.html", context)


@login_not_required
@never_cache
@require_GET
def signin(request: HttpRequest, token: str) -> HttpResponse:
    """Sign in with the link ``knoten serve`` printed; it works once, for 15 minutes."""
    with transaction.atomic():
        user = user_for_token(token)
        if user is not None:
            # login() sets last_login, which ends the link (see knoten.core.signin).
            login(request, cast("User", user), backend="django.contrib.auth.backends.ModelBackend")
    if user is None:
        return render(request, "web/signin_failed.html", status=403)
    return redirect("web:home")


@login_not_required
def static(request: HttpRequest, path: str) -> HttpResponseBase:
    """The app's own CSS and images.

    gunicorn serves no files by itself, and Knoten is a local server for one person or
    a small team, so Django serves them from the apps' static folders (the staticfiles
    finders) instead of asking for a separate web server or ``collectstatic``.
    """
    return staticfiles_serve(request, path, insecure=True)
