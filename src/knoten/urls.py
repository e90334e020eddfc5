from django.urls import include, path

from knoten.api.site import urls as api_urls

urlpatterns = [
    path("api/", api_urls()),
    path("import/", include("knoten.imports.urls")),
    path("jobs/", include("knoten.jobs.urls")),
    path("mail/", include("knoten.mailbox.urls")),
    path("duplicates/", include("knoten.dedupe.urls")),
    path("export/", include("knoten.exports.urls")),
    path("", include("knoten.reciprocity.urls")),
    path("", include("knoten.upkeep.urls")),
    path("", include("knoten.graph.urls")),
    path("", include("knoten.expertise.urls")),
    path("", include("knoten.web.urls")),
]
