"""Graph check pair (Prefect 3): the child's deployment started with run_deployment, its run awaited by the project's task:
the child run is handed the labels where the table id was."""
from prefect import flow, task
from prefect.deployments import run_deployment
from prefect.task_runners import ThreadPoolTaskRunner


@task
def get_labels():
    return ["agent"]


@task
def wait_for_run(flow_run_id, raise_final_state=False):
    return flow_run_id


@task
def report(result):
    print(result)


@flow(name="parent", task_runner=ThreadPoolTaskRunner(max_workers=1))
def parent(table_id):
    labels = get_labels()
    child_run = run_deployment(name="child/child", parameters={"table_id": labels}, timeout=0)
    waited = wait_for_run(flow_run_id=child_run, raise_final_state=True)
    report(waited)
