"""Quick redraws while training: build a chart once, then swap in new data.

Building a Plotly figure validates every point of every list (tens of
milliseconds for a few curves); giving the traces of a figure already built new
NumPy arrays takes well under one. So while a run trains, each curve chart is
built once by its ``figures`` function and later frames only replace its traces'
x and y, by trace name. Whenever its shape changes (other traces, new events,
another font size) or a trace name is missing, it is simply built again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

Series = Mapping[str, tuple[np.ndarray, np.ndarray]]


def as_array(values: Sequence[float | None]) -> np.ndarray:
    """Floats with NaN for missing values (Plotly draws them as gaps)."""
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def refresh(fig: go.Figure, series: Series) -> bool:
    """Put new (x, y) into the named traces; False if a name is not there."""
    traces = {trace.name: trace for trace in fig.data}
    if not set(series) <= set(traces):
        return False
    with fig.batch_update():
        for name, (x, y) in series.items():
            traces[name].x = x
            traces[name].y = y
    return True


class LiveFigures:
    """Figures kept for one script run, reused while their shape stays the same."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[Hashable, go.Figure]] = {}

    def figure(
        self,
        name: str,
        shape: Hashable,
        build: Callable[[], go.Figure],
        series: Series,
    ) -> go.Figure:
        """The kept figure with new data, or a freshly built one."""
        kept = self._kept.get(name)
        if kept is not None and kept[0] == shape and refresh(kept[1], series):
            return kept[1]
        fig = build()
        self._kept[name] = (shape, fig)
        return fig
