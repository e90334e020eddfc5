"""What every page's template may use."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse


def links(request: HttpRequest) -> dict[str, str]:
    """``people_url``: the people list's address; a person's page is ``{people_url}{id}/``.
    ``projects_url`` likewise for projects.

    Lists of many persons link each row through it instead of reversing the URL per row,
    which is a good part of a long page's rendering time.
    """
    return {"people_url": reverse("web:people"), "projects_url": reverse("web:projects")}
