"""Runs user code in a forked child of the worker: time limit, captured output, scrubbed environment.

The child gets its own process group, stdin from /dev/null, stdout/stderr into temporary files and a
pipe for its one JSON result. Whatever the user code does (sys.exit, os._exit, sleep forever, crash
the interpreter), the worker survives and returns a structured outcome:
  passed / failed (the job's own verdict), timed_out, crashed (killed by a signal), exited (no result).
"""

import faulthandler
import gc
import json
import os
import re
import select
import signal
import sys
import tempfile
import time

_SECRET_PREFIXES = ("PREFECT_", "FLYTE", "UNION", "AWS_", "GOOGLE_", "GCP_", "GCLOUD_", "AZURE_", "ARM_",
                    "DATABRICKS_", "SNOWFLAKE_", "SLACK_", "KUBE", "DOCKER_", "GITHUB_", "GITLAB_", "HF_", "OPENAI_")
_SECRET_WORDS = re.compile(r"TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|APIKEY|ACCESS_KEY|CREDENTIAL|PRIVATE_KEY|_AUTH|DSN", re.I)
_KEEP = {"PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "TEMP", "TMP", "PYTHONIOENCODING", "PYTHONHASHSEED",
         "VIRTUAL_ENV", "USER", "LOGNAME", "SHELL", "TERM", "TZ", "PYTHONDONTWRITEBYTECODE", "SYSTEMROOT"}
_OUTPUT_LIMIT = 64 * 1024
_FAULT_LINE = re.compile(r'File "([^"]+)", line (\d+) in (\S+)')


def scrub_environment(environ):
    """Names removed: credentials and endpoints of the frameworks and clouds, and anything secret-looking."""
    removed = []
    for name in list(environ):
        if name in _KEEP:
            continue
        upper = name.upper()
        if upper.startswith(_SECRET_PREFIXES) or _SECRET_WORDS.search(upper) or upper.endswith("_URL") and "API" in upper:
            removed.append(name)
            del environ[name]
    return sorted(removed)


def _read_tail(handle):
    handle.flush()
    size = handle.seek(0, os.SEEK_END)
    handle.seek(max(0, size - _OUTPUT_LIMIT))
    data = handle.read().decode("utf-8", errors="replace")
    return ("…" if size > _OUTPUT_LIMIT else "") + data


