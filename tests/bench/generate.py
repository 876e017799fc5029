#!/usr/bin/env python3
"""Deterministic generator of synthetic monorepos for the flowmigrate benchmark (issue 9).

Writes N Python files into a fresh git repository: about 10% Flyte 1 or Prefect 1 flow
modules using the common constructs (several tasks, Resources requests/limits, cache and
cache_version, map_task, conditional, LaunchPlan with CronSchedule; with Flow(...),
Parameter, .map with unmapped, case/merge, IntervalSchedule/CronSchedule,
LocalDaskExecutor, DockerRun), and about 90% ordinary Python (classes, functions,
comprehensions, some long modules). Only names that exist in the API manifests
(shared/reference/api/flytekit.json, prefect1.json) are used.

The same (files, seed) always gives byte-identical files and the same commit tree.
A manifest (JSON) lists the framework files and the line counts, for the run script.

    python3 generate.py --files 5000 --seed 9 --out /tmp/bench/repo-5000 [--manifest M.json]

Standard library only.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys

WORDS = (
    "order customer invoice payment ledger stock shipment route store region account "
    "report metric event session user device sensor reading batch partition table "
    "feature label model score forecast budget price discount coupon review rating "
    "campaign click impression cohort churn refund tax currency warehouse supplier"
).split()

VERBS = "load clean merge split enrich score rank filter publish export validate summarize fetch build compute".split()


def ident(rng: random.Random, parts: int = 2) -> str:
    return "_".join(rng.choice(WORDS) for _ in range(parts))


def camel(rng: random.Random, parts: int = 2) -> str:
    return "".join(w.capitalize() for w in (rng.choice(WORDS) for _ in range(parts)))


# --------------------------------------------------------------------------- Flyte 1

def flyte_module(rng: random.Random, index: int) -> str:
    n_tasks = rng.randint(3, 7)
    tasks = [f"{rng.choice(VERBS)}_{ident(rng)}_{i}" for i in range(n_tasks)]
    wf = f"{ident(rng)}_workflow_{index}"
    cache_version = f"{rng.randint(1, 9)}.{rng.randint(0, 9)}"
    out = [
        f'"""Flyte workflow {wf}: {n_tasks} tasks, resources, cache, map task and a conditional."""',
        "import os",
        "from datetime import datetime, timedelta",
        "from typing import Dict, List",
        "",
        "from flytekit import CronSchedule, LaunchPlan, Resources, conditional, map_task, task, workflow",
        "",
        f'ROOT = os.environ.get("BENCH_ROOT_{index}", "/mnt/lake/{ident(rng)}")',
        "",
        "",
    ]
    # first task: load rows (cached)
    out += [
        f'@task(cache=True, cache_version="{cache_version}", requests=Resources(cpu="{rng.choice(["250m", "500m", "1"])}", mem="{rng.choice(["512Mi", "1Gi", "2Gi"])}"))',
        f"def {tasks[0]}(table: str, run_date: datetime) -> List[Dict[str, str]]:",
        f'    """Rows of one table partition."""',
        "    path = os.path.join(ROOT, table, f\"{run_date:%Y-%m-%d}.csv\")",
        "    rows = []",
        "    with open(path, encoding=\"utf-8\") as handle:",
        "        header = handle.readline().strip().split(\",\")",
        "        for line in handle:",
        "            rows.append(dict(zip(header, line.strip().split(\",\"))))",
        "    return rows",
        "",
        "",
    ]
    for i, name in enumerate(tasks[1:-2], start=1):
        deco = rng.choice([
            "@task",
            "@task(retries=3)",
            f'@task(requests=Resources(cpu="1", mem="2Gi"), limits=Resources(cpu="2", mem="4Gi"))',
            f'@task(cache=True, cache_version="{cache_version}", timeout=timedelta(minutes={rng.randint(5, 90)}))',
            '@task(environment={"LOG_LEVEL": "INFO"}, retries=2)',
        ])
        key = rng.choice(WORDS)
        out += [
            deco,
            f"def {name}(rows: List[Dict[str, str]]) -> List[Dict[str, str]]:",
            f'    """Step {i}: keep rows with a {key}."""',
            f'    kept = [row for row in rows if row.get("{key}")]',
            f'    return sorted(kept, key=lambda row: row.get("{key}", ""))',
            "",
            "",
        ]
    shard, decide = tasks[-2], tasks[-1]
    out += [
        f'@task(requests=Resources(cpu="{rng.randint(1, 4)}", mem="{rng.randint(1, 8)}Gi"), limits=Resources(mem="{rng.randint(8, 16)}Gi"))',
        f"def {shard}(shard: int) -> float:",
        "    return float(sum(i * i for i in range(shard * 10)) % 97)",
        "",
        "",
        "@task",
        f"def {decide}(scores: List[float]) -> float:",
        "    return sum(scores) / max(len(scores), 1)",
        "",
        "",
        "@task",
        f"def promote_{index}(score: float) -> str:",
        '    return f"promoted with {score:.2f}"',
        "",
        "",
        "@task",
        f"def hold_{index}(score: float) -> str:",
        '    return f"held with {score:.2f}"',
        "",
        "",
        "@workflow",
        f'def {wf}(run_date: datetime, table: str = "{ident(rng)}") -> str:',
        f'    """Load, transform, fan out over shards and decide."""',
        f"    rows = {tasks[0]}(table=table, run_date=run_date)",
    ]
    prev = "rows"
    for i, name in enumerate(tasks[1:-2], start=1):
        out.append(f"    step_{i} = {name}(rows={prev})")
        prev = f"step_{i}"
    threshold = rng.randint(10, 60)
    out += [
        f"    scores = map_task({shard}, concurrency={rng.randint(2, 8)})(shard=[{', '.join(str(s) for s in range(rng.randint(3, 8)))}])",
        f"    score = {decide}(scores=scores)",
        "    return (",
        f'        conditional("decide_{index}")',
        f"        .if_(score >= {threshold}.0)",
        f"        .then(promote_{index}(score=score))",
        "        .else_()",
        f"        .then(hold_{index}(score=score))",
        "    )",
        "",
        "",
        f"{wf}_lp = LaunchPlan.get_or_create(",
        f"    workflow={wf},",
        f'    name="{wf}_daily",',
        f'    schedule=CronSchedule(schedule="{rng.randint(0, 59)} {rng.randint(0, 23)} * * *", kickoff_time_input_arg="run_date"),',
        f'    default_inputs={{"table": "{ident(rng)}"}},',
        ")",
        "",
    ]
    return "\n".join(out)


# --------------------------------------------------------------------------- Prefect 1

def prefect_module(rng: random.Random, index: int) -> str:
    n_tasks = rng.randint(3, 7)
    tasks = [f"{rng.choice(VERBS)}_{ident(rng)}_{i}" for i in range(n_tasks)]
    flow_name = f"{ident(rng).replace('_', '-')}-{index}"
    cron = rng.random() < 0.5
    out = [
        f'"""Prefect 1 flow {flow_name}: parameters, mapping, case/merge, schedule, executor, run config."""',
        "from datetime import timedelta",
        "from typing import Dict, List",
        "",
        "import prefect",
        "from prefect import Flow, Parameter, case, task, unmapped",
        "from prefect.executors import LocalDaskExecutor",
        "from prefect.run_configs import DockerRun",
        f"from prefect.schedules import {'CronSchedule' if cron else 'IntervalSchedule'}",
        "from prefect.tasks.control_flow import merge",
        "",
        "",
        "@task",
        f"def {tasks[0]}(region: str) -> List[str]:",
        f'    return [f"{{region}}/{ident(rng)}-{{i}}" for i in range({rng.randint(2, 9)})]',
        "",
        "",
        f"@task(max_retries={rng.randint(1, 4)}, retry_delay=timedelta(seconds={rng.randint(5, 60)}))",
        f"def {tasks[1]}(source: str, day: str) -> List[Dict[str, float]]:",
        '    logger = prefect.context.get("logger")',
        '    logger.info("reading %s for %s", source, day)',
        "    return [{\"amount\": float(len(source) * i)} for i in range(10)]",
        "",
        "",
    ]
    for i, name in enumerate(tasks[2:], start=2):
        deco = rng.choice(["@task", "@task(max_retries=2, retry_delay=timedelta(minutes=1))", f'@task(tags=["{rng.choice(WORDS)}"])'])
        out += [
            deco,
            f"def {name}(rows: List[Dict[str, float]]) -> float:",
            f'    return round(sum(row["amount"] for row in rows) * {rng.randint(1, 9)}, 2)',
            "",
            "",
        ]
    out += [
        "@task",
        "def is_large(totals: List[float]) -> bool:",
        f"    return sum(totals) > {rng.randint(100, 1000)}",
        "",
        "",
        "@task",
        "def large_text(totals: List[float]) -> str:",
        '    return f"large: {sum(totals):.2f}"',
        "",
        "",
        "@task",
        "def small_text(totals: List[float]) -> str:",
        '    return f"small: {sum(totals):.2f}"',
        "",
        "",
        "@task",
        "def report(text: str) -> None:",
        '    prefect.context.get("logger").info(text)',
        "",
        "",
    ]
    schedule = (
        f'CronSchedule("{rng.randint(0, 59)} {rng.randint(0, 23)} * * *")'
        if cron
        else f"IntervalSchedule(interval=timedelta(hours={rng.randint(1, 12)}))"
    )
    out += [
        "with Flow(",
        f'    "{flow_name}",',
        f"    schedule={schedule},",
        f"    executor=LocalDaskExecutor(),",
        f'    run_config=DockerRun(image="ghcr.io/acme/prefect:1.4.{rng.randint(0, 9)}"),',
        ") as flow:",
        f'    region = Parameter("region", default="{rng.choice(["eu", "us", "apac"])}")',
        '    day = Parameter("day", default="2024-01-01")',
        f"    sources = {tasks[0]}(region)",
        f"    rows = {tasks[1]}.map(source=sources, day=unmapped(day))",
    ]
    last = tasks[-1]
    out.append(f"    totals = {last}.map(rows)")
    for name in tasks[2:-1]:
        out.append(f"    {name}.map(rows)")
    out += [
        "    large = is_large(totals)",
        "    with case(large, True):",
        "        large_summary = large_text(totals)",
        "    with case(large, False):",
        "        small_summary = small_text(totals)",
        "    report(merge(large_summary, small_summary))",
        "",
        "",
        'if __name__ == "__main__":',
        "    flow.run()",
        "",
    ]
    return "\n".join(out)


# --------------------------------------------------------------------------- ordinary Python

def plain_module(rng: random.Random, index: int) -> str:
    cls = camel(rng)
    out = [
        f'"""Module {index}: {cls} helpers ({rng.choice(WORDS)} handling)."""',
        "from __future__ import annotations",
        "",
        "import dataclasses",
        "import itertools",
        "import math",
        "from collections import Counter, defaultdict",
        "from typing import Iterable, Iterator",
        "",
        f"LIMIT = {rng.randint(10, 10_000)}",
        f"NAMES = ({', '.join(repr(rng.choice(WORDS)) for _ in range(rng.randint(3, 8)))},)",
        "",
        "",
    ]
    # long modules: a tail of files gets many more blocks
    blocks = rng.randint(2, 10) if rng.random() < 0.9 else rng.randint(25, 60)
    for b in range(blocks):
        kind = rng.randrange(4)
        name = f"{ident(rng)}_{b}"
        if kind == 0:
            c = f"{cls}{b}"
            out += [
                "@dataclasses.dataclass",
                f"class {c}:",
                f'    """A {rng.choice(WORDS)} record."""',
                "",
                "    key: str",
                "    value: float = 0.0",
                "    tags: tuple[str, ...] = ()",
                "",
                "    def scaled(self, factor: float) -> float:",
                "        return self.value * factor",
                "",
                "    def describe(self) -> str:",
                '        tags = ", ".join(sorted(self.tags)) or "-"',
                '        return f"{self.key}={self.value:.3f} [{tags}]"',
                "",
                "    @classmethod",
                f"    def parse(cls, text: str) -> \"{c}\":",
                '        key, _, value = text.partition("=")',
                "        return cls(key.strip(), float(value or 0))",
                "",
                "",
            ]
        elif kind == 1:
            out += [
                f"def {name}(items: Iterable[int], threshold: int = {rng.randint(1, 100)}) -> dict[int, list[int]]:",
                f'    """Group items by remainder, keeping those above the threshold."""',
                "    groups: dict[int, list[int]] = defaultdict(list)",
                "    for item in items:",
                "        if item > threshold:",
                f"            groups[item % {rng.randint(2, 11)}].append(item)",
                "    return {k: sorted(v) for k, v in groups.items() if v}",
                "",
                "",
            ]
        elif kind == 2:
            out += [
                f"def {name}(words: list[str]) -> list[tuple[str, int]]:",
                "    counts = Counter(w.lower() for w in words if w.isalpha())",
                "    pairs = [(w, n) for w, n in counts.items() if n > 1]",
                f"    squares = {{w: n * n for w, n in pairs}}",
                "    return sorted(pairs, key=lambda p: (-squares[p[0]], p[0]))[:LIMIT]",
                "",
                "",
            ]
        else:
            out += [
                f"def {name}(n: int) -> Iterator[float]:",
                "    total = 0.0",
                "    for a, b in itertools.pairwise(range(n)):",
                "        try:",
                "            total += math.sqrt(a * b) / (b - a)",
                "        except ZeroDivisionError:",
                "            continue",
                "        yield total",
                "",
                "",
            ]
    out += [
        f"def main_{index}() -> int:",
        f"    return sum(1 for name in NAMES if name)",
        "",
    ]
    return "\n".join(out)


# --------------------------------------------------------------------------- repo

def plan(files: int, seed: int) -> list[tuple[str, str, str]]:
    """(relative path, kind, text) for every generated file, in a fixed order."""
    rng = random.Random(seed)
    per_package = 50
    result = []
    packages = set()
    for i in range(files):
        package = f"pkg_{i // per_package:04d}"
        r = rng.random()
        if r < 0.05:
            kind, text, name = "flyte1", flyte_module(rng, i), f"wf_{i:05d}.py"
        elif r < 0.10:
            kind, text, name = "prefect1", prefect_module(rng, i), f"flow_{i:05d}.py"
        else:
            kind, text, name = "plain", plain_module(rng, i), f"mod_{i:05d}.py"
        if package not in packages:
            packages.add(package)
            # The package's first file is its __init__.py (counted in N).
            result.append((f"{package}/__init__.py", "plain", f'"""Package {package}."""\n'))
            continue
        result.append((f"{package}/{name}", kind, text))
    return result


def git(out: str, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE="2024-01-01T00:00:00Z", GIT_COMMITTER_DATE="2024-01-01T00:00:00Z")
    subprocess.run(["git", "-C", out, *args], check=True, env=env, stdout=subprocess.DEVNULL)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, required=True)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--out", required=True, help="folder to create (must not exist, or be empty)")
    parser.add_argument("--manifest", help="write the manifest here (default: <out>.manifest.json)")
    parser.add_argument("--no-git", action="store_true", help="write the files only")
    parser.add_argument("--check", action="store_true", help="ast.parse every generated file")
    args = parser.parse_args(argv)

    if os.path.exists(args.out) and os.listdir(args.out):
        print(f"{args.out}: exists and is not empty", file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    entries = plan(args.files, args.seed)
    manifest = {"files": args.files, "seed": args.seed, "root": os.path.abspath(args.out),
                "framework_files": [], "lines_total": 0, "lines_framework": 0, "bytes_total": 0, "bytes_framework": 0,
                "counts": {"flyte1": 0, "prefect1": 0, "plain": 0}}
    for path, kind, text in entries:
        full = os.path.join(args.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        if args.check:
            import ast
            ast.parse(text, filename=path)
        lines = text.count("\n")
        size = len(text.encode("utf-8"))
        manifest["counts"][kind] += 1
        manifest["lines_total"] += lines
        manifest["bytes_total"] += size
        if kind != "plain":
            manifest["framework_files"].append(path)
            manifest["lines_framework"] += lines
            manifest["bytes_framework"] += size

    if not args.no_git:
        subprocess.run(["git", "init", "-q", "-b", "main", args.out], check=True)
        git(args.out, "config", "user.name", "Bench Generator")
        git(args.out, "config", "user.email", "bench@example.invalid")
        git(args.out, "config", "commit.gpgsign", "false")
        git(args.out, "add", "-A")
        git(args.out, "commit", "-q", "--no-verify", "-m", f"synthetic repo: {args.files} files, seed {args.seed}")

    target = args.manifest or args.out.rstrip("/") + ".manifest.json"
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=1)
    print(f"{args.out}: {args.files} files ({manifest['counts']}), {manifest['lines_total']} lines, "
          f"{len(manifest['framework_files'])} framework files / {manifest['lines_framework']} lines; manifest {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
