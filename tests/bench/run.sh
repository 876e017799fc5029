#!/usr/bin/env bash
# flowmigrate benchmark (issue 9): builds Release, generates synthetic repos, measures wall time, CPU time and
# peak RSS of scan / convert / migrate (+ check) and of two references on the same framework files
# (the parse floor: one python3 ast.parse-ing them; pyupgrade --py311-plus over copies of them), the least
# the user's Python must spend confirming convert's output parses (confirm_floor) and cp copying the repo (copy_floor), the
# start-up of the .NET program (`--version`) and the wizard's first overview frame (tmux), prints one
# table and writes a JSON file.
#
#   tests/bench/run.sh [--sizes "500 5000"] [--full] [--repeat N] [--migrate-max N] [--first-frame-sizes "5000"]
#                      [--portable] [--no-build] [--dll FILE] [--workdir DIR] [--json FILE]
#
#   --sizes        repo sizes in files (default "500 5000"); --full adds 20000
#   --repeat       runs per measurement (default 3): the table shows the best and the median
#   --migrate-max  also measure `migrate --all --yes --no-check`, then `check` and `status` (every flow on its branch) on
#                  sizes <= N (default 500; 0: never)
#   --first-frame-sizes  sizes whose wizard first overview frame is timed, cold and warm (default "5000"; "": none)
#   By default it measures what install.sh installs: a ReadyToRun (precompiled) publish for this machine, with its runtime
#   in the same image (-p:Precompiled=true, see src/Assistant.Cli/Assistant.Cli.csproj), made into
#   artifacts/bench/flowmigrate; where that cannot be built (no crossgen package) the portable Release build instead.
#   The JSON's "binary" says which ("readytorun", "portable" or "given") and where.
#   --portable     measure the portable Release build (src/Assistant.Cli/bin/Release), JIT-compiled at start-up
#   --no-build     measure what is already there (the publish if present, else the Release build)
#   --dll          the flowmigrate.dll to measure (e.g. artifacts/flowmigrate/flowmigrate.dll); implies --no-build
#   --workdir      where repos go (default: a new temp dir, removed at the end unless --keep)
#   --json         result file (default tests/bench/results/<UTC date-time>.json, git-ignored)
#   --keep         keep the work dir; --seed S (default 9); BENCH_TIMEOUT=seconds per measurement (default 1800)
#
# Before every run the files it reads (repo, build output) are read once, so no run pays for the disk.
# Wall time is only meaningful on an idle machine; the CPU columns (user+sys of the process tree)
# and their ratios are the figures to compare on a shared host.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sizes="500 5000"
migrate_max=500
dll=""
repeat=3
first_frame_sizes="5000"
build=1
portable=0
binary_kind=""
keep=0
workdir=""
json=""
seed=9
timeout_s="${BENCH_TIMEOUT:-1800}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --full) sizes="$sizes 20000"; shift ;;
    --migrate-max) migrate_max="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --first-frame-sizes) first_frame_sizes="$2"; shift 2 ;;
    --portable) portable=1; shift ;;
    --no-build) build=0; shift ;;
    --dll) dll="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; build=0; binary_kind=given; shift 2 ;;
    --keep) keep=1; shift ;;
    --workdir) workdir="$2"; shift 2 ;;
    --json) json="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n 2,28p "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "--repeat takes a positive number, not '$repeat'" >&2; exit 2; }

need() { command -v "$1" >/dev/null 2>&1; }
if [[ ! -x /usr/bin/time ]] || ! need pyupgrade || { [[ -n "$first_frame_sizes" ]] && ! need tmux; }; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && apt-get install -y -qq time pyupgrade tmux >/dev/null
  else
    echo "needs /usr/bin/time, pyupgrade and tmux: apt-get install time pyupgrade tmux (as root)" >&2; exit 3
  fi
fi

