"""Benchmarks of Knoten on demo networks of 1k, 10k and 100k persons (``make bench``).

``python -m bench`` builds each network once in its own data folder under ``.bench-data/``
(reused while the generator, the schema and the search index code stay the same), then
times the domain functions the command line calls, each in a fresh process per size:
person list (first page), person show, search and log. See ``bench/__main__.py``.
"""
