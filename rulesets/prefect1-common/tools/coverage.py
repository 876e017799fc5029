#!/usr/bin/env python3
"""Writes rulesets/prefect1-to-prefect{2,3}/coverage.yaml from reference/prefect.md's tables.

Each row is mapped to the fixture whose *input* mentions the row's most specific identifier (longest
backticked name of the first cell) and to that fixture's rule; a row no fixture input mentions is listed
with `gap:` and the section's rule, so CoverageTests prints it. Rows that name no identifier ("futures",
"—") are claimed by a comment in a fixture input that shows them: `# reference §19: futures` (the text is the
start of the row's first cell and must fit exactly one row of that section). A row keeps the fixture the
previous coverage.yaml gave it while that fixture still names the row, so adding fixtures does not reshuffle
rows that were already covered. ROW_FIXTURES below picks the fixture by hand where neither works. Re-run
after adding fixtures:
    python3 rulesets/prefect1-common/tools/coverage.py [rulesets/prefect1-common/reference/prefect.md]
"""
import keyword
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Section → the rule (last two digits) that handles the section's rows when no fixture names them.
SECTION_RULE = {"1": "44", "2": "01", "2.6": "02", "2.7": "41", "3": "10", "3.3": "11", "4": "24", "5": "20", "6": "23",
                "7": "22", "8": "10", "9": "30", "10": "10", "11": "31", "12": "41", "13": "40", "14": "41", "15": "41",
                "16": "44", "17": "44", "18": "43", "19": "44", "21": "44"}

# Rows whose first cell names no identifier (prose, or "—" for target-only features), or whose identifier several
# fixtures share: the fixture that shows the row, chosen by hand ("{P}" = the target's rule prefix, PF2/PF3).
ROW_FIXTURES = {
    ("2.6", "`f.run()` with a schedule attached"): "pipeline/run_with_schedule",
    ("17", "`StartFlowRun(..., wait=True)(parameters=...)`"): "{P}33/start_flow_run",
    ("6", "`state.result` (value) / `state.message`"): "pipeline/run_state_and_visualize",
    ("1", "—"): "{P}44/already_migrated_target_only_names",
    ("2.2", "Parameter defined but unused by tasks (still listed in the flow)"): "{P}01/unused_parameter_and_terminal_handler",
    ("3.1", "—"): "{P}10/already_migrated_target_only_options",
    ("4", "iterables must have equal length"): "pipeline/mapped_failure_reducer",
    ("5", "tasks downstream of a skipped branch were skipped automatically"): "pipeline/skip_propagates_downstream",
    ("8", "task handler signature"): "{P}10/state_handlers_every_transition",
    ("8", "task events"): "{P}10/state_handlers_every_transition",
    ("8", "flow handler signature"): "pipeline/flow_state_handlers",
    ("8", "flow events"): "pipeline/flow_state_handlers",
    ("8", "failure shortcut"): "pipeline/flow_state_handlers",
    ("8", "notifier factory"): "pipeline/flow_state_handlers",
    ("8", "state-changing handler"): "{P}10/state_handlers_every_transition",
    ("9.1", "—"): "{P}30/already_migrated_runtime_deployment",
    ("9.2", "deployment info (n/a in v1)"): "{P}30/already_migrated_runtime_deployment",
    ("10.1", "force recompute"): "{P}10/already_migrated_target_only_options",
    ("12", "—"): "{P}41/already_migrated_singular_schedule",
    # 3.x-only (2.x "—"), no v1 counterpart: the already-migrated fixture shows a transaction (3.x) is left alone.
    ("19", "transactions"): "{P}44/already_migrated_target_only_names",
    # Flows of flows: converted by the flow-of-flows rule, shown with children in the project ("fixture@rule" names the rule
    # of a pipeline fixture, which otherwise gets the section's).
    ("17", "child flow in the same codebase run via `create_flow_run(flow_name=\"child\", project_name=\"p\", parameters={...})`"): "pipeline/flow_of_flows@{P}33",
    ("17", "child must run on its own infrastructure"): "pipeline/create_flow_run_deployment@{P}33",
    ("17", "`wait_for_flow_run(id, raise_final_state=True)`"): "{P}33/create_and_wait",
    ("17", "`scheduled_start_time=`"): "{P}33/create_and_wait",
    ("17", "`run_name=`"): "{P}33/create_and_wait",
    ("17", "`labels=`, `run_config=`"): "{P}33/create_and_wait",
    ("17", "`idempotency_key=`"): "{P}33/create_and_wait",
}


def rows(path):
    section, previous, out = None, False, []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        match = re.match(r"^#{2,3} (\d+(?:\.\d+)?)\.? ", line)
        if match:
            section = match.group(1)
        is_row = line.startswith("|")
        if is_row and not re.match(r"^\|[-| :]+\|\s*$", line) and previous and section and 1 <= int(section.split(".")[0]) <= 21:
            out.append((section, re.split(r"(?<!\\)\|", line.strip())[1:][0].strip()))
        previous = is_row
    return out


