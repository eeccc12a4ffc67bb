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

# The WebAssembly features the app may use: what Chrome 90-era browser cores
# (360 浏览器, QQ 浏览器 in 极速模式) support. rustc's default for wasm32 also
# enables reference-types and multivalue (Chrome 96 / 85+), and wasm-bindgen
# then uses externref tables that a Chrome 90 core cannot compile, so the
# build starts from the MVP and adds back only these. scripts/build validates
# the result against exactly this list.
WASM_FEATURES="+bulk-memory,+mutable-globals,+nontrapping-fptoint,+sign-ext"
WASM_RUSTFLAGS="-Ctarget-cpu=mvp -Ctarget-feature=$WASM_FEATURES"
# The release build on the Debian route (a nightly-capable compiler that
# builds std itself) also trades what a shipped module never needs for
# size, measured on the full app: panics trap at once instead of formatting
# a message nobody sees (-Cpanic=immediate-abort), std's own size-optimised
# code paths (build-std feature optimize_for_size: smaller sorts and
# formatting), and `{:?}` prints nothing (-Zfmt-debug=none: no user-facing
# text may use Debug formatting; only tests and panic messages do).
# Together 350 -> 320 KB gzip on the same code. -Zlocation-detail=none drops
# the source file names and lines that `#[track_caller]` code passes to a
# panic which, with immediate-abort, never prints them (0.7 KB). (An earlier
# note blamed it for the long grid losing the row scrolled to; that was a
# timing bug in the grid's row heights, fixed in src/window.rs.)
# Debug builds and the wasm unit tests keep all of this.
WASM_RELEASE_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none"
WASM_RELEASE_STD_FEATURES="optimize_for_size"
WASM_OPT_FEATURES=(--mvp-features --enable-bulk-memory --enable-bulk-memory-opt
  --enable-mutable-globals --enable-nontrapping-float-to-int --enable-sign-ext)
# How wasm-opt optimises a release module: for size, its passes repeated
# until they gain nothing more (--converge: some seconds per build), and told that the lowest 1 KB of
# memory is never addressed (--low-memory-unused), which lets it fold
# constant offsets into loads and stores. That holds for these
# modules: the linker puts the 1 MiB stack first (__stack_pointer starts at
# 1048576 and grows down; data lies above it), so addresses below 1024 are
# reached only by a stack 1 MiB deep, which nothing here comes near (JSON
# nesting is bounded by the reader). scripts/build checks the layout on
# every build (stack_first below). Together: the page 328.3 -> 325.5 KB
# gzip, the engine 141.0 -> 139.8 KB.
WASM_OPT_RELEASE=(-Oz --converge --low-memory-unused)

# Runs cargo for wasm32 with the environment of the chosen route. The
# environment is set for this command only, never for native builds.
# With WASM_SIZE_FLAGS=1 (the release build) the Debian route adds the
# size settings above.
# The release profile's `strip = true` would also drop the target_features
# section that wasm-bindgen reads to know which wasm features are on, so the
# wasm build strips debug info only; wasm-opt then drops the symbol names.
wasm_cargo() {
  if [ "$(wasm_route)" = rustup ]; then
    CARGO_PROFILE_RELEASE_STRIP=debuginfo CARGO_TARGET_DIR="$WASM_TARGET_DIR" \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$WASM_RUSTFLAGS" cargo "$@"
  else
    env PATH="/usr/bin:$PATH" \
      CARGO_PROFILE_RELEASE_STRIP=debuginfo \
      CARGO=/usr/bin/cargo \
      RUSTC=/usr/bin/rustc \
      RUSTDOC=/usr/bin/rustdoc \
      RUSTC_BOOTSTRAP=1 \
      CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$WASM_RUSTFLAGS${WASM_SIZE_FLAGS:+ $WASM_RELEASE_RUSTFLAGS}" \
      ${WASM_SIZE_FLAGS:+CARGO_UNSTABLE_BUILD_STD_FEATURES=$WASM_RELEASE_STD_FEATURES} \
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

# Checks what --low-memory-unused (WASM_OPT_RELEASE) assumes of a module:
# no data segment below address 1024, and the stack pointer starting above
# it. Dies with a message where a linker change broke that.
stack_first() {
  local low
  low=$(node_modules/.bin/wasm-opt "$1" --print 2>/dev/null |
    awk '/^ \(global \$__stack_pointer/ || /^ \(data / {
           if (match($0, /\(i32\.const [0-9]+\)/)) {
             n = substr($0, RSTART + 11, RLENGTH - 12) + 0
             if (n < 1024) print n
           }
         }' | head -1)
  [ -z "$low" ] || die "$1 uses memory below 1024 (address $low): wasm-opt --low-memory-unused would be wrong; drop it from WASM_OPT_RELEASE"
}
