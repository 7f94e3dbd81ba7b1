# The Pulumi CLI and the two Node.js plugins it launches: the machine's when present and recent,
# else the CLI built from the Go module proxy plus this project's own Node.js language host and
# dynamic-provider launcher (scripts/pulumi-hosts), whose Go originals the proxy does not serve.

machine_pulumi_is_enough() {
  local pulumi version
  pulumi=$(PATH=$(path_without_tools) command -v pulumi) || return 1
  PATH=$(path_without_tools) command -v pulumi-language-nodejs >/dev/null || return 1
  version=$("$pulumi" version 2>/dev/null | sed 's/^v//')
  version_ge "$version" "$PULUMI_MIN_VERSION"
}

provision_pulumi() {
  if machine_pulumi_is_enough; then
    STEP_RESULT="using the machine's pulumi $(PATH=$(path_without_tools) pulumi version)"
    return
  fi
  [ -n "$PULUMI_VERSION" ] || die "cannot read the @pulumi/pulumi version from package.json"
  if [ -x "$PULUMI_HOME_BIN/pulumi" ]; then
    STEP_RESULT="cached pulumi v$PULUMI_VERSION"
  else
    say "  pulumi     building v$PULUMI_VERSION from the Go module proxy (several minutes the first time)"
    mkdir -p "$PULUMI_HOME_BIN"
    go_build_from_proxy github.com/pulumi/pulumi/pkg/v3 "v$PULUMI_VERSION" \
      github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$PULUMI_HOME_BIN/pulumi" \
      "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
    STEP_RESULT="built pulumi v$PULUMI_VERSION"
  fi
  install -m 0755 "$SCRUMS_IAC_ROOT"/scripts/pulumi-hosts/pulumi-language-nodejs \
    "$SCRUMS_IAC_ROOT"/scripts/pulumi-hosts/pulumi-resource-pulumi-nodejs "$PULUMI_HOME_BIN/"
  install -m 0644 "$SCRUMS_IAC_ROOT"/scripts/pulumi-hosts/language-host.ts "$PULUMI_HOME_BIN/"
}
