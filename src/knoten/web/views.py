"""The web app's pages. For now one home page; the web app issue fills in the rest."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from knoten.core.models import Network
from knoten.people.models import Person


def home(request: HttpRequest) -> HttpResponse:
    network = Network.objects.order_by("pk").first()
    count = Person.objects.filter(network=network).count() if network else 0
    return render(request, "web/home.html", {"network": network, "person_count": count})
