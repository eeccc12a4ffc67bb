# Shared helpers for the scripts in scripts/: logging, the choice of wasm
# toolchain route, and the environment of the wasm32 build. Sourced, not run.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# Tools installed by `cargo install` live here; make sure they are found.
CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
case ":$PATH:" in
  *":$CARGO_HOME/bin:"*) ;;
  *) export PATH="$CARGO_HOME/bin:$PATH" ;;
esac

# The wasm32 artifacts get their own target directory, so that the native
# build (tests, CLI, clippy) and the wasm build never invalidate each other.
WASM_TARGET_DIR="$ROOT/target/wasm"
WASM_TRIPLE="wasm32-unknown-unknown"

say() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
  printf '\nerror: %s\n' "$*" >&2
  exit 1
}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (not root and no sudo)"
  fi
}

# Prints "rustup" when the rustup toolchain has the wasm32 standard library,
# "debian" otherwise (Debian's rustc-web builds std from source).
wasm_route() {
  if command -v rustup >/dev/null 2>&1 &&
    rustup target list --installed 2>/dev/null | grep -qx "$WASM_TRIPLE"; then
    echo rustup
  else
    echo debian
  fi
}

# The exact version of the wasm-bindgen crate in Cargo.lock: the CLI must match.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# Runs cargo for wasm32 with the environment of the chosen route. The
# environment is set for this command only, never for native builds.
# The release profile's `strip = true` would also drop the target_features
# section that wasm-bindgen reads to know which wasm features are on, so the
# wasm build strips debug info only; wasm-opt then drops the symbol names.
wasm_cargo() {
  if [ "$(wasm_route)" = rustup ]; then
    CARGO_PROFILE_RELEASE_STRIP=debuginfo CARGO_TARGET_DIR="$WASM_TARGET_DIR" cargo "$@"
  else
    env PATH="/usr/bin:$PATH" \
      CARGO_PROFILE_RELEASE_STRIP=debuginfo \
      CARGO=/usr/bin/cargo \
      RUSTC=/usr/bin/rustc \
      RUSTDOC=/usr/bin/rustdoc \
      RUSTC_BOOTSTRAP=1 \
      CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 \
      CARGO_TARGET_DIR="$WASM_TARGET_DIR" \
      /usr/bin/cargo "$@"
  fi
}

# Prints seconds since the epoch, for step timings.
now() { date +%s; }

# Formats a duration in seconds as "1m 05s" or "42s".
fmt_duration() {
  local s=$1
  if [ "$s" -ge 60 ]; then
    printf '%dm %02ds' $((s / 60)) $((s % 60))
  else
    printf '%ds' "$s"
  fi
}
