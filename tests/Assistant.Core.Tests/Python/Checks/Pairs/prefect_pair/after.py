"""Prefect 3: the same flow, correctly converted."""
from prefect import flow, task
from prefect.schedules import Cron
from prefect.task_runners import ThreadPoolTaskRunner


@task(retries=2, retry_delay_seconds=30, tags=["io"])
def list_files(prefix):
    return [prefix]


@task(timeout_seconds=600)
def load(path, bucket):
    return path


@flow(name="ingest: daily", task_runner=ThreadPoolTaskRunner(max_workers=4))
def ingest(prefix, bucket_name="raw"):
    files = list_files(prefix)
    futures = load.map(files, bucket=bucket_name)
    return futures.result()


if __name__ == "__main__":
    # TODO(flowmigrate PF3120): the schedule is created paused; unpause it at cutover.
    ingest.serve(name="daily", schedules=[Cron("0 6 * * *")], paused=True)
