"""Engines that run the per-document extraction somewhere other than this one process.

:mod:`graphbuilder.engines.dask_engine` partitions the documents over a Dask cluster (a
``LocalCluster`` when no scheduler address is given). Every engine returns exactly what
:func:`graphbuilder.nlp.documents.extract_documents` returns, in input order, so that the
merge across documents (:func:`graphbuilder.resolve.merge.merge_documents`) and the RDF
mapping that follow are the same code, and the graph the same, whatever engine extracted the
records.
"""
