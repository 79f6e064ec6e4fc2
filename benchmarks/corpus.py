"""Benchmark corpora built from the real articles and sentences in ``../shared``.

Two corpora, both plain ``.txt`` files in a folder, deterministic (same files on every run):

``news`` (throughput)
    Real documents, about 100,000 words by default (the size of the corpus of
    ``shared/spec/performance-notes.md``), taken in turn from three sources:

    * ``shared/corpus/*.txt``: the articles as they are (page clutter included);
    * ``shared/data/re3d/*/documents.json``: the 68 re3d documents (title + text);
    * ``shared/data/newsmtsc/*.jsonl``: NewsMTSC sentences from US political news, grouped
      12 at a time in file order into documents;
    * ``shared/data/conll04/unified/*.json``: CoNLL04 news sentences (tokens joined back
      into text), grouped 12 at a time.

``many`` (scale: memory and incremental builds)
    ``n`` short documents (10,000 by default), each four sentences drawn with a seeded random
    generator from the pool of all NewsMTSC and CoNLL04 sentences and the re3d document
    sentences; every document is distinct (its own sha256).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
GROUP = 12

_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def _detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens).replace("-LRB-", "(").replace("-RRB-", ")")
    text = text.replace("``", '"').replace("''", '"')
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text)


def re3d_documents(shared: Path = SHARED) -> list[tuple[str, str]]:
    """Return ``(name, text)`` of every re3d document (title line, blank line, text)."""
    docs = []
    for path in sorted((shared / "data" / "re3d").glob("*/documents.json")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                title = row.get("title") or ""
                docs.append((f"re3d-{row['_id'][:12]}", f"{title}\n\n{row['text']}".strip()))
    return docs


def newsmtsc_sentences(shared: Path = SHARED) -> list[str]:
    """Return the NewsMTSC sentences in file order, each once."""
    seen: dict[str, None] = {}
    for name in ("train", "devtest_mt", "devtest_rw"):
        path = shared / "data" / "newsmtsc" / f"{name}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                seen.setdefault(json.loads(line)["sentence_normalized"].strip(), None)
    return list(seen)


def conll04_sentences(shared: Path = SHARED) -> list[str]:
    """Return the CoNLL04 train and valid sentences, detokenized."""
    out = []
    for name in ("train.CoNLL04.json", "valid.CoNLL04.json"):
        rows = json.loads((shared / "data" / "conll04" / "unified" / name).read_text("utf-8"))
        out.extend(_detokenize(row["tokens"]) for row in rows)
    return out


def _groups(prefix: str, sentences: list[str], size: int = GROUP) -> list[tuple[str, str]]:
    return [
        (f"{prefix}-{i // size:04d}", " ".join(sentences[i : i + size]))
        for i in range(0, len(sentences), size)
    ]


def news_documents(words: int = 100_000, shared: Path = SHARED) -> list[tuple[str, str]]:
    """Return real documents, about ``words`` words in all, taken in turn from each source."""
    articles = [
        (f"corpus-{p.stem}", p.read_text(encoding="utf-8"))
        for p in sorted((shared / "corpus").glob("*.txt"))
    ]
    sources = [
        articles,
        re3d_documents(shared),
        _groups("newsmtsc", newsmtsc_sentences(shared)),
        _groups("conll04", conll04_sentences(shared)),
    ]
    out: list[tuple[str, str]] = []
    total = 0
    position = [0] * len(sources)
    while total < words and any(position[i] < len(s) for i, s in enumerate(sources)):
        for i, source in enumerate(sources):
            if position[i] < len(source) and total < words:
                name, text = source[position[i]]
                position[i] += 1
                out.append((name, text))
                total += len(text.split())
    return out


def many_documents(n: int = 10_000, sentences: int = 4, seed: int = 7) -> list[tuple[str, str]]:
    """Return ``n`` distinct short documents of ``sentences`` sentences from the shared pool."""
    pool = newsmtsc_sentences() + conll04_sentences()
    for _, text in re3d_documents():
        pool.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 4)
    rng = random.Random(seed)
    out, seen = [], set()
    while len(out) < n:
        picks = tuple(rng.randrange(len(pool)) for _ in range(sentences))
        if picks in seen:
            continue
        seen.add(picks)
        out.append((f"many-{len(out):05d}", " ".join(pool[i] for i in picks)))
    return out


def write_corpus(documents: list[tuple[str, str]], folder: Path) -> list[Path]:
    """Write documents as ``<name>.txt`` in ``folder`` (created); return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in documents:
        path = folder / f"{name}.txt"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def word_count(paths: list[Path]) -> int:
    """Whitespace-separated words in the files (the unit of every words/s figure)."""
    return sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
