"""Flyte 2, wrong: fit's memory shrank and score's memory grew."""
import flyte

fit_env = flyte.TaskEnvironment(name="fit", resources=flyte.Resources(memory="100Mi", cpu="2"))

env = flyte.TaskEnvironment(name="train", resources=flyte.Resources(memory=("1Gi", "2Gi")), depends_on=[fit_env])


@fit_env.task
def fit(n: int) -> int:
    return n


@env.task(cache=flyte.Cache(behavior="auto", version_override="3"))
def score(n: int) -> int:
    return n


@env.task
def train(n: int = 1) -> int:
    return score(n=fit(n=n))
