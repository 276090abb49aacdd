"""Every user-facing word of the dashboard and its charts, in one place to read,
revise and, later, translate.

The app (app.py, dashboard/) and the figures package (figures/) take all the text
they show from here: labels, help, messages, chart titles, axis titles, trace
names, hover texts and alt text. This module imports nothing from the app, so the
dependency stays one-way: app -> dashboard -> figures -> wording.
"""

from __future__ import annotations

TITLE = "Learning Activations"
TAGLINE = (
    "Watch a small neural network learn: set it up in the sidebar, press **Train** "
    "(or the **T** key), and see the loss fall, the weights change and the output "
    "probabilities sharpen."
)

HELP = {
    "lesson": "Ready-made settings for a lesson. Pick one and press Load lesson: "
    "every control is set and a fresh run starts at epoch 0.",
    "load_lesson": "Put every control at this lesson's values and start a new run.",
    "data": "What the network learns to classify. The 2-D sets can be drawn as "
    "maps of the input plane; the seed report's labels are random, so there is "
    "nothing real to learn.",
    "n_report": "How many random samples to draw (the report used 100).",
    "n_2d": "How many points to draw, shared evenly among the classes.",
    "noise": "Standard deviation of random jitter added to every point "
    "(the sets span about −1 to 1: 0.1 is mild, 0.5 is heavy).",
    "val": "Share of the samples held out for validation: the network never "
    "trains on them, so they show whether it learned or memorised. 0 = no split.",
    "upload_file": "A CSV file with a header row: numeric feature columns and one "
    "column naming each row's class. At most 5 MB.",
    "label_col": "The column that names each row's class; every other column "
    "must hold numbers.",
    "hidden": "Units in each hidden layer: more units can draw more complicated "
    "boundaries, and can memorise more.",
    "layers": "How many hidden layers, each with the number of units above.",
    "act": "The function each hidden unit applies to its weighted input z. "
    "The Activations tab draws it and its slope.",
    "lr": "Step size of each update (log scale). Too small: slow. Too large: the "
    "loss jumps around or blows up. Takes effect mid-run.",
    "epochs": "How many passes over the training data. Can be raised mid-run.",
    "batch": "Samples per update. Full batch = one update per epoch from all the "
    "data (the seed report); small batches = many noisier updates per epoch.",
    "opt": "How gradients turn into updates: plain gradient descent, with "
    "momentum (remembers past steps) or Adam (adapts the step per parameter).",
    "l2": "Weight decay: adds L2/2 · ΣW² to the loss, pulling weights towards 0. "
    "Takes effect mid-run.",
    "init": "How the starting weights are drawn. Xavier suits sigmoid and tanh; "
    "He suits ReLU.",
    "seed": "One number fixes the data, the starting weights and the shuffling: "
    "the same seed gives the same run, bit for bit.",
    "speed": "Slows small runs down so a class can watch them learn. Full speed "
    "trains as fast as the machine can.",
    "present": "Projector mode: larger text and charts, taller charts, and the "
    "sidebar parts chosen below hidden. Saved in the link, so a prepared link "
    "opens ready to present.",
    "train": "Start or continue training (keyboard: T).",
    "pause": "Stop after the current chunk; Train continues exactly (keyboard: P).",
    "step": "Train exactly one epoch, then stop (keyboard: S).",
    "reset": "Throw the run away and start again at epoch 0 with the current "
    "settings (keyboard: X).",
    "replay": "Show the weights as they were at an earlier epoch. Every epoch up "
    "to 50 is kept, then fewer and fewer (at most about 200 per run).",
    "download_npz": "The current weights and biases, plus the mean and scale used "
    "to standardise inputs (numpy .npz, loads with allow_pickle=False).",
    "download_csv": "Loss, accuracy and gradient norms of every epoch, as CSV.",
    "example": "Small CSV files that come with the app, each made for a lesson "
    "(examples/README.md says more).",
    "load_example": "Use this file as the dataset, exactly as if you had uploaded "
    "it; its last column is the label. A fresh run starts at epoch 0.",
}

SHORTCUTS = {"train": "T", "pause": "P", "step": "S", "reset": "X"}

EXPLAIN = {
    "Training": r"""
**Loss** is how wrong the network is, averaged over the training samples: the mean
cross-entropy between its softmax output $p$ and the true class $y$,

$$L = -\frac{1}{n}\sum_{i=1}^{n} \log p_{i, y_i} \;+\; \frac{\lambda}{2}\sum W^2 .$$

A network that guesses uniformly among $K$ classes scores $\log K$ (1.10 for three
classes). Each epoch, backpropagation computes $\partial L / \partial W$ and the
optimizer steps against it: $W \leftarrow W - \eta\, \partial L/\partial W$ for plain
gradient descent with learning rate $\eta$.

**Validation** numbers come from samples the network never trains on. When the
training loss keeps falling but the validation loss rises, the network is
memorising its training set rather than learning a rule. (With the seed report's
random labels there is no rule: validation accuracy stays at chance, about 1/3.)

**Gradient norm** $\lVert \partial L / \partial \theta_\ell \rVert$ per layer shows
how strongly each layer is being pushed: values shrinking towards zero in early
layers mean vanishing gradients; values shooting up warn of divergence.
""",
    "Weights": r"""
Each layer computes $z = a_{\text{prev}} W + b$. A cell of a heatmap is one weight
$W_{jk}$: how strongly unit $j$ of the layer before pushes unit $k$ of this layer
(**orange** up, **blue** down, white about zero). The colour range is fixed for the
whole run, so you can see weights grow. Hover a cell to see which units it
connects; replay earlier epochs with the slider.
""",
    "Outputs": r"""
The output layer turns the last scores $z$ into probabilities with the softmax,
$p_k = e^{z_k} / \sum_j e^{z_j}$, which are positive and sum to 1. Each bar is one
sample: its coloured parts are the probabilities of the classes, the true class at
the bottom. Training pushes the true class's share towards 1. The **confusion
matrix** counts true against predicted class (the predicted class is the largest
$p_k$). For 2-D data, the **decision regions** colour every point of the input
plane by the class the network would predict there, paler where it is unsure.
""",
    "Activations": r"""
Each hidden unit applies an activation $f$ to its weighted input
$z = a_{\text{prev}} W + b$. Backpropagation multiplies the error by the slope
$f'(z)$ on its way back, so where the slope is nearly flat (**saturated**) a unit
barely learns, and a ReLU unit whose $z$ is negative for every sample (**dead**)
stops learning entirely. The grey histogram shows where the real pre-activations
of the training data fall right now.
""",
}

NO_UPLOAD = (
    "Upload a CSV file to train on your own data. Until a valid file is in, the "
    "current run keeps its dataset."
)
UPLOAD_KEPT = "The previous dataset stays active."
EXAMPLES_TITLE = "Example datasets"
EXAMPLES_PICK = "Example file"
EXAMPLES_LOAD = "Load example"


def diverged(epoch: int, reason: str, kept: int) -> str:
    """The banner shown when training blows up."""
    return (
        f"**Training diverged at epoch {epoch}**: {reason}. The history up to "
        f"epoch {kept} is kept. Lower the learning rate and press Train to continue "
        "from there, or press Reset to start again."
    )