def run(job, timeout):
    """Runs job() -> dict in a forked child; returns {"outcome", "result", "stdout", "stderr", ...}."""
    started = time.monotonic()
    stdout = tempfile.TemporaryFile()
    stderr = tempfile.TemporaryFile()
    read_end, write_end = os.pipe()
    sys.stderr.flush()
    # The child shares the worker's memory until one of them writes to a page, which the kernel then copies. A collection
    # in the child visits, and so writes to, every object the worker holds: the child would copy most of the worker's heap.
    # Frozen, the worker's objects are left out of the child's collections; the worker's own collections see them again as
    # soon as the fork is made.
    gc.freeze()
    pid = -1
    try:
        pid = os.fork()
    finally:
        if pid != 0:
            gc.unfreeze()
    if pid == 0:  # child: never returns
        code = 0
        try:
            os.close(read_end)
            os.setpgid(0, 0)
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.dup2(stdout.fileno(), 1)
            os.dup2(stderr.fileno(), 2)
            sys.stdin = open(0, "r", closefd=False)
            sys.stdout = open(1, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
            sys.stderr = open(2, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            faulthandler.enable(file=sys.stderr, all_threads=False)
            # Shortly before the parent's limit, dump where the code is stuck and exit.
            faulthandler.dump_traceback_later(max(0.2, timeout - min(1.0, timeout * 0.1)), exit=True, file=sys.stderr)
            result = job()
            faulthandler.cancel_dump_traceback_later()
            payload = json.dumps(result, default=repr).encode("utf-8")
            view = memoryview(payload)
            while view:
                written = os.write(write_end, view)
                view = view[written:]
        except BaseException as error:  # noqa: B036 - the child must always reach os._exit
            try:
                os.write(2, ("flowmigrate sandbox: %s: %s\n" % (type(error).__name__, error)).encode())
            except OSError:
                pass
            code = 70
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except Exception:
                pass
            os._exit(code)

    os.close(write_end)
    chunks, deadline, killed = [], started + timeout + 1.0, False
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                _kill(pid)
                killed = True
                break
            ready, _, _ = select.select([read_end], [], [], min(remaining, 0.5))
            if ready:
                data = os.read(read_end, 65536)
                if not data:
                    break
                chunks.append(data)
    finally:
        os.close(read_end)
    status = _wait(pid, killed)
    signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    exit_code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
    return _answer(started, stdout, stderr, b"".join(chunks), killed, signal_number, exit_code, timeout)


def run_spawned(script, op, request, timeout):
    """Like run(), in a fresh interpreter (where fork is unavailable, or on request):
    `python -B script --child op request.json result.json`."""
    import subprocess
    started = time.monotonic()
    stdout = tempfile.TemporaryFile()
    stderr = tempfile.TemporaryFile()
    directory = tempfile.mkdtemp(prefix="flowmigrate-check-")
    try:
        request_path = os.path.join(directory, "request.json")
        result_path = os.path.join(directory, "result.json")
        with open(request_path, "w", encoding="utf-8") as handle:
            json.dump(request, handle)
        environment = dict(os.environ)
        scrub_environment(environment)
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        options = {"start_new_session": True} if os.name == "posix" else {}
        process = subprocess.Popen([sys.executable, "-B", script, "--child", op, request_path, result_path, str(timeout)],
                                   stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, env=environment, **options)
        killed = False
        try:
            process.wait(timeout + 1.0)
        except subprocess.TimeoutExpired:
            killed = True
            if os.name == "posix":
                _kill(process.pid)
            process.kill()
            process.wait()
        raw = b""
        if os.path.exists(result_path):
            with open(result_path, "rb") as handle:
                raw = handle.read()
        code = process.returncode
        signal_number = -code if code is not None and code < 0 else None
        if os.name == "nt" and code in (0xC0000005, -1073741819, 0xC00000FD, -1073741571):
            signal_number = signal.SIGSEGV
        return _answer(started, stdout, stderr, raw, killed, signal_number, code if code and code > 0 else 0, timeout)
    finally:
        import shutil
        shutil.rmtree(directory, ignore_errors=True)


def child_main(argv, jobs):
    """Entry point of a spawned check: argv = [--child, op, request.json, result.json, timeout]."""
    _, op, request_path, result_path, timeout = argv[:5]
    with open(request_path, encoding="utf-8") as handle:
        request = json.load(handle)
    faulthandler.enable(file=sys.stderr, all_threads=False)
    limit = float(timeout)
    faulthandler.dump_traceback_later(max(0.2, limit - min(1.0, limit * 0.1)), exit=True, file=sys.stderr)
    result = jobs[op](request)()
    faulthandler.cancel_dump_traceback_later()
    with open(result_path + ".tmp", "w", encoding="utf-8") as handle:
        json.dump(result, handle, default=repr)
    os.replace(result_path + ".tmp", result_path)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _answer(started, stdout, stderr, raw, killed, signal_number, exit_code, timeout):
    elapsed_ms = int((time.monotonic() - started) * 1000)
    answer = {"ms": elapsed_ms, "stdout": _read_tail(stdout), "stderr": _read_tail(stderr)}
    stdout.close()
    stderr.close()
    if raw and not killed:
        try:
            answer["result"] = json.loads(raw.decode("utf-8"))
            answer["outcome"] = "completed"
            return answer
        except ValueError:
            pass
    frames = _last_fault(answer["stderr"])
    if frames:
        answer["frames"] = frames
    if killed or "Timeout (" in answer["stderr"] and signal_number is None and exit_code == 1:
        answer["outcome"] = "timed_out"
        answer["message"] = "the code did not finish within %g s" % timeout
    elif signal_number is not None:
        number = signal_number
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = "signal %d" % number
        answer["outcome"] = "crashed"
        answer["signal"] = name
        answer["message"] = "the Python process was killed by %s" % name
    else:
        code = exit_code
        answer["outcome"] = "exited"
        answer["exit_code"] = code
        answer["message"] = "the Python process exited with code %d before reporting" % code
    return answer


def _last_fault(stderr):
    """The frames of a faulthandler dump ("Fatal Python error" or "Timeout"), most recent first."""
    marker = max(stderr.rfind("Fatal Python error"), stderr.rfind("Timeout ("))
    if marker < 0:
        return None
    frames = []
    for path, line, function in _FAULT_LINE.findall(stderr[marker:]):
        name = os.path.basename(path)
        if name.startswith("flowmigrate_") or name.startswith("_fm_api_") or name == "_flowmigrate_rt.py":
            continue
        frames.append({"file": path, "line": int(line), "function": function})
    return frames or None


def _kill(pid):
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            target()
            return
        except (ProcessLookupError, PermissionError, OSError):
            continue


def _wait(pid, killed):
    deadline = time.monotonic() + 5
    while True:
        finished, status = os.waitpid(pid, os.WNOHANG)
        if finished:
            if not killed:
                _kill_group_leftovers(pid)
            return status
        if time.monotonic() > deadline:
            _kill(pid)
            deadline = time.monotonic() + 5
        time.sleep(0.01)


def _kill_group_leftovers(pid):
    try:
        os.killpg(pid, signal.SIGKILL)  # grandchildren the user code started
    except (ProcessLookupError, PermissionError, OSError):
        pass
