"""Graph check pair (Prefect 3): the imperative flow as a flow function calling the tasks in an order that keeps every edge."""
from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner


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


@flow(name="Run in Docker", task_runner=ThreadPoolTaskRunner(max_workers=1))
def run_in_docker():
    create_container_result = create_container()
    start_container(container_id=create_container_result)
    wait_on_container(container_id=create_container_result)
    container_logs(container_id=create_container_result)