def hard_change(fields: list[str], epoch: int) -> str:
    """The notice shown when a setting the network cannot take on changed mid-run."""
    what = ", ".join(fields)
    return (
        f"You changed the {what} of a run that is already at epoch {epoch}. "
        "The network cannot take that on, so training is paused: press **Reset** "
        "to start a new run with the new settings, or change them back to continue."
    )


def url_ignored(items: list[str]) -> str:
    """The notice for query parameters Streamlit dropped as invalid."""
    return (
        "Some settings in the link were not valid and were ignored (defaults used "
        "instead): " + ", ".join(items) + "."
    )


def config_error(message: str) -> str:
    return f"These settings cannot be trained: {message}"


def data_error(message: str) -> str:
    return f"This dataset cannot be used: {message}"


# ================================================================ Learn tab, lessons,
# presentation mode (the Learn / lessons / presentation helper's section)

LEARN_TAB = "Learn"
LEARN_INTRO = (
    "One training step on **one sample**, a stage per click: the forward pass, the "
    "loss, the backward pass (backpropagation) and the update, with the live "
    "numbers of the current network. Train a little and come back: the same "
    "sample gives different numbers."
)
LEARN_EXPLAIN = r"""
**Notation.** A sample is a row vector $x$; a layer's weights $W$ have one row per
input and one column per unit, so $z = x\,W + b$ is one row of weighted sums.
Superscripts number the layers, $(\text{out})$ is the output layer. $\delta = \partial
L / \partial z$ is the error signal at a layer's weighted sums; $\odot$ multiplies
entry by entry; $^\top$ turns a row into a column. Numbers are rounded to three
significant digits; matrices too big to read show their top-left corner.

**Where the numbers come from.** Every number is computed by the network's own code
(the same forward pass, backpropagation and update that training uses); this tab
only lays them out. The last stage checks backpropagation against the slow,
obviously-correct way: nudge one weight, see how the loss changes.
"""
LEARN_HELP = {
    "sample": "Which training sample to follow (row number of the training set, "
    "after standardisation).",
    "next": "Show the next stage (keyboard: Page Down, which a presenter's "
    "clicker sends).",
    "back": "Show the previous stage (keyboard: Page Up).",
    "start": "Back to the first stage.",
}
LEARN_SHORTCUTS = {"next": "PageDown", "back": "PageUp"}
LEARN_PHASES = {
    "Forward": "Forward pass",
    "Loss": "Loss",
    "Backward": "Backward pass",
    "Update": "Update",
    "Check": "Gradient check",
}
LEARN_TITLES = {
    "sample": "The sample",
    "hidden": "Hidden layer {layer}: weighted sum, then {name}",
    "logits": "Output layer: one score per class",
    "softmax": "Softmax: scores to probabilities",
    "loss": "Cross-entropy of the true class",
    "output_backward": "The error at the output",
    "hidden_backward": "Back through hidden layer {layer}",
    "update": "One gradient-descent step",
    "check": "Backprop against finite differences",
}
LEARN_TEXT = {
    "sample": "The input is one row $x$ of the training data ({features}); $y$ is "
    "its true class. Inputs were standardised (mean 0, spread 1) with the "
    "training set's statistics.",
    "hidden": "Each unit of layer {layer} takes a weighted sum of its inputs plus "
    "a bias ($z$), then bends it with the activation $f$ ($a = f(z)$). The first "
    "line under the matrices spells out unit 1's sum.",
    "logits": "The output layer is a weighted sum again, with no activation: one "
    "score per class. A higher score means the network leans towards that class.",
    "softmax": "Softmax exponentiates the scores and divides by their sum, so "
    "they become positive and add up to 1. The network says **{predicted}** "
    "(p = {p}); the true class is **{true}** (p = {p_true}): {verdict}.",
    "loss": "Cross-entropy looks only at the probability of the true class: "
    "−log p is 0 when the network is sure and right, and grows without limit as "
    "p falls to 0. Guessing evenly among {n_classes} classes scores log "
    "{n_classes} = {chance}.",
    "output_backward": "Backpropagation starts here. For softmax with "
    "cross-entropy the error signal $\\delta$ at the scores is simply $p$ minus "
    "the one-hot true class: positive for classes the network over-rates, "
    "negative for the true one. A weight's gradient is the input it carries "
    "times the error at its end.",
    "hidden_backward": "The error flows back through the weights into layer "
    "{layer} ($\\delta W^\\top$), then through the activation's slope $f'(z)$: "
    "where the slope is near 0 (a saturated or dead unit), almost no error "
    "gets through and that unit barely learns.",
    "update": "Each parameter takes a small step against its gradient, scaled by "
    "the learning rate $\\eta$. Shown: one plain gradient-descent step on this "
    "one sample (your run may use another optimizer, or average many samples, "
    "but the gradients are these). The loss on this sample after the step is "
    "shown last: it should be a little lower.",
    "check_pass": "Backpropagation's gradients agree with finite differences "
    "(nudge each weight by ±ε and watch the loss) to a relative error of "
    "{error}, below {tolerance}: **the backward pass is right.**",
    "check_fail": "Backpropagation and finite differences differ by a relative "
    "error of {error}, above {tolerance}. This can happen when a pre-activation "
    "sits right on a kink (ReLU at 0), where the slope is not defined; try "
    "another sample.",
}
LEARN_VERDICT = {"right": "a correct guess", "wrong": "a wrong guess"}
LEARN_MANY_FEATURES = "{n} features"
LEARN_SUMMARY = (
    "**{name}** is {shape}, too big to show whole (its corner is shown): "
    "min {low}, max {high}, mean |·| {mean_abs}, norm {norm}."
)
LEARN_CHECK_HEADER = (
    "| Layer | Parameter | Entries checked | Relative error |\n|---:|:---|---:|---:|"
)
LEARN_CHECK_SAMPLED = (
    "This network is large, so a spread sample of entries from every weight "
    "matrix and bias is checked (every entry would take a while)."
)
LEARN_CHECK_ROW = "| {layer} | {param} | {n} | {error} |"
LEARN_CHECK_LIVE = "The gradient check runs when training is paused."
LEARN_PASS = "Gradient check passed"
LEARN_FAIL = "Gradient check failed"
LEARN_DIVERGED = (
    "This run diverged: its numbers are not finite. Reset or lower the learning "
    "rate to walk through a step."
)

