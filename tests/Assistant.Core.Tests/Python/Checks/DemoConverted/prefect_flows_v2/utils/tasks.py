"""Tasks shared by the Prefect flows (Prefect 3, converted by hand for flowmigrate's tests)."""
import csv
import os
from typing import Dict, List, Optional

from prefect import get_run_logger, task
from prefect.runtime import flow_run

EXPORT_ROOT = os.environ.get("ACME_EXPORT_ROOT", "/mnt/exports")

RATES_TO_EUR = {"EUR": 1.0, "USD": 0.92, "GBP": 1.17, "CHF": 1.04}


@task(retries=3, retry_delay_seconds=30)
def extract(source: str, day: Optional[str] = None) -> List[dict]:
    day = day or flow_run.scheduled_start_time.date().isoformat()
    path = os.path.join(EXPORT_ROOT, source, f"{day}.csv")
    get_run_logger().info("reading %s", path)
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@task(retries=1, retry_delay_seconds=10)
def transform(rows: List[dict], currency: str = "EUR", rates: Optional[Dict[str, float]] = None) -> List[dict]:
    rates = dict(rates or RATES_TO_EUR)
    to_target = 1.0 / rates[currency]
    return [
        {
            "store": row["store"].strip(),
            "sku": row["sku"].strip().upper(),
            "amount": round(float(row.get("amount") or 0.0) * rates[row.get("currency", "EUR").upper()] * to_target, 2),
            "currency": currency,
        }
        for row in rows
    ]
