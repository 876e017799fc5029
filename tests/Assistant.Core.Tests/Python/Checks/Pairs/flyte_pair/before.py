"""Flyte 1: one cached task and a workflow scheduled by a launch plan."""
from datetime import datetime, timedelta

from flytekit import CronSchedule, ImageSpec, LaunchPlan, Resources, Secret, task, workflow

image = ImageSpec(
    name="etl",
    registry="ghcr.io/acme",
    python_version="3.11",
    packages=["pandas", "flytekitplugins-spark"],
    apt_packages=["git"],
    env={"A": "1"},
)


@task(
    container_image=image,
    requests=Resources(cpu="1", mem="2Gi"),
    limits=Resources(mem="4Gi"),
    cache=True,
    cache_version="1.2",
    retries=2,
    timeout=timedelta(minutes=10),
    environment={"MODE": "prod"},
    secret_requests=[Secret(group="db", key="pw")],
)
def load(n: int) -> int:
    return n


@task(container_image=image)
def report(n: int) -> str:
    return str(n)


@workflow
def daily(run_date: datetime, n: int = 3) -> int:
    return load(n=n)


daily_lp = LaunchPlan.get_or_create(
    workflow=daily,
    name="daily_6am",
    schedule=CronSchedule(schedule="0 6 * * *", kickoff_time_input_arg="run_date"),
    default_inputs={"n": 5},
)
