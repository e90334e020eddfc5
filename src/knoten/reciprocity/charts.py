"""Charts drawn on the server as SVG: no script, no chart library, nothing from another host.

Each function takes numbers and labels already in the reader's language and returns the
markup of one ``<svg>``. Colours come from classes styled in ``web/knoten.css`` (the
Content-Security-Policy allows no inline style); every chart carries a title and a
description for screen readers, and the page shows the same figures as a table.

The drawing is sized in a 480 × 260 box that the page scales to its width, so that the
text stays readable on a 375-pixel-wide phone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 480
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 46, 16, 44, 46
LABEL_WIDTH = 38  # room for one label under the x axis, in drawing units
HEADROOM = 1.15  # the scatter's axes reach this much past its furthest point
NAME_LENGTH = 18  # a point's name beside it is cut to this many characters
NAMED_POINTS = 8  # how many points of a scatter chart are named beside them


@dataclass(frozen=True)
class Series:
    """One row of bars: its name (in the legend), its CSS class and a value per label."""

    name: str
    css: str
    values: Sequence[float]


@dataclass(frozen=True)
class Point:
    """One dot of a scatter chart, with what its tooltip says and where it links."""

    name: str
    x: float
    y: float
    css: str
    tip: str
    href: str = ""


def number(value: float, places: int = 0) -> str:
    """A number in the reader's locale (``1,234`` or ``1.234``), rounded half up."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return str(formats.number_format(rounded, places, use_l10n=True, force_grouping=True))


def nice_ticks(highest: float, most: int = 5) -> list[float]:
    """Round steps from 0 to at least ``highest``: 0, 2, 4, 6 or 0, 50, 100 …"""
    if highest <= 0:
        return [0, 1]
    rough = highest / most
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    if step < 1 and highest >= 1:
        step = 1
    count = math.ceil(highest / step - 1e-9)
    return [round(i * step, 6) for i in range(count + 1)]


class _Drawing:
    """The parts of one chart, joined into an ``<svg>`` at the end."""

    def __init__(self, ident: str, title: str, description: str) -> None:
        self.ident = ident
        self.parts: list[str] = [
            format_html('<title id="{}-title">{}</title>', ident, title),
            format_html('<desc id="{}-desc">{}</desc>', ident, description),
        ]

    def add(self, template: str, *args: object) -> None:
        self.parts.append(format_html(template, *args))

    def svg(self, css: str) -> SafeString:
        # A picture, unless its points are links: then a group, whose links stay
        # reachable (an image's children are not; axe-core: nested-interactive).
        role = "group" if any("<a " in part for part in self.parts) else "img"
        head = format_html(
            '<svg class="chart {}" viewBox="0 0 {} {}" role="{}" '
            'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg">',
            css,
            WIDTH,
            HEIGHT,
            role,
            self.ident,
            self.ident,
        )
        # Every part was built with format_html, which escaped what it was given.
        return mark_safe(head + "".join(self.parts) + "</svg>")


def _y_axis(drawing: _Drawing, ticks: list[float], places: int = 0) -> float:
    """Grid lines and labels of the y axis; the drawing units per y unit."""
    plot_height = HEIGHT - TOP - BOTTOM
    scale = plot_height / ticks[-1]
    for tick in ticks:
        y = HEIGHT - BOTTOM - tick * scale
        drawing.add(
            '<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}"/>',
            LEFT,
            f"{y:.1f}",
            WIDTH - RIGHT,
            f"{y:.1f}",
        )
        drawing.add(
            '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>',
            LEFT - 6,
            f"{y + 5:.1f}",
            number(tick, places if tick != int(tick) else 0),
        )
    return scale


