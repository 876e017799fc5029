"""Graph check pair (Prefect 3): plain calls, so the independent extract and lookup now run one after another."""
from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner


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


@flow(name="pipeline", task_runner=ThreadPoolTaskRunner())
def pipeline(source, region="eu"):
    rows = extract(source)
    rate = lookup(region)
    scores = score.map(rows).result()
    total = join(scores, rate)
    done = publish(total)
    archive(total, wait_for=[done])
    return done
