from datetime import timedelta

from prefect import task, flow
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.blocks.system import Secret


# The conversion writes the library tasks' full bodies (rulesets/prefect1-common/rules/Tasks/TaskLibrary); the graph check
# records calls, never runs a task, so the bodies are left out here.
@task
def shell_task(command=None, env=None, helper_script=None, shell="bash", return_all=False, log_stderr=False, stream_output=False):
    """Prefect 1 ShellTask."""


@task
def jinja_template(template="", **format_kwargs):
    """Prefect 1 JinjaTemplate."""


print_date = shell_task.with_options(name="print_date", retries=1, retry_delay_seconds=300)
sleep = shell_task.with_options(name="sleep")
render = jinja_template.with_options(name="JinjaTemplate")


@task
def shout(text, token):
    print(text.upper(), len(token))


@flow(name="tutorial", task_runner=ThreadPoolTaskRunner(max_workers=1))
def tutorial(who):
    # TODO(flowmigrate PF331): create the Secret block "token" (v1 PrefectSecret task TOKEN, read from the block instead): Secret(value=...).save("token") or in the UI
    token = Secret.load("token").get()
    print_date_result = print_date(command="date")
    shout(render(greeting="hello", who=who, wait_for=[print_date_result], template="{{ greeting }} {{ who }}"), token)
