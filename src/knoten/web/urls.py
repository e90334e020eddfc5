from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from knoten.web import palette_views, people_bulk_views, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("people/", views.people_list, name="people"),
    path("people/add/", views.person_add, name="person_add"),
    path("people/suggest/", views.people_suggest, name="people_suggest"),
    path("people/bulk/", people_bulk_views.people_bulk, name="people_bulk"),
    path("log/", views.log_conversation, name="log"),
    path("palette/", palette_views.palette, name="palette"),
    path("language/", views.set_language, name="set_language"),
    path("people/", include("knoten.web.person_urls")),
    path("", include("knoten.web.directory_urls")),
    path("signin/<str:token>/", views.signin, name="signin"),
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    re_path(r"^static/(?P<path>.+)$", views.static, name="static"),
]
