from prefect import flow, task


@task
def extract(table_id):
    return [table_id]


@task
def load(rows):
    print(rows)


@task
def audit():
    print("audited")


@flow(name="dump")
def dump_flow(table_id):
    load(extract(table_id))


@flow(name="radar")
def radar_flow(table_id):
    load(extract(table_id))
    audit()
