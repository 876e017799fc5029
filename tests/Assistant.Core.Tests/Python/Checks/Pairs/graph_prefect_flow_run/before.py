"""Graph check pair (Prefect 1): a child flow run started with create_flow_run and awaited by a task of the project's own, as
prefeitura-rio/pipelines' wait_for_flow_run_with_timeout (so the create and the wait do not merge into one run_deployment)."""
from prefect import Flow, Parameter, task
from prefect.tasks.prefect import create_flow_run


@task
def get_labels():
    return ["agent"]


@task
def wait_for_run(flow_run_id, raise_final_state=False):
    return flow_run_id


@task
def report(result):
    print(result)


with Flow("parent") as flow:
    table_id = Parameter("table_id")
    labels = get_labels()
    child_run = create_flow_run(flow_name="child", project_name="p", parameters={"table_id": table_id}, labels=labels)
    child_run.set_upstream(labels)
    waited = wait_for_run(flow_run_id=child_run, raise_final_state=True)
    report(waited)
