# actionlint, the linter of GitHub Actions workflows that checks examples/ci, built from the Go module
# proxy into the tool cache when it is not there yet.

ACTIONLINT_VERSION=v1.7.12
ACTIONLINT_BIN=$SCRUMS_IAC_TOOLS/actionlint-$ACTIONLINT_VERSION/bin/actionlint

provision_actionlint() {
  if [ -x "$ACTIONLINT_BIN" ]; then
    STEP_RESULT="cached actionlint $ACTIONLINT_VERSION"
    return
  fi
  mkdir -p "$(dirname "$ACTIONLINT_BIN")"
  go_build_from_proxy github.com/rhysd/actionlint "$ACTIONLINT_VERSION" \
    github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT_BIN" "-s -w"
  STEP_RESULT="built actionlint $ACTIONLINT_VERSION from the Go module proxy"
}
