#!/usr/bin/env python3
"""The parse floor: read and ast.parse exactly the framework files of a generated repo, in one process.

    python3 parse_floor.py MANIFEST.json
"""
import ast
import json
import os
import sys

manifest = json.load(open(sys.argv[1], encoding="utf-8"))
root = manifest["root"]
lines = 0
for path in manifest["framework_files"]:
    with open(os.path.join(root, path), "rb") as handle:
        data = handle.read()
    ast.parse(data, filename=path)
    lines += data.count(b"\n")
print(f"parsed {len(manifest['framework_files'])} files, {lines} lines")
