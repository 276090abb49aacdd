"""Pure functions from plain data (lists, NumPy arrays) to Plotly figures.

No Streamlit here: every function takes arrays or histories and returns a
`plotly.graph_objects.Figure` with a fixed height, titled axes and alt text
(`describe(fig)`); empty inputs give an empty chart with axes, never an exception.
"""

from figures.activations import (
    UnitCurves,
    activation_figure,
    health_figure,
    learned_curves_figure,
    learned_units_figure,
    param_trace_figure,
    slope_histogram,
)
from figures.compare import (
    activation_overlay_figure,
    compare_figure,
    metric_axis_title,
    sweep_heatmap,
)
from figures.outputs import (
    class_labels,
    confidence_histogram,
    confusion_figure,
    decision_regions,
    probability_bars,
    unit_response_mosaic,
)
from figures.style import (
    DIVERGING,
    OKABE_ITO,
    apply_style,
    class_color,
    class_colors,
    class_symbol,
    describe,
    thin,
)
from figures.training import accuracy_figure, grad_norm_figure, loss_figure
from figures.weights import digit_weights_figure, layer_unit_labels, weight_heatmap

__all__ = [
    "DIVERGING",
    "OKABE_ITO",
    "UnitCurves",
    "accuracy_figure",
    "activation_figure",
    "activation_overlay_figure",
    "apply_style",
    "class_color",
    "class_colors",
    "class_labels",
    "class_symbol",
    "compare_figure",
    "confidence_histogram",
    "confusion_figure",
    "decision_regions",
    "describe",
    "digit_weights_figure",
    "grad_norm_figure",
    "health_figure",
    "layer_unit_labels",
    "learned_curves_figure",
    "learned_units_figure",
    "loss_figure",
    "metric_axis_title",
    "param_trace_figure",
    "probability_bars",
    "slope_histogram",
    "sweep_heatmap",
    "thin",
    "unit_response_mosaic",
    "weight_heatmap",
]