portable_dll="$root/src/Assistant.Cli/bin/Release/net10.0/flowmigrate.dll"
publish_dir="$root/artifacts/bench/flowmigrate"
if [[ -z "$binary_kind" ]]; then
  if [[ $build -eq 1 ]]; then
    echo "== dotnet build -c Release" >&2
    dotnet build -c Release "$root/src/Assistant.Cli/Assistant.Cli.csproj" -nologo -v q >&2
  fi
  if [[ $portable -eq 0 && $build -eq 1 ]]; then
    # the same publish as install.sh's: ReadyToRun for this machine's runtime identifier, the runtime compiled into the
    # same image (-p:Precompiled=true), else flowmigrate alone on the shared runtime
    rid="$(dotnet --info 2>/dev/null | awk '$1 == "RID:" { print $2; exit }')"
    published=0
    for flags in "-p:Precompiled=true" "--self-contained false -p:PublishReadyToRun=true"; do
      [[ -n "$rid" ]] || break
      echo "== dotnet publish -r $rid $flags (what install.sh installs)" >&2
      rm -rf "$publish_dir"
      # shellcheck disable=SC2086 # the flags are words
      if dotnet publish "$root/src/Assistant.Cli/Assistant.Cli.csproj" -c Release -r "$rid" $flags -nologo -v q -o "$publish_dir" >&2; then
        published=1; break
      fi
    done
    if [[ $published -eq 0 ]]; then
      rm -rf "$publish_dir"
      echo "   ReadyToRun publish failed: measuring the portable build" >&2
    fi
  fi
  if [[ $portable -eq 0 && -f "$publish_dir/flowmigrate.dll" ]]; then
    dll="$publish_dir/flowmigrate.dll"; binary_kind=readytorun
  else
    dll="$portable_dll"; binary_kind=portable
  fi
fi
[[ -f "$dll" ]] || { echo "missing $dll (build first)" >&2; exit 3; }
echo "== measuring $dll ($binary_kind)" >&2
export BENCH_BINARY_KIND="$binary_kind" BENCH_BINARY_DLL="$dll"

if [[ -z "$workdir" ]]; then
  workdir="$(mktemp -d -t flowmigrate-bench.XXXXXX)"
  [[ $keep -eq 1 ]] || trap 'rm -rf "$workdir"' EXIT
fi
mkdir -p "$workdir"
[[ -n "$json" ]] || json="$here/results/$(date -u +%Y-%m-%dT%H%M%SZ).json"
raw="$workdir/raw.tsv"
: > "$raw"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# warm PATH... : reads every file under PATH once, so the next run finds them in the page cache
warm() {
  find "$@" -type f -print0 2>/dev/null | xargs -0 -r cat > /dev/null 2>&1 || true
}

# measure SIZE NAME [--prepare CMD] -- CMD... : runs CMD $repeat times, each after warming the page cache (the repos
# of $workdir and the build output) and running the prepare command (which resets what CMD changes); one line per run
# in $raw: wall seconds, peak RSS (KiB), exit code, CPU seconds (user+sys); the output of the last run in $workdir/logs
measure() {
  local size="$1" name="$2" prepare=""; shift 2
  if [[ "$1" == --prepare ]]; then prepare="$2"; shift 2; fi
  [[ "$1" == -- ]] && shift
  local log="$workdir/logs/$size-$name.log" t="$workdir/logs/$size-$name.time"
  mkdir -p "$workdir/logs"
  echo "== $size files: $name (x$repeat)" >&2
  for run in $(seq 1 "$repeat"); do
    local rc=0
    [[ -z "$prepare" ]] || bash -c "$prepare" >&2
    warm "$bin_dir" ${warm_paths[@]+"${warm_paths[@]}"}
    timeout "$timeout_s" /usr/bin/time -f "%e %M %U %S" -o "$t" "$@" >"$log" 2>&1 || rc=$?
    read -r wall rss user sys < <(tail -n 1 "$t")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$name" "$wall" "$rss" "$rc" "$(python3 -c "print(round($user + $sys, 2))")" >> "$raw"
    echo "   run $run: wall ${wall}s, cpu $user+${sys}s, peak RSS $((rss / 1024)) MB, exit $rc (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  done
}

bin_dir="$(dirname "$dll")"
warm_paths=()
# start-up of the .NET program alone: parse the command line, print the version
measure 0 startup -- dotnet "$dll" --version

