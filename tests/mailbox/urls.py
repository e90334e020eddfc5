"""The site's URLs with the mail page mounted at ``/mail/``, for the page's tests until
``knoten.urls`` mounts it."""

from __future__ import annotations

from django.urls import include, path

from knoten.urls import urlpatterns as site

urlpatterns = [path("mail/", include("knoten.mailbox.urls")), *site]
