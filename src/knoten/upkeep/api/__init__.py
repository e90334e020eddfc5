"""The API of keeping in touch, one router per area, mounted under one."""

from __future__ import annotations

from ninja import Router

from knoten.upkeep.api import drafts, due

router = Router()
for module in (due, drafts):
    router.add_router("", module.router)
