"""Graph check pair (Prefect 3): each task called once, its result passed to every taker."""
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
    random_number_result = random_number()
    offsets_result = offsets()
    shifted = shift.map(unmapped(random_number_result), offsets_result)
    show(random_number_result)
    shifted.result()
