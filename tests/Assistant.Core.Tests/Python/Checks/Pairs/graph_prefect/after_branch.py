"""Graph check pair (Prefect 3): the same calls, one of them behind a branch on a task result (both arms are explored)."""
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
    rows = extract.submit(source)
    rate = lookup.submit(region)
    scores = score.map(rows)
    total = join.submit(scores, rate)
    done = publish.submit(total)
    if total.result() > 0:
        archive.submit(total, wait_for=[done]).result()
    return done.result()
