"""Plotly builders in the house style: one theme, a colour-blind-safe palette (Okabe–Ito), the
same colour for the same group on every page, Dutch or English number separators, and titles
that state the finding."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

from ui.i18n import language

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
           "#000000", "#999999")  # fmt: skip
MAIN = PALETTE[0]
COMPARE = PALETTE[8]
FONT = "Source Sans Pro, Arial, sans-serif"


def colour(group: str) -> str:
    """A group's colour: fixed by its name, so Sales is the same colour on every page."""
    return PALETTE[zlib.crc32(group.encode("utf-8")) % (len(PALETTE) - 2)]


def colours(groups: Sequence[str]) -> dict[str, str]:
    return {g: colour(g) for g in groups}


def style(
    figure: go.Figure, title: str, *, percent_axis: bool = False, height: int = 380
) -> go.Figure:
    """The house theme: large readable type for a projector, the title as the finding."""
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 20}},
        template="plotly_white",
        font={"family": FONT, "size": 15},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": -0.3, "x": 0},
        separators=",." if language() == "nl" else ".,",
        hoverlabel={"font_size": 14},
    )
    _group_thousands(figure)
    if percent_axis:
        figure.update_yaxes(tickformat=".1%")
    return figure


def subtitled(figure: go.Figure, subtitle: str) -> go.Figure:
    """A second, smaller title line, so that the title stays short enough for a half-width chart
    (a long Dutch title is cut off at the chart's edge, figures and all)."""
    figure.update_layout(
        title_subtitle={"text": subtitle, "font": {"size": 14, "color": "#555555"}},
        margin_t=88,
    )
    return figure


def _group_thousands(figure: go.Figure) -> None:
    """Counts of a thousand or more on a value axis with the session's thousands separator
    ("1.500"): Plotly writes four-digit ticks without one ("1500")."""
    largest = {"x": 0.0, "y": 0.0}
    for trace in figure.data:
        axis = "x" if getattr(trace, "orientation", None) == "h" else "y"
        values = getattr(trace, axis, None)
        numbers = [abs(v) for v in values or () if isinstance(v, int | float)]
        largest[axis] = max([largest[axis], *numbers])
    if largest["y"] >= 1000:
        figure.update_yaxes(tickformat=",d")
    if largest["x"] >= 1000:
        figure.update_xaxes(tickformat=",d")


def line(
    frame: pl.DataFrame, x: str, y: str, title: str, *, group: str | None = None,
    percent_axis: bool = False, names: dict[str, str] | None = None,
) -> go.Figure:  # fmt: skip
    """One line per group (or one line, named after the metric), gaps where a value is withheld.
    On a date axis the months are written in the session's language, in the ticks and the hover
    (Plotly would write both in English)."""
    figure = go.Figure()
    series = frame.partition_by(group, as_dict=True) if group else {("",): frame}
    dates = bool(frame.height) and frame.schema[x] == pl.Date
    for key, part in series.items():
        name = str(key[0]) if group else (names or {}).get(y) or _metric_name(y)
        hover = {}
        if dates:
            hover = {
                "hovertext": _hover_texts(part, x, y, percent_axis),
                "hovertemplate": f"%{{hovertext}}<extra>{name if group else ''}</extra>",
            }
        figure.add_trace(
            go.Scatter(
                x=part[x].to_list(), y=part[y].to_list(), mode="lines+markers", name=name,
                line={"color": colour(name) if group else MAIN, "width": 3},
                connectgaps=False, **hover,
            )
        )  # fmt: skip
    if dates:
        month_ticks(figure, frame[x].unique().sort().to_list())
    return style(figure, title, percent_axis=percent_axis)


def _metric_name(key: str) -> str:
    """A column named after a metric: the metric's label; any other column as it is."""
    from analytics.registry import registry
    from ui.i18n import label

    return label(key) if key in registry() else key


def _hover_texts(frame: pl.DataFrame, x: str, y: str, percent_axis: bool) -> list[str]:
    """Each point as "mrt 2025: 13,5 %", in the session's language."""
    from ui.fmt import month, number, percent

    lang = language()
    values = frame[y].to_list()
    whole = all(v is None or float(v).is_integer() for v in values)
    return [
        f"{month(d, lang)}: "
        + (percent(v, lang) if percent_axis else number(v, lang, 0 if whole else 1))
        for d, v in zip(frame[x].to_list(), values, strict=True)
    ]


def month_ticks(figure: go.Figure, days: list) -> None:
    """Month names on a date axis in the session's language (Plotly's own are English)."""
    from ui.fmt import month

    step = max(1, len(days) // 12)
    shown = days[::step]
    figure.update_xaxes(tickvals=shown, ticktext=[month(d, language()) for d in shown])


def bars(
    frame: pl.DataFrame, x: str, y: str, title: str, *, percent_axis: bool = False,
    horizontal: bool = False, key_column: str | None = None,
) -> go.Figure:  # fmt: skip
    """Bars per group in the group's colour; withheld groups are simply absent."""
    shown = frame.filter(pl.col(y).is_not_null())
    labels = [str(v) for v in shown[x].to_list()]
    values = shown[y].to_list()
    trace = go.Bar(
        x=values if horizontal else labels,
        y=labels if horizontal else values,
        orientation="h" if horizontal else "v",
        marker={"color": [colour(v) for v in labels]},
        customdata=shown[key_column or x].to_list(),
    )
    figure = style(go.Figure(trace), title, percent_axis=percent_axis and not horizontal)
    if percent_axis and horizontal:
        figure.update_xaxes(tickformat=".1%")
    return figure


def heatmap(
    frame: pl.DataFrame, x: str, y: str, z: str, title: str, *, percent_axis: bool = False
) -> go.Figure:
    """A grid of values (e.g. month × year); withheld cells stay empty."""
    from ui.fmt import number, percent

    wide = frame.pivot(on=x, index=y, values=z, aggregate_function="first").sort(y)
    columns = [c for c in wide.columns if c != y]
    cells = wide.select(columns).to_numpy().tolist()
    lang = language()
    # Cell texts written here, the session's way ("6,6 %"), not by Plotly ("6,6%").
    texts = [
        ["" if v is None or v != v else percent(v, lang) if percent_axis else number(v, lang, 1)
         for v in row]
        for row in cells
    ]  # fmt: skip
    figure = go.Figure(
        go.Heatmap(
            z=cells, x=columns, y=[str(v) for v in wide[y].to_list()], colorscale="Blues",
            text=texts, texttemplate="%{text}", hoverongaps=False,
        )
    )  # fmt: skip
    figure.update_yaxes(type="category")  # years are labels, not a number line
    return style(figure, title)


def finding(
    metric: str,
    current: float | None,
    previous: float | None,
    shown: str,
    previous_shown: str | None = None,
) -> str:
    """A title that states what happened: "Verloop steeg naar 13,5 %". A change too small to show
    (both values read the same, e.g. +16 and +16) is no rise or fall."""
    from ui.i18n import t

    if current is None:
        return metric
    if previous is None or abs(current - previous) < 1e-9 or previous_shown == shown:
        key = "is_now" if previous is None else "stayed_at"
        return t(key, metric=metric, value=shown)
    return t("rose_to" if current > previous else "fell_to", metric=metric, value=shown)
