# CDK Terrain (cdktn-cli, cdktn and the constructs it peers), which the end-to-end tests run beside
# CDKTF, installed from scripts/cdktn's own lock file into a prefix of the tool cache: cdktn peers a
# constructs newer than the one the project's lock pins for cdktf 0.21, so it stays out of that lock.

CDKTN_HOME=$SCRUMS_IAC_TOOLS/cdktn-$(sha256sum "$SCRUMS_IAC_ROOT/scripts/cdktn/package-lock.json" | cut -c1-12)
CDKTN_BIN=$CDKTN_HOME/node_modules/.bin/cdktn

provision_cdktn() {
  if [ -x "$CDKTN_BIN" ]; then
    STEP_RESULT="cached cdktn-cli $(cdktn_version)"
    return
  fi
  local work
  work=$(mktemp -d "$SCRUMS_IAC_TOOLS/.cdktn-XXXXXX")
  cp "$SCRUMS_IAC_ROOT/scripts/cdktn/package.json" "$SCRUMS_IAC_ROOT/scripts/cdktn/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error 2>&1 | indent) || die "npm ci of scripts/cdktn failed"
  mv "$work" "$CDKTN_HOME"
  STEP_RESULT="installed cdktn-cli $(cdktn_version) from scripts/cdktn/package-lock.json"
}

cdktn_version() { node -p "require('$CDKTN_HOME/node_modules/cdktn-cli/package.json').version"; }
