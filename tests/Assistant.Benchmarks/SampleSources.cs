using System.Text;

namespace Assistant.Benchmarks;

/// <summary>Deterministic Python texts for the benchmarks (no files, no randomness).</summary>
internal static class SampleSources
{
    /// <summary>An ordinary Python module of about <paramref name="lines"/> lines (classes, functions, comprehensions, comments, some non-ASCII).</summary>
    public static string PlainModule(int lines)
    {
        var builder = new StringBuilder();
        builder.Append("\"\"\"Synthetic module for benchmarks — données, Größe.\"\"\"\nimport math\nfrom collections import Counter\n\n\n");
        var count = 5;
        for (var block = 0; count < lines; block++)
        {
            builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"class Record{block}:\n");
            builder.Append("    \"\"\"A record.\"\"\"\n\n");
            builder.Append("    def __init__(self, key: str, value: float = 0.0) -> None:\n");
            builder.Append("        self.key = key  # the key\n");
            builder.Append("        self.value = value\n\n");
            builder.Append("    def scaled(self, factor: float) -> float:\n");
            builder.Append("        return self.value * factor\n\n\n");
            builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"def group_{block}(items: list[int], threshold: int = {block % 97}) -> dict[int, list[int]]:\n");
            builder.Append("    groups: dict[int, list[int]] = {}\n");
            builder.Append("    for item in items:\n");
            builder.Append("        if item > threshold:\n");
            builder.Append("            groups.setdefault(item % 7, []).append(item)\n");
            builder.Append("    return {k: sorted(v) for k, v in groups.items() if v}\n\n\n");
            count += 20;
        }

        return builder.ToString();
    }

    /// <summary>A Flyte 1 module with several tasks, resources, cache, map_task, conditional and a scheduled launch plan.</summary>
    public const string FlyteModule = """"
        """Flyte workflow for the step-engine benchmark."""
        import os
        from datetime import datetime, timedelta
        from typing import Dict, List

        from flytekit import CronSchedule, LaunchPlan, Resources, conditional, map_task, task, workflow

        ROOT = os.environ.get("BENCH_ROOT", "/mnt/lake/orders")


        @task(cache=True, cache_version="1.2", requests=Resources(cpu="500m", mem="1Gi"))
        def load_rows(table: str, run_date: datetime) -> List[Dict[str, str]]:
            path = os.path.join(ROOT, table, f"{run_date:%Y-%m-%d}.csv")
            with open(path, encoding="utf-8") as handle:
                header = handle.readline().strip().split(",")
                return [dict(zip(header, line.strip().split(","))) for line in handle]


        @task(retries=3)
        def clean_rows(rows: List[Dict[str, str]]) -> List[Dict[str, str]]:
            return [row for row in rows if row.get("id")]


        @task(requests=Resources(cpu="1", mem="2Gi"), limits=Resources(cpu="2", mem="4Gi"))
        def enrich_rows(rows: List[Dict[str, str]]) -> List[Dict[str, str]]:
            return sorted(rows, key=lambda row: row.get("country", ""))


        @task(cache=True, cache_version="1.2", timeout=timedelta(minutes=30))
        def dedupe_rows(rows: List[Dict[str, str]]) -> List[Dict[str, str]]:
            latest = {row["id"]: row for row in rows}
            return list(latest.values())


        @task(requests=Resources(cpu="2", mem="4Gi"), limits=Resources(mem="8Gi"))
        def score_shard(shard: int) -> float:
            return float(sum(i * i for i in range(shard * 10)) % 97)


        @task
        def average(scores: List[float]) -> float:
            return sum(scores) / max(len(scores), 1)


        @task
        def promote(score: float) -> str:
            return f"promoted with {score:.2f}"


        @task
        def hold(score: float) -> str:
            return f"held with {score:.2f}"


        @workflow
        def orders_workflow(run_date: datetime, table: str = "orders") -> str:
            rows = load_rows(table=table, run_date=run_date)
            cleaned = clean_rows(rows=rows)
            enriched = enrich_rows(rows=cleaned)
            unique = dedupe_rows(rows=enriched)
            scores = map_task(score_shard, concurrency=4)(shard=[0, 1, 2, 3, 4])
            score = average(scores=scores)
            return (
                conditional("decide")
                .if_(score >= 40.0)
                .then(promote(score=score))
                .else_()
                .then(hold(score=score))
            )


        orders_workflow_lp = LaunchPlan.get_or_create(
            workflow=orders_workflow,
            name="orders_workflow_daily",
            schedule=CronSchedule(schedule="15 6 * * *", kickoff_time_input_arg="run_date"),
            default_inputs={"table": "orders_eu"},
        )

        """";
}
