"""The build: articles in, a knowledge graph out (``graphbuilder build``), on one run path.

:mod:`graphbuilder.build.settings`
    :class:`RunSettings`, the one frozen value a run is made from (model, KB and lexicon
    folders, limits, matrix-product backend, batch size).
:mod:`graphbuilder.build.worker`
    The one worker, "documents in, one result per document out"
    (:func:`~graphbuilder.build.worker.run_documents`).
:mod:`graphbuilder.build.executors`
    Where it runs, each executor only a ``map`` of the worker: in this process, in a process
    pool, or on Dask (:mod:`graphbuilder.engines.dask_engine`).
:mod:`graphbuilder.build.results`
    Progress events, and the results summed in input order.
:mod:`graphbuilder.build.core`
    :func:`build`: the folder's state, the worker's results summed, the merge across
    documents, the mapping, SHACL, the sink; the view once the sink is flushed.
"""

from graphbuilder.build.core import BuildSummary, build, graph_fingerprint, pipeline_fingerprint
from graphbuilder.build.executors import (
    InProcess,
    ProcessPool,
    executor_for,
    extract_documents,
)
from graphbuilder.build.results import DocumentProgress
from graphbuilder.build.settings import RunSettings
from graphbuilder.errors import GraphbuilderError

__all__ = [
    "BuildSummary",
    "DocumentProgress",
    "GraphbuilderError",
    "InProcess",
    "ProcessPool",
    "RunSettings",
    "build",
    "executor_for",
    "extract_documents",
    "graph_fingerprint",
    "pipeline_fingerprint",
]
