"""Graph check pair (Prefect 1): an imperative flow built with the tasks' own set_upstream/set_downstream(flow=...)."""
from prefect import Flow, task


@task
def create_container():
    return "id"


@task
def start_container(container_id):
    pass


@task
def wait_on_container(container_id):
    return 0


@task
def container_logs(container_id):
    return ""


flow = Flow("Run in Docker")

start_container.set_upstream(create_container, flow=flow, key="container_id")
container_logs.set_upstream(create_container, flow=flow, key="container_id")
create_container.set_downstream(wait_on_container, flow=flow, key="container_id")

wait_on_container.set_upstream(start_container, flow=flow)
container_logs.set_upstream(wait_on_container, flow=flow)
