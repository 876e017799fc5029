from datetime import timedelta

from prefect import task, flow, get_run_logger
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.blocks.system import Secret


@task
def shell_task(
    command=None,
    env=None,
    helper_script=None,
    shell="bash",
    return_all=False,
    log_stderr=False,
    stream_output=False,
):
    """Prefect 1 ShellTask: runs command with shell and returns the last output line (all lines with return_all)."""
    if command is None:
        raise TypeError("run() missing required argument: 'command'")
    import logging
    import os
    import subprocess
    import sys
    import tempfile

    logger = get_run_logger()
    level = logging.getLevelName(stream_output) if isinstance(stream_output, str) else stream_output
    if isinstance(stream_output, str) and not isinstance(level, int):
        raise TypeError(f"'stream_output': {level} is not a valid log level")
    level = logging.INFO if level is True else level
    with tempfile.NamedTemporaryFile(prefix="prefect-") as script:
        if helper_script:
            script.write(helper_script.encode())
            script.write(os.linesep.encode())
        script.write(command.encode())
        script.flush()
        with subprocess.Popen(
            [shell, script.name],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
            shell=sys.platform == "win32",
        ) as process:
            line = None
            lines = []
            for raw_line in iter(process.stdout.readline, b""):
                line = raw_line.decode("utf-8").rstrip()
                if return_all:
                    lines.append(line)
                if level:
                    logger.log(level, line)
            process.wait()
    if process.returncode:
        message = f"Command failed with exit code {process.returncode}"
        logger.error(message)
        if log_stderr and not level:
            logger.error("\n".join(lines) if return_all else line)
        raise RuntimeError(message)
    return lines if return_all else line


@task
def jinja_template(template="", **format_kwargs):
    """Prefect 1 JinjaTemplate: renders template with the run's context values and the keyword arguments."""
    from jinja2 import Template

    from datetime import timedelta

    from prefect import runtime

    start = runtime.flow_run.scheduled_start_time
    context = {
        "flow_name": runtime.flow_run.flow_name,
        "flow_run_id": runtime.flow_run.id,
        "flow_run_name": runtime.flow_run.name,
        "parameters": runtime.flow_run.parameters,
        "scheduled_start_time": start,
        "date": start,
        "today": start.strftime("%Y-%m-%d"),
        "today_nodash": start.strftime("%Y%m%d"),
        "yesterday": (start - timedelta(days=1)).strftime("%Y-%m-%d"),
        "yesterday_nodash": (start - timedelta(days=1)).strftime("%Y%m%d"),
        "tomorrow": (start + timedelta(days=1)).strftime("%Y-%m-%d"),
        "tomorrow_nodash": (start + timedelta(days=1)).strftime("%Y%m%d"),
        "task_name": runtime.task_run.task_name,
        "task_run_id": runtime.task_run.id,
        "task_run_name": runtime.task_run.name,
        "task_tags": runtime.task_run.tags,
        "task_run_count": runtime.task_run.run_count,
    }
    context.update(format_kwargs)
    return Template(template or "").render(**context)


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
