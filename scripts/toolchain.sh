# shellcheck shell=bash
# Sourced by ./backcourse: the .NET SDK, and Chromium and axe-core for the browser tests.

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1 && [ -x "$HOME/.dotnet/dotnet" ]; then
    export PATH="$HOME/.dotnet:$PATH"
  fi
  if ! command -v dotnet >/dev/null 2>&1; then
    # Some Ubuntu releases ship the SDK in their own archive; elsewhere use Microsoft's install script.
    try_apt_install dotnet-sdk-10.0 2>/dev/null || true
  fi
  if ! command -v dotnet >/dev/null 2>&1; then
    apt_install curl ca-certificates libicu-dev tzdata || true
    if command -v curl >/dev/null 2>&1; then
      say "installing the .NET 10 SDK into ~/.dotnet"
      if curl -fsSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0 --install-dir "$HOME/.dotnet" >/dev/null; then
        export PATH="$HOME/.dotnet:$PATH"
      fi
    fi
  fi
  command -v dotnet >/dev/null 2>&1 || die ".NET 10 SDK not found. Install it (https://learn.microsoft.com/dotnet/core/install/linux) and re-run."
  local major
  major="$(dotnet --version | cut -d. -f1)"
  [ "$major" -ge 10 ] || die ".NET SDK 10 or newer is required (found $(dotnet --version))."
}

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used) and inject
# axe-core from npm; a clean clone has neither, so install what is missing.
ensure_browser_test_tools() {
  local dir="$ROOT/tests/BackCourse.BrowserTests"
  [ -f "$dir/package.json" ] || return 0
  if [ ! -x "${BACKCOURSE_CHROMIUM:-/usr/bin/chromium}" ]; then
    apt_install chromium
  fi
  if [ ! -f "$dir/node_modules/axe-core/axe.min.js" ]; then
    if ! command -v npm >/dev/null 2>&1; then apt_install npm; fi
    say "npm ci (axe-core for the browser tests)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
