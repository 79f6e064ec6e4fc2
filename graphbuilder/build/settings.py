"""The one settings value every run of the pipeline is made from (:class:`RunSettings`).

A build, :func:`graphbuilder.build_graph` and every executor (in process, worker processes,
Dask) hand the worker (:func:`graphbuilder.build.worker.run_documents`) this frozen value and
nothing else: the model, the KB and lexicon folders (absolute, checked), the limit on a
document's size, the matrix-product backend and the spaCy batch size. It pickles, so it
travels to worker processes and Dask workers as it is, and it is hashable, so a process keeps
one pipeline per settings (:func:`graphbuilder.build.worker.worker_pipeline`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from graphbuilder.nlp.pipeline import DEFAULT_MODEL
from graphbuilder.nlp.run import DEFAULT_BATCH_SIZE

__all__ = ["RunSettings"]


@dataclass(frozen=True)
class RunSettings:
    """What the per-document run is made from; see the module docstring.

    Attributes
    ----------
    model : str
        Name or path of an installed spaCy pipeline.
    kb_dir, lexicon_dir : str
        Absolute KB and lexicon folders (made by :meth:`resolve`).
    max_bytes : int
        Largest input file accepted (bytes).
    numpy_ops : bool
        Route thinc's matrix products through numpy (:func:`graphbuilder.nlp.run.use_numpy_ops`).
    batch_size : int
        Documents per spaCy batch (:data:`graphbuilder.nlp.run.DEFAULT_BATCH_SIZE`).
    """

    model: str
    kb_dir: str
    lexicon_dir: str
    max_bytes: int
    numpy_ops: bool = False
    batch_size: int = DEFAULT_BATCH_SIZE

    @classmethod
    def resolve(
        cls,
        *,
        model: str | None = None,
        kb_dir: str | os.PathLike | None = None,
        lexicon_dir: str | os.PathLike | None = None,
        max_bytes: int | None = None,
        numpy_ops: bool = False,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> RunSettings:
        """Make the settings of a run, with the defaults filled in and the folders checked.

        Parameters
        ----------
        model : str, optional
            Default :data:`graphbuilder.nlp.pipeline.DEFAULT_MODEL`.
        kb_dir, lexicon_dir : str or path, optional
            Default :func:`graphbuilder.paths.kb_dir` and :func:`graphbuilder.paths.lexicon_dir`.
        max_bytes : int, optional
            Default :data:`graphbuilder.ingest.limits.DEFAULT_MAX_BYTES`.
        numpy_ops : bool
        batch_size : int

        Returns
        -------
        RunSettings

        Raises
        ------
        KnowledgeBaseError
            A KB or lexicon folder is missing (:func:`graphbuilder.paths.checked_data_dirs`).
        """
        from graphbuilder.ingest.limits import DEFAULT_MAX_BYTES
        from graphbuilder.paths import checked_data_dirs

        kb, lexicons = checked_data_dirs(kb_dir, lexicon_dir)
        return cls(
            model=model or DEFAULT_MODEL,
            kb_dir=str(kb),
            lexicon_dir=str(lexicons),
            max_bytes=max_bytes or DEFAULT_MAX_BYTES,
            numpy_ops=bool(numpy_ops),
            batch_size=batch_size,
        )
