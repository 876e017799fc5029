"""Graph check pair (Prefect 1): both arms of a case on a parameter call the same tasks (prefeitura-rio/pipelines' materialization flows)."""
from prefect import Flow, Parameter, case, task


@task
def date_range():
    return {"end": "2022-01-01"}


@task
def run_model(table_id, flags=None):
    return table_id


@task
def set_timestamp(timestamp, wait=None):
    pass


with Flow("materialize") as flow:
    rebuild = Parameter("rebuild", default=False)
    table_id = Parameter("table_id", default="gps")
    dates = date_range()
    with case(rebuild, True):
        RUN = run_model(table_id=table_id, flags="--full-refresh")
        set_timestamp(timestamp=dates["end"], wait=RUN)
    with case(rebuild, False):
        RUN = run_model(table_id=table_id)
        set_timestamp(timestamp=dates["end"], wait=RUN)
