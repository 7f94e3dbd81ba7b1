# Shared by the provisioning scripts: where things live, which versions, and how steps report.
# Sourced, never run.

SCRUMS_IAC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SCRUMS_IAC_TOOLS=${SCRUMS_IAC_TOOLS:-$HOME/.cache/scrums-iac/tools}

NODE_VERSION=22.23.3
NODE_MIN_MAJOR=22
TERRAFORM_MIN_VERSION=1.6.0
OPENTOFU_VERSION=1.10.6
PULUMI_MIN_VERSION=3.221.0
# The Pulumi CLI is built at the version of the SDK the project depends on.
PULUMI_VERSION=$(sed -n 's/.*"@pulumi\/pulumi": *"[~^]\{0,1\}\([0-9.]*\)".*/\1/p' "$SCRUMS_IAC_ROOT/package.json")

NODE_HOME=$SCRUMS_IAC_TOOLS/node-v$NODE_VERSION
PULUMI_HOME_BIN=$SCRUMS_IAC_TOOLS/pulumi-v$PULUMI_VERSION/bin
OPENTOFU_HOME_BIN=$SCRUMS_IAC_TOOLS/opentofu-v$OPENTOFU_VERSION/bin
TERRAFORM_RC=$SCRUMS_IAC_TOOLS/terraform.rc
PULUMI_LOCAL_BACKEND=$SCRUMS_IAC_TOOLS/pulumi-backend

say() { printf '%s\n' "$*" >&2; }
die() { say "setup: $*"; exit 1; }

# version_ge A B: true when dotted version A >= B.
version_ge() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | sed -n 1p)" = "$2" ]
}

# step NAME FUNCTION: runs FUNCTION, then reports what it said it did and how long it took.
# FUNCTION sets STEP_RESULT to a short sentence.
step() {
  local name=$1 fn=$2 started=$SECONDS
  STEP_RESULT=""
  "$fn"
  say "  $(printf '%-10s' "$name") $STEP_RESULT ($((SECONDS - started))s)"
}

# Runs a command on one line of output per line, indented, so long builds show progress.
indent() { sed 's/^/      /' >&2; }
