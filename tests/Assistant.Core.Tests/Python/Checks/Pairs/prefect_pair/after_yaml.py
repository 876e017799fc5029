"""Prefect 3: the same flow, correctly converted; its schedule lives in deployments/ingest.prefect.yaml."""
from prefect import flow, task
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
