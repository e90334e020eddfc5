"""The API of keeping in touch, one router per area, mounted under one."""

from __future__ import annotations

from ninja import Router

from knoten.upkeep.api import calendar, drafts, due, events, overview, quick, sharing

router = Router()
for module in (due, calendar, drafts, events, overview, quick, sharing):
    router.add_router("", module.router)
