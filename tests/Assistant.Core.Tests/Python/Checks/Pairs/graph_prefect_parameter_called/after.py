"""Graph check pair (Prefect 3): the Parameters as flow arguments feeding the same call."""
from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner


@task
def download(product, band):
    return [product, band]


@flow(name="satellite", task_runner=ThreadPoolTaskRunner(max_workers=1))
def satellite(band=None, product=None):
    download(product=product, band=band)
