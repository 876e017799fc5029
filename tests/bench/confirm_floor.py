#!/usr/bin/env python3
"""The confirmation floor: what `convert` must at least spend in the user's Python to keep its promise that every file it
writes parses there (design.md, Invariants). One python3 reads each framework file that a `convert` run changed and checks
that it parses the cheapest way flowmigrate's worker can (on CPython 3.11 the symbol table, which goes through the same
parser and builds no ast objects; elsewhere ast.parse): no JSON, no requests, one process.

    python3 confirm_floor.py MANIFEST.json CONVERTED_DIR
"""
import ast
import json
import os
import sys

import _symtable

manifest = json.load(open(sys.argv[1], encoding="utf-8"))
root, converted = manifest["root"], sys.argv[2]
# as the worker's check_syntax_batch: the symbol table only where it is known to answer as ast.parse does
quick = sys.version_info[:2] == (3, 11)
checked = 0
characters = 0
for path in manifest["framework_files"]:
    with open(os.path.join(root, path), "rb") as handle:
        before = handle.read()
    with open(os.path.join(converted, path), "rb") as handle:
        after = handle.read()
    if after == before:
        continue  # an unchanged file is written as it was read: nothing to confirm
    text = after.decode("utf-8")
    if quick:
        _symtable.symtable(text, path, "exec")
    else:
        ast.parse(text, filename=path)
    checked += 1
    characters += len(text)
if checked == 0:
    sys.exit(f"no framework file under {converted} differs from {root}: is it a convert run's output?")
print(f"confirmed {checked} converted files, {characters} characters")