def _legend(drawing: _Drawing, entries: Sequence[tuple[str, str]]) -> None:
    x = LEFT
    for name, css in entries:
        drawing.add(
            '<rect class="key {}" x="{}" y="{}" width="12" height="12" rx="2"/>', css, x, 10
        )
        drawing.add('<text class="legend" x="{}" y="{}">{}</text>', x + 17, 21, name)
        x += 17 + 9 * len(name) + 16


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    ident: str,
    title: str,
    description: str,
    years: Sequence[str] = (),
) -> SafeString:
    """Bars side by side for each label (a month), one colour per series.

    ``years``, if given, is a second line under a label where the year changes.
    """
    drawing = _Drawing(ident, title, description)
    _legend(drawing, [(s.name, s.css) for s in series])
    highest = max((v for s in series for v in s.values), default=0)
    ticks = nice_ticks(highest)
    scale = _y_axis(drawing, ticks)
    count = max(len(labels), 1)
    group = (WIDTH - LEFT - RIGHT) / count
    bar = group * 0.8 / max(len(series), 1)
    every = max(1, math.ceil(count * LABEL_WIDTH / (WIDTH - LEFT - RIGHT)))
    base = HEIGHT - BOTTOM
    for index, label in enumerate(labels):
        left = LEFT + index * group + group * 0.1
        for number_of, one in enumerate(series):
            value = one.values[index]
            height = value * scale
            drawing.add(
                '<rect class="bar {}" x="{}" y="{}" width="{}" height="{}">'
                "<title>{}: {} {}</title></rect>",
                one.css,
                f"{left + number_of * bar:.1f}",
                f"{base - height:.1f}",
                f"{max(bar - 1, 1):.1f}",
                f"{height:.1f}",
                label,
                one.name,
                number(value),
            )
        if index % every == 0:
            middle = LEFT + (index + 0.5) * group
            drawing.add(
                '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                f"{middle:.1f}",
                base + 18,
                label,
            )
            year = years[index] if index < len(years) else ""
            if year:
                drawing.add(
                    '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                    f"{middle:.1f}",
                    base + 35,
                    year,
                )
    drawing.add(
        '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>', LEFT, base, WIDTH - RIGHT, base
    )
    return drawing.svg("bars")


def _short(name: str) -> str:
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1] + "…"


def scatter_chart(
    points: Sequence[Point],
    *,
    ident: str,
    title: str,
    description: str,
    x_label: str,
    y_label: str,
    legend: Sequence[tuple[str, str]] = (),
) -> SafeString:
    """A dot per point, ``x`` across and ``y`` up; the points furthest right are named."""
    drawing = _Drawing(ident, title, description)
    _legend(drawing, legend)
    x_ticks = nice_ticks(max((p.x for p in points), default=0) * HEADROOM)
    y_ticks = nice_ticks(max((p.y for p in points), default=0) * HEADROOM)
    y_scale = _y_axis(drawing, y_ticks)
    plot_width = WIDTH - LEFT - RIGHT
    x_scale = plot_width / x_ticks[-1]
    base = HEIGHT - BOTTOM
    for tick in x_ticks:
        x = LEFT + tick * x_scale
        drawing.add(
            '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
            f"{x:.1f}",
            base + 18,
            number(tick),
        )
    drawing.add(
        '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>', LEFT, base, WIDTH - RIGHT, base
    )
    drawing.add('<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>', LEFT, TOP, LEFT, base)
    drawing.add(
        '<text class="axis-label" x="{}" y="{}" text-anchor="end">{}</text>',
        WIDTH - RIGHT,
        base + 40,
        x_label,
    )
    drawing.add(
        '<text class="axis-label" x="{}" y="{}" text-anchor="middle" '
        'transform="rotate(-90 {} {})">{}</text>',
        12,
        (TOP + base) // 2,
        12,
        (TOP + base) // 2,
        y_label,
    )
    named = {id(p) for p in sorted(points, key=lambda p: (-p.x, -p.y))[:NAMED_POINTS]}
    # The busiest last, so that their dots lie on top.
    for point in sorted(points, key=lambda p: (p.x, p.y)):
        cx = LEFT + point.x * x_scale
        cy = base - point.y * y_scale
        dot = format_html(
            '<circle class="dot {}" cx="{}" cy="{}" r="5"><title>{}</title></circle>',
            point.css,
            f"{cx:.1f}",
            f"{cy:.1f}",
            point.tip,
        )
        if point.href:
            drawing.add('<a href="{}">{}</a>', point.href, dot)
        else:
            drawing.parts.append(dot)
        if id(point) in named:
            right_side = cx > WIDTH - RIGHT - 110
            drawing.add(
                '<text class="point-label" x="{}" y="{}" text-anchor="{}">{}</text>',
                f"{cx - 8 if right_side else cx + 8:.1f}",
                f"{cy - 6:.1f}",
                "end" if right_side else "start",
                _short(point.name),
            )
    return drawing.svg("scatter")
