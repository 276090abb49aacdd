"""Command line: ``python -m nn_core [train] [flags]`` runs the seed-report experiment.

Prints the report's log format, ``Epoch 0, Loss: 1.2345``, every ``--log-every``
epochs; ``--json`` adds one machine-readable line at the end. Bad flags exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

from .datasets import DATASET_NAMES, load_dataset, split
from .network import INITS
from .optimizers import OPTIMIZERS
from .sweep import add_arguments as add_sweep_arguments
from .training import TrainConfig, TrainingDiverged, train


def _hidden(text: str) -> int | tuple[int, ...]:
    """'5' -> 5, '16,16' -> (16, 16)."""
    try:
        sizes = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected an integer or comma-separated integers, got {text!r}"
        ) from None
    return sizes[0] if len(sizes) == 1 else sizes


def _activation(text: str) -> str | tuple[str, ...]:
    names = tuple(text.split(","))
    return names[0] if len(names) == 1 else names


def _train_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = TrainConfig()
    add = parser.add_argument
    add("--dataset", choices=DATASET_NAMES, default="seed-report")
    add("--samples", type=int, default=None, help="number of samples (dataset default)")
    add("--noise", type=float, default=0.0, help="noise of the 2-D teaching sets")
    add(
        "--hidden",
        type=_hidden,
        default=defaults.hidden_units,
        help="hidden units, e.g. 5 or 16,16 for two layers",
    )
    add(
        "--activation",
        type=_activation,
        default=defaults.activation,
        help="one name, or one per hidden layer separated by commas",
    )
    add("--lr", type=float, default=defaults.learning_rate, help="learning rate")
    add("--epochs", type=int, default=defaults.epochs)
    add("--batch-size", type=int, default=None, help="mini-batch size (default: full)")
    add("--optimizer", choices=OPTIMIZERS, default=defaults.optimizer)
    add("--l2", type=float, default=defaults.l2, help="L2 penalty on weights")
    add("--init", choices=INITS, default=defaults.init)
    add("--dtype", choices=("float64", "float32"), default=defaults.dtype)
    add("--seed", type=int, default=0, help="seeds both the data and the training")
    add(
        "--val-fraction",
        type=float,
        default=0.0,
        help="held-out share for validation (0 = train on everything, no scaling)",
    )
    add("--log-every", type=int, default=100, help="print a line every N epochs")
    add("--json", action="store_true", help="end with one JSON line of results")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m nn_core",
        description="Train the Learning Activations network from the command line.",
    )
    sub = parser.add_subparsers(dest="command")
    _train_arguments(sub.add_parser("train", help="train one network (the default)"))
    add_sweep_arguments(
        sub.add_parser(
            "sweep",
            help="train every combination of comma-separated values; write CSV",
            description="Train every combination of the listed values (stacked, "
            "or on a Dask cluster) and write one CSV row per configuration: its "
            "settings, final_loss, final_accuracy, final_val_loss, final_val_accuracy, "
            "diverged_epoch (empty if none) and losses (every epoch's training loss, "
            "joined with ';'; --no-losses drops it).",
        )
    )
    return parser


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    argv = list(argv)
    # The word "train" is optional: flags alone mean train.
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["train", *argv]
    return build_parser().parse_args(argv)


def run_train(args: argparse.Namespace) -> int:
    if args.log_every < 1:
        raise ValueError(f"--log-every must be >= 1, got {args.log_every}")
    data = load_dataset(
        args.dataset, n_samples=args.samples, noise=args.noise, seed=args.seed
    )
    val = None
    train_part = data
    if args.val_fraction > 0:
        train_part, val = split(data, val_fraction=args.val_fraction, seed=args.seed)
    config = TrainConfig(
        hidden_units=args.hidden,
        activation=args.activation,
        learning_rate=args.lr,
        epochs=args.epochs,
        batch_size=args.batch_size,
        optimizer=args.optimizer,
        l2=args.l2,
        init=args.init,
        seed=args.seed,
        dtype=args.dtype,
    )
    started = time.perf_counter()
    last = None
    records = train(
        train_part.X,
        train_part.y,
        config,
        X_val=None if val is None else val.X,
        y_val=None if val is None else val.y,
        n_classes=data.n_classes,
        record_every=args.log_every,
    )
    try:
        for rec in records:
            last = rec
            # As in the report's loop: passes 0..epochs-1 are logged before their
            # update, so the final (trained) record is not a log line.
            if rec.epoch % args.log_every == 0 and rec.epoch < config.epochs:
                print(f"Epoch {rec.epoch}, Loss: {rec.loss:.4f}", flush=True)
    except TrainingDiverged as err:
        print(
            f"Training diverged at epoch {err.epoch}: {err.reason}. "
            "Try a smaller --lr.",
            file=sys.stderr,
        )
        return 1
    if args.json:
        print(
            json.dumps(
                {
                    "dataset": args.dataset,
                    "epochs": last.epoch,
                    "final_loss": last.loss,
                    "train_accuracy": last.accuracy,
                    "val_loss": last.val_loss,
                    "val_accuracy": last.val_accuracy,
                    "seconds": round(time.perf_counter() - started, 6),
                }
            )
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    if args.command == "sweep":  # added by nn_core.sweep's CLI
        from .sweep import run_cli

        return run_cli(args)
    try:
        return run_train(args)
    except ValueError as err:
        build_parser().print_usage(sys.stderr)
        print(f"python -m nn_core: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
