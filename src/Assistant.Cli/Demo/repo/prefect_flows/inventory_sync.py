"""Nightly stock sync: warehouse (WMS) levels -> ERP, then the shop's search index.

Owned by the ops team (see AcmeFlow). Runs on the Kubernetes agent (label `k8s`)
because the WMS is only reachable from inside the cluster.
"""
import json
import os
from datetime import timedelta
from typing import Dict, List

from prefect import Parameter, task
from prefect.engine import signals
from prefect.run_configs import KubernetesRun
from prefect.schedules import CronSchedule

from prefect_flows.utils.flow import AcmeFlow
from prefect_flows.utils.tasks import extract

WMS_ROOT = os.environ.get("ACME_WMS_EXPORT", "/mnt/wms")
OUTBOX = os.environ.get("ACME_ERP_OUTBOX", "/mnt/erp/outbox")
LOCK_DIR = os.environ.get("ACME_LOCK_DIR", "/tmp")


@task(tags=["inventory"])
def acquire_sync_lock(warehouse: str) -> str:
    """Make sure two syncs of one warehouse never push at the same time."""
    path = os.path.join(LOCK_DIR, f"inventory-sync-{warehouse}.lock")
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    os.close(fd)
    return path


@task(cache_for=timedelta(hours=1), log_stdout=True, tags=["inventory"])
def fetch_stock_levels(warehouse: str) -> Dict[str, int]:
    """Stock per SKU from the WMS snapshot (refreshed hourly, hence the cache)."""
    path = os.path.join(WMS_ROOT, warehouse, "stock.json")
    with open(path, encoding="utf-8") as handle:
        levels = {sku.upper(): int(count) for sku, count in json.load(handle).items()}
    print(f"{warehouse}: {len(levels)} SKUs, {sum(levels.values())} units")
    return levels


@task(tags=["inventory"])
def diff_against_erp(levels: Dict[str, int], erp_rows: List[dict]) -> List[dict]:
    erp = {row["sku"].upper(): int(row["on_hand"]) for row in erp_rows}
    changes = [
        {"sku": sku, "on_hand": count, "was": erp.get(sku)}
        for sku, count in sorted(levels.items())
        if erp.get(sku) != count
    ]
    if not changes:
        raise signals.SKIP("ERP already matches the warehouse; nothing to push")
    return changes


@task(max_retries=2, retry_delay=timedelta(minutes=1), tags=["inventory", "erp"])
def push_updates(changes: List[dict]) -> int:
    os.makedirs(OUTBOX, exist_ok=True)
    with open(os.path.join(OUTBOX, "stock-updates.jsonl"), "a", encoding="utf-8") as handle:
        for change in changes:
            handle.write(json.dumps(change) + "\n")
    return len(changes)


@task(tags=["inventory"])
def refresh_search_index() -> None:
    # The shop re-reads stock from the ERP when this marker changes.
    with open(os.path.join(OUTBOX, "reindex.marker"), "w", encoding="utf-8") as handle:
        handle.write("stock\n")


with AcmeFlow("inventory-sync", team="ops") as flow:
    warehouse = Parameter("warehouse", default="ber-dc1")

    lock = acquire_sync_lock(warehouse)
    levels = fetch_stock_levels(warehouse)
    erp_rows = extract("erp_stock")
    changes = diff_against_erp(levels, erp_rows)
    pushed = push_updates(changes, upstream_tasks=[lock])

    reindex = refresh_search_index()
    reindex.set_upstream(pushed)

flow.schedule = CronSchedule("0 2 * * *")
flow.run_config = KubernetesRun(cpu_request="500m", memory_request="1Gi", labels=["k8s"])
