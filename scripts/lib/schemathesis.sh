# Schemathesis, the OpenAPI fuzzer the emulator's contract test runs, pinned, in a Python virtual
# environment of its own: `python3 -m venv` when the machine's Python has it, else a virtualenv
# fetched from PyPI into the tool cache (Debian ships venv apart, as python3-venv).

SCHEMATHESIS_VERSION=4.32.5
SCHEMATHESIS_HOME=$SCRUMS_IAC_TOOLS/schemathesis-$SCHEMATHESIS_VERSION
SCHEMATHESIS_BIN=$SCHEMATHESIS_HOME/bin/schemathesis

# Makes a virtual environment at $1 with the machine's python3.
make_python_venv() {
  python3 -m venv "$1" 2>/dev/null && return
  rm -rf "$1"
  say "  schemathesis python3 lacks a working venv module: using virtualenv from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check --target "$SCRUMS_IAC_TOOLS/.virtualenv" virtualenv 2>&1 | indent
  PYTHONPATH=$SCRUMS_IAC_TOOLS/.virtualenv python3 -m virtualenv --quiet "$1" || die "virtualenv could not make $1"
}

provision_schemathesis() {
  # A venv names its own path in its scripts, so it is built in place; the stamp marks it whole.
  local stamp=$SCHEMATHESIS_HOME/.scrums-iac-complete
  if [ -f "$stamp" ]; then
    STEP_RESULT="cached schemathesis $SCHEMATHESIS_VERSION"
    return
  fi
  command -v python3 >/dev/null || die "python3 (3.9 or newer) is needed for Schemathesis"
  rm -rf "$SCHEMATHESIS_HOME"
  make_python_venv "$SCHEMATHESIS_HOME"
  "$SCHEMATHESIS_HOME/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" 2>&1 | indent
  "$SCHEMATHESIS_BIN" --version >/dev/null || die "schemathesis $SCHEMATHESIS_VERSION did not install from PyPI"
  touch "$stamp"
  STEP_RESULT="installed schemathesis $SCHEMATHESIS_VERSION from PyPI"
}