# What to watch in each lesson and why it happens, keyed by the picker's titles
# (dashboard.settings.LESSONS); shown above the tabs once a lesson is loaded.
LESSON_NOTES = {
    "Seed report (the reference run)": "The report's own setup: 100 random "
    "samples, 5 sigmoid units, learning rate 0.01, 500 epochs. **Watch** the "
    "loss fall slowly from about 1.2 towards 1.1, like the report's five "
    "logged losses (✕ marks). **Why** so slowly: a small learning rate and "
    "labels with nothing to learn.",
    "Seed report: learning or memorising?": "The same random data, now with 30% "
    "held out. **Watch** the training loss fall while the validation accuracy "
    "stays near **1/3**, the chance level for 3 classes. **Why:** the labels are "
    "random, so there is no rule to find; a falling training loss here is "
    "**memorisation** of the training samples, and it cannot carry over to "
    "samples the network has never seen.",
    "XOR needs a non-linear hidden layer": "A hidden layer with the *linear* "
    "activation. **Watch** the accuracy stall far below 100% and the decision "
    "regions (Outputs tab) stay a straight cut. **Why:** linear layers stacked "
    "are still one linear map, and no single straight line separates XOR. "
    "**Then** set Activation to Tanh and press Train: the regions bend and the "
    "accuracy climbs.",
    "A learning rate too high": "Learning rate 30 on the moons. **Watch** the "
    "loss jump about and blow up (a divergence banner). **Why:** each step "
    "overshoots the bottom of the valley by more than it started from. "
    "**Then** set the learning rate to 0.5 and press Reset and Train.",
    "Deep sigmoid nets saturate": "Four sigmoid layers on the spiral. **Watch** "
    "the loss sit on a plateau and the early layers' gradient norms stay tiny "
    "(Training tab). **Why:** sigmoid's slope is at most 1/4, and backprop "
    "multiplies one slope per layer, so the error fades on its way back. "
    "**Then** switch the activations to ReLU.",
    "Dead ReLUs": "ReLU with a large learning rate (3). **Watch** the Activations "
    "tab's dead-unit count grow. **Why:** one big step can push a unit's "
    "weighted input below 0 for every sample; ReLU's slope there is 0, so no "
    "gradient ever reaches it again. **Then** try learning rate 0.3.",
    "A learnable activation (Swish-β)": "Swish with a learnable β per unit, "
    "trained with Adam. **Watch** the Activations tab: each unit's curve moves "
    "away from its start as β is learned. **Why:** β gets a gradient like any "
    "weight. **Then** set Activation to SiLU, the same curve with β fixed at 1: "
    "it ends at a slightly higher training loss, with about the same validation "
    "accuracy.",
}
LESSON_NOTE_DEFAULT = (
    "Settings tested to train well on this dataset. **Watch** the loss fall and "
    "the accuracy rise; on 2-D sets the Outputs tab draws the decision regions "
    "as they form."
)
LESSON_NOTE_HIDE = "Hide this note"
LESSON_NOTE_HIDE_HELP = "Put the note away; loading a lesson shows it again."


def lesson_note(title: str) -> str:
    """The note shown once a lesson is loaded: its title, what to watch, why."""
    return f"**Lesson: {title}.** " + LESSON_NOTES.get(title, LESSON_NOTE_DEFAULT)


PRESENT_HIDE_HELP = (
    "While presenting, hide these parts of the sidebar, to leave the class "
    "less to read. Hidden controls keep their values. Saved in the link."
)
PRESENT_HEADER = "Presentation"


# ---------------------------------------------------------------- Activations tab
# Strings of the Activations tab (replay, learned curves, parameters, closest
# classic shape, unit health), kept together for the helper who owns that tab.

ACT_REPLAY = "Show epoch"
ACT_REPLAY_HELP = (
    "Show the activations as they were at an earlier epoch. Every epoch up to 50 "
    "is kept, then fewer and fewer (at most about 200 per run). While training "
    "runs, the view follows the latest epoch; pause to look back."
)
ACT_HEALTH_HEADER = "Unit health over training"
ACT_SATURATED_HELP = (
    "Units whose slope |f′(z)| is under 0.05 for most training samples: they pass "
    "back less than 5% of the error, so they learn slowly."
)
ACT_DEAD_HELP = (
    "Units whose output is the same for every training sample: they can teach the "
    "next layer nothing."
)
ACT_CAPTIONS = {
    "fixed": "The curve is the same for every unit; the grey bars show where this "
    "layer's pre-activations z fall on the training data.",
    "learned": "Top: each unit's own learned f(z); bottom: its slope f′(z). Each "
    "unit is drawn only over the z it sees on the training data at this epoch. "
    "Dashed: the same unit at epoch 0. Faded: a few epochs in between. Click a "
    "unit in the legend to hide it.",
    "params": "Every learnable parameter of every unit, at each kept epoch; the "
    "dotted line marks the epoch on show.",
    "shapes": "Which textbook function, stretched and shifted (c₀ + c₁·g(z)), "
    "traces each unit's learned curve over the z it sees. R² = 1 is a perfect "
    "match; shapes listed as *also* fit within 0.001.",
    "health": "Solid: share of the layer's units that are saturated; dotted: "
    "share that are dead, at each kept epoch.",
    "slopes": "How steep each unit is at each training sample. Mass in the grey "
    "band |f′| < 0.05 means little error flows back through those units.",
    "grads": "The size of each layer's gradient. Falling towards 0 in the first "
    "layers while later ones stay large: vanishing gradients.",
    "live": "Training: a lighter view. Pause to see the parameters, the closest "
    "classic shapes and the unit-health charts.",
}
ACT_SHAPE_NAMES = {
    "identity": "identity z",
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU",
    "tanh": "tanh",
    "sigmoid": "sigmoid",
    "softplus": "softplus",
    "abs": "|z|",
    "square": "z²",
}
ACT_SHAPE_COLUMNS = {
    "unit": "Unit",
    "range": "z it sees",
    "shape": "Closest shape",
    "fit": "Best fit",
    "r2": "R²",
    "also": "Also fits",
}
ACT_FLAT = "flat: any shape fits"
# Display formulas each on one line: KaTeX in st.markdown needs $$...$$ unbroken.
_TEX_PAU = (
    r"$$f(z) = \dfrac{a_0 + a_1 z + \dots + a_5 z^5} {1 + |b_1 z| + |b_2 z^2| "
    r"+ |b_3 z^3| + |b_4 z^4|}$$"
)
_TEX_THETA_GRAD = (
    r"$$\dfrac{\partial L}{\partial \theta_j} = \sum_i \delta a_{ij}\, "
    r"\dfrac{\partial f(z_{ij};\theta_j)}{\partial \theta_j} .$$"
)
_TEX_R2 = (
    r"$$R^2 = 1 - \dfrac{\sum_k \big(f(z_k) - c_0 - c_1 g(z_k)\big)^2} "
    r"{\sum_k \big(f(z_k) - \bar f\big)^2} .$$"
)
_TEX_GRAD_NORM = (
    r"$$\sqrt{\lVert \partial L/\partial W_l \rVert^2 + \lVert \partial "
    r"L/\partial b_l \rVert^2 + \lVert \partial L/\partial \theta_l "
    r"\rVert^2} .$$"
)
ACT_EXPLAIN = (
    r"""
**The activation and its slope.** A hidden unit $j$ computes
$z_j = a_{\text{prev}} W_{:,j} + b_j$ and outputs $a_j = f(z_j)$. On the way back,
backpropagation multiplies the error by the slope:
$\delta z_j = \delta a_j \cdot f'(z_j)$. Where $f'$ is nearly 0 the unit barely
learns.

**Learned activations.** PReLU, Swish-β, APL and PAU give every unit $j$ its own
parameters $\theta_j$, so every unit has its own curve $f(z;\theta_j)$:

- PReLU: $f(z) = \max(0, z) + a \min(0, z)$
- Swish-β: $f(z) = z\,\sigma(\beta z)$
- APL: $f(z) = \max(0, z) + \sum_{s=1}^{2} a_s \max(0, -z + b_s)$
- PAU (a ratio of polynomials, the denominator never 0):

"""
    + _TEX_PAU
    + r"""

Training moves $\theta_j$ like any weight,
$\theta_j \leftarrow \theta_j - \eta\, \partial L / \partial \theta_j$, with the
gradient summed over the samples $i$:

"""
    + _TEX_THETA_GRAD
    + r"""

Each curve is drawn from $\min_i z_{ij}$ to $\max_i z_{ij}$, the inputs unit $j$
really sees: outside that range its shape makes no difference to this data.
The replay slider shows any kept epoch; the parameter chart shows each
$\theta_j$ over the epochs.

**Closest classic shape.** For each shape $g$ in {$z$, ReLU, leaky ReLU, tanh,
sigmoid, softplus, $|z|$, $z^2$}, least squares finds the stretch and shift
$c_0 + c_1 g(z)$ closest to the unit's curve on a grid $z_1 \dots z_m$ over its
range, scored by

"""
    + _TEX_R2
    + r"""

Several shapes can tie: where a unit only sees $z > 0$, ReLU, leaky ReLU and the
identity are the same straight line.

**Unit health.** A unit is *saturated* when $|f'(z_{ij})| < 0.05$ for more than
half of the training samples $i$, and *dead* when its output never changes:
$\max_i a_{ij} - \min_i a_{ij} < 10^{-6}$. The slope histogram shows all the
$f'(z_{ij})$ of a layer at once. The **gradient norm** of layer $l$, drawn on a
log scale, is

"""
    + _TEX_GRAD_NORM
    + r"""
"""
)


