# The project's npm dependencies, installed with Node >= 22 first on PATH, and only when the lock
# file changed since the last install. `npm install` rather than `npm ci`: the registry reachable
# here lacks other platforms' optional binaries (unrs-resolver's), which leaves them out of the
# lock file, and `npm ci` then refuses the lock as out of sync; `npm install` follows the lock.

provision_npm_deps() {
  local stamp=$SCRUMS_IAC_ROOT/node_modules/.scrums-iac-lock
  local want
  want="$(node --version) $(sha256sum "$SCRUMS_IAC_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    STEP_RESULT="node_modules matches package-lock.json"
    return
  fi
  (cd "$SCRUMS_IAC_ROOT" && npm install --no-audit --no-fund --loglevel=error 2>&1 | indent) ||
    die "npm install failed"
  printf '%s' "$want" >"$stamp"
  STEP_RESULT="installed node_modules from package-lock.json"
}
