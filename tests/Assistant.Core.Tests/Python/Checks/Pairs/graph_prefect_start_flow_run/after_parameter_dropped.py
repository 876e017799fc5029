"""Graph check pair (Prefect 3): the StartFlowRun tasks became run_deployment calls, with the parameters the instance or the
call gave; the second lost one of its parameters."""
from prefect import flow, task
from prefect.deployments import run_deployment
from prefect.task_runners import ThreadPoolTaskRunner


@task
def today():
    return "2024-01-01"


@task
def report(run):
    print(run)


@flow(name="parent", task_runner=ThreadPoolTaskRunner(max_workers=1))
def parent(day):
    extracted = run_deployment(name="extract/extract", parameters={"source": "db"})
    if not extracted.state.is_completed():
        raise RuntimeError(f"child flow run {extracted.name} finished in state {extracted.state.name}")
    loaded = run_deployment(name="load/load", parameters={"day": day}, timeout=0)
    report(extracted)
    report(loaded)
