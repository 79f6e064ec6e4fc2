"""Generate ``ontology/kb/memberships_un.csv``: UN membership of every sovereign state.

The 193 UN member states are the ``SovereignState`` rows of ``ontology/kb/countries.csv``
minus the sovereign entities that are not UN members: the Holy See and Palestine (permanent
observer states), Taiwan and Kosovo (source: Wikipedia, "Member states of the United Nations").

Run from the repository root after ``gen_countries.py``::

    .venv/bin/python scripts/kb/gen_un_members.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from graphbuilder.outputs import write_csv_atomic  # noqa: E402

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
    fields = ["member", "org", "start", "end", "source"]
    write_csv_atomic(OUT, fields, ([cid, "org/un", "", "", SOURCE] for cid in sorted(ids)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
