"""Engines that run the build's worker somewhere other than this machine's processes.

:mod:`graphbuilder.engines.dask_engine` maps the worker over partitions of the documents on a
Dask cluster (a ``LocalCluster`` when no scheduler address is given). An engine is an executor
like those of :mod:`graphbuilder.build.executors`: it yields one result per document and
nothing else, so that the merge across documents
(:func:`graphbuilder.resolve.merge.merge_documents`) and the RDF mapping that follow are the
same code, and the graph the same, whatever ran the worker.
"""
