#!/usr/bin/env bash
# Set up (or refresh) the project's virtual environment from its own files.
#   bash scripts/setup.sh        run-time packages only (the app)
#   bash scripts/setup.sh dev    plus test/lint packages and Debian's chromium
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
reqs=requirements.txt
[ "${1:-}" = "dev" ] && reqs=requirements-dev.txt
stamp="$venv/.installed-$(basename "$reqs" .txt)"
if [ ! -f "$stamp" ] || [ "$reqs" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet -r "$reqs"
  touch "$stamp"
fi
if [ "${1:-}" = "dev" ] && ! command -v chromium >/dev/null 2>&1; then
  # The browser tests drive Debian's chromium; Playwright never downloads one.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    echo "note: chromium not found and cannot apt-get it; browser tests will skip" >&2
  fi
fi
