"""Tasks shared by the ETL and the training workflows (Flyte 2, converted by hand for flowmigrate's tests)."""
import csv
import os
from datetime import datetime
from typing import Dict, List

import flyte

Row = Dict[str, str]

LAKE_ROOT = os.environ.get("ACME_LAKE_ROOT", "/mnt/lake")

REQUIRED_COLUMNS = ("id", "country", "amount_eur")

env = flyte.TaskEnvironment(
    name="common_tasks",
    resources=flyte.Resources(cpu="1", memory=("2Gi", "4Gi")),
)


@env.task(cache=flyte.Cache(behavior="auto", version_override="1.2"), retries=2)
def load_table(table: str, run_date: datetime) -> List[Row]:
    """Read one daily partition of a lake table (CSV export)."""
    path = os.path.join(LAKE_ROOT, table, f"{run_date:%Y-%m-%d}.csv")
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    print(f"loaded {len(rows)} rows from {path}")
    return rows


@env.task(cache=flyte.Cache(behavior="auto", version_override="1.2"), retries=2)
def clean_rows(rows: List[Row]) -> List[Row]:
    """Drop incomplete rows, trim whitespace and normalise country codes."""
    cleaned = []
    for row in rows:
        values = {key.strip().lower(): (value or "").strip() for key, value in row.items()}
        if any(not values.get(column) for column in REQUIRED_COLUMNS):
            continue
        values["country"] = values["country"].upper()[:2]
        cleaned.append(values)
    return cleaned