# ---------------------------------------------------------------- robustness
# Bad inputs, resource limits and weights files read back (issue 6).

HELP["load_weights"] = (
    "A weights file (.npz) downloaded from this app. It must match the current "
    "dataset, hidden layers and activations. The run starts again at epoch 0 from "
    "its weights: look at them in the tabs, or press Train to go on. At most 5 MB."
)


def plain(value: object, limit: int = 60) -> str:
    """User-supplied text shown inert: in a code span, which nothing can leave."""
    shown = str(value).replace("`", "'").replace("\n", " ").replace("\r", " ")
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f"`{shown}`"


def too_much_work(message: str) -> str:
    """Why a run was refused: it would hold the shared server too long."""
    return (
        f"These settings are too big to train on this shared server: {message}. "
        "The current run is kept."
    )


def weights_error(message: str) -> str:
    return f"This weights file cannot be used: {message}. The current run is kept."


def weights_loaded(file_name: str, epoch: int | None) -> str:
    trained = "" if epoch is None else f" (trained for {epoch} epochs)"
    return (
        f"Loaded {plain(file_name)}{trained}. The run starts again at epoch 0 from "
        "these weights: press Train to go on training."
    )


# What is wrong with a weights file (dashboard.weights_file): the reason in
# weights_error's "This weights file cannot be used: {reason}."
WEIGHTS_ERRORS = {
    "too_big": "the file is {size_mb:.1f} MB; at most {limit_mb:.0f} MB are allowed",
    "empty": "the file is empty",
    "array_damaged": "the array {name} is damaged",
    "objects": "it holds Python objects, which are never loaded (only plain arrays)",
    "claims_more": "the array {name} claims more data than it holds",
    "not_npz": "it is not a .npz weights file (use Download → Weights (.npz) of "
    "this app)",
    "other_things": "it holds other things than the arrays of a weights file",
    "unpacks": "its arrays unpack to {size_mb:.0f} MB; at most {limit_mb:.0f} MB "
    "are allowed",
    "damaged": "it is damaged ({error})",
    "not_numbers": "{name} must be a {ndim}-D array of numbers, got shape {shape} "
    "of dtype {dtype}",
    "not_finite": "{name} holds {bad} NaN or infinite value(s)",
    "not_names": "{name} must be a list of names, got dtype {dtype}",
    "missing": "it has no {names} array(s)",
    "too_deep": "it has {n_hidden} hidden layers; at most {limit} are allowed",
    "activations": "activations must name one function per hidden layer "
    "({n_hidden}), got {names}",
    "unknown": "unknown activation(s): {names}",
    "W_rows": "W{layer} must have {n_in} rows (inputs), got shape {shape}",
    "b_shape": "b{layer} must have shape ({n_out},), got {shape}",
    "theta_shape": "theta{layer} must have shape ({n_out}, {k}), got {shape}",
    "scaling": "mean and scale must have the same length, and scale be > 0",
    "classes": "the output layer must have at least 2 classes",
    "epoch": "epoch must be a count >= 0, got {value!r}",
    "sizes": "its network takes {n_in} features and tells {n_out} classes apart, "
    "but the current dataset has {n_features} features and {n_classes} classes: "
    "choose the dataset it was trained on",
    "names": "it was trained on {what} names {theirs}, but the current dataset has "
    "{ours}: choose the dataset it was trained on",
    "feature": "feature",
    "class": "class",
    "hidden": "its hidden layers have {theirs}, but the sidebar asks for {ours}: "
    "set Hidden units and Hidden layers to match, then load it again",
    "units": "{units} units",
    "act_mismatch": "its activations are {theirs}, but the sidebar asks for "
    "{ours}: set Activation to match, then load it again",
    "no_loss": "no loss",
    "no_data": "the dataset is not ready yet (upload its CSV first)",
    "not_evaluated": "its network cannot be evaluated on this data ({reason})",
}


# ---------------------------------------------------------------- compare tab
# The Compare tab: kept runs, the activation race, the sweep (issues 5 and 7).

COMPARE = {
    "section_help": "Kept runs: runs you kept, side by side. Activation race: the "
    "current setup trained once per activation. Sweep: learning rate × hidden "
    "units for one activation.",
    "name_placeholder": "e.g. sigmoid, lr 0.1",
    "name_help": "A label for the legend and the table. Left empty, the label "
    "lists the settings in which the kept runs differ.",
    "keep_help": "Store this run's curves, settings, final numbers and learned "
    "activation shapes, to compare with runs you keep later. Up to {limit}: "
    "keeping one more drops the oldest.",
    "no_kept": "No runs kept yet. Train a run, press **Keep this run**, change a "
    "setting in the sidebar, press Reset and Train, and keep that one too: their "
    "curves and settings appear here side by side.",
    "remove_caption": "Remove a kept run:",
    "remove_help": "Forget this kept run.",
    "clear_help": "Forget every kept run.",
    "set": "Draw the curves of the training set or of the held-out validation set.",
    "layer_help": "Which hidden layer's activations to compare (runs with fewer "
    "layers are left out).",
    "race_help": "Every activation chosen here trains the current network on the "
    "same data from the same seed; only the activation differs.",
    "race_go_help": "Train one run per activation, one after another.",
    "race_start": "Starting the race…",
    "no_race": "No race yet: choose the activations and press **Start the race**.",
    "keep_racers_help": "Add the racers to the kept runs (at most {limit} are "
    "kept: the oldest go first).",
    "sweep_act_help": "The activation every configuration of the sweep uses.",
    "sweep_lr_help": "Learning rates to try (columns of the heatmap), at most 6.",
    "sweep_units_help": "Hidden units per layer to try (rows of the heatmap), "
    "at most 6.",
    "sweep_go_help": "Train every learning rate × hidden units combination.",
    "sweep_start": "Starting the sweep…",
    "no_sweep": "No sweep yet: choose the grid and press **Run the sweep**.",
}


