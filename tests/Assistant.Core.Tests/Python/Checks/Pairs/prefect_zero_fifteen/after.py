"""The Prefect 3 conversion."""
from datetime import datetime

import pytz
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

# a time zone from a package the check may not have: the module still loads
FIRST_RUN = datetime(2022, 1, 1, 12, 40, tzinfo=pytz.timezone("America/Sao_Paulo"))
