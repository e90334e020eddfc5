"""The WSGI application gunicorn serves (``knoten serve``), and its one background task:
keeping relationship strength fresh, which fades with the days (``knoten.upkeep``)."""

import os
from pathlib import Path
from typing import IO

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knoten.settings")
application = get_wsgi_application()

_held: list[IO[str]] = []


def refresh_standings_daily() -> bool:
    """Start the daily refresh of stale standings in this process when
    ``KNOTEN_DAILY_REFRESH=true`` (``knoten serve`` sets it unless told otherwise), unless
    another process of this machine already runs it (one lock in the data folder); whether
    it started here."""
    if os.environ.get("KNOTEN_DAILY_REFRESH", "").strip().lower() not in {"1", "true", "yes"}:
        return False
    import fcntl

    from django.conf import settings

    from knoten.upkeep.standings import start_daily_refresh

    handle = (Path(settings.DATA_DIR) / "standings-refresh.lock").open("w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return False
    _held.append(handle)
    start_daily_refresh()
    return True


refresh_standings_daily()