def kept_count(n_kept: int, limit: int, epoch: int) -> str:
    """The line under the Keep button."""
    return (
        f"{n_kept} of {limit} runs kept. Keeping stores the current run as it is "
        f"now (epoch {epoch}); it can go on training afterwards."
    )


def differ_note(differ: list[str]) -> str:
    """The caption under the settings table."""
    if not differ:
        return "These runs share every setting: only their training differs."
    return (
        "Highlighted: the settings that differ, "
        + ", ".join(name.lower() for name in differ)
        + ". A fair comparison changes one thing at a time."
    )


def run_bounds(
    setup: str, seed: int, epochs: int, cap: int, n_train: int, n_total: int
) -> str:
    """What each run of a race or sweep trains, and its bounds, in one sentence."""
    samples = f"{n_train} training samples"
    if n_train < n_total:
        samples = f"a fixed subset of {n_train} of the {n_total} training samples"
    capped = f" (capped at {cap} to keep it quick)" if epochs >= cap else ""
    return (
        f"Each run: {setup}, seed {seed}, {epochs} epochs{capped}, on {samples} "
        "of the current data."
    )


def race_progress(done: int, total: int, what: str) -> str:
    if done >= total:
        return f"All {total} racers trained."
    return f"Training {what} ({done + 1} of {total})…"


def sweep_progress(done: int, total: int, what: str) -> str:
    return f"{done} of {total} configurations trained…"


def sweep_title(result: dict) -> str:
    layers = "" if result["n_layers"] == 1 else f" ({result['n_layers']} layers)"
    act = result["activation"]
    return (
        f"{result['metric']} after {result['epochs']} epochs (lower is better): "
        f"{act}{layers}"
    )


def sweep_note(result: dict) -> str:
    return (
        f"Trained on {result['data']}, {result['n_train']} training samples. "
        "Grey cells diverged: the loss blew up, so that learning rate is too large "
        "for that network."
    )


COMPARE_EXPLAIN = {
    "Kept runs": r"""
**Keep a run, change one setting, train again, keep that one too.** The charts
overlay the kept runs' loss and accuracy per epoch; the table lists every
setting and the final numbers, with the settings that differ highlighted. A fair
comparison changes one thing at a time: if two settings differ, you cannot tell
which one made the difference.

**Learned activations** are drawn on the same range, $-4 \le z \le 4$, for every
run. The line is the middle (median) unit's $f(z)$; the pale band spans the
lowest to the highest unit. A fixed activation (sigmoid, ReLU, …) is the same
function in every unit, so it has no band; a learnable one (PReLU, Swish-β, PAU)
has its own parameters $\theta_j$ in each unit $j$, so its units can drift apart.
""",
    "Activation race": r"""
**The same network, data and seed, with only the activation changed.** The seed
fixes the initial weights, so every racer starts from the same $W$ and $b$ and
only $f$ in $a = f(z)$ differs. The loss curves show which activation lets
gradient descent make progress fastest with *this* learning rate and optimizer:
a slow sigmoid may win at a larger rate, so try the race at two rates before you
crown a winner, and with another seed.

Learnable activations (PReLU, Swish-β, PAU) also learn their shape: compare
their curves with where they started (PReLU starts as a leaky ReLU with slope
0.25, Swish-β as $z\,\sigma(z)$, PAU as a fitted leaky ReLU). To keep a click
short, each racer trains for at most 300 epochs on at most 500 samples.
""",
    "Sweep": r"""
**Each cell is one training run.** Columns are learning rates, rows the number
of hidden units per layer, and the colour is the final loss: on the validation
set when there is one (lower is better). Grey cells **diverged**: the loss blew
up, which is what too large a learning rate does.

The usual picture: too small a rate and the loss is still high when training
stops; too large and training diverges; the good runs sit in a band between.
More hidden units give the network more capacity: on real data that helps up to
a point; on the seed report's *random* labels, more capacity only memorises the
training set, and the validation loss gets worse.

Runs with the same width train together as one stack of weights
(`nn_core.sweep`), so a whole row costs about as much as one run. To keep it
quick, each run trains for at most 200 epochs on at most 500 samples.
""",
}


# ================================================================ labels and lines
# Every remaining label, caption and status line (issue 8): widget labels, button
# captions, section headers, metric names, table headers and chart texts, grouped
# by where they appear. Templates name their fields: "Epoch {epoch}".

# ---------------------------------------------------------------- sidebar
# Widget labels, keyed like HELP (mostly the widgets' session-state keys).
LABELS = {
    "lesson": "Lesson",
    "load_lesson": "Load lesson",
    "data": "Dataset",
    "n_report": "Samples",
    "n_2d": "Samples",
    "noise": "Noise",
    "val": "Validation fraction",
    "upload_file": "CSV file",
    "label_col": "Label column",
    "hidden": "Hidden units",
    "layers": "Hidden layers",
    "act": "Activation",
    "act_layer": "Activation, layer {layer}",  # with more than one hidden layer
    "lr": "Learning rate",
    "epochs": "Epochs",
    "batch": "Batch size",
    "opt": "Optimizer",
    "l2": "L2 penalty",
    "init": "Initial weights",
    "seed": "Seed",
    "speed": "Speed",
    "present": "Presentation mode",
    "hide": "Hide while presenting",
    "train": "Train",
    "pause": "Pause",
    "step": "Step",
    "reset": "Reset",
    "download_npz": "Weights (.npz)",
    "download_csv": "History (.csv)",
    "load_weights": "Load weights (.npz)",
}
SIDEBAR_HEADERS = {
    "data": "Data",
    "network": "Network",
    "training": "Training",
    "download": "Download",
}
UPLOAD_IN_USE = (
    "Using **{file_name}**: {n_samples} rows, {n_features} features, "
    "{n_classes} classes."
)

# Choices, keyed by their values (which double as URL query values).
DATASET_LABELS = {
    "seed-report": "Seed report (random, 10 features)",
    "circles": "Circles (2-D)",
    "xor": "XOR (2-D)",
    "gaussians": "Gaussian blobs (2-D)",
    "spiral": "Spiral (2-D, 3 arms)",
    "moons": "Moons (2-D)",
    "iris": "Iris flowers (4 features)",
    "wine": "Wine (13 features)",
    "digits": "Digits (8×8 images)",
    "upload": "Upload CSV…",
}
INIT_LABELS = {
    "xavier": "Xavier (Glorot)",
    "he": "He (for ReLU)",
    "normal": "Normal, σ = 0.1",
}
OPTIMIZER_LABELS = {
    "gd": "Gradient descent",
    "momentum": "Momentum (0.9)",
    "adam": "Adam",
}
FULL_BATCH = "Full batch"
FULL_SPEED = "Full speed"
SPEED = "{speed} epochs/s"
# Sidebar parts a presenter may hide (dashboard.settings.PRESENT_HIDEABLE's keys).
HIDEABLE_LABELS = {
    "Lessons": "Lessons",
    "Data": "Data",
    "Network": "Network",
    "Training": "Training",
    "Advanced training": "Advanced training",
}

# The lesson picker's titles (LESSON_NOTES above is keyed by them), by core key.
LESSON_TITLES = {
    "seed-report": "Seed report: learning or memorising?",
    "xor-needs-a-hidden-layer": "XOR needs a non-linear hidden layer",
    "learning-rate-too-high": "A learning rate too high",
    "sigmoid-saturates-deep-nets": "Deep sigmoid nets saturate",
    "dead-relus": "Dead ReLUs",
    "learnable-vs-fixed": "A learnable activation (Swish-β)",
}
LESSON_REFERENCE = "Seed report (the reference run)"
LESSON_GOOD_START = "{dataset}: a good start"

