"""The Dockerfile: a slim, non-root image whose command is the hardened server.

Docker itself is rarely available where tests run, so the command line the image
runs is parsed out of the Dockerfile and started here, exactly, on a free local
port (the address overridden to 127.0.0.1), until /_stcore/health says ok. With a
Docker daemon and DOCKER_BUILD=1, the image is built too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tools import live_app

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    lines = [line for line in DOCKERFILE.splitlines() if not line.startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    pairs = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            pairs.append((word.upper(), rest.strip()))
    return pairs


def _one(name: str) -> str:
    (value,) = [rest for word, rest in _instructions() if word == name]
    return value


def cmd() -> list[str]:
    return json.loads(_one("CMD"))


def _flags(command: list[str]) -> dict[str, str]:
    options = command[3:]
    assert len(options) % 2 == 0, options
    return {
        options[i].removeprefix("--"): options[i + 1] for i in range(0, len(options), 2)
    }


def _config() -> dict[str, str]:
    """.streamlit/config.toml flattened to section.key -> its CLI spelling."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    spell = {True: "true", False: "false"}
    return {
        f"{section}.{key}": spell.get(value, str(value))
        if isinstance(value, bool)
        else str(value)
        for section, values in config.items()
        for key, value in values.items()
    }


def test_the_image_is_slim_installs_the_requirements_and_drops_root():
    assert _one("FROM") == "python:3.11-slim"
    assert any(
        w == "RUN" and "pip install -r requirements.txt" in r
        for w, r in _instructions()
    )
    user = _one("USER")
    assert user not in {"root", "0"}
    assert _one("EXPOSE") == "8501"


def test_the_command_serves_app_py_with_every_hardened_setting():
    command = cmd()
    assert command[:3] == ["streamlit", "run", "app.py"]
    flags = _flags(command)
    assert flags.pop("server.address") == "0.0.0.0"  # reachable from outside
    assert flags.pop("server.port") == "8501"
    expected = _config()
    assert expected.pop("server.address") == "127.0.0.1"  # local by default
    assert flags == expected


def test_dockerignore_lets_in_only_what_the_app_needs():
    rules = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert rules[0] == "*"  # an allow-list
    allowed = {r.removeprefix("!").rstrip("/") for r in rules if r.startswith("!")}
    needed = {
        "app.py",
        "requirements.txt",
        "dashboard",
        "figures",
        "nn_core",
        "wording.py",
    }
    assert needed | {".streamlit/config.toml", "examples"} <= allowed
    assert not allowed & {".git", ".venv", "tests", "artifacts", ".hypothesis"}


def test_the_images_command_starts_a_healthy_server():
    port = live_app.free_port()
    command = [sys.executable, "-m", *cmd()]
    command[command.index("--server.address") + 1] = "127.0.0.1"
    command[command.index("--server.port") + 1] = str(port)
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        live_app.wait_healthy(f"http://127.0.0.1:{port}", proc)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def _docker_ready() -> bool:
    if shutil.which("docker") is None or os.environ.get("DOCKER_BUILD") != "1":
        return False
    probe = subprocess.run(["docker", "info"], capture_output=True, timeout=20)
    return probe.returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(
    not _docker_ready(), reason="needs a Docker daemon and DOCKER_BUILD=1"
)
def test_the_image_builds():
    subprocess.run(
        ["docker", "build", "-t", "learning-activations:test", "."],
        cwd=ROOT,
        check=True,
        timeout=1800,
    )
