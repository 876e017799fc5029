#!/usr/bin/env python3
"""Turns the raw measurements of run.sh into one table (stdout) and a JSON file.

    python3 report.py RAW.tsv WORKDIR OUT.json

RAW.tsv lines: size, measurement, wall seconds, peak RSS KiB, exit code, CPU seconds (user+sys).
CPU time is reported beside wall time because a shared host makes wall time noisy.
"""
import json
import os
import platform
import subprocess
import sys
import time

raw_path, workdir, out_path = sys.argv[1:4]
rows = [line.rstrip("\n").split("\t") for line in open(raw_path, encoding="utf-8") if line.strip()]
sizes = sorted({int(r[0]) for r in rows})
REFS = {"parse_floor", "pyupgrade"}
# which reference each of our measurements is compared with
COMPARE = {"scan": ["parse_floor", "pyupgrade"], "convert": ["parse_floor", "pyupgrade"],
           "migrate": ["parse_floor", "pyupgrade"], "check": ["parse_floor", "pyupgrade"]}

result = {"schema": "flowmigrate.bench/1", "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
          "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "kernel": platform.release()},
          "sizes": []}
try:
    result["commit"] = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                                      cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip()
except OSError:
    pass

table = []
for size in sizes:
    manifest = json.load(open(os.path.join(workdir, f"repo-{size}.manifest.json"), encoding="utf-8"))
    fw_files = len(manifest["framework_files"])
    entry = {"files": size, "lines": manifest["lines_total"], "framework_files": fw_files,
             "framework_lines": manifest["lines_framework"], "measurements": {}}
    measured = {r[1]: r for r in rows if int(r[0]) == size}
    for name, r in measured.items():
        wall, rss, rc, cpu = float(r[2]), int(r[3]), int(r[4]), float(r[5])
        m = {"wall_s": wall, "cpu_s": cpu, "peak_rss_mb": round(rss / 1024, 1), "exit_code": rc,
             "repo_files_per_s": round(size / wall, 1) if wall else None,
             "repo_lines_per_s": round(manifest["lines_total"] / wall) if wall else None,
             "framework_files_per_s": round(fw_files / wall, 1) if wall else None,
             "framework_lines_per_s": round(manifest["lines_framework"] / wall) if wall else None}
        for ref in COMPARE.get(name, []):
            if ref in measured and float(measured[ref][2]) > 0:
                m[f"ratio_vs_{ref}"] = round(wall / float(measured[ref][2]), 2)
                if float(measured[ref][5]) > 0:
                    m[f"cpu_ratio_vs_{ref}"] = round(cpu / float(measured[ref][5]), 2)
        entry["measurements"][name] = m
        table.append((size, name, m))
    check_path = os.path.join(workdir, f"check-{size}.json")
    if os.path.exists(check_path):
        try:
            flows = json.load(open(check_path, encoding="utf-8"))["flows"]
        except (ValueError, KeyError):
            flows = []
        if flows:
            import statistics
            elapsed = [f["elapsed_ms"] for f in flows]
            passed = [f["elapsed_ms"] for f in flows if f["result"] == "passed"]
            entry["check_per_flow_ms"] = {
                "flows": len(flows), "passed": len(passed), "first_cold": elapsed[0],
                "median": statistics.median(elapsed), "median_warm": statistics.median(elapsed[1:]) if len(elapsed) > 1 else None,
                "median_passed": statistics.median(passed) if passed else None, "max": max(elapsed)}
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

header = f"{'files':>6} {'fw files':>8} {'measurement':<12} {'wall s':>8} {'cpu s':>7} {'RSS MB':>7} {'files/s':>9} {'fw lines/s':>11} {'÷floor':>7} {'÷pyupg':>7} {'cpu÷fl':>7} {'cpu÷py':>7} {'rc':>3}"
print(header)
print("-" * len(header))
for size, name, m in table:
    fw = by_size[size]["framework_files"]
    print(f"{size:>6} {fw:>8} {name:<12} {m['wall_s']:>8.2f} {m['cpu_s']:>7.2f} {m['peak_rss_mb']:>7.1f} {m['repo_files_per_s'] or 0:>9.1f} "
          f"{m['framework_lines_per_s'] or 0:>11} {m.get('ratio_vs_parse_floor', '-'):>7} {m.get('ratio_vs_pyupgrade', '-'):>7} {m.get('cpu_ratio_vs_parse_floor', '-'):>7} {m.get('cpu_ratio_vs_pyupgrade', '-'):>7} {m['exit_code']:>3}")
for e in result["sizes"]:
    if "check_per_flow_ms" in e:
        c = e["check_per_flow_ms"]
        print(f"check, {e['files']} files: {c['flows']} flows ({c['passed']} passed), per flow: first (cold) {c['first_cold']} ms, "
              f"median {c['median']} ms, median after the first {c['median_warm']} ms, median of passed {c['median_passed']} ms, max {c['max']} ms")
print(f"\nfiles/s counts every file of the repo; fw lines/s counts the framework files' lines; ÷ = wall time ours / reference; cpu÷ = CPU time (user+sys) ours / reference.")
print(f"JSON: {out_path}")
