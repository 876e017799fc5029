from datetime import timedelta

from prefect import Flow, Parameter, task
from prefect.tasks.shell import ShellTask
from prefect.tasks.templates.jinja2 import JinjaTemplate
from prefect.tasks.secrets import PrefectSecret

print_date = ShellTask(name="print_date", command="date", max_retries=1, retry_delay=timedelta(minutes=5))
sleep = ShellTask(name="sleep", command="sleep 5")
render = JinjaTemplate(template="{{ greeting }} {{ who }}")


@task
def shout(text, token):
    print(text.upper(), len(token))


with Flow("tutorial") as flow:
    who = Parameter("who")
    token = PrefectSecret("TOKEN")
    sleep(upstream_tasks=[print_date])
    shout(render(greeting="hello", who=who, upstream_tasks=[print_date]), token)
