"""Geometry for the dashboard's server-rendered SVG charts; the templates only draw what this computes.

No JavaScript and no inline styles (the site's CSP): colours come from CSS classes, sizes from SVG attributes.
Templates print numbers with `stringformat:"s"`, so a Dutch locale never turns 12.5 into "12,5". Every chart
has a title and a description for screen readers, and the page shows its numbers as a table as well.
"""

from dataclasses import dataclass, field

WIDTH = 720
LABEL_WIDTH = 190
BAR_HEIGHT = 22


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    value: int
    title: str
    text: str = ""  # written next to or above the bar
    text_x: float = 0
    text_y: float = 0


@dataclass
class Row:
    label: str
    label_x: float
    label_y: float
    bars: list = field(default_factory=list)
    baselines: list = field(default_factory=list)  # (x, y, width) under vertical bars


@dataclass
class Chart:
    width: int
    height: int
    rows: list
    axis: list = field(default_factory=list)  # (x, y, label) under the plot


def _r(value):
    return round(value, 1)


def stacked_bars(rows):
    """rows: [(label, [(value, css, title), ...])] -> per row one bar, its parts as shares of the row's total."""
    plot = WIDTH - LABEL_WIDTH - 10
    row_height = 34
    chart_rows = []
    for index, (label, parts) in enumerate(rows):
        top = index * row_height + 6
        total = sum(value for value, _css, _title in parts) or 1
        row = Row(label, 0, _r(top + BAR_HEIGHT * 0.72))
        x = float(LABEL_WIDTH)
        for value, css, title in parts:
            width = plot * value / total
            if value:
                row.bars.append(Bar(_r(x), top, _r(width), BAR_HEIGHT, css, value, title))
            x += width
        chart_rows.append(row)
    return Chart(WIDTH, len(rows) * row_height + 12, chart_rows)


def percentage_bars(rows, css="bar-score"):
    """rows: [(label, percentage 0-100, title)] -> per row the label on a line of its own (labels are whole
    sentences) and under it a bar on a 0-100 scale over a light track, the value written after the bar."""
    plot = WIDTH - 60
    row_height = 52
    chart_rows = []
    for index, (label, percentage, title) in enumerate(rows):
        top = index * row_height + 4
        width = _r(plot * max(0, min(100, percentage)) / 100)
        row = Row(label, 0, top + 14)
        row.baselines.append((0, top + 22, plot))
        row.bars.append(
            Bar(0, top + 22, width, BAR_HEIGHT, css, percentage, title, f"{percentage}%", _r(width + 6), top + 38)
        )
        chart_rows.append(row)
    return Chart(WIDTH, len(rows) * row_height + 8, chart_rows)


def small_multiples(series, columns):
    """series: [(label, [count per column])], columns: [label] -> per series a row of vertical bars, one per
    column, scaled to the highest count; the count is written above every bar that is not zero."""
    plot = WIDTH - LABEL_WIDTH - 10
    step = plot / max(len(columns), 1)
    highest = max((count for _label, counts in series for count in counts), default=0) or 1
    row_height = 56
    chart_rows = []
    for index, (label, counts) in enumerate(series):
        top = index * row_height + 18
        bottom = top + 34
        row = Row(label, 0, top + 20)
        for column, count in enumerate(counts):
            x = LABEL_WIDTH + column * step + step * 0.2
            height = _r(30 * count / highest)
            row.baselines.append((_r(x), bottom, _r(step * 0.6)))
            if count:
                title = f"{label}, {columns[column]}: {count}"
                row.bars.append(
                    Bar(
                        _r(x),
                        _r(bottom - height),
                        _r(step * 0.6),
                        height,
                        "bar-lessons",
                        count,
                        title,
                        str(count),
                        _r(x + step * 0.3),
                        _r(bottom - height - 3),
                    )
                )
        chart_rows.append(row)
    height = len(series) * row_height + 40
    axis = [(_r(LABEL_WIDTH + index * step + step * 0.5), height - 8, label) for index, label in enumerate(columns)]
    return Chart(WIDTH, height, chart_rows, axis)
