# Terraform >= 1.6 from the machine, else OpenTofu (the machine's, or built from the Go module proxy).

# Prints the Terraform-compatible command the machine already has, if any.
machine_terraform() {
  local tf version
  if tf=$(PATH=$(path_without_tools) command -v terraform); then
    version=$(TF_CLI_CONFIG_FILE=/dev/null "$tf" version 2>/dev/null | sed -n '1s/^Terraform v\([0-9.]*\).*/\1/p')
    if [ -n "$version" ] && version_ge "$version" "$TERRAFORM_MIN_VERSION"; then
      echo "$tf"
      return
    fi
  fi
  PATH=$(path_without_tools) command -v tofu
}

provision_terraform() {
  local tf
  if tf=$(machine_terraform); then
    STEP_RESULT="using the machine's $(TF_CLI_CONFIG_FILE=/dev/null "$tf" version 2>/dev/null | head -n 1)"
  elif [ -x "$OPENTOFU_HOME_BIN/tofu" ]; then
    STEP_RESULT="cached OpenTofu v$OPENTOFU_VERSION"
  else
    say "  terraform  no terraform >= $TERRAFORM_MIN_VERSION here: building OpenTofu v$OPENTOFU_VERSION from the Go module proxy"
    mkdir -p "$OPENTOFU_HOME_BIN"
    go_build_from_proxy github.com/opentofu/opentofu "v$OPENTOFU_VERSION" \
      github.com/opentofu/opentofu/cmd/tofu "$OPENTOFU_HOME_BIN/tofu" \
      "-s -w -X github.com/opentofu/opentofu/version.dev=no"
    STEP_RESULT="built OpenTofu v$OPENTOFU_VERSION"
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
