"""Daily orders ETL (Flyte 2, converted by hand for flowmigrate's tests)."""
import json
import os
from collections import defaultdict
from datetime import datetime
from typing import Dict, List

import flyte

from flyte_flows_v2.common.tasks import clean_rows, load_table
from flyte_flows_v2.common.tasks import env as common_env

MART_ROOT = os.environ.get("ACME_MART_ROOT", "/mnt/lake/marts")

env = flyte.TaskEnvironment(name="etl_pipeline", depends_on=[common_env])
dedupe_env = env.clone_with(name="etl_pipeline_dedupe", resources=flyte.Resources(cpu="500m", memory="1Gi"))


@dedupe_env.task
def dedupe_orders(rows: List[Dict[str, str]]) -> List[Dict[str, str]]:
    latest: Dict[str, Dict[str, str]] = {}
    for row in rows:
        latest[row["id"]] = row
    return list(latest.values())


@env.task
def summarize_revenue(rows: List[Dict[str, str]]) -> Dict[str, float]:
    revenue: Dict[str, float] = defaultdict(float)
    for row in rows:
        amount = float(row["amount_eur"])
        revenue[row["country"]] += amount
        revenue["TOTAL"] += amount
    return {country: round(value, 2) for country, value in sorted(revenue.items())}


@env.task(retries=3)
def publish_summary(summary: Dict[str, float], run_date: datetime) -> str:
    target_dir = os.path.join(MART_ROOT, "revenue")
    os.makedirs(target_dir, exist_ok=True)
    target = os.path.join(target_dir, f"{run_date:%Y-%m-%d}.json")
    with open(target, "w", encoding="utf-8") as handle:
        json.dump({"day": f"{run_date:%Y-%m-%d}", "revenue_eur": summary}, handle, indent=2)
    return target


# TODO(flowmigrate FLY060): the trigger is created inactive (auto_activate=False); activate it at cutover.
@env.task(
    triggers=flyte.Trigger(
        "daily_etl_6am",
        flyte.Cron("0 6 * * *"),
        inputs={"run_date": flyte.TriggerTime, "table": "orders_eu"},
        auto_activate=False,
    )
)
def daily_etl(run_date: datetime, table: str = "orders") -> str:
    raw = load_table(table=table, run_date=run_date)
    cleaned = clean_rows(rows=raw)
    unique = dedupe_orders(rows=cleaned)
    summary = summarize_revenue(rows=unique)
    return publish_summary(summary=summary, run_date=run_date)
