# Builds a Go command from the Go module proxy inside a throwaway module, so that a module whose
# go.mod carries replace directives (which `go install pkg@version` refuses) still builds.

# go_build_from_proxy MODULE VERSION PACKAGE OUTPUT LDFLAGS
go_build_from_proxy() {
  local module=$1 version=$2 package=$3 output=$4 ldflags=$5
  command -v go >/dev/null || die "Go is needed to build $package (or install it yourself and re-run)"
  local work=$SCRUMS_IAC_TOOLS/.build/$(basename "$output")-$version
  mkdir -p "$work"
  (
    cd "$work"
    export GOFLAGS=-mod=mod GOTOOLCHAIN=${GOTOOLCHAIN:-local}
    rm -f go.mod go.sum
    go mod init scrums-iac/build >/dev/null 2>&1
    go mod edit -require="$module@$version"
    copy_remote_replaces "$module" "$version"
    printf '//go:build tools\n\npackage build\n\nimport _ "%s"\n' "$package" >tools.go
    go mod tidy 2>&1 | grep -v '^go: downloading' | indent || true
    go build -trimpath -ldflags "$ldflags" -o "$output.partial" "$package" 2>&1 | indent
    [ -x "$output.partial" ] || die "building $package failed"
    mv "$output.partial" "$output"
  )
  rm -rf "$work"
}

# A dependency's replace directives do not apply to the module that requires it: repeat those that
# point at other modules (not at folders of its own repository).
copy_remote_replaces() {
  local gomod
  gomod=$(go mod download -json "$1@$2" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  [ -f "$gomod" ] || die "could not read the go.mod of $1@$2 from the module proxy"
  awk '
    /^replace \($/ { block = 1; next }
    block && /^\)/ { block = 0; next }
    block || /^replace / { sub(/^replace /, ""); print }
  ' "$gomod" | while read -r line; do
    case $line in *"=> ."* | *"=> /"*) continue ;; esac
    local from to
    from=$(printf '%s' "${line%%=>*}" | awk '{ print ($2 == "" ? $1 : $1 "@" $2) }')
    to=$(printf '%s' "${line##*=>}" | awk '{ print ($2 == "" ? $1 : $1 "@" $2) }')
    go mod edit -replace="$from=$to"
  done
}
