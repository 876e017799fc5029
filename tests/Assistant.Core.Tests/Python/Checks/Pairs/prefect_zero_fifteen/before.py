"""Prefect 0.15, as prefeitura-rio/pipelines writes it: a Flow keyword 1.x removed, and a task whose result is unpacked."""
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