# How settings are named in notices (dashboard.settings.SOFT_FIELDS, HARD_FIELDS).
SOFT_FIELD_NAMES = {
    "learning_rate": "lr",
    "l2": "L2",
    "batch_size": "batch",
    "epochs": "epochs",
}
HARD_FIELD_NAMES = {
    "hidden_units": "hidden units or layers",
    "activation": "activation",
    "init": "initial weights",
    "seed": "seed",
    "optimizer": "optimizer",
}
DATA_DESCRIPTION = "{label}, validation {val_fraction:.0%}"

# Why an uploaded CSV cannot be read (dashboard.data): shown as they are.
UPLOAD_ERRORS = {
    "too_big": "The file is {size_mb:.1f} MB; at most {limit_mb:.0f} MB are allowed.",
    "empty": "The file is empty.",
    "utf16": "The file is UTF-16 text; save it as CSV (UTF-8) instead.",
    "binary": "The file is not text (an image, a spreadsheet or an archive?); "
    "export the table as CSV and upload that.",
    "not_utf8": "The file is not UTF-8 text; save it as CSV (UTF-8) and try again.",
    "repeated": "Column names must be unique; repeated: {names}.",
    "not_csv": "The file could not be read as CSV ({reason}).",
}

# ---------------------------------------------------------------- status line
# The progress line above the tabs: "Epoch 12 of 500 · training at 100 epochs/s".
STATUS = "Epoch {epoch} of {epochs} · {what}"
STATUS_WHAT = {
    "done": "finished: raise Epochs to continue, or press Reset",
    "running": "training at {speed}",
    "ready": "ready: press Train (T) or Step (S)",
    "paused": "paused: Train (T) continues, Step (S) trains one epoch",
}

# ---------------------------------------------------------------- tabs
# Tab titles (also the "view" query value) and what every tab shares.
TAB_TITLES = {
    "training": "Training",
    "weights": "Weights",
    "outputs": "Outputs",
    "activations": "Activations",
    "compare": "Compare",
    "learn": LEARN_TAB,
}
EXPLAINER_TITLE = "What am I looking at?"
HIDDEN_LAYER = "Hidden layer {layer}"  # chart legends, captions
OUTPUT_LAYER = "Output layer"
SPLITS = {"Training": "Training", "Validation": "Validation"}  # shown sample sets

# Training tab: the big numbers, the live curves, the run's settings.
TRAINING = {
    "epoch": "Epoch",
    "chance_line": "chance ({chance:.0%})",
    "loss": "Loss",
    "loss_delta": "{delta:+.4f} since epoch 0",
    "loss_help": "Training loss: mean cross-entropy (+ L2 term).",
    "val_loss": "Validation loss",
    "accuracy": "Accuracy (train)",
    "val_accuracy": "Accuracy (validation)",
    "train_loss_curve": "Training loss",
    "val_loss_curve": "Validation loss",
    "train_accuracy_curve": "Training accuracy",
    "val_accuracy_curve": "Validation accuracy",
    "loss_title": "Loss",
    "accuracy_title": "Accuracy",
    "grads_title": "Gradient norm per layer",
    "grads_axis": "Gradient norm (L2, log scale)",
    "live_alt": "{kind} while training, epoch {epoch}: {value}.",
    "grads_alt": "Gradient norm per layer while training, log scale.",
    "reference": "✕ marks: the seed report's logged losses. Its data and initial "
    "weights are unknown, so expect the same shape, not the same numbers.",
}
RUN_SETTINGS = (
    "**This run** (no. {run_id})  \n"
    "**Data:** {data}, {n_train} training samples  \n"
    "**Layer sizes:** {layers}  \n"
    "**Activation:** {activations}  \n"
    "**Optimizer:** {optimizer}, learning rate {lr:g}, L2 {l2:g}, {batch}  \n"
    "**Initial weights:** {init}, seed {seed}"
)

# Weights tab.
WEIGHTS = {
    "replay": "Replay epoch",
    "replay_off": " Available when training is paused.",  # added to HELP["replay"]
    "at_epoch": "**Weights at epoch {epoch}** (of {trained} trained)",
    "inputs": "inputs",
    "output": "output",
    "hidden": "hidden layer {layer}",
    "W_title": "W{layer}: {source} → {target}",
    "b_title": "b{layer}: {target}",
}

# Outputs tab.
OUTPUTS = {
    "split": "Samples shown in the bars and histogram",
    "split_help": "Validation samples were never trained on: is the network as sure?",
    "layer": "Unit maps for hidden layer",
    "layer_help": "Deeper layers combine the first layer's simple shapes.",
    "summary": "**{split} samples:** {n} · accuracy {accuracy:.1%} · mean "
    "P(true class) {p_true:.2f}",
    "confusion": "Confusion matrix ({split})",
}

# Activations tab (with the ACT_* texts above).
ACT_LABELS = {
    "saturated": "Saturated units",
    "dead": "Dead units",
    "count": "{n} of {total}",
    "layer": "**Hidden layer {layer}: {name}**  ·  ${latex}$",
    "learned_title": "Layer {layer}: each unit's {name} at epoch {epoch}",
    "range": "{low} to {high}",
}

# Compare tab (with COMPARE above): labels, section names, table headers.
COMPARE_SECTIONS = {
    "Kept runs": "Kept runs",
    "Activation race": "Activation race",
    "Sweep": "Sweep",
}
COMPARE_LABELS = {
    "section": "Compare",
    "name": "Name for the run (optional)",
    "keep": "Keep this run",
    "remove": "✕ {name}",
    "clear": "Clear all",
    "set": "Curves of the",
    "set_option": "{split} set",
    "layer": "Hidden layer",
    "race": "Activations in the race",
    "race_go": "Start the race",
    "keep_racers": "Keep the racers",
    "sweep_act": "Activation",
    "sweep_lr": "Learning rates",
    "sweep_units": "Hidden units",
    "sweep_go": "Run the sweep",
    "curves_title": "Learned activations compared",
    "curves_layer": ": hidden layer {layer}",
    "not_diverged": "no",
    "final": "Final {metric}",
    "setup_sweep": "{n} hidden layer{s}, {optimizer}",
    "setup_race": "layers {sizes}, {optimizer}, learning rate {lr:g}",
}
# Table headers, keyed by the kept-run summaries' field names (plain data kept
# in session state; dashboard.compare.SETTING_NAMES and FINAL_NAMES).
COMPARE_COLUMNS = {
    "Run": "Run",
    "Data": "Data",
    "Training samples": "Training samples",
    "Validation": "Validation",
    "Hidden units": "Hidden units",
    "Activation": "Activation",
    "Learning rate": "Learning rate",
    "Epochs": "Epochs",
    "Batch": "Batch",
    "Optimizer": "Optimizer",
    "L2": "L2",
    "Initial weights": "Initial weights",
    "Seed": "Seed",
    "Loss": "Loss",
    "Accuracy": "Accuracy",
    "Validation loss": "Validation loss",
    "Validation accuracy": "Validation accuracy",
    "Diverged at epoch": "Diverged at epoch",
}
# A kept run's legend label: its own name, else the settings that differ.
COMPARE_SHORT = {
    "Learning rate": "lr {value}",
    "L2": "L2 {value}",
    "Seed": "seed {value}",
    "Batch": "batch {value}",
    "Validation": "val {value}",
    "Hidden units": "{value} units",
    "Epochs": "{value} epochs",
}
COMPARE_RUN = "Run {run_id}"
COMPARE_METRICS = {"val": "Validation loss", "train": "Training loss"}

