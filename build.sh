#!/usr/bin/env bash
# ./build.sh [build options]   set up .venv if needed and build the deck into decks/
# ./build.sh test [pytest options]   set up .venv with the test extras and run the tests
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "… creating .venv" >&2
  "$PY" -m venv .venv
fi
pip_install() {
  # pip's notes about this machine's unused local package folders are noise; its errors still show.
  .venv/bin/python -m pip install --disable-pip-version-check -q "$@" 2> >(grep -v "^WARNING: Location" >&2)
}
if [ "${1:-}" = "test" ]; then
  shift
  pip_install -e '.[test]'
  exec .venv/bin/python -m pytest "$@"
fi
pip_install -e .
exec .venv/bin/python -m factdeck build "$@"
