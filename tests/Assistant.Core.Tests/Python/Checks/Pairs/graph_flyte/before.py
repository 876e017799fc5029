"""Graph check pair (Flyte 1): two independent branches, a map task, a join, and explicit ordering."""
from typing import List

from flytekit import map_task, task, workflow


@task
def extract(source: str) -> List[int]:
    return [1, 2]


@task
def lookup(region: str) -> float:
    return 1.0


@task
def score(item: int) -> int:
    return item


@task
def join(rows: List[int], rate: float) -> float:
    return sum(rows) * rate


@task
def publish(total: float) -> str:
    return "ok"


@task
def notify(channel: str) -> None:
    return None


@workflow
def pipeline(source: str, region: str, channel: str = "#data") -> str:
    rows = extract(source=source)
    rate = lookup(region=region)
    scores = map_task(score)(item=rows)
    total = join(rows=scores, rate=rate)
    done = publish(total=total)
    sent = notify(channel=channel)
    done >> sent
    return done
