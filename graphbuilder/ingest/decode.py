"""Bytes to text: refuse binaries, strip a BOM, decode UTF-8 or a detected legacy encoding.

Order of checks (each refusal is an :class:`~graphbuilder.errors.InputError` whose message
names the file and the fault):

1. a UTF-32/UTF-16 byte-order mark decodes with that codec (such text holds NUL bytes);
2. a known file signature ("magic number": PDF, ZIP/DOCX/EPUB, PNG, JPEG, GIF, ...) is
   refused as that format (signatures from the formats' specifications, as listed in
   Gary Kessler's File Signatures Table);
3. NUL bytes mean a binary file;
4. UTF-8 (a UTF-8 BOM is stripped);
5. otherwise charset-normalizer picks the encoding (Windows-1251, Latin-1, ...); its result is
   used when it is confident (chaos at most :data:`MAX_CHAOS`), else the file is refused.
"""

from __future__ import annotations

import codecs

from graphbuilder.errors import InputError

#: Highest charset-normalizer "chaos" (share of mess in the decoded text, 0-1) accepted.
MAX_CHAOS = 0.2

#: (signature, offset, format name) of binary formats sometimes saved as .txt by mistake.
SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "PDF document"),
    (b"PK\x03\x04", 0, "ZIP archive (or DOCX/XLSX/ODT/EPUB)"),
    (b"PK\x05\x06", 0, "ZIP archive (empty)"),
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"II*\x00", 0, "TIFF image"),
    (b"MM\x00*", 0, "TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "Microsoft Office document (DOC/XLS/PPT)"),
    (b"{\\rtf", 0, "RTF document"),
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"BZh", 0, "bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "RAR archive"),
    (b"\x7fELF", 0, "ELF executable"),
    (b"MZ", 0, "Windows executable"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
    (b"ID3", 0, "MP3 audio"),
    (b"OggS", 0, "Ogg media"),
    (b"fLaC", 0, "FLAC audio"),
    (b"ftyp", 4, "MP4/QuickTime media"),
    (b"WEBP", 8, "WebP image"),
    (b"WAVE", 8, "WAV audio"),
    (b"AVI ", 8, "AVI video"),
    (b"wOFF", 0, "WOFF font"),
    (b"wOF2", 0, "WOFF2 font"),
    (b"\x00asm", 0, "WebAssembly module"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of ``data`` from its signature, or None.

    Examples
    --------
    >>> sniff_binary(b"%PDF-1.7 ...")
    'PDF document'
    >>> sniff_binary(b"Plain text") is None
    True
    """
    for sig, offset, name in SIGNATURES:
        if data[offset : offset + len(sig)] == sig:
            if name == "Windows executable" and b"\x00" not in data[:1024]:
                continue  # "MZ..." may start a text
            return name
    return None


def decode_bytes(data: bytes, name: str) -> str:
    """Decode the raw bytes of a document.

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        The file name, for messages.

    Returns
    -------
    str
        The text, without a byte-order mark.

    Raises
    ------
    InputError
        ``"<name>: binary file (PDF document), not a text article"``,
        ``"<name>: binary file (contains NUL bytes), not a text article"``, or
        ``"<name>: text encoding not recognised (not UTF-8, ...)"``.

    Examples
    --------
    >>> decode_bytes("\\ufeffHello".encode("utf-8"), "a.txt")
    'Hello'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                raise InputError(
                    f"{name}: starts with a {codec.upper()} byte-order mark but is not valid "
                    f"{codec.upper()} (byte {err.start})"
                ) from None
    kind = sniff_binary(data)
    if kind:
        raise InputError(f"{name}: binary file ({kind}), not a text article")
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (contains NUL bytes), not a text article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise InputError(
            f"{name}: text encoding not recognised (not UTF-8: invalid byte at offset "
            f"{utf8_error.start}, and no confident guess); convert it to UTF-8"
        )
    return str(best)
