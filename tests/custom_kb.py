"""A user's own knowledge-base folder for the tests of issue 14: a copy of ``ontology/kb`` that
drops one default entity and adds one the default KB lacks, and a text naming both."""

from __future__ import annotations

import shutil
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

DROPPED = "person/kassym-jomart-tokayev"
DROPPED_SOURCE = "Wikipedia: Kassym-Jomart Tokayev"
ADDED = "person/ilse-brandvold"
ADDED_ROW = (
    f"{ADDED},Person,,Ilse Brandvold,Brandvold,,"
    "test: a person only the custom knowledge base knows,\n"
)
TEXT = (
    "Leaders meet in Astana\n\n"
    "Kassym-Jomart Tokayev welcomed Ilse Brandvold to Astana on Monday. "
    "Ilse Brandvold criticized NATO for its expansion toward Asia.\n"
)


def custom_kb(folder: Path) -> Path:
    """A copy of ``ontology/kb`` without every row naming :data:`DROPPED`, plus :data:`ADDED`."""
    shutil.copytree(PROJECT / "ontology" / "kb", folder)
    for path in folder.glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if DROPPED not in line]
        if len(kept) != len(lines):
            path.write_text("".join(kept), encoding="utf-8")
    people = folder / "people.csv"
    text = people.read_text(encoding="utf-8")
    people.write_text(text + ("" if text.endswith("\n") else "\n") + ADDED_ROW, encoding="utf-8")
    return folder
