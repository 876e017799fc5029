"""Daily orders ETL: lake partition -> cleaned, de-duplicated rows -> revenue mart.

Scheduled every morning at 06:00 UTC by the `daily_etl_6am` launch plan; the
schedule's kickoff time becomes the `run_date` input.
"""
import json
import os
from collections import defaultdict
from datetime import datetime
from typing import Dict, List

from flytekit import CronSchedule, LaunchPlan, Resources, task, workflow

from flyte_flows.common.tasks import clean_rows, load_table

MART_ROOT = os.environ.get("ACME_MART_ROOT", "/mnt/lake/marts")


@task(requests=Resources(cpu="500m", mem="1Gi"))
def dedupe_orders(rows: List[Dict[str, str]]) -> List[Dict[str, str]]:
    """Keep the last version of every order id (the export appends corrections)."""
    latest: Dict[str, Dict[str, str]] = {}
    for row in rows:
        latest[row["id"]] = row
    return list(latest.values())


@task
def summarize_revenue(rows: List[Dict[str, str]]) -> Dict[str, float]:
    """Revenue in EUR per country, plus a TOTAL entry."""
    revenue: Dict[str, float] = defaultdict(float)
    for row in rows:
        amount = float(row["amount_eur"])
        revenue[row["country"]] += amount
        revenue["TOTAL"] += amount
    return {country: round(value, 2) for country, value in sorted(revenue.items())}


@task(retries=3)
def publish_summary(summary: Dict[str, float], run_date: datetime) -> str:
    """Write the summary where the BI dashboards and the KPI report read it."""
    target_dir = os.path.join(MART_ROOT, "revenue")
    os.makedirs(target_dir, exist_ok=True)
    target = os.path.join(target_dir, f"{run_date:%Y-%m-%d}.json")
    with open(target, "w", encoding="utf-8") as handle:
        json.dump({"day": f"{run_date:%Y-%m-%d}", "revenue_eur": summary}, handle, indent=2)
    return target


@workflow
def daily_etl(run_date: datetime, table: str = "orders") -> str:
    """Load, clean, de-duplicate and summarise one day of orders."""
    raw = load_table(table=table, run_date=run_date)
    cleaned = clean_rows(rows=raw)
    unique = dedupe_orders(rows=cleaned)
    summary = summarize_revenue(rows=unique)
    return publish_summary(summary=summary, run_date=run_date)


daily_etl_lp = LaunchPlan.get_or_create(
    workflow=daily_etl,
    name="daily_etl_6am",
    schedule=CronSchedule(schedule="0 6 * * *", kickoff_time_input_arg="run_date"),
    default_inputs={"table": "orders_eu"},
)