for size in $sizes; do
  repo="$workdir/repo-$size"
  manifest="$workdir/repo-$size.manifest.json"
  echo "== generating $size files" >&2
  python3 "$here/generate.py" --files "$size" --seed "$seed" --out "$repo" --manifest "$manifest" >&2
  warm_paths=("$repo")

  # references on exactly the framework files
  measure "$size" parse_floor -- python3 "$here/parse_floor.py" "$manifest"
  pyup="$workdir/pyupgrade-$size"
  pyup_src="$workdir/pyupgrade-src-$size"
  mkdir -p "$pyup_src"
  (cd "$repo" && python3 -c 'import json,sys; print("\0".join(json.load(open(sys.argv[1]))["framework_files"]), end="")' "$manifest" \
    | xargs -0 cp --parents -t "$pyup_src")
  # pyupgrade rewrites in place: every run gets fresh copies; it exits 1 when it rewrote a file, which is not a failure here
  measure "$size" pyupgrade --prepare "rm -rf '$pyup' && cp -a '$pyup_src' '$pyup'" -- \
    bash -c 'cd "$1" && find . -name "*.py" -print0 | sort -z | xargs -0 pyupgrade --py311-plus; [[ $? -le 1 || $? -eq 123 ]]' _ "$pyup"

  # ours
  measure "$size" scan -- bash -c 'cd "$1" && exec dotnet "$2" scan --json' _ "$repo" "$dll"
  # every run converts into a folder of its own, and the copies stay until the work dir goes (with --keep, they stay): when
  # ext4 without a journal creates a file it passes over the inodes of files deleted in the last minute (six while their
  # inode table is not yet written back; perf: __ext4_new_inode -> find_inode_bit -> recently_deleted). Removing the last
  # run's 5,000 files just before a run made creating the copy's files several times slower in the kernel (0.2 to over 2 s
  # of system time), and removing the 5,000-file copies slowed the 20,000-file runs: a cost of the benchmark's own
  # cleanup, not of converting into a new folder.
  measure "$size" convert --prepare "mkdir -p '$workdir/converted-$size'" -- \
    bash -c 'exec dotnet "$1" convert "$2" --out "$(mktemp -u -p "$3" run.XXXXXX)" --json "$4"' _ "$dll" "$repo" "$workdir/converted-$size" "$workdir/convert-$size.json"
  # what convert cannot do without, whatever its rules cost: the least the user's Python must spend confirming that the
  # output parses there (on the newest run's output), and copying the repository's files (not .git) into a new folder with
  # cp, each run into a folder of its own (as convert's, for the same reason)
  measure "$size" confirm_floor -- python3 "$here/confirm_floor.py" "$manifest" "$(ls -dt "$workdir/converted-$size"/run.* | head -n 1)"
  measure "$size" copy_floor --prepare "mkdir -p '$workdir/copied-$size'" -- \
    bash -c 'out="$(mktemp -d -p "$2" run.XXXXXX)" && cd "$1" && find . -mindepth 1 -maxdepth 1 ! -name .git -exec cp -r -t "$out" {} +' _ "$repo" "$workdir/copied-$size"
  if [[ "$size" -le "$migrate_max" ]]; then
    clone="$workdir/migrate-$size"
    # every run migrates a fresh clone; check then runs on the last one
    measure "$size" migrate --prepare "rm -rf '$clone' && git clone -q '$repo' '$clone' && git -C '$clone' config user.name Bench && git -C '$clone' config user.email bench@example.invalid" -- \
      bash -c 'cd "$1" && exec dotnet "$2" migrate --all --yes --no-check' _ "$clone" "$dll"
    measure "$size" check -- bash -c 'cd "$1" && exec dotnet "$2" check --json' _ "$clone" "$dll"
    cp "$workdir/logs/$size-check.log" "$workdir/check-$size.json" 2>/dev/null || true
    measure "$size" status -- bash -c 'cd "$1" && exec dotnet "$2" status --json' _ "$clone" "$dll"
  fi

  # the wizard's first overview frame in a real terminal (tmux), cold and warm start
  if [[ " $first_frame_sizes " == *" $size "* ]]; then
    echo "== $size files: first overview frame (x$repeat)" >&2
    warm "$bin_dir" "$repo"
    python3 "$here/first_frame.py" --dll "$dll" --repo "$repo" --runs "$repeat" --json "$workdir/first-frame-$size.json" >/dev/null \
      || echo "   first_frame.py failed; see above" >&2
  fi
done

python3 "$here/report.py" "$raw" "$workdir" "$json"
# (an if, not `[[ … ]] && echo`: as the last command, a false test would make the whole run exit 1)
if [[ $keep -eq 1 || "$workdir" != /tmp/* ]]; then echo "work dir: $workdir" >&2; fi
