"""The API of keeping in touch, one router per area, mounted under one."""

from __future__ import annotations

from ninja import Router

from knoten.upkeep.api import due, quick

router = Router()
for module in (due, quick):
    router.add_router("", module.router)
