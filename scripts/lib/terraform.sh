# Terraform >= 1.6 from the machine when it has one, and OpenTofu always (built from the Go module
# proxy into the tool cache), so every Terraform scenario can run under both clients.

# Prints the machine's Terraform (>= TERRAFORM_MIN_VERSION), if it has one.
machine_terraform() {
  local tf version
  tf=$(PATH=$(path_without_tools) command -v terraform) || return 1
  version=$(TF_CLI_CONFIG_FILE=/dev/null "$tf" version 2>/dev/null | sed -n '1s/^Terraform v\([0-9.]*\).*/\1/p')
  [ -n "$version" ] && version_ge "$version" "$TERRAFORM_MIN_VERSION" && echo "$tf"
}

provision_terraform() {
  local tf tofu_result
  if [ -x "$OPENTOFU_HOME_BIN/tofu" ]; then
    tofu_result="cached OpenTofu v$OPENTOFU_VERSION"
  else
    say "  terraform  building OpenTofu v$OPENTOFU_VERSION from the Go module proxy"
    mkdir -p "$OPENTOFU_HOME_BIN"
    go_build_from_proxy github.com/opentofu/opentofu "v$OPENTOFU_VERSION" \
      github.com/opentofu/opentofu/cmd/tofu "$OPENTOFU_HOME_BIN/tofu" \
      "-s -w -X github.com/opentofu/opentofu/version.dev=no"
    tofu_result="built OpenTofu v$OPENTOFU_VERSION"
  fi
  if tf=$(machine_terraform); then
    STEP_RESULT="$tofu_result; using the machine's $(TF_CLI_CONFIG_FILE=/dev/null "$tf" version 2>/dev/null | sed -n 1p)"
  else
    STEP_RESULT="$tofu_result; no terraform >= $TERRAFORM_MIN_VERSION here"
  fi
  write_terraform_rc
}

# The project's own CLI configuration, so a run never reads a user's ~/.terraformrc.
write_terraform_rc() {
  [ -f "$TERRAFORM_RC" ] && return
  printf '%s\n' '# Written by scrums-iac scripts/setup; `scrums-iac terraform install` adds the provider mirror.' \
    'disable_checkpoint = true' >"$TERRAFORM_RC.partial"
  mv "$TERRAFORM_RC.partial" "$TERRAFORM_RC"
}
