"""Prints the table rows of reference/flyte.md §2-§18 as the coverage test sees them (section, first cell).
Used to write coverage.yaml by hand; the test parses the reference itself."""
import os
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "reference", "flyte.md")
section = None
previous_was_table = False
for line in open(path, encoding="utf-8"):
    heading = re.match(r"^#{2,3} (\d+(?:\.\d+)?)\.? ", line)
    if heading:
        section = heading.group(1)
    is_row = line.startswith("|")
    if is_row and not re.match(r"^\|[-| :]+\|\s*$", line):
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        header = not previous_was_table
        major = int(section.split(".")[0])
        if not header and 2 <= major <= 18:
            print(f"{section}\t{cells[0]}")
    previous_was_table = is_row
