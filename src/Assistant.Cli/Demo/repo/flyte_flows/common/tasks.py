"""Tasks shared by the ETL and the training workflows.

Both workflows read the same lake tables, so loading and cleaning live here.
They carry the same cache_version, which lets a training run reuse the rows
the 06:00 ETL already loaded for the same table and day.
"""
import csv
import os
from datetime import datetime
from typing import Dict, List

from flytekit import Resources, task

# One lake row: column name -> raw string value, as exported by the warehouse.
Row = Dict[str, str]

LAKE_ROOT = os.environ.get("ACME_LAKE_ROOT", "/mnt/lake")

REQUIRED_COLUMNS = ("id", "country", "amount_eur")


@task(requests=Resources(cpu="1", mem="2Gi"), limits=Resources(mem="4Gi"), cache=True, cache_version="1.2", retries=2)
def load_table(table: str, run_date: datetime) -> List[Row]:
    """Read one daily partition of a lake table (CSV export)."""
    path = os.path.join(LAKE_ROOT, table, f"{run_date:%Y-%m-%d}.csv")
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    print(f"loaded {len(rows)} rows from {path}")
    return rows


@task(
    # Same sizing as load_table: the whole partition is held in memory.
    requests=Resources(cpu="1", mem="2Gi"),
    limits=Resources(mem="4Gi"),
    cache=True,
    cache_version="1.2",  # bump together with load_table when the rules change
    retries=2,
)
def clean_rows(rows: List[Row]) -> List[Row]:
    """Drop incomplete rows, trim whitespace and normalise country codes."""
    cleaned = []
    for row in rows:
        values = {key.strip().lower(): (value or "").strip() for key, value in row.items()}
        if any(not values.get(column) for column in REQUIRED_COLUMNS):
            continue
        values["country"] = values["country"].upper()[:2]
        cleaned.append(values)
    dropped = len(rows) - len(cleaned)
    if dropped:
        print(f"dropped {dropped} incomplete rows")
    return cleaned
