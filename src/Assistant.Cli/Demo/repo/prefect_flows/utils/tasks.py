"""Tasks shared by the Prefect flows: reading exports and normalising rows."""
import csv
import os
from datetime import timedelta
from typing import Dict, List, Optional

import prefect
from prefect import Task, task
from prefect.utilities.tasks import defaults_from_attrs

EXPORT_ROOT = os.environ.get("ACME_EXPORT_ROOT", "/mnt/exports")

# Conversion rates to EUR; finance refreshes them on the first of the month.
RATES_TO_EUR = {"EUR": 1.0, "USD": 0.92, "GBP": 1.17, "CHF": 1.04}


@task(max_retries=3, retry_delay=timedelta(seconds=30))
def extract(source: str, day: Optional[str] = None) -> List[dict]:
    """Read one day of an export written by the upstream systems (CSV).

    `day` defaults to the run's date (`prefect.context.today`, UTC).
    """
    day = day or prefect.context.get("today")
    path = os.path.join(EXPORT_ROOT, source, f"{day}.csv")
    logger = prefect.context.get("logger")
    logger.info("reading %s", path)
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class Transform(Task):
    """Normalise raw sales rows and convert their amounts into one currency.

    The target currency is set per instance and can be overridden per call.
    """

    def __init__(self, currency: str = "EUR", rates: Optional[Dict[str, float]] = None, **kwargs):
        self.currency = currency
        self.rates = dict(rates or RATES_TO_EUR)
        kwargs.setdefault("max_retries", 1)
        kwargs.setdefault("retry_delay", timedelta(seconds=10))
        super().__init__(**kwargs)

    @defaults_from_attrs("currency")
    def run(self, rows: List[dict], currency: Optional[str] = None) -> List[dict]:
        to_target = 1.0 / self.rates[currency]
        normalized = []
        for row in rows:
            amount = float(row.get("amount") or 0.0)
            in_eur = amount * self.rates[row.get("currency", "EUR").upper()]
            normalized.append(
                {
                    "store": row["store"].strip(),
                    "sku": row["sku"].strip().upper(),
                    "amount": round(in_eur * to_target, 2),
                    "currency": currency,
                }
            )
        self.logger.info("normalized %d rows to %s", len(normalized), currency)
        return normalized