def fixtures(ruleset):
    base = os.path.join(ROOT, ruleset, "fixtures")
    found = {}
    for scope in sorted(os.listdir(base)):
        for dirpath, _, files in os.walk(os.path.join(base, scope)):
            for name in sorted(files):
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, os.path.join(base, scope))
                parts = rel.split(os.sep)
                if name.endswith(".expected.py") or ".received" in name or name.endswith(".options.yaml") or "expected" in parts:
                    continue
                if len(parts) == 1 and name.endswith(".py"):
                    key = f"{scope}/{name[:-3]}"
                elif len(parts) > 2 and parts[1] == "input":
                    key = f"{scope}/{parts[0]}"
                else:
                    continue
                found[key] = found.get(key, "") + open(full, encoding="utf-8", errors="replace").read()
    return found


def identifiers(cell):
    names = []
    for code in re.findall(r"`([^`]+)`", cell):
        names += re.findall(r"[A-Za-z_][A-Za-z0-9_.]*[A-Za-z0-9_]", code)
    names = [n.split(".")[-1] if n.startswith("prefect.") and n.count(".") > 1 else n for n in names]
    # Python keywords (`from x import y`, `with`) would match every fixture: only names identify a row.
    skip = ("prefect", "None", "True", "False", "self") + tuple(keyword.kwlist)
    return sorted({n for n in names if len(n) > 3 and n not in skip}, key=lambda n: (-len(n), n))


MARKER = re.compile(r"#\s*reference §(\d+(?:\.\d+)?): (.+?)\s*$", re.M)


def claims(available, table):
    """(section, row) → fixtures whose input claims the row with a `# reference §N: row` comment."""
    found = {}
    for key, text in sorted(available.items()):
        for section, start in MARKER.findall(text):
            matching = [row for s, row in table if s == section and row.startswith(start)]
            if len(matching) != 1:
                sys.exit(f"{key}: '# reference §{section}: {start}' fits {len(matching)} rows of §{section}, not one")
            found.setdefault((section, matching[0]), []).append(key)
    return found


def previous(path):
    """(section, row) → fixture of the rows the existing coverage.yaml maps without a gap."""
    found, entry = {}, {}
    if not os.path.exists(path):
        return found
    for line in open(path, encoding="utf-8"):
        match = re.match(r'^\s*(?:- )?(section|row|fixture|gap): (.*)$', line.rstrip("\n"))
        if not match:
            continue
        key, value = match.groups()
        if key == "section":
            entry = {}
        entry[key] = value[1:-1].replace('\\"', '"').replace("\\\\", "\\") if value.startswith('"') else value
        if key == "fixture":
            found[(entry["section"], entry["row"])] = value
        if key == "gap":
            found.pop((entry["section"], entry["row"]), None)
    return found


def names_row(text, row):
    return any(re.search(r"(?<![A-Za-z0-9_])" + re.escape(name) + r"(?![A-Za-z0-9_])", text) for name in identifiers(row))


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(reference):
    for target, prefix in (("prefect1-to-prefect2", "PF2"), ("prefect1-to-prefect3", "PF3")):
        available = fixtures(target)
        table = rows(reference)
        claimed = claims(available, table)
        kept = previous(os.path.join(ROOT, target, "coverage.yaml"))
        lines = ["# Coverage of reference/prefect.md §1–§21 for this target: every table row (section + first cell,",
                 "# exactly as in the reference) → the rule that handles it (conversion or TODO) and a fixture whose input",
                 "# shows it. `gap` marks rows no fixture input mentions yet. Generated by",
                 "# rulesets/prefect1-common/tools/coverage.py; CoverageTests fails on a row missing here.", "rows:"]
        for section, row in table:
            rule, fixture, gap = None, None, None
            default = prefix + SECTION_RULE.get(section, SECTION_RULE.get(section.split(".")[0], "44"))
            if (section, row) in claimed:
                hits = claimed[(section, row)]
                fixture = ([k for k in hits if k.startswith(default + "/")] or [k for k in hits if k.startswith("pipeline/")] or hits)[0]
            elif kept.get((section, row)) in available and names_row(available[kept[(section, row)]], row):
                fixture = kept[(section, row)]
            for name in [] if fixture else identifiers(row):
                hits = [k for k, text in sorted(available.items()) if re.search(r"(?<![A-Za-z0-9_])" + re.escape(name) + r"(?![A-Za-z0-9_])", text)]
                own = [k for k in hits if k.startswith(default + "/")]
                pipeline = [k for k in hits if k.startswith("pipeline/")]
                if hits:
                    fixture = (own or pipeline or hits)[0]
                    break
            chosen, _, chosen_rule = ROW_FIXTURES.get((section, row), "").replace("{P}", prefix).partition("@")
            if chosen in available:
                fixture = chosen
            if fixture is None:
                fixture, gap = "pipeline/demo_repo", "no fixture input names this row yet"
            scope = fixture.split("/")[0]
            rule = chosen_rule if chosen_rule and fixture == chosen else scope if scope.startswith(prefix) else default
            lines += [f"  - section: {quote(section)}", f"    row: {quote(row)}", f"    rule: {rule}", f"    fixture: {fixture}"]
            if gap:
                lines.append(f"    gap: {quote(gap)}")
        with open(os.path.join(ROOT, target, "coverage.yaml"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        print(target, sum(1 for l in lines if l.startswith("    gap")), "gaps of", sum(1 for l in lines if l.startswith("  - section")))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "prefect1-common", "reference", "prefect.md"))
