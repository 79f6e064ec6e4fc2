"""Bad input: each refusal is one line naming the file and the fault."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graphbuilder.errors import InputError
from graphbuilder.ingest import DEFAULT_MAX_BYTES, InputProblem, discover, read_article

RUSSIAN = (
    "Президент Казахстана Касым-Жомарт Токаев заявил на саммите ОДКБ в Москве, что "
    "организации необходимо учитывать все потенциальные угрозы и уделять ещё больше "
    "внимания безопасности южных границ Центральной Азии."
)
FRENCH = (
    "Le président kazakh a déclaré à Moscou que l'organisation doit renforcer la sécurité "
    "des frontières méridionales. « Ça reste notre priorité », a-t-il ajouté."
)


def _refused(path: Path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        read_article(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _refused(path) == f"{path}: empty document (0 bytes)"


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n\u00a0  \n", encoding="utf-8")
    assert "empty document" in _refused(path)


def test_bom_only_file_is_empty(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf\n")
    assert "empty document" in _refused(path)


def test_pdf_renamed_txt(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert _refused(path) == f"{path}: binary file (PDF document), not a text article"


def test_png(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary file (PNG image)" in _refused(path)


def test_nul_bytes(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(b"some text\x00\x01\x02 more")
    assert "binary file (contains NUL bytes)" in _refused(path)


def test_windows_1251_russian_decoded(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    article = read_article(path)
    assert article.text == RUSSIAN


def test_latin1_decoded(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_bytes(FRENCH.encode("latin-1"))
    assert read_article(path).text == FRENCH


def test_utf16_with_bom_decoded(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("\ufeff".encode("utf-16-le") + RUSSIAN.encode("utf-16-le"))
    assert read_article(path).text == RUSSIAN


def test_utf8_bom_stripped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + FRENCH.encode("utf-8"))
    assert read_article(path).text == FRENCH


def test_undecodable_bytes_refused(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes((i * 7919) % 255 + 1 for i in range(4000)))
    assert "text encoding not recognised" in _refused(path)


def test_html_scripts_and_styles_never_reach_text(tmp_path):
    body = "".join(
        f"<script>var s{i} = 'SCRIPT{i}'; alert('SCRIPT{i}');</script>"
        f"<style>.c{i} {{ content: 'STYLE{i}'; }}</style>"
        for i in range(30)
    )
    page = (
        "<html><head><title>Ceasefire holds</title><script>var t='HEADSCRIPT';</script>"
        f"<style>body{{x:'HEADSTYLE'}}</style></head><body>{body}<article>"
        "<p>The ceasefire between the two sides held for a third day on Sunday, officials in "
        "both capitals said, as monitors reported no shooting along the line.</p>"
        f"{body}<noscript>NOSCRIPT-TEXT</noscript></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    text = read_article(path).text
    assert "The ceasefire between the two sides held for a third day on Sunday" in text
    for marker in ("SCRIPT", "STYLE", "alert", "var ", "{", "NOSCRIPT"):
        assert marker not in text


def test_file_over_the_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: fast to make, refused before reading
    message = _refused(path)
    assert message == (
        f"{path}: file too large (50.0 MB, limit 10.0 MB); raise the limit with --max-bytes"
    )
    assert DEFAULT_MAX_BYTES == 10 * 1024 * 1024


def test_limit_can_be_raised(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(FRENCH, encoding="utf-8")
    assert "limit 100 bytes" in _refused(path, max_bytes=100)
    assert read_article(path, max_bytes=1000).text == FRENCH


def test_only_clutter_refused(tmp_path):
    path = tmp_path / "chrome.txt"
    path.write_text("Home\nMenu\nSubscribe to our newsletter\n© 2024 Example. All rights reserved.")
    assert "no article text left" in _refused(path)


def test_missing_file_read(tmp_path):
    path = tmp_path / "gone.txt"
    assert _refused(path) == f"{path}: no such file"


def test_missing_path_in_discover(tmp_path):
    path = tmp_path / "nowhere"
    with pytest.raises(InputError) as info:
        discover([path])
    assert str(info.value) == f"{path}: no such file or folder"


def test_folder_with_unsupported_files(tmp_path):
    (tmp_path / "b.txt").write_text("text")
    (tmp_path / "a.md").write_text("text")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.HTML").write_text("<p>x</p>")
    (tmp_path / "sub" / "d.htm").write_text("<p>x</p>")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "notes").write_text("no suffix")
    (tmp_path / ".hidden.txt").write_text("skipped silently")
    docs, problems = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in docs] == [
        "a.md",
        "b.txt",
        "sub/c.HTML",
        "sub/d.htm",
    ]
    assert all(p.is_absolute() for p in docs)
    assert sorted(str(p) for p in problems) == [
        f"{tmp_path / 'notes'}: unsupported file type without a suffix "
        "(supported: .htm, .html, .markdown, .md, .text, .txt)",
        f"{tmp_path / 'report.pdf'}: unsupported file type '.pdf' "
        "(supported: .htm, .html, .markdown, .md, .text, .txt)",
    ]


def test_unsupported_file_given_directly(tmp_path):
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04")
    docs, problems = discover([path])
    assert docs == []
    assert problems == [
        InputProblem(
            str(path),
            "unsupported file type '.pptx' (supported: .htm, .html, .markdown, .md, .text, .txt)",
        )
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(FRENCH)
    path.chmod(0)
    try:
        docs, problems = discover([tmp_path])
        assert docs == []
        assert [str(p) for p in problems] == [f"{path}: cannot read (permission denied)"]
        assert _refused(path) == f"{path}: cannot read (permission denied)"
    finally:
        path.chmod(0o644)


def test_dangling_symlink_in_folder(tmp_path):
    (tmp_path / "ok.txt").write_text(FRENCH)
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    docs, problems = discover([tmp_path])
    assert [p.name for p in docs] == ["ok.txt"]
    assert [str(p) for p in problems] == [
        f"{link}: broken symbolic link (target {tmp_path / 'deleted.txt'} does not exist)"
    ]


def test_dangling_symlink_given_directly(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    with pytest.raises(InputError) as info:
        discover([link])
    assert str(info.value).startswith(f"{link}: no such file or folder")


def test_symlink_loops(tmp_path):
    (tmp_path / "ok.txt").write_text(FRENCH)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "up").symlink_to(tmp_path)  # folder link back to an ancestor
    self_loop = tmp_path / "self.txt"
    self_loop.symlink_to(self_loop)  # ELOOP
    docs, problems = discover([tmp_path])
    assert [p.name for p in docs] == ["ok.txt"]
    assert sorted(str(p) for p in problems) == [
        f"{self_loop}: symbolic link loop",
        f"{sub / 'up'}: symbolic link loop (points back to {os.path.realpath(tmp_path)})",
    ]


def test_duplicates_read_once_and_order_is_deterministic(tmp_path):
    (tmp_path / "b.txt").write_text(FRENCH)
    (tmp_path / "a.txt").write_text(FRENCH)
    (tmp_path / "alias.txt").symlink_to(tmp_path / "b.txt")
    docs1, _ = discover([tmp_path / "b.txt", tmp_path])
    docs2, _ = discover([tmp_path, tmp_path / "b.txt"])
    assert docs1 == docs2
    assert [p.name for p in docs1] == ["a.txt", "alias.txt"]


def test_max_documents(tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(FRENCH)
    assert len(discover([tmp_path], max_documents=5)[0]) == 5
    with pytest.raises(InputError) as info:
        discover([tmp_path], max_documents=3)
    assert str(info.value) == (
        f"{tmp_path}: more than 3 documents, over the limit; raise it with --max-documents"
    )


def test_folder_given_to_read_article(tmp_path):
    assert _refused(tmp_path) == f"{tmp_path}: is a folder, not a document"


def test_read_error_is_one_line():
    """A file that exists but cannot be read (works as root, unlike chmod 000)."""
    path = Path("/proc/self/mem")
    if not path.exists():
        pytest.skip("no /proc on this system")
    assert _refused(path).startswith(f"{path}: cannot read (")
