"""Gold scoring: :func:`~graphbuilder.evaluate.gold.score_files` and friends."""

from graphbuilder.evaluate.gold import (
    Gold,
    GoldFileError,
    LayerScore,
    Score,
    TypeAgreement,
    load_gold,
    load_graph,
    normalise_name,
    score_files,
    score_graph,
)

__all__ = [
    "Gold",
    "GoldFileError",
    "LayerScore",
    "Score",
    "TypeAgreement",
    "load_gold",
    "load_graph",
    "normalise_name",
    "score_files",
    "score_graph",
]
