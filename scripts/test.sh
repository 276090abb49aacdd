#!/usr/bin/env bash
# Install what the tests need (first time only) and run the whole suite:
# core, figures, app (AppTest) and the browser end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
exec .venv/bin/python -m pytest "$@"
