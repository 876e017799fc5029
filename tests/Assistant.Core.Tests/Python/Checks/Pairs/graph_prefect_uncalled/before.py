"""Graph check pair (Prefect 1): tasks passed uncalled to other tasks, which v1 ran once and fed to every taker."""
from prefect import Flow, task, unmapped


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


with Flow("uncalled") as flow:
    shifted = shift.map(unmapped(random_number), offsets)
    show(random_number)
