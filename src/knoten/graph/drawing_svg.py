"""A :class:`~knoten.graph.drawing.Drawing` as SVG markup, for the graph page.

Written out in one pass of plain string building (a template loop over 500 persons and
their ties costs more than the whole drawing); the ties of one strength are one
``<path>``, so the drawing stays within the page's budget. No inline style (the page's
Content-Security-Policy forbids it): colours, sizes and the path highlight are classes
that ``graph/network.css`` styles. Each person is a link (``href`` of the caller's
choosing, re-centring the drawing on them), so a click works without JavaScript; the
links are left out of the tab order, since the list beside the drawing carries the same
people for keyboard and screen-reader users.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from knoten.graph.drawing import Drawing, DrawnPerson

PALETTE = 8  # clusters beyond these are drawn grey (``c-other``)
RADIUS = {0: 16.0, 1: 8.0, 2: 5.0, 3: 6.0}
LABEL_GAP = 4.0


def svg(drawing: Drawing, href: Callable[[int], str], title: str) -> SafeString:
    """The drawing as an ``<svg>`` element; ``href(person_id)`` is each person's link."""
    where = {p.id: p for p in drawing.people}
    x, y, width, height = drawing.view_box
    # A group, not an image: its people are links (an image's children are not reachable).
    out = [
        f'<svg class="network-svg" id="network-svg" viewBox="{x} {y} {width} {height}" '
        f'role="group" aria-labelledby="network-svg-title" preserveAspectRatio="xMidYMid meet">',
        f'<title id="network-svg-title">{escape(title)}</title>',
        '<g class="network-view">',
        '<g class="ties">',
    ]
    path_lines = []
    # The ties of one strength are one path of segments, in whole units (a line element
    # each cost 70 bytes: a drawing of 200 persons weighed more than its page's budget).
    segments: dict[int, list[str]] = {}
    for tie in drawing.ties:
        a, b = where[tie.a], where[tie.b]
        if tie.on_path:
            kind = "tie on-path" if tie.weight else "tie on-path untied"
            line = f'<line x1="{a.x}" y1="{a.y}" x2="{b.x}" y2="{b.y}"'
            path_lines.append(f'{line} class="{kind}"/>')
        else:
            segments.setdefault(_strength_class(tie.weight), []).append(
                f"M{_unit(a.x)} {_unit(a.y)}L{_unit(b.x)} {_unit(b.y)}"
            )
    for strength in sorted(segments):
        out.append(f'<path class="tie w{strength}" d="{"".join(segments[strength])}"/>')
    out.append("</g>")
    if path_lines:
        out += ['<g class="path-ties">', *path_lines, "</g>"]
    out.append('<g class="people">')
    # The centre last, so that it lies on top.
    for person in sorted(drawing.people, key=lambda p: (p.degree == 0, -p.degree)):
        out.append(_node(person, href(person.id)))
    out += ["</g>", "</g>", "</svg>"]
    return mark_safe("".join(out))  # every value above is escaped or a number


def _unit(value: float) -> int:
    return round(value)


def _strength_class(weight: float) -> int:
    return max(1, min(5, math.ceil(weight * 5 - 1e-9)))


def cluster_class(cluster: int) -> str:
    """The class that colours a person of this cluster (``-1``: the centre)."""
    if cluster < 0:
        return "c-centre"
    return f"c{cluster}" if cluster < PALETTE else "c-other"


def _node(person: DrawnPerson, link: str) -> str:
    r = RADIUS[person.degree]
    classes = ["node", f"d{person.degree}", cluster_class(person.cluster)]
    if person.on_path:
        classes.append("on-path")
    if person.is_me:
        classes.append("me")
    hint = escape(_tooltip(person))
    name = escape(person.name)
    head = (
        f'<a href="{escape(link)}" class="{" ".join(classes)}" tabindex="-1" '
        f'data-id="{person.id}"><title>{hint}</title>'
        f'<circle cx="{person.x}" cy="{person.y}" r="{r}"/>'
    )
    if person.degree == 0:
        label = (
            f'<text x="{person.x}" y="{round(person.y + r + 16, 1)}" '
            f'text-anchor="middle" class="label centre-label">{name}</text>'
        )
        return f"{head}{label}</a>"
    cos, sin = math.cos(person.angle), math.sin(person.angle)
    lx, ly = round(person.x + (r + LABEL_GAP) * cos, 1), round(person.y + (r + LABEL_GAP) * sin, 1)
    degrees = math.degrees(person.angle)
    if cos < 0:  # the left half: turned over, so that it reads from left to right
        degrees += 180
        anchor = "end"
    else:
        anchor = "start"
    label = (
        f'<text x="{lx}" y="{ly}" dy=".35em" text-anchor="{anchor}" class="label" '
        f'transform="rotate({round(degrees, 2)} {lx} {ly})">{name}</text>'
    )
    return f"{head}{label}</a>"


def _tooltip(person: DrawnPerson) -> str:
    if person.degree == 0:
        return person.full_name
    if person.degree == 1:
        where = _("first degree")
    elif person.degree == 2:
        where = _("second degree")
    else:
        where = _("on the path")
    return f"{person.full_name} · {where}"
