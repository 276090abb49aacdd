"""Every user-facing sentence of the dashboard, in one place to read and revise."""

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
    "present": "Larger fonts in every chart, for a projector.",
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
