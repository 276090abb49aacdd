"""The command line prints the seed report's log format and exits 2 on bad flags."""

import json
import re
import subprocess
import sys

import pytest

LINE = re.compile(r"^Epoch (\d+), Loss: (\d+\.\d{4})$")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nn_core", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_default_run_prints_the_seed_report_log():
    out = run()
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    matches = [LINE.match(line) for line in lines]
    assert all(matches), lines
    assert [int(m.group(1)) for m in matches] == [0, 100, 200, 300, 400]
    losses = [float(m.group(2)) for m in matches]
    assert all(a > b for a, b in zip(losses, losses[1:]))
    assert 1.0 <= losses[0] <= 1.5 and 0.85 <= losses[-1] <= 1.2


def test_train_word_is_optional_and_same_seed_same_log():
    assert run("train").stdout == run().stdout
    assert run("--seed", "3").stdout != run().stdout


def test_json_line_and_flags():
    out = run(
        "train",
        "--dataset",
        "moons",
        "--noise",
        "0.1",
        "--hidden",
        "16",
        "--activation",
        "tanh",
        "--lr",
        "0.5",
        "--epochs",
        "300",
        "--val-fraction",
        "0.3",
        "--log-every",
        "50",
        "--json",
    )
    assert out.returncode == 0, out.stderr
    *log, last = out.stdout.splitlines()
    assert len(log) == 6  # epochs 0, 50, ..., 250
    result = json.loads(last)
    assert result["val_accuracy"] >= 0.95
    assert result["final_loss"] < 0.2
    assert result["seconds"] > 0
    assert {"final_loss", "train_accuracy", "val_accuracy", "seconds"} <= set(result)


def test_json_without_split_has_null_validation():
    result = json.loads(run("--epochs", "10", "--json").stdout.splitlines()[-1])
    assert result["val_accuracy"] is None


def test_two_hidden_layers_with_an_activation_each():
    out = run("--hidden", "8,4", "--activation", "tanh,relu", "--epochs", "20")
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lr", "-1"], "learning_rate must be > 0, got -1.0"),
        (["--lr", "abc"], "invalid float value"),
        (["--hidden", "0"], "got 0"),
        (["--hidden", "a,b"], "comma-separated integers"),
        (["--activation", "sigmoidd"], "'sigmoidd'"),
        (["--dataset", "nope"], "invalid choice"),
        (["--epochs", "-5"], "got -5"),
        (["--val-fraction", "1.5"], "1.5"),
        (["--log-every", "0"], "got 0"),
        (["--bogus"], "unrecognized arguments"),
    ],
)
def test_bad_flags_exit_2_with_usage_and_no_traceback(args, message):
    out = run(*args)
    assert out.returncode == 2
    assert "usage:" in out.stderr
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_divergence_exits_1_with_advice():
    out = run(
        "--dataset",
        "spiral",
        "--activation",
        "relu",
        "--hidden",
        "16",
        "--lr",
        "1000",
        "--epochs",
        "100",
    )
    assert out.returncode == 1
    assert "diverged at epoch" in out.stderr and "--lr" in out.stderr
    assert "Traceback" not in out.stderr
