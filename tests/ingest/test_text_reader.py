"""The text/Markdown reader: encodings, bad input, folder expansion.

Every fixture is generated in tmp_path from sentences written for these tests. The tests run as root on CI, where
``chmod 000`` does not stop a read, so "unreadable" is exercised with things no one can read as a text file:
a FIFO, a socket, a dangling symlink, a symlink loop, a path through a regular file, a folder named as a file.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import socket
import threading

import pytest

from armsflow.ingest.text import (
    MAX_BYTES,
    IngestError,
    binary_kind,
    detect,
    expand_paths,
    oddity,
    read_text_document,
)


def write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def problem(path, **kw) -> str:
    with pytest.raises(IngestError) as info:
        read_text_document(path, **kw)
    err = info.value
    assert err.path == str(path)
    assert str(err).startswith(f"{path}: ")
    assert "\n" not in str(err)
    return err.problem


# -- good text ---------------------------------------------------------------------------------------------------

def test_markdown_front_matter(tmp_path):
    text = ("---\ntitle: \"Drones for the coast guard\"\npublisher: armsflow tests\nurl:\npublished: 2024-03-05\n---\n"
            "The coast guard received two patrol drones.\n")
    p = write(tmp_path / "coast-guard.md", text.encode())
    doc = read_text_document(p)
    assert doc.id == "coast-guard"
    assert doc.title == "Drones for the coast guard"
    assert doc.publisher == "armsflow tests"
    assert doc.url is None
    assert doc.published == dt.date(2024, 3, 5)
    assert doc.text == "The coast guard received two patrol drones.\n"
    assert text[doc.body_offset:] == doc.text
    assert doc.path == str(p)


def test_plain_text_without_front_matter(tmp_path):
    p = write(tmp_path / "plain.txt", b"A short note about nothing in particular.")
    doc = read_text_document(p)
    assert doc.text == "A short note about nothing in particular."
    assert doc.body_offset == 0 and doc.published is None


def test_broken_front_matter_is_kept_as_metadata_free_text(tmp_path):
    p = write(tmp_path / "odd.md", b"---\ntitle: [unclosed\n---\nBody line.\n")
    doc = read_text_document(p)
    assert doc.title is None
    assert doc.text == "Body line.\n"


@pytest.mark.parametrize("bom,enc", [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                                      (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
                                      (b"\x00\x00\xfe\xff", "utf-32-be")])
def test_byte_order_marks(tmp_path, bom, enc):
    sentence = "Türkiye and Україна signed a memorandum."
    p = write(tmp_path / "bom.txt", bom + sentence.encode(enc))
    assert read_text_document(p).text == sentence


# Short files with only a few non-ASCII characters: too little for statistics alone.
CP1252_SHORT = [
    "Türkiye",
    "Türkiye delivered drones to Poland in 2022.",
    "The Élysée said the contract was worth €2.7 billion.",
    "“Combat proven”, the minister’s aide said — twice.",
    "Ankara’s deal with Kyiv was signed in Zürich.",
    "São Tomé and Príncipe has no air force.",
]
CP1251_SHORT = [
    "Сербия",
    "Россия поставила Сербии истребители МиГ-29.",
    "In 2021 Serbia (Сербия) bought jets from Russia.",
    "Украина получила беспилотники из Турции — сообщили в Киеве.",
    "Беларусь и Казахстан",
]


@pytest.mark.parametrize("sentence", CP1252_SHORT)
def test_windows_1252_short(tmp_path, sentence):
    p = write(tmp_path / "w1252.txt", sentence.encode("cp1252"))
    assert read_text_document(p).text == sentence


@pytest.mark.parametrize("sentence", [s for s in CP1252_SHORT if all(ord(c) < 256 for c in s)])
def test_latin_1_short(tmp_path, sentence):
    p = write(tmp_path / "latin1.txt", sentence.encode("latin-1"))
    assert read_text_document(p).text == sentence


@pytest.mark.parametrize("sentence", CP1251_SHORT)
def test_windows_1251_short(tmp_path, sentence):
    p = write(tmp_path / "w1251.txt", sentence.encode("cp1251"))
    assert read_text_document(p).text == sentence


def test_windows_1251_markdown_with_front_matter(tmp_path):
    body = ("Министерство обороны Сербии объявило о закупке вертолётов.\n"
            "Контракт был подписан в Белграде в 2023 году.\n")
    text = "---\ntitle: Закупка\npublished: 2023-06-01\n---\n" + body
    p = write(tmp_path / "ru.md", text.encode("cp1251"))
    doc = read_text_document(p)
    assert doc.title == "Закупка"
    assert doc.text == body


def test_long_windows_1252_text(tmp_path):
    para = ("Le ministère a confirmé la livraison des blindés à l’armée, déjà prévue l’été dernier; "
            "Göteborg, Malmö et Zürich ont été évoquées. ") * 200
    p = write(tmp_path / "long.txt", para.encode("cp1252"))
    assert read_text_document(p).text == para


@pytest.mark.parametrize("sentence,enc", [
    ("Polska podpisała umowę na czołgi i haubice.", "cp1250"),
    ("Россия поставила Сербии истребители МиГ-29.", "koi8_r"),
    ("Η Ελλάδα παρέλαβε μαχητικά αεροσκάφη.", "cp1253"),
    ("Türkiye İHA teslim etti, şirket açıkladı.", "cp1254"),
    ("中国向巴基斯坦交付了战斗机。这是一份重要的合同。", "gb18030"),
    ("日本は防衛装備品を輸出した。", "shift_jis"),
])
def test_other_legacy_encodings(sentence, enc):
    text, found = detect(sentence.encode(enc))
    assert text == sentence, found


def test_mostly_utf8_with_a_stray_byte(tmp_path):
    data = "Türkiye — Україна — Polska".encode() + b" \xfc end"
    doc = read_text_document(write(tmp_path / "stray.txt", data))
    assert doc.text.startswith("Türkiye — Україна — Polska")
    assert doc.text.endswith("\ufffd end")


def test_oddity_flags_mojibake():
    assert oddity("Россия и Сербия")[0] == 0
    assert oddity("Ðîññèÿ è Ñåðáèÿ")[0] > 0            # Windows-1251 read as Windows-1252
    assert oddity("пНЯЯХЪ")[0] > 0                       # Windows-1251 read as KOI8-R
    assert oddity("Tьrkiye")[0] > 0                      # Windows-1252 read as Windows-1251
    assert oddity("MiG-29, МиГ-29, iPhone, “quoted”, €5, UAVs—and")[0] == 0


# -- bad input ---------------------------------------------------------------------------------------------------

def test_empty_file(tmp_path):
    assert problem(write(tmp_path / "empty.txt", b"")) == "file is empty"


def test_whitespace_only_file(tmp_path):
    assert "empty" in problem(write(tmp_path / "blank.md", b" \n\t\r\n  \n"))


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xff\xfe" + " \n ".encode("utf-16-le")])
def test_bom_and_whitespace_only(tmp_path, data):
    assert problem(write(tmp_path / "bom-only.txt", data)) == "file is empty (only whitespace)"


def test_front_matter_only(tmp_path):
    p = write(tmp_path / "meta.md", b"---\ntitle: Nothing else\n---\n\n")
    assert "no text after the front matter" in problem(p)


@pytest.mark.parametrize("head,kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (b"\x7fELF\x02\x01\x01\x00", "ELF"),
    (b"\x1f\x8b\x08\x00", "gzip"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
])
def test_binary_signatures(tmp_path, head, kind):
    # named .txt on purpose: the signature, not the suffix, decides
    msg = problem(write(tmp_path / "looks-like-text.txt", head + b"rest of the file " * 20))
    assert msg.startswith("binary file, not text") and kind in msg


def test_nul_bytes(tmp_path):
    msg = problem(write(tmp_path / "nul.txt", b"Some words\x00and more words\n" * 10))
    assert msg == "binary file, not text: contains NUL bytes"


def test_control_characters(tmp_path):
    rng = random.Random(3)
    data = bytes(rng.randrange(1, 0x100) for _ in range(4096))
    msg = problem(write(tmp_path / "noise.txt", data))
    assert msg.startswith("binary file, not text")


def test_undecodable_bytes(tmp_path):
    # no NUL, no control byte: only high bytes that make sense in no encoding
    rng = random.Random(7)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(4096))
    assert binary_kind(data) is None
    assert "not text in any known encoding" in problem(write(tmp_path / "high.txt", data))


def test_missing_file(tmp_path):
    assert problem(tmp_path / "nope.md") == "no such file or directory"


def test_dangling_symlink(tmp_path):
    # unreadable case: a link whose target was deleted
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    assert problem(link).startswith("broken symbolic link")


def test_symlink_loop(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    assert problem(a) == "symbolic link loop"


def test_path_through_a_file(tmp_path):
    # unreadable case: a path inside a non-directory (ENOTDIR)
    f = write(tmp_path / "file.txt", b"just text")
    msg = problem(f / "child.txt")
    assert msg.startswith("not a directory") and "file.txt is a file" in msg


def test_directory_where_a_file_is_expected(tmp_path):
    # unreadable case: a folder handed to the file reader (the CLI expands folders before this point)
    d = tmp_path / "folder.md"
    d.mkdir()
    assert problem(d) == "is a directory, not a file"


def _in_thread(fn, timeout=10):
    out = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            out["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "the reader blocked"
    return out


def test_fifo_is_refused_without_blocking(tmp_path):
    # unreadable case: a named pipe with no writer; opening it for reading would hang a naive reader
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    out = _in_thread(lambda: read_text_document(fifo))
    assert isinstance(out.get("error"), IngestError)
    assert out["error"].problem == "not a regular file: it is a named pipe (FIFO)"


def test_socket_is_refused(tmp_path):
    # unreadable case: a Unix socket, which open() cannot read at all
    path = tmp_path / "s.txt"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(path))
        assert problem(path) == "not a regular file: it is a socket"
    finally:
        sock.close()


def test_device_is_refused():
    msg = problem(__import__("pathlib").Path("/dev/null"))
    assert msg == "not a regular file: it is a device"


def test_size_limit(tmp_path):
    p = write(tmp_path / "two-kb.txt", b"word " * 410)
    assert read_text_document(p, max_bytes=4096).text.startswith("word")
    msg = problem(p, max_bytes=1024)
    assert msg.startswith("file too large") and "1024" not in msg and "limit" in msg


def test_fifty_megabytes_refused_by_default(tmp_path):
    assert MAX_BYTES == 20 * 2**20
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:
        f.write(b"Plain words in a very large file.\n" * 1024)
        f.truncate(50 * 2**20)                      # sparse: 50 MB on paper, no disk used
    msg = problem(p)
    assert msg == "file too large: 50.0 MB, over the 20 MB limit (raise it with --max-size)"


# -- folders -----------------------------------------------------------------------------------------------------

def test_expand_paths_recurses_filters_and_sorts(tmp_path):
    root = tmp_path / "in"
    for name in ["b.md", "a.txt", "c.markdown", "d.text", "E.TXT", "skip.csv", "skip.pdf", "sub/z.md",
                 "sub/deeper/y.txt", "sub2/x.md", ".hidden.txt", ".git/config.txt", "sub/.cache/w.md"]:
        write(root / name, b"text")
    got = [p.relative_to(root).as_posix() for p in expand_paths([root])]
    assert got == ["E.TXT", "a.txt", "b.md", "c.markdown", "d.text", "sub/deeper/y.txt", "sub/z.md", "sub2/x.md"]


def test_expand_paths_named_file_any_suffix_and_dedup(tmp_path):
    f = write(tmp_path / "report.csv", b"text")
    g = write(tmp_path / "dir" / "a.md", b"text")
    got = list(expand_paths([f, tmp_path / "dir", g, f]))
    assert got == [f, g]


def test_expand_paths_passes_on_what_it_cannot_list(tmp_path):
    missing = tmp_path / "missing.md"
    got = list(expand_paths([missing]))
    assert got == [missing]                  # the reader gives the precise error
    assert problem(missing) == "no such file or directory"


def test_empty_folder_is_an_error(tmp_path):
    d = tmp_path / "nothing"
    write(d / "image.png", b"\x89PNG")
    (got,) = list(expand_paths([d]))
    assert isinstance(got, IngestError) and got.problem.startswith("no text files")


def test_folder_walk_includes_bad_files_for_the_reader(tmp_path):
    d = tmp_path / "mixed"
    write(d / "good.md", b"Text.")
    (d / "dangling.txt").symlink_to(d / "absent.txt")
    os.mkfifo(d / "pipe.txt")
    got = [p.name for p in expand_paths([d])]
    assert got == ["dangling.txt", "good.md", "pipe.txt"]


def test_ingest_error_one_argument_form():
    err = IngestError("some/file.txt: file is empty")
    assert (err.path, err.problem, str(err)) == ("some/file.txt", "file is empty", "some/file.txt: file is empty")


@pytest.mark.parametrize("value, expected", [
    ("2023-01-20", dt.date(2023, 1, 20)),
    ("20 January 2023", dt.date(2023, 1, 20)),
    ("Jan. 20, 2023", dt.date(2023, 1, 20)),
    ("sometime soon", None),
    ("January 20", None),          # no year: better unknown than guessed
])
def test_front_matter_dates_in_prose_form(value, expected):
    from armsflow.ingest.text import parse_text

    doc = parse_text(f"---\ntitle: x\npublished: {value}\n---\nSerbia bought drones.\n", "d")
    assert doc.published == expected
