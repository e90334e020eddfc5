"""The web app's pages. For now one home page; the web app issue fills in the rest.

The home page shows no network data: until sign-in exists (the web app issue), a page
that anyone on the host can open must not tell one network's contents to anyone.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")