# Learn tab (with the LEARN_* texts above): buttons and the step's small words.
LEARN_LABELS = {
    "sample": "Training sample (0 to {last})",
    "back": "Back",
    "next": "Next stage",
    "start": "Start over",
}
LEARN_CLASS = "class {k}"  # a class without a name in the data
LEARN_SOME = "{n} of {total}"  # entries checked of a large array
LEARN_TEX = {  # words inside the equations (LaTeX \text{...})
    "change": "change",
    "backprop": "backprop: ",
    "differences": "differences: ",
    "max_error": "max relative error",
}

# A link parameter the widgets did not take on, in the "ignored" notice
# (dashboard/urlstate.py): what the link asked for and what is used instead.
URL_IGNORED_ITEM = "`{key}={value}` (using {used})"
URL_IGNORED_NONE = "none"  # a multiselect the link left empty


# ---- Charts (figures/): titles, axes, trace names, hover words, alt text ----------
# The figures package builds every chart from these. Texts with a {field} are
# filled in with str.format. CHART_HOVER holds Plotly hover templates: every one
# of them goes through .format, so Plotly's own fields are written with doubled
# braces (%{{x}} reaches Plotly as %{x}); keep them doubled when translating.

CHART_TITLES = {
    "loss": "Loss",
    "accuracy": "Accuracy",
    "grad_norm": "Gradient norm per layer",
    "digit_weights": "Input weights of each hidden unit ({shown} units)",
    "bars": "Softmax output per sample",
    "bars_thinned": " ({shown} of {n} samples shown, evenly spaced)",
    "confidence": "Confidence (top-class probability)",
    "confusion": "Confusion matrix",
    "regions": "Decision regions",
    "mosaic": "Hidden-unit responses over the input plane ({shown} units)",
    "activation": "{name}: function and slope",
    "learned": "Learned activation of each hidden unit",
    "params": "Learnable activation parameters",
    "health": "Saturated and dead units",
    "slopes": "Slopes f′(z) at the training data",
    "compare": "Runs compared: {name}",
    "overlay": "Learned activations compared",
    "shown_some": "first {n} of {total}",  # "(first 16 of 32 units)"
}

CHART_AXES = {
    # Short enough to fit beside the plot at presentation size; the title says "Loss".
    "loss": "Mean cross-entropy",
    "accuracy": "Accuracy (%)",
    "epoch": "Epoch",
    "grad_norm": "Gradient norm (L2, log scale)",
    "to_unit": "To unit",
    "from_unit": "From unit",
    "bias": "Bias",
    "weight": "Weight",
    "tiles_x": "One tile per hidden unit, left to right, then down",
    "tiles_y": "Each tile: {h}×{w} input pixels",
    "bars_x": "Samples, sorted by true class, then by P(true class)",
    "bars_y": "Probability (softmax output)",
    "bars_true_tick": "true",  # tick label of the row of true-class markers
    "top_probability": "Top-class probability",
    "sample_count": "Samples (count)",
    "samples": "Samples",  # colour bar of the confusion matrix
    "predicted_class": "Predicted class",
    "true_class": "True class",
    "plane": ("Feature 1 (standardised)", "Feature 2 (standardised)"),
    "activation": "Activation",  # colour bar of the response mosaic
    "z": "Pre-activation z",
    "f_and_slope": "f(z) and slope f′(z)",
    "observed_z": "Observed z (count)",
    "f": "Activation f(z)",
    "slope": "Slope f′(z)",
    "parameter": "Parameter value",
    "layer_share": "Share of the layer's units",
    "slope_samples": "Slope f′(z) at the training samples",
    "pair_share": "Share of sample-unit pairs",
    "val_loss": "Validation loss (mean cross-entropy)",
    "val_accuracy": "Validation accuracy (%)",
    "final_loss": "Final loss (mean cross-entropy)",
    "learning_rate": "Learning rate",
    "hidden_units": "Hidden units",
}

# A history metric in running text ("Runs compared: val loss"); others are
# written as their key with spaces.
CHART_METRICS = {
    "loss": "loss",
    "val_loss": "val loss",
    "accuracy": "accuracy",
    "val_accuracy": "val accuracy",
}

CHART_TRACES = {
    "train_loss": "Training loss",
    "val_loss": "Validation loss",
    "reference": "Seed report (logged)",
    "train_accuracy": "Training accuracy",
    "val_accuracy": "Validation accuracy",
    "layer": "Layer {n}",
    "layer_prefix": "Layer ",  # numbered after it: Layer 1, Layer 2, ...
    "param_prefix": "param ",  # param 1, param 2, ...
    "all_samples": "All samples",
    "correct": "Correct",
    "incorrect": "Incorrect",
    "true_class": "true: {name}",
    "predicted": "Predicted class",
    "observed": "Observed pre-activations",
    "function": "{name}(z)",
    "slope": "{name}′(z) (slope)",
    "epoch0_key": "Epoch 0 (dashed)",
    "earlier_key": "Earlier epochs (faded)",
    "unit_kind": "{name} ({kind})",  # a unit's curve at epoch 0 or faded
    "unit_earlier": "{name} earlier ({panel})",
    "unit_epoch0": "{name} epoch 0 ({panel})",
    "unit_slope": "{name} (slope)",
    "dead": "{name}: dead",
    "saturated_key": "Saturated (solid)",
    "dead_key": "Dead (dotted)",
    "diverged": "Diverged",
    "range": "{label}: range over units",
}

CHART_NOTES = {
    "no_epochs": "No epochs yet",
    "no_data": "No data yet",
    "no_runs": "No runs kept yet",
    "no_values": "No {name} values yet",
    "chance": "chance ({chance:.0%})",
    "saturated": "saturated",
    "diverged": "diverged",
    "class": "class {k}",  # a class without a name in the data
    "in_prefix": "in ",  # numbered rows of a weight matrix: in 1, in 2, ...
    "out_prefix": "out ",
    "bias": "bias",  # the one row of a bias heatmap
    "weight_cell": "from {row} → {col}: {value:.3f}",
    "bias_cell": "{row} → {col}: {value:.3f}",
    "pixel_cell": "pixel (row {row}, col {col}) → {unit}: {value:.3f}",
    "confusion_cell": "true {true} → predicted {predicted}: {count} samples "
    "({share:.0%} of {true})",
    "sweep_cell": "learning rate {lr:g}, {units} hidden units",
    "not_available": "n/a",  # a missing number in labels and alt text
}

