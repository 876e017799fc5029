"""Graph check pair (Prefect 3): the two case arms as two ifs on the same value. Each run takes exactly one arm, so
the mapped futures are always handed to a task; exploring `big` and `not big` as unrelated decisions would invent a
run that takes neither arm and leaves them unresolved."""
from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner


@task
def load():
    return [1, 2]


@task
def square(x):
    return x * x


@task
def is_big(rows):
    return len(rows) > 1


@task
def big_report(values):
    return "big"


@task
def small_report(values):
    return "small"


@flow(name="cases", task_runner=ThreadPoolTaskRunner(max_workers=1))
def cases():
    rows = load()
    squares = square.map(rows)
    big = is_big(rows)
    if big:
        big_report(squares)
    if not big:
        small_report(squares)
