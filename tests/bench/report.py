#!/usr/bin/env python3
"""Turns the raw measurements of run.sh into one table (stdout) and a JSON file.

    python3 report.py RAW.tsv WORKDIR OUT.json

RAW.tsv lines, one per run: size (0 for size-independent measurements), measurement, wall seconds,
peak RSS KiB, exit code, CPU seconds (user+sys). A measurement run several times is reported with
its best (smallest) and median wall and CPU times; the ratios to the references compare the best
times. CPU time is reported beside wall time because a shared host makes wall time noisy.
WORKDIR/first-frame-SIZE.json (first_frame.py) adds the wizard's first overview frame.

Schema flowmigrate.bench/2 (1 had one run per measurement and plain numbers): per measurement
wall_s / cpu_s (best), wall_s_median / cpu_s_median, peak_rss_mb (largest), exit_code (the first
non-zero), runs (every run), rates from the best wall time, ratios of best times; per size
first_frame_s {cold, warm, cold_cpu, warm_cpu: {best, median, runs}} (seconds from launch; CPU seconds used by then); per size
convert_floor {cpu_s, parts_cpu_s {scan, confirm_floor, copy_floor}, cpus, wall_s, best_speedup_vs_pyupgrade,
measured_speedup_vs_pyupgrade} when those were measured (see convert_floor below); top-level startup (`--version`)
and binary {kind: readytorun | portable | given, dll} (the build measured; absent in files written before it was recorded).
"""
import json
import os
import platform
import statistics
import subprocess
import sys
import time

raw_path, workdir, out_path = sys.argv[1:4]
rows = [line.rstrip("\n").split("\t") for line in open(raw_path, encoding="utf-8") if line.strip()]
sizes = sorted({int(r[0]) for r in rows} - {0})
# which reference each of our measurements is compared with
COMPARE = {"scan": ["parse_floor", "pyupgrade"], "convert": ["parse_floor", "pyupgrade"],
           "migrate": ["parse_floor", "pyupgrade"], "check": ["parse_floor", "pyupgrade"]}

result = {"schema": "flowmigrate.bench/2", "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
          "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "kernel": platform.release(),
                      "load_average": os.getloadavg()},
          "sizes": []}
if os.environ.get("BENCH_BINARY_KIND"):
    # what run.sh measured: "readytorun" (the publish install.sh installs), "portable" (the JIT-compiled Release build) or "given" (--dll)
    result["binary"] = {"kind": os.environ["BENCH_BINARY_KIND"], "dll": os.environ.get("BENCH_BINARY_DLL")}
try:
    result["commit"] = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                                      cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip()
except OSError:
    pass


def summarise(runs):
    """Best and median of the runs of one measurement (lists of run.sh's columns 2-5)."""
    walls = [float(r[2]) for r in runs]
    cpus = [float(r[5]) for r in runs]
    codes = [int(r[4]) for r in runs]
    return {"wall_s": min(walls), "wall_s_median": round(statistics.median(walls), 3),
            "cpu_s": min(cpus), "cpu_s_median": round(statistics.median(cpus), 3),
            "peak_rss_mb": round(max(int(r[3]) for r in runs) / 1024, 1),
            "exit_code": next((c for c in codes if c != 0), 0),
            "runs": [{"wall_s": w, "cpu_s": c, "peak_rss_mb": round(int(r[3]) / 1024, 1), "exit_code": int(r[4])}
                     for w, c, r in zip(walls, cpus, runs)]}


def grouped(size):
    measured = {}
    for r in rows:
        if int(r[0]) == size:
            measured.setdefault(r[1], []).append(r)
    return {name: summarise(runs) for name, runs in measured.items()}


def convert_floor(measured):
    """The shortest wall time convert could take on this machine if its rules, edits and re-parses cost nothing: the CPU
    seconds of what it cannot do without (start, read and parse the files, as scan does; confirm in the user's Python that
    the converted files parse; copy the repository's files) spread perfectly over every core; and the largest speed-up over
    pyupgrade that leaves, beside the measured one."""
    parts = {name: measured[name]["cpu_s"] for name in ("scan", "confirm_floor", "copy_floor") if name in measured}
    if len(parts) < 3 or "pyupgrade" not in measured or "convert" not in measured:
        return None
    cpus = os.cpu_count() or 1
    wall = sum(parts.values()) / cpus
    pyupgrade = measured["pyupgrade"]["wall_s"]
    return {"cpu_s": round(sum(parts.values()), 2), "parts_cpu_s": parts, "cpus": cpus, "wall_s": round(wall, 3),
            "best_speedup_vs_pyupgrade": round(pyupgrade / wall, 2) if wall else None,
            "measured_speedup_vs_pyupgrade": round(pyupgrade / measured["convert"]["wall_s"], 2)}


def frame_times(times):
    ok = [t for t in times if t is not None]
    return {"best": min(ok) if ok else None, "median": round(statistics.median(ok), 3) if ok else None,
            "runs": times, "failed": len(times) - len(ok)}


