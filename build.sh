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
install_chromium() {
  # The preview's browser test needs Chromium; install it where we can (root with apt-get), else it skips.
  command -v chromium >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "… installing chromium (apt-get) for the browser test" >&2
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } >/dev/null \
      || echo "… could not install chromium; the browser test will be skipped" >&2
  else
    echo "… chromium is not installed and cannot be installed here; the browser test will be skipped" >&2
  fi
}
compile_bytecode() {
  # An editable install is not compiled by pip, and with PYTHONDONTWRITEBYTECODE set every run would compile
  # factdeck's modules again (~0.1 s of each build): write their bytecode once (__pycache__/ is ignored by git).
  .venv/bin/python -m compileall -q src/factdeck >/dev/null
}
if [ "${1:-}" = "test" ]; then
  shift
  install_chromium
  pip_install -e '.[test]'
  exec .venv/bin/python -m pytest "$@"
fi
pip_install -e .
compile_bytecode
exec .venv/bin/python -m factdeck build "$@"
