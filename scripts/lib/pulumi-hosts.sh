# The Pulumi language hosts beyond Node.js, installed beside the CLI that provision_pulumi built:
#   - pulumi-language-python, -go and -codegen: this project's Go host (scripts/pulumi-hosts/go), built in
#     a throwaway module against the pkg/v3 the CLI was built from (seconds once the modules are cached);
#   - pulumi-language-python-exec, the script sdk/v3 ships, and a Python venv with `pulumi` from PyPI,
#     the interpreter of programs that name no virtualenv of their own;
#   - pulumi-language-yaml, built from github.com/pulumi/pulumi-yaml (minutes, once).
# A machine whose own Pulumi CLI is enough has its own hosts: nothing is provisioned then.

PULUMI_YAML_VERSION=v1.25.0
PULUMI_HOSTS_SOURCE=$SCRUMS_IAC_ROOT/scripts/pulumi-hosts/go
PULUMI_PYTHON_HOME=$PULUMI_HOME_BIN/../python

provision_pulumi_hosts() {
  if machine_pulumi_is_enough; then
    STEP_RESULT="using the machine's language hosts"
    return
  fi
  local done=()
  build_go_language_host && done+=("Go host")
  provision_pulumi_python && done+=("Python venv with pulumi $PULUMI_VERSION")
  build_yaml_language_host && done+=("pulumi-language-yaml $PULUMI_YAML_VERSION")
  if [ ${#done[@]} -eq 0 ]; then
    STEP_RESULT="cached Python, Go and YAML hosts"
  else
    STEP_RESULT="built $(IFS=,; echo "${done[*]}" | sed 's/,/, /g')"
  fi
}

# Rebuilds the Go host when its sources changed (the stamp holds their digest); false when cached.
build_go_language_host() {
  local binary=$PULUMI_HOME_BIN/pulumi-language-codegen stamp=$PULUMI_HOME_BIN/.pulumi-language-codegen.sha256
  local digest
  digest=$(cat "$PULUMI_HOSTS_SOURCE"/*.go | sha256sum | cut -d' ' -f1)
  if [ -x "$binary" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$digest" ]; then return 1; fi
  command -v go >/dev/null || die "Go is needed to build the Pulumi language hosts"
  local work=$SCRUMS_IAC_TOOLS/.build/pulumi-language-codegen
  rm -rf "$work" && mkdir -p "$work"
  cp "$PULUMI_HOSTS_SOURCE"/*.go "$work/"
  (
    cd "$work"
    export GOFLAGS=-mod=mod GOTOOLCHAIN=${GOTOOLCHAIN:-local}
    go mod init scrums-iac/pulumi-hosts >/dev/null 2>&1
    go mod edit -require="github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" \
      -require="github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION"
    copy_remote_replaces github.com/pulumi/pulumi/pkg/v3 "v$PULUMI_VERSION"
    go mod tidy 2>&1 | grep -v '^go: downloading' | indent || true
    go build -trimpath -ldflags "-s -w -X main.version=$PULUMI_VERSION" -o "$binary.partial" . 2>&1 | indent
    [ -x "$binary.partial" ] || die "building the Go language host failed"
  )
  mv "$binary.partial" "$binary"
  rm -rf "$work"
  # One binary, one name per language; ln -f replaces a name rather than writing through it.
  local name
  for name in pulumi-language-python pulumi-language-go; do ln -f "$binary" "$PULUMI_HOME_BIN/$name"; done
  local sdk_dir
  sdk_dir=$(cd "$SCRUMS_IAC_TOOLS" && GOFLAGS=-mod=mod go mod download -json "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION" |
    sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  install -m 0755 "$sdk_dir/python/cmd/pulumi-language-python-exec" "$PULUMI_HOME_BIN/"
  printf '%s\n' "$digest" >"$stamp"
}

# The venv programs without their own run in; false when cached.
provision_pulumi_python() {
  local stamp=$PULUMI_PYTHON_HOME/.scrums-iac-complete
  [ -f "$stamp" ] && return 1
  command -v python3 >/dev/null || die "python3 (3.9 or newer) is needed for Pulumi's Python SDK"
  rm -rf "$PULUMI_PYTHON_HOME"
  make_python_venv "$PULUMI_PYTHON_HOME"
  "$PULUMI_PYTHON_HOME/bin/python" -m pip install --quiet --disable-pip-version-check "pulumi==$PULUMI_VERSION" 2>&1 | indent
  "$PULUMI_PYTHON_HOME/bin/python" -c 'import pulumi' || die "pulumi $PULUMI_VERSION did not install from PyPI"
  touch "$stamp"
}

# false when cached.
build_yaml_language_host() {
  [ -x "$PULUMI_HOME_BIN/pulumi-language-yaml" ] && return 1
  say "  hosts      building pulumi-language-yaml $PULUMI_YAML_VERSION from the Go module proxy (minutes, once)"
  go_build_from_proxy github.com/pulumi/pulumi-yaml "$PULUMI_YAML_VERSION" \
    github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml "$PULUMI_HOME_BIN/pulumi-language-yaml" \
    "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$PULUMI_YAML_VERSION"
}
