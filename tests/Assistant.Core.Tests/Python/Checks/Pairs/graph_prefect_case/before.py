"""Graph check pair (Prefect 1): case/merge on a task result, both arms reading a mapped task's results."""
from prefect import Flow, case, task


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


with Flow("cases") as flow:
    rows = load()
    squares = square.map(rows)
    big = is_big(rows)
    with case(big, True):
        big_report(squares)
    with case(big, False):
        small_report(squares)
