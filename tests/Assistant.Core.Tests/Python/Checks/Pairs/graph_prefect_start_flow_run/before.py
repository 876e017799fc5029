"""Graph check pair (Prefect 1): child flow runs started by StartFlowRun tasks, one made at module level with its parameters
(called without), one whose call passes them, the run of each handed to a task of the project's own."""
from prefect import Flow, Parameter, task
from prefect.tasks.prefect import StartFlowRun

extract = StartFlowRun(flow_name="extract", project_name="etl", parameters={"source": "db"}, wait=True)
load = StartFlowRun(flow_name="load", project_name="etl")


@task
def today():
    return "2024-01-01"


@task
def report(run):
    print(run)


with Flow("parent") as flow:
    day = Parameter("day")
    extracted = extract()
    loaded = load(parameters={"day": day, "as_of": today()})
    report(extracted)
    report(loaded)
