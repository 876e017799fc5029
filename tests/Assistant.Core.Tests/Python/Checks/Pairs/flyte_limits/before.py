"""Flyte 1, as flytesnacks writes it: limits without requests, and a cache version without caching."""
from flytekit import Resources, task, workflow


@task(limits=Resources(mem="200Mi", cpu="2"), cache_version="1.0")
def fit(n: int) -> int:
    return n


@task(requests=Resources(mem="1Gi"), cache=True, cache_version="3")
def score(n: int) -> int:
    return n


@workflow
def train(n: int = 1) -> int:
    return score(n=fit(n=n))
