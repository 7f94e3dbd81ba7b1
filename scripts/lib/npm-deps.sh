# The project's npm dependencies, installed with Node >= 22 first on PATH, exactly as the lock file
# says (`npm ci`, which never rewrites it), and only when the lock file changed since the last install.

provision_npm_deps() {
  local stamp=$SCRUMS_IAC_ROOT/node_modules/.scrums-iac-lock
  local want
  want="$(node --version) $(sha256sum "$SCRUMS_IAC_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    STEP_RESULT="node_modules matches package-lock.json"
    return
  fi
  (cd "$SCRUMS_IAC_ROOT" && npm ci --no-audit --no-fund --loglevel=error 2>&1 | indent) ||
    die "npm ci failed"
  printf '%s' "$want" >"$stamp"
  STEP_RESULT="installed node_modules from package-lock.json"
}
