"""Prefect 0.15, as prefeitura-rio/pipelines writes it: a Flow keyword 1.x removed, a task whose result is unpacked, pytz."""
from datetime import datetime

import pytz
from prefect import Flow, Parameter, task
from prefect.environments import LocalEnvironment


@task(nout=2)
def credentials(secret_path):
    return "user", "password"


@task(max_retries=2)
def dump(user, password):
    return user


with Flow("dump", environment=LocalEnvironment()) as dump_flow:
    secret_path = Parameter("secret_path")
    user, password = credentials(secret_path)
    dump(user, password)

# a time zone from a package the check may not have: the module still loads
FIRST_RUN = datetime(2022, 1, 1, 12, 40, tzinfo=pytz.timezone("America/Sao_Paulo"))
