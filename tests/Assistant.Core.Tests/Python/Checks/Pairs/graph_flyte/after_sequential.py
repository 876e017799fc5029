"""Graph check pair (Flyte 2): a sync driver, so the independent extract and lookup now run one after another."""
from typing import List

import flyte

env = flyte.TaskEnvironment(name="pipeline")


@env.task
def extract(source: str) -> List[int]:
    return [1, 2]


@env.task
def lookup(region: str) -> float:
    return 1.0


@env.task
def score(item: int) -> int:
    return item


@env.task
def join(rows: List[int], rate: float) -> float:
    return sum(rows) * rate


@env.task
def publish(total: float) -> str:
    return "ok"


@env.task
def notify(channel: str) -> None:
    return None


@env.task
def pipeline(source: str, region: str, channel: str = "#data") -> str:
    rows = extract(source=source)
    rate = lookup(region=region)
    scores = list(flyte.map(score, rows))
    total = join(rows=scores, rate=rate)
    done = publish(total=total)
    notify(channel=channel)
    return done