result["startup"] = grouped(0).get("startup")
table = []
for size in sizes:
    manifest = json.load(open(os.path.join(workdir, f"repo-{size}.manifest.json"), encoding="utf-8"))
    fw_files = len(manifest["framework_files"])
    entry = {"files": size, "lines": manifest["lines_total"], "framework_files": fw_files,
             "framework_lines": manifest["lines_framework"], "measurements": {}}
    measured = grouped(size)
    for name, m in measured.items():
        wall, cpu = m["wall_s"], m["cpu_s"]
        m.update({"repo_files_per_s": round(size / wall, 1) if wall else None,
                  "repo_lines_per_s": round(manifest["lines_total"] / wall) if wall else None,
                  "framework_files_per_s": round(fw_files / wall, 1) if wall else None,
                  "framework_lines_per_s": round(manifest["lines_framework"] / wall) if wall else None})
        for ref in COMPARE.get(name, []):
            if ref in measured and measured[ref]["wall_s"] > 0:
                m[f"ratio_vs_{ref}"] = round(wall / measured[ref]["wall_s"], 2)
                if measured[ref]["cpu_s"] > 0:
                    m[f"cpu_ratio_vs_{ref}"] = round(cpu / measured[ref]["cpu_s"], 2)
        entry["measurements"][name] = m
        table.append((size, name, m))
    frame_path = os.path.join(workdir, f"first-frame-{size}.json")
    if os.path.exists(frame_path):
        frames = json.load(open(frame_path, encoding="utf-8"))
        entry["first_frame_s"] = {kind: frame_times(frames.get(kind, [])) for kind in ("cold", "warm", "cold_cpu", "warm_cpu")}
    check_path = os.path.join(workdir, f"check-{size}.json")
    if os.path.exists(check_path):
        try:
            flows = json.load(open(check_path, encoding="utf-8"))["flows"]
        except (ValueError, KeyError):
            flows = []
        if flows:
            elapsed = [f["elapsed_ms"] for f in flows]
            passed = [f["elapsed_ms"] for f in flows if f["result"] == "passed"]
            entry["check_per_flow_ms"] = {
                "flows": len(flows), "passed": len(passed), "first_cold": elapsed[0],
                "median": statistics.median(elapsed), "median_warm": statistics.median(elapsed[1:]) if len(elapsed) > 1 else None,
                "median_passed": statistics.median(passed) if passed else None, "max": max(elapsed)}
    floor = convert_floor(measured)
    if floor:
        entry["convert_floor"] = floor
    result["sizes"].append(entry)

by_size = {e["files"]: e for e in result["sizes"]}
if 5000 in by_size and 20000 in by_size:
    growth = {}
    for name in ("scan", "convert"):
        a = by_size[5000]["measurements"].get(name)
        b = by_size[20000]["measurements"].get(name)
        if a and b:
            growth[name] = {"wall": round(b["wall_s"] / a["wall_s"], 2), "cpu": round(b["cpu_s"] / a["cpu_s"], 2)}
    result["growth_20000_over_5000"] = growth

os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
with open(out_path, "w", encoding="utf-8") as handle:
    json.dump(result, handle, indent=1)

header = (f"{'files':>6} {'fw files':>8} {'measurement':<12} {'wall s':>7} {'(med)':>7} {'cpu s':>7} {'(med)':>7} {'RSS MB':>7} "
          f"{'files/s':>9} {'fw lines/s':>11} {'÷floor':>7} {'÷pyupg':>7} {'cpu÷fl':>7} {'cpu÷py':>7} {'rc':>3}")
print(header)
print("-" * len(header))


def row(size, fw, name, m):
    print(f"{size:>6} {fw:>8} {name:<12} {m['wall_s']:>7.2f} {m['wall_s_median']:>7.2f} {m['cpu_s']:>7.2f} {m['cpu_s_median']:>7.2f} "
          f"{m['peak_rss_mb']:>7.1f} {m.get('repo_files_per_s', '-'):>9} {m.get('framework_lines_per_s', '-'):>11} "
          f"{m.get('ratio_vs_parse_floor', '-'):>7} {m.get('ratio_vs_pyupgrade', '-'):>7} {m.get('cpu_ratio_vs_parse_floor', '-'):>7} "
          f"{m.get('cpu_ratio_vs_pyupgrade', '-'):>7} {m['exit_code']:>3}")


if result["startup"]:
    row("-", "-", "startup", result["startup"])
for size, name, m in table:
    row(size, by_size[size]["framework_files"], name, m)
for e in result["sizes"]:
    if "first_frame_s" in e:
        f = e["first_frame_s"]
        print(f"first overview frame, {e['files']} files: cold best {f['cold']['best']} s (median {f['cold']['median']} s, "
              f"cpu best {f['cold_cpu']['best']} s), warm best {f['warm']['best']} s (median {f['warm']['median']} s, cpu best {f['warm_cpu']['best']} s)"
              + (f", {f['cold']['failed'] + f['warm']['failed']} start(s) never drew it" if f['cold']['failed'] + f['warm']['failed'] else ""))
    if "convert_floor" in e:
        f = e["convert_floor"]
        p = f["parts_cpu_s"]
        print(f"convert, {e['files']} files: no faster than {f['wall_s']:.2f} s on {f['cpus']} cores even with rules, edits and re-parses "
              f"free (CPU s: scan {p['scan']} + confirm_floor {p['confirm_floor']} + copy_floor {p['copy_floor']}, perfectly parallel): "
              f"at most {f['best_speedup_vs_pyupgrade']}x pyupgrade's speed; measured {f['measured_speedup_vs_pyupgrade']}x")
    if "check_per_flow_ms" in e:
        c = e["check_per_flow_ms"]
        print(f"check, {e['files']} files: {c['flows']} flows ({c['passed']} passed), per flow: first (cold) {c['first_cold']} ms, "
              f"median {c['median']} ms, median after the first {c['median_warm']} ms, median of passed {c['median_passed']} ms, max {c['max']} ms")
runs = max((len(m["runs"]) for _, _, m in table), default=1)
print(f"\nwall s / cpu s: best of {runs} run(s), (med) the median; files/s counts every file of the repo; fw lines/s counts the framework "
      f"files' lines; ÷ = best wall time ours / reference; cpu÷ = best CPU time (user+sys) ours / reference.")
if "binary" in result:
    print(f"binary measured: {result['binary']['kind']} ({result['binary']['dll']})")
print(f"JSON: {out_path}")
