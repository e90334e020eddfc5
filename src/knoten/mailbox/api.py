"""The mailbox app's API operations (mounted at ``/api/`` by knoten.api.site)."""

from __future__ import annotations

from ninja import Router

router = Router()