CHART_HOVER = {
    "reference": "Seed report, epoch %{{x}}: %{{y:.4f}}<extra></extra>",
    "accuracy": "Epoch %{{x}}: %{{y:.1%}}<extra>%{{fullData.name}}</extra>",
    "bar": "Sample %{{customdata}} (true: {true})<br>"
    "P({name}) = %{{y:.2f}}<extra></extra>",
    "true_strip": "Sample %{{customdata}}: true class {name}<extra></extra>",
    "confidence": "{name}: %{{y}} samples with top probability "
    "%{{x:.2f}} ± {half_width:.3f}<extra></extra>",
    "region": "(%{{x:.2f}}, %{{y:.2f}})<br>most likely %{{text}}: "
    "%{{customdata}}%<extra></extra>",
    "point": "{name}: (%{{x:.2f}}, %{{y:.2f}})<extra></extra>",
    "mosaic": "{name} at (%{{x:.2f}}, %{{y:.2f}}): %{{z:.3f}}<extra></extra>",
    "observed": "z ≈ %{{x:.2f}}: %{{y}} values<extra></extra>",
    "unit_now": "{name} (now): f(%{{x:.2f}}) = %{{y:.3f}}<extra></extra>",
    "unit_epoch0": "{name} (epoch 0): f(%{{x:.2f}}) = %{{y:.3f}}<extra></extra>",
    "unit_f": "{name}: f(%{{x:.2f}}) = %{{y:.3f}}<extra></extra>",
    "unit_slope": "{name}: f′(%{{x:.2f}}) = %{{y:.3f}}<extra></extra>",
    "unit_f_epoch0": "{name} at epoch 0: f(%{{x:.2f}}) = %{{y:.3f}}<extra></extra>",
    "unit_slope_epoch0": "{name} at epoch 0: f′(%{{x:.2f}}) = %{{y:.3f}}"
    "<extra></extra>",
    "param": "{unit} {param}, epoch %{{x}}: %{{y:.4g}}<extra></extra>",
    "health_saturated": "{name}, epoch %{{x}}: %{{y:.0%}} saturated<extra></extra>",
    "health_dead": "{name}, epoch %{{x}}: %{{y:.0%}} dead<extra></extra>",
    "slope_bar": "{name}: f′ ≈ %{{x:.2f}} for %{{y:.1%}} of "
    "sample-unit pairs<extra></extra>",
    "sweep": "%{{customdata}}: {label} %{{z:.4g}}<extra></extra>",
    "sweep_diverged": "%{{customdata}}: diverged<extra></extra>",
    "overlay": "%{{fullData.name}}: f(%{{x:.2f}}) = %{{y:.3f}}<extra></extra>",
}

# Alt text: one sentence per chart for screen readers (figures.describe).
CHART_ALT = {
    "chart": "Chart.",  # a figure with neither alt text nor title
    "trend": "{label} from {start} at epoch {first} to {end} at epoch {last}",
    "train_loss": "training loss",
    "val_loss": "validation loss",
    "train_accuracy": "training accuracy",
    "val_accuracy": "validation accuracy",
    "chance": "chance is {chance:.0%}",
    "curves": "{kind} over {n} recorded epochs: {trends}.",
    "curves_empty": "{kind} chart with no epochs yet.",
    "grad_norm": "Gradient norm per layer over {n} recorded epochs, log scale; "
    "at the last epoch: {last}.",
    "grad_norm_empty": "Gradient-norm chart with no epochs yet.",
    "weights_empty": "Heatmap of {title}, empty.",
    "biases": "{n} biases",
    "weights": "{rows}×{cols} weights",
    "weights_range": "Heatmap of {title}: {what} from {low} to {high}, blue "
    "negative, orange positive; largest magnitude {strongest} ({value}).",
    "digit_weights": "Grid of {n} images, one per hidden unit, each showing its "
    "{h}×{w} input weights: blue pixels push the unit down, orange pixels push it "
    "up.",
    "digit_weights_empty": "Grid of hidden-unit input weights, empty.",
    "bars": "Stacked bars of {k} class probabilities for {shown} of {n} samples "
    "sorted by true class; the true class gets {p_true:.0%} on average and is the "
    "top class for {accuracy:.0%} of samples.",
    "bars_empty": "Stacked probability bars, no samples yet.",
    "confidence": "Histogram of the top-class probability of {n} samples, "
    "median {median:.2f}",
    "misclassified": "; {n} misclassified",
    "confidence_empty": "Confidence histogram, no samples yet.",
    "confusion": "Confusion matrix of {n} samples: {correct:.0%} correct",
    "mistake": "; most common mistake: true {true} predicted as {predicted} "
    "({count} samples)",
    "confusion_empty": "Confusion matrix, no samples yet.",
    "regions": "Decision regions for {k} classes",
    "regions_shaded": "shaded by the most likely class, paler where the network "
    "is less sure",
    "regions_points": "{n} data points on top",
    "regions_inside": ", {inside:.0%} of them inside their own class's region",
    "regions_empty": "Decision-region chart, nothing to show yet.",
    "mosaic": "Mosaic of {n} maps, one per hidden unit, colouring its activation "
    "over the 2-D input plane: blue negative, white zero, orange positive.",
    "mosaic_empty": "Hidden-unit response mosaic, nothing to show yet.",
    "activation": "{name} and its derivative for z from {z_low} to {z_high}: "
    "output from {f_low} to {f_high}",
    "activation_slope": ", slope from {low} to {high}",
    "activation_empty": "Chart of {name} and its derivative, nothing to show yet.",
    "saturation": "; {n} observed pre-activations, {flat:.0%} of them where the "
    "slope is nearly flat",
    "learned": "{n} learned activation curves over z from {low} to {high}",
    "learned_moved": ", dashed at epoch 0; {name} moved most (mean change {change})",
    "learned_empty": "Learned activation curves, nothing to show yet.",
    "units": "{n} learned activation curves and their slopes, each over the z its "
    "unit sees (together {low} to {high})",
    "units_changed": "; dashed at epoch 0; {name} changed most",
    "units_empty": "Learned activation of each unit, nothing to show yet.",
    "params_empty": "Learnable-parameter chart, nothing to show yet.",
    "params_count": "{n} learnable parameters over {epochs} epochs.",
    "param_of_unit": "{param} of {unit}",
    "params": "{n} learnable parameters over {epochs} recorded epochs; {who} "
    "changed most, from {start} to {end}.",
    "health_layer": "{name} {saturated:.0%} saturated, {dead:.0%} dead",
    "health": "Saturated and dead units per layer over {n} epochs; last: {last}.",
    "health_empty": "Saturated and dead units per layer, nothing to show yet.",
    "slopes": "Histogram of the slopes f′(z) per layer, from {low} to {high}; "
    "share nearly flat (|f′| < {flat:g}): {shares}.",
    "slopes_empty": "Histogram of the slopes f′(z), nothing to show yet.",
    "run_end": "{label} ends at {value}",
    "compare": "{n} runs compared by {name}: {ends}.",
    "compare_empty": "Run comparison by {name}, no runs kept yet.",
    "sweep_empty": "Sweep heatmap, no results yet.",
    "sweep": "Sweep of {n_lr} learning rates × {n_units} hidden-unit counts",
    "sweep_lowest": ": lowest {label} {value} at learning rate {lr:g} with {units} "
    "hidden units",
    "sweep_diverged": "; {n} configuration diverged",
    "sweep_diverged_many": "; {n} configurations diverged",
    "overlay": "Learned activation shapes of {n} runs over z: {names}.",
    "overlay_empty": "Learned activation shapes, no runs kept yet.",
}
