"""Flyte 2: the same declarations, correctly converted."""
from datetime import datetime, timedelta

import flyte

image = (
    flyte.Image.from_debian_base(name="etl", registry="ghcr.io/acme", python_version=(3, 11))
    .with_apt_packages("git")
    .with_pip_packages("pandas", "flyteplugins-spark")
    .with_env_vars({"A": "1"})
)

env = flyte.TaskEnvironment(
    name="etl",
    image=image,
    resources=flyte.Resources(cpu="1", memory=("2Gi", "4Gi")),
    env_vars={"MODE": "prod"},
    secrets=[flyte.Secret(key="pw", group="db")],
)


@env.task(cache=flyte.Cache(behavior="auto", version_override="1.2"), retries=2, timeout=timedelta(minutes=10))
def load(n: int) -> int:
    return n


@env.task
def report(n: int) -> str:
    return str(n)


# TODO(flowmigrate FLY040): the trigger is created inactive; activate it at cutover and retire the launch plan.
@env.task(
    triggers=flyte.Trigger(
        "daily_6am",
        flyte.Cron("0 6 * * *"),
        inputs={"run_date": flyte.TriggerTime, "n": 5},
        auto_activate=False,
    )
)
async def daily(run_date: datetime, n: int = 3) -> int:
    return load(n=n)
