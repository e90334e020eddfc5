"""API tokens: a member's keys for ``Authorization: Bearer …``.

Only the SHA-256 hash of a key is stored, with its first characters for telling keys
apart in a list; the key itself is shown once, when it is made.
"""

from __future__ import annotations

from django.db import models

from knoten.core.models import Member


class ApiToken(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})" if self.name else f"{self.prefix}…"
