#!/usr/bin/env bash
# Sets up flowmigrate on this machine. Safe to run again: it only does what is missing.
#
#   ./install.sh          check prerequisites, build (Release), install the `flowmigrate` command
#   ./install.sh --test   the same, then run the whole test suite (what CI runs)
#
# The command is a small launcher in /usr/local/bin when run as root, else in ~/.local/bin.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
run_tests=false
for arg in "$@"; do
  case "$arg" in
    --test) run_tests=true ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option '$arg' (use --test or --help)" >&2; exit 2 ;;
  esac
done

say()  { printf '\033[1m==>\033[0m %s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

apt_updated=false
apt_install() {
  # Installs Debian packages when we may; otherwise says exactly what to install.
  if is_root && command -v apt-get >/dev/null 2>&1; then
    if [ "$apt_updated" = false ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || fail "apt-get update failed; install $* by hand"
      apt_updated=true
    fi
    say "installing $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || fail "apt-get install $* failed; install it by hand"
  else
    fail "missing: $* — install it (e.g. 'sudo apt-get install $*') and run ./install.sh again"
  fi
}

# --- prerequisites -----------------------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || fail "the .NET 10 SDK is required ('dotnet' is not on PATH): see https://dot.net/download"
dotnet --list-sdks 2>/dev/null | grep -qE '^10\.' || fail "the .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')"

command -v git >/dev/null 2>&1 || apt_install git
command -v python3 >/dev/null 2>&1 || apt_install python3
python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' \
  || fail "python3 is $(python3 -V 2>&1); flowmigrate needs Python 3.9 or newer"
if [ "$run_tests" = true ]; then
  # The end-to-end tests drive the real terminal through tmux.
  command -v tmux >/dev/null 2>&1 || apt_install tmux
  # The report tests render the HTML report in a headless browser.
  command -v chromium >/dev/null 2>&1 || apt_install chromium
fi

# --- build -------------------------------------------------------------------------------------
say "building flowmigrate (Release)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Assistant.sln -c Release -nologo -v quiet -warnaserror >/dev/null \
  || { dotnet build Assistant.sln -c Release -nologo -v quiet -warnaserror; fail "the build failed"; }
publish="$here/artifacts/flowmigrate"
# The command is published precompiled for this machine (ReadyToRun), with its own copy of the runtime compiled into the
# same image (see Precompiled in src/Assistant.Cli/Assistant.Cli.csproj): it starts in about half the CPU time of the
# portable build, and a convert of 5,000 files takes about a tenth less CPU than with the runtime precompiled apart
# (README, Benchmarks). That takes a minute or two more to build, and needs the crossgen and runtime packages from NuGet
# like the other packages; without the runtime package the runtime shared by this machine's .NET is used (ReadyToRun
# for flowmigrate alone), without crossgen the portable build. CI skips it (it tests the build).
rid="$(dotnet --info 2>/dev/null | awk '$1 == "RID:" { print $2; exit }')"
precompiled=false
if [ "${CI:-}" != true ] && [ -n "$rid" ]; then
  say "precompiling flowmigrate for $rid (ReadyToRun, one image with its runtime; a minute or two)"
  for flags in "-p:Precompiled=true" "--self-contained false -p:PublishReadyToRun=true"; do
    rm -rf "$publish.new"
    # shellcheck disable=SC2086 # the flags are words
    if dotnet publish src/Assistant.Cli/Assistant.Cli.csproj -c Release -r "$rid" $flags \
         -nologo -v quiet -warnaserror -o "$publish.new" >/dev/null 2>&1; then
      rm -rf "$publish" && mv "$publish.new" "$publish" && precompiled=true
      break
    fi
    rm -rf "$publish.new"
  done
  [ "$precompiled" = true ] || echo "note: precompiling failed (offline?); installing the portable build, which starts a little slower"
fi
if [ "$precompiled" = false ]; then
  rm -rf "$publish"
  dotnet publish src/Assistant.Cli/Assistant.Cli.csproj -c Release --no-build -nologo -v quiet -o "$publish" >/dev/null \
    || fail "dotnet publish failed"
fi

# --- launcher ----------------------------------------------------------------------------------
if is_root; then bin_dir=/usr/local/bin; else bin_dir="$HOME/.local/bin"; fi
mkdir -p "$bin_dir"
launcher="$bin_dir/flowmigrate"
tmp="$(mktemp "$bin_dir/.flowmigrate.XXXXXX")"
cat > "$tmp" <<LAUNCHER
#!/usr/bin/env bash
# flowmigrate launcher written by $here/install.sh
exec dotnet "$publish/flowmigrate.dll" "\$@"
LAUNCHER
chmod 755 "$tmp"
mv -f "$tmp" "$launcher"
say "installed $launcher"
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "note: $bin_dir is not on your PATH; add it (export PATH=\"$bin_dir:\$PATH\") or run $launcher" ;;
esac

# --- tests -------------------------------------------------------------------------------------
if [ "$run_tests" = true ]; then
  say "running the test suite"
  log="$(mktemp)"
  set +e
  dotnet test Assistant.sln -c Release --no-build -nologo 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  # One closing line for CI, summed over the test projects.
  python3 - "$log" <<'PY'
import re, sys
passed = failed = skipped = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.search(r"Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)", line)
    if m:
        failed += int(m.group(1)); passed += int(m.group(2)); skipped += int(m.group(3))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
  rm -f "$log"
  exit "$status"
fi
