"""Graph check pair (Prefect 3): the second arm no longer sets the timestamp; the first still does."""
from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner


@task
def date_range():
    return {"end": "2022-01-01"}


@task
def run_model(table_id, flags=None):
    return table_id


@task
def set_timestamp(timestamp, wait=None):
    pass


@flow(name="materialize", task_runner=ThreadPoolTaskRunner(max_workers=1))
def materialize(rebuild=False, table_id="gps"):
    dates = date_range()
    if rebuild:
        RUN = run_model(table_id=table_id, flags="--full-refresh")
        set_timestamp(timestamp=dates["end"], wait=RUN)
    if not rebuild:
        RUN = run_model(table_id=table_id)
