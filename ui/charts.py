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
    if percent_axis:
        figure.update_yaxes(tickformat=".1%")
    return figure


def line(
    frame: pl.DataFrame, x: str, y: str, title: str, *, group: str | None = None,
    percent_axis: bool = False, names: dict[str, str] | None = None,
) -> go.Figure:  # fmt: skip
    """One line per group (or one line), gaps where a value is withheld."""
    figure = go.Figure()
    series = frame.partition_by(group, as_dict=True) if group else {("",): frame}
    for key, part in series.items():
        name = str(key[0]) if group else (names or {}).get(y, y)
        figure.add_trace(
            go.Scatter(
                x=part[x].to_list(), y=part[y].to_list(), mode="lines+markers", name=name,
                line={"color": colour(name) if group else MAIN, "width": 3},
                connectgaps=False,
            )
        )  # fmt: skip
    if frame.height and frame.schema[x] == pl.Date:
        month_ticks(figure, frame[x].unique().sort().to_list())
    return style(figure, title, percent_axis=percent_axis)


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
    wide = frame.pivot(on=x, index=y, values=z, aggregate_function="first").sort(y)
    columns = [c for c in wide.columns if c != y]
    figure = go.Figure(
        go.Heatmap(
            z=wide.select(columns).to_numpy().tolist(), x=columns,
            y=[str(v) for v in wide[y].to_list()], colorscale="Blues",
            texttemplate="%{z:.1%}" if percent_axis else "%{z}", hoverongaps=False,
        )
    )  # fmt: skip
    figure.update_yaxes(type="category")  # years are labels, not a number line
    return style(figure, title)


def finding(metric: str, current: float | None, previous: float | None, shown: str) -> str:
    """A title that states what happened: "Verloop steeg naar 13,5 %"."""
    from ui.i18n import t

    if current is None:
        return metric
    if previous is None or abs(current - previous) < 1e-9:
        key = "is_now" if previous is None else "stayed_at"
        return t(key, metric=metric, value=shown)
    return t("rose_to" if current > previous else "fell_to", metric=metric, value=shown)
