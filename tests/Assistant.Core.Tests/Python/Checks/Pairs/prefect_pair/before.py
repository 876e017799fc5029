"""Prefect 1: a flow with parameters, an executor and a cron schedule."""
from datetime import timedelta

from prefect import Flow, Parameter, task, unmapped
from prefect.executors import LocalDaskExecutor
from prefect.schedules import CronSchedule


@task(max_retries=2, retry_delay=timedelta(seconds=30), tags=["io"])
def list_files(prefix):
    return [prefix]


@task(timeout=600)
def load(path, bucket):
    return path


with Flow("ingest: daily") as ingest:
    bucket = Parameter("bucket_name", default="raw")
    prefix = Parameter("prefix")
    files = list_files(prefix)
    load.map(files, bucket=unmapped(bucket))

ingest.executor = LocalDaskExecutor(num_workers=4)
ingest.schedule = CronSchedule("0 6 * * *")

if __name__ == "__main__":
    ingest.run()
