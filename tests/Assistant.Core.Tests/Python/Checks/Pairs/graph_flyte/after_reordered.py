"""Graph check pair (Flyte 2): notify no longer waits for publish."""
import asyncio
from typing import List

import flyte

env = flyte.TaskEnvironment(name="pipeline")


@env.task
async def extract(source: str) -> List[int]:
    return [1, 2]


@env.task
async def lookup(region: str) -> float:
    return 1.0


@env.task
async def score(item: int) -> int:
    return item


@env.task
async def join(rows: List[int], rate: float) -> float:
    return sum(rows) * rate


@env.task
async def publish(total: float) -> str:
    return "ok"


@env.task
async def notify(channel: str) -> None:
    return None


@env.task
async def pipeline(source: str, region: str, channel: str = "#data") -> str:
    rows, rate = await asyncio.gather(extract(source=source), lookup(region=region))
    scores = list(flyte.map(score, rows))
    total = await join(rows=scores, rate=rate)
    _, done = await asyncio.gather(notify(channel=channel), publish(total=total))
    return done
