"""Graph check pair (Prefect 3): the tasks passed on uncalled, as the conversion did before it called them."""
from prefect import flow, task, unmapped
from prefect.task_runners import ThreadPoolTaskRunner


@task
def random_number():
    return 4


@task
def offsets():
    return [1, 2]


@task
def shift(number, offset):
    return number + offset


@task
def show(number):
    print(number)


@flow(name="uncalled", task_runner=ThreadPoolTaskRunner(max_workers=1))
def uncalled():
    shifted = shift.map(unmapped(random_number), offsets)
    show(random_number)
    shifted.result()
