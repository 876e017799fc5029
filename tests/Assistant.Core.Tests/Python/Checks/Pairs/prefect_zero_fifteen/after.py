"""The Prefect 3 conversion."""
from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner


@task
def credentials(secret_path):
    return "user", "password"


@task(retries=2)
def dump(user, password):
    return user


@flow(name="dump", task_runner=ThreadPoolTaskRunner(max_workers=1))
def dump_flow(secret_path):
    user, password = credentials(secret_path)
    dump(user, password)
