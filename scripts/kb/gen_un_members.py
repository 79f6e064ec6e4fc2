"""Generate ``ontology/kb/memberships_un.csv``: UN membership of every sovereign state.

The 193 UN member states are the ``SovereignState`` rows of ``ontology/kb/countries.csv``
minus the sovereign entities that are not UN members: the Holy See and Palestine (permanent
observer states), Taiwan and Kosovo (source: Wikipedia, "Member states of the United Nations").

Run from the repository root after ``gen_countries.py``::

    .venv/bin/python scripts/kb/gen_un_members.py
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COUNTRIES = ROOT / "ontology" / "kb" / "countries.csv"
OUT = ROOT / "ontology" / "kb" / "memberships_un.csv"
NON_MEMBERS = {"country/VAT", "country/PSE", "country/TWN", "country/XKX"}
SOURCE = "Wikipedia: Member states of the United Nations (193 members)"


def main() -> int:
    with COUNTRIES.open(encoding="utf-8", newline="") as fh:
        ids = [
            r["id"]
            for r in csv.DictReader(fh)
            if r["subclass"] == "SovereignState" and r["id"] not in NON_MEMBERS
        ]
    if len(ids) != 193:
        raise SystemExit(f"expected 193 UN member states, found {len(ids)}")
    fd, tmp = tempfile.mkstemp(dir=OUT.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["member", "org", "start", "end", "source"])
        for cid in sorted(ids):
            writer.writerow([cid, "org/un", "", "", SOURCE])
    os.replace(tmp, OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
