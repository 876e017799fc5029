#!/usr/bin/env python3
"""Times the wizard's first overview frame: flowmigrate started in a real tmux session on a repository,
`tmux capture-pane` polled until the overview's flow list is drawn (the header line that appears once
the session is open, and a first flow row), timed from launch.

    python3 first_frame.py --dll DLL --repo REPO [--runs 3] [--width 160] [--height 48] [--timeout 120] [--json OUT]

Each run copies REPO to a fresh folder (which also warms the page cache with its files), then starts
the wizard twice on the copy: the first start is "cold" (a new process on a repository flowmigrate
has not opened), the second "warm" (the same repository again, right after the first quit). The
seconds per start are printed as one JSON object: {"cold": [...], "warm": [...], "cold_cpu": [...],
"warm_cpu": [...]}; the *_cpu lists are the CPU seconds (user+sys) the wizard and its Python worker had
used when the flow list appeared, read from /proc (wall time on a busy shared host mostly measures the
other processes). A start that does not draw the flow list within --timeout seconds counts as null
(and the screen is printed to stderr).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

# Drawn only once the session is open (OverviewView: repository header, second line).
OPENED = "Prefect target"
POLL_S = 0.01


def tmux(*args, check=True):
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=check)


def flow_rows(screen):
    """Rows of the flows table: the lines after its heading that are not the empty-table message."""
    lines = screen.splitlines()
    for index, line in enumerate(lines):
        if line.lstrip().startswith("flow ") and " state " in line:
            return [l for l in lines[index + 1:] if l.strip() and not l.strip().startswith("no ")]
    return []


def cpu_seconds(pid):
    """User+system CPU seconds of process pid and its live descendants (the Python worker), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    children = {}
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append((int(entry), int(fields[11]) + int(fields[12])))
        if int(entry) == pid:
            total += int(fields[11]) + int(fields[12])
    pending = [pid]
    while pending:
        for child, used in children.get(pending.pop(), []):
            total += used
            pending.append(child)
    return round(total / ticks, 2)


def start(dll, repo, width, height, timeout, socket):
    """Seconds from launch to the flow list, and the CPU seconds used by then (None, None: never drawn)."""
    session = f"ff{os.getpid()}"
    command = f"exec dotnet {shlex_quote(dll)} {shlex_quote(repo)}"
    began = time.monotonic()
    tmux("-L", socket, "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), command)
    screen = ""
    pid = int(tmux("-L", socket, "display-message", "-p", "-t", session, "#{pane_pid}").stdout.strip())
    try:
        while time.monotonic() - began < timeout:
            result = tmux("-L", socket, "capture-pane", "-p", "-t", session, check=False)
            if result.returncode != 0:
                print(f"first_frame: the wizard exited before drawing the overview\n{screen}", file=sys.stderr)
                return None, None
            screen = result.stdout
            if OPENED in screen and flow_rows(screen):
                return round(time.monotonic() - began, 3), cpu_seconds(pid)
            time.sleep(POLL_S)
        print(f"first_frame: no flow list after {timeout} s; the screen was:\n{screen}", file=sys.stderr)
        return None, None
    finally:
        # q quits the overview; the kill is the fallback for a wizard that does not answer.
        tmux("-L", socket, "send-keys", "-t", session, "q", check=False)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and tmux("-L", socket, "has-session", "-t", session, check=False).returncode == 0:
            time.sleep(0.05)
        tmux("-L", socket, "kill-session", "-t", session, check=False)


def shlex_quote(text):
    import shlex
    return shlex.quote(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dll", required=True)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--width", type=int, default=160)
    parser.add_argument("--height", type=int, default=48)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--json")
    args = parser.parse_args()
    socket = f"flowmigrate-bench-{os.getpid()}"
    result = {"cold": [], "warm": [], "cold_cpu": [], "warm_cpu": []}
    work = tempfile.mkdtemp(prefix="flowmigrate-first-frame.")
    try:
        for run in range(args.runs):
            copy = os.path.join(work, f"repo-{run}")
            shutil.copytree(args.repo, copy, symlinks=True)
            for kind in ("cold", "warm"):
                seconds, cpu = start(os.path.abspath(args.dll), copy, args.width, args.height, args.timeout, socket)
                result[kind].append(seconds)
                result[f"{kind}_cpu"].append(cpu)
                print(f"   first overview frame, {kind} start {run + 1}/{args.runs}: {seconds} s, cpu {cpu} s", file=sys.stderr)
            shutil.rmtree(copy, ignore_errors=True)
    finally:
        tmux("-L", socket, "kill-server", check=False)
        shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(result)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            handle.write(text)
    print(text)


if __name__ == "__main__":
    main()
