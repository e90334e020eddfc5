from django.apps import AppConfig


class MailboxConfig(AppConfig):
    name = "knoten.mailbox"
    label = "mailbox"
    verbose_name = "Mailbox and calendar"
