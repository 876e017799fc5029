"""Monday-morning sales report, e-mailed to the sales team.

Built with the imperative API (no `with Flow` block): it was written before the
team moved to the functional style and nobody has touched it since.
"""
import os
import smtplib
from datetime import date, timedelta
from email.message import EmailMessage
from typing import List

from prefect import Flow, Parameter, task
from prefect.schedules import Schedule
from prefect.schedules.clocks import CronClock

from prefect_flows.utils.tasks import Transform, extract

SMTP_HOST = os.environ.get("ACME_SMTP_HOST", "smtp.acme.io")


@task
def week_start(weeks_back: int) -> str:
    """Monday of the week `weeks_back` weeks ago, as YYYY-MM-DD."""
    today = date.today()
    monday = today - timedelta(days=today.weekday(), weeks=weeks_back)
    return monday.isoformat()


@task
def build_weekly_table(rows: List[dict]) -> str:
    totals = {}
    for row in rows:
        totals[row["store"]] = totals.get(row["store"], 0.0) + row["amount"]
    width = max([len(store) for store in totals] + [5])
    lines = [f"{'store':<{width}}  revenue (USD)"]
    lines += [f"{store:<{width}}  {total:>13,.2f}" for store, total in sorted(totals.items())]
    return "\n".join(lines)


@task(max_retries=2, retry_delay=timedelta(minutes=5))
def email_report(table: str, recipients: str) -> None:
    message = EmailMessage()
    message["Subject"] = "Weekly sales report"
    message["From"] = "reports@acme.io"
    message["To"] = recipients
    message.set_content(table)
    with smtplib.SMTP(SMTP_HOST) as smtp:
        smtp.send_message(message)


recipients = Parameter("recipients", required=True)
weeks_back = Parameter("weeks_back", default=1)
to_usd = Transform(name="to_usd", currency="USD")

flow = Flow(
    "weekly-report",
    schedule=Schedule(clocks=[CronClock("0 9 * * 1", parameter_defaults={"recipients": "team@acme.io"})]),
)
flow.add_task(recipients)
flow.add_task(weeks_back)
flow.set_dependencies(task=week_start, keyword_tasks={"weeks_back": weeks_back})
flow.set_dependencies(task=extract, keyword_tasks={"source": "sales_weekly", "day": week_start})
flow.set_dependencies(task=to_usd, keyword_tasks={"rows": extract})
flow.set_dependencies(task=build_weekly_table, keyword_tasks={"rows": to_usd})
flow.set_dependencies(
    task=email_report,
    keyword_tasks={"table": build_weekly_table, "recipients": recipients},
)

if __name__ == "__main__":
    flow.run(parameters={"recipients": "me@acme.io"}, run_on_schedule=False)
