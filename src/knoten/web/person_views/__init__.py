"""A person's page: the whole info base in sections, each editable in place.

The views call :mod:`knoten.people` and :mod:`knoten.journal` (and reciprocity's give
and take), the same functions as the command line and the API; no rule is written a
second time here. By noun:

- :mod:`.page`: the page, a section on its own, what the templates show;
- :mod:`.editing`: the forms and one-click changes of every section (``FORMS``,
  ``ACTIONS``), each section's own in :mod:`.basics`, :mod:`.contacts`, :mod:`.career`,
  :mod:`.relationships`, :mod:`.projects`, :mod:`.dates`, :mod:`.promises`,
  :mod:`.giving`, built of :mod:`.base` and saved through :mod:`.saving`;
- :mod:`.relationships` and :mod:`.conversations`: the long lists, a page at a time;
- :mod:`.keeping`: archive, delete, export and forget the person.
"""
