from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    """A person's and an organisation's page, put together from the apps below."""

    name = "knoten.profiles"
    label = "profiles"
