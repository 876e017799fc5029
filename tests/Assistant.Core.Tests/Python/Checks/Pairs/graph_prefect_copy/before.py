from copy import deepcopy

from prefect import Flow, Parameter, task


@task
def extract(table_id):
    return [table_id]


@task
def load(rows):
    print(rows)


@task
def audit():
    print("audited")


with Flow("dump") as dump_flow:
    load(extract(Parameter("table_id")))

radar_flow = deepcopy(dump_flow)
radar_flow.name = "radar"
radar_flow.add_task(audit)
