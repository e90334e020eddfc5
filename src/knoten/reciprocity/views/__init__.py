"""The give-and-take pages: favours and recommendations (``/favours/``), the return on
networking time (``/roi/``), and what the home page and a person's page show of it (the
balance, the signals, the rows of favours and recommendations).

Thin views over :mod:`knoten.reciprocity.services`, ``balance``, ``signals`` and ``roi``,
the same functions as the command line and the API: no rule is written a second time
here. Adding and editing are plain forms (a bad value comes back beside its field with
status 400, nothing saved); thanking, the outcome and deleting are buttons on a row
that htmx swaps in place, and that without JavaScript post and come back to the page.
Another network's favour or recommendation is a 404.
"""

from knoten.reciprocity.views.favours import (
    favour_add,
    favour_delete,
    favour_edit,
    favour_outcome,
    favour_thank,
    favours,
)
from knoten.reciprocity.views.overview import home_give_and_take, overview, person_give_and_take
from knoten.reciprocity.views.recommendations import (
    recommendation_add,
    recommendation_delete,
    recommendation_edit,
    recommendation_outcome,
    recommendation_thank,
)
from knoten.reciprocity.views.roi import roi_page

__all__ = [
    "favour_add",
    "favour_delete",
    "favour_edit",
    "favour_outcome",
    "favour_thank",
    "favours",
    "home_give_and_take",
    "overview",
    "person_give_and_take",
    "recommendation_add",
    "recommendation_delete",
    "recommendation_edit",
    "recommendation_outcome",
    "recommendation_thank",
    "roi_page",
]
