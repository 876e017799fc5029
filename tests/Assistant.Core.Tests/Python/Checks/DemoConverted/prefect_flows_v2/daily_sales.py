"""Daily sales per store, posted to Slack every hour (Prefect 3, converted by hand for flowmigrate's tests)."""
import json
import urllib.request
from datetime import date
from typing import Dict, List, Optional

from prefect import flow, get_run_logger, task, unmapped
from prefect.blocks.system import Secret
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from prefect_flows_v2.utils.tasks import extract, transform

STORES = {
    "eu": {"ber-01": "Berlin Mitte", "par-02": "Café Lumière", "lis-01": "Lisboa Baixa"},
    "us": {"nyc-01": "New York SoHo", "sfo-03": "San Francisco Mission"},
}

normalize_sales = transform.with_options(name="normalize_sales")


@task
def resolve_day(day: Optional[str]) -> str:
    return day or flow_run.scheduled_start_time.date().isoformat()


@task
def list_sources(region: str) -> List[str]:
    return [f"pos/{store_id}" for store_id in sorted(STORES[region])]


@task
def store_total(rows: List[dict]) -> Dict[str, object]:
    store_id = rows[0]["store"] if rows else "unknown"
    return {"store": store_id, "total": round(sum(row["amount"] for row in rows), 2)}


@task
def is_weekend(day: str) -> bool:
    return date.fromisoformat(day).weekday() >= 5


def _lines(totals: List[Dict[str, object]]) -> str:
    ranked = sorted(totals, key=lambda item: item["total"], reverse=True)
    return "\n".join(f"- {item['store']}: {item['total']:.2f} EUR" for item in ranked)


@task
def weekday_summary(totals: List[Dict[str, object]], day: str) -> str:
    return f"Sales on {day}:\n{_lines(totals)}"


@task
def weekend_summary(totals: List[Dict[str, object]], day: str) -> str:
    return f"Weekend sales on {day} (short opening hours):\n{_lines(totals)}"


@task(retries=2, retry_delay_seconds=20)
def post_to_slack(text: str, webhook_url: str) -> None:
    request = urllib.request.Request(webhook_url, data=json.dumps({"text": text}).encode("utf-8"),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        get_run_logger().info("Slack answered %s", response.status)


@flow(name="daily-sales", task_runner=ThreadPoolTaskRunner())
def daily_sales(region: str = "eu", day: Optional[str] = None) -> None:
    run_day = resolve_day(day)
    sources = list_sources(region)
    raw = extract.map(source=sources, day=unmapped(run_day))
    normalized = normalize_sales.map(raw)
    totals = store_total.map(normalized).result()
    if is_weekend(run_day):
        summary = weekend_summary(totals, run_day)
    else:
        summary = weekday_summary(totals, run_day)
    post_to_slack(summary, webhook_url=Secret.load("slack-webhook").get())


if __name__ == "__main__":
    daily_sales()
