from django.urls import include, path

from knoten.api.site import urls as api_urls

urlpatterns = [
    path("api/", api_urls()),
    path("", include("knoten.web.urls")),
]
