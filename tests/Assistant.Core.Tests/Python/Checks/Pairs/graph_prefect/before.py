"""Graph check pair (Prefect 1): two independent branches on a parallel executor, a mapped task, ordering."""
from prefect import Flow, Parameter, task
from prefect.executors import LocalDaskExecutor


@task
def extract(source):
    return [1, 2]


@task
def lookup(region):
    return 1.0


@task
def score(item):
    return item


@task
def join(rows, rate):
    return sum(rows) * rate


@task
def publish(total):
    return "ok"


@task
def archive(total):
    return None


with Flow("pipeline", executor=LocalDaskExecutor()) as flow:
    source = Parameter("source")
    region = Parameter("region", default="eu")
    rows = extract(source)
    rate = lookup(region)
    scores = score.map(rows)
    total = join(scores, rate)
    done = publish(total)
    archive(total, upstream_tasks=[done])
