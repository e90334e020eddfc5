from django.urls import include, path

urlpatterns = [
    path("", include("knoten.web.urls")),
]
