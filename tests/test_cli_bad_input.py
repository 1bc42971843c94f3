"""`armsflow extract` on bad input, end to end, through the installed console script (or `python -m armsflow`).

What every run must show: one line `armsflow: PATH: problem` on stderr per bad file, the good files still
processed, exit status 1 when a file failed (0 when none did, 2 for a usage error, 130 when interrupted), and no
Python traceback, ever.

The tests run as root on CI, where `chmod 000` does not stop a read; "unreadable" is therefore exercised with paths
no one can read as a text file: a FIFO, a socket, a dangling symlink, a path that goes through a regular file.
(A folder where a file is expected is covered by the reader's unit tests: on the command line a folder is expanded.)
All fixture files are generated here from sentences written for these tests.
"""
from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "In 2021, Serbia purchased MiG-29 fighter jets from Russia.\n"
GOOD_1252 = "In 2022, Türkiye delivered Bayraktar TB2 drones to Ukraine.\n"
GOOD_1251 = ("Сообщение на русском языке о закупках.\n"
             "In 2021, Serbia purchased MiG-29 fighter jets from Russia.\n")


# the user's own catalogue additions (~/.armsflow) must not change what these tests see
ISOLATED_HOME = Path(__file__).resolve().parent / "_no_armsflow_home"
ENV = {**os.environ, "ARMSFLOW_HOME": str(ISOLATED_HOME)}
ENV.pop("ARMSFLOW_DEBUG", None)


def armsflow_cmd() -> list[str]:
    script = Path(sys.executable).parent / "armsflow"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "armsflow"]


def run(*args, cwd, timeout=600, **kw) -> subprocess.CompletedProcess:
    """`armsflow extract ARGS...`"""
    proc = subprocess.run([*armsflow_cmd(), "extract", *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL, env=ENV, **kw)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def err_lines(proc) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.strip()]


def claims_of(proc) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def assert_good_output(proc, with_claims, others=()):
    """The good files were processed: no error line names them, only they have claims on stdout, and the ones
    written around a transfer sentence (``with_claims``) do have claims."""
    good = set(with_claims) | set(others)
    named = {Path(line.removeprefix("armsflow: ").split(": ")[0]).stem for line in err_lines(proc)}
    assert not named & good, proc.stderr
    docs = {c["doc"] for c in claims_of(proc)}      # every stdout line is a JSON claim
    assert docs <= good                             # bad files produce nothing
    assert set(with_claims) <= docs, (with_claims, proc.stdout)


def test_good_sentences_are_extracted(tmp_path):
    """The premise of the checks on stdout: the extractor finds a claim in each good sentence used here."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "tr.txt").write_text(GOOD_1252, encoding="utf-8")
    proc = run("good.txt", "tr.txt", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == ""
    got = {(c["doc"], c["supplier"], c["recipient"], c["system"]) for c in claims_of(proc)}
    assert ("good", "RUS", "SRB", "MiG-29") in got
    assert ("tr", "TUR", "UKR", "Bayraktar TB2") in got


# -- the bad files -----------------------------------------------------------------------------------------------

def _fifo(p: Path):
    os.mkfifo(p)            # a named pipe with no writer: a naive open() would hang forever


def _socket(p: Path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(str(p))          # the socket file stays after close; open() on it fails with ENXIO
    s.close()


def _undecodable(p: Path):
    rng = random.Random(11)
    p.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(4096)))


BAD = {
    # name: (file name, how to make it, expected problem text)
    "empty": ("empty.txt", lambda p: p.write_bytes(b""), "file is empty"),
    "blank": ("blank.md", lambda p: p.write_bytes(b"\n  \n\t\n"), "file is empty (only whitespace)"),
    "empty front matter": ("rules.md", lambda p: p.write_bytes(b"---\n---\n"), "no text after the front matter"),
    "no words": ("dots.txt", lambda p: p.write_bytes(b"...\n---\n* * *\n" + b"." * 100_000),
                 "no words in it (only punctuation and symbols)"),
    "nul": ("nul.txt", lambda p: p.write_bytes(b"Some text\x00with a NUL byte\n"),
            "binary file, not text: contains NUL bytes"),
    "pdf": ("report.md", lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\n"),
            "binary file, not text: a PDF document"),
    "png": ("picture.txt", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x01" * 64),
            "binary file, not text: a PNG image"),
    "zip": ("archive.txt", lambda p: p.write_bytes(b"PK\x03\x04\x14\x00\x00\x00" + b"x" * 64),
            "binary file, not text: a ZIP archive"),
    "elf": ("program.txt", lambda p: p.write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 64),
            "binary file, not text: an ELF executable"),
    "undecodable": ("noise.txt", _undecodable, "binary or undecodable: not text in any known encoding"),
    "fifo": ("pipe.txt", _fifo, "not a regular file: it is a named pipe (FIFO)"),
    "socket": ("sock.txt", _socket, "not a regular file: it is a socket"),
    "dangling": ("dangling.txt", lambda p: p.symlink_to(p.parent / "deleted-long-ago.txt"),
                 "broken symbolic link (target"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_one_bad_file_next_to_a_good_one(tmp_path, case):
    name, make, expected = BAD[case]
    bad = tmp_path / name
    make(bad)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = run(bad, "good.txt", cwd=tmp_path)
    assert proc.returncode == 1
    (line,) = err_lines(proc)
    assert line.startswith(f"armsflow: {bad}: {expected}")
    assert_good_output(proc, ["good"])


def test_missing_path(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = run("no-such-file.md", "good.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert err_lines(proc) == ["armsflow: no-such-file.md: no such file or directory"]
    assert_good_output(proc, ["good"])


def test_path_through_a_regular_file(tmp_path):
    # unreadable case: a path inside a non-directory (ENOTDIR)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = run("good.txt/inner.txt", "good.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert err_lines(proc) == ["armsflow: good.txt/inner.txt: not a directory: good.txt is a file"]
    assert_good_output(proc, ["good"])


def test_only_bad_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run("empty.txt", "missing.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert err_lines(proc) == ["armsflow: empty.txt: file is empty",
                               "armsflow: missing.txt: no such file or directory"]


def test_all_good_exits_zero(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "other.md").write_text("---\ntitle: Weather\n---\nRain is expected on Tuesday.\n",
                                       encoding="utf-8")
    proc = run("good.txt", "other.md", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stderr == ""
    assert_good_output(proc, ["good"], others=["other"])


# -- size limit --------------------------------------------------------------------------------------------------

def test_fifty_megabyte_file_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    line = b"The committee met again on Monday and adjourned without a decision.\n"
    with open(big, "wb") as f:
        f.write(line * (50 * 2**20 // len(line) + 1))
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = run("big.txt", "good.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert err_lines(proc) == [
        "armsflow: big.txt: file too large: 50.0 MB, over the 20 MB limit (raise it with --max-size)"]
    assert_good_output(proc, ["good"])


def test_max_size_option(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD + "Nothing else happened that week. " * 60,   # about 2 KB
                                       encoding="utf-8")
    proc = run("--max-size", "0.001", "good.txt", cwd=tmp_path)
    assert proc.returncode == 1
    (line,) = err_lines(proc)
    assert line.startswith("armsflow: good.txt: file too large: 2.")
    assert line.endswith(" KB, over the 1 KB limit (raise it with --max-size)")
    proc = run("--max-size", "1", "good.txt", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == ""


# -- usage errors ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    [],
    ["--max-size", "0", "x.txt"],
    ["--max-size", "-3", "x.txt"],
    ["--max-size", "lots", "x.txt"],
    ["--published", "2024-13-45", "x.txt"],
    ["--format", "xml", "x.txt"],
    ["--no-such-option", "x.txt"],
])
def test_usage_errors_exit_2(tmp_path, args):
    proc = run(*args, cwd=tmp_path) if args else subprocess.run(
        [*armsflow_cmd(), "extract"], cwd=tmp_path, capture_output=True, text=True, timeout=120, env=ENV)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


# -- encodings ---------------------------------------------------------------------------------------------------

def test_legacy_encodings_are_read(tmp_path):
    (tmp_path / "w1252.txt").write_bytes(GOOD_1252.encode("cp1252"))
    (tmp_path / "w1251.txt").write_bytes(GOOD_1251.encode("cp1251"))
    (tmp_path / "latin1.md").write_bytes(("---\ntitle: Défense\n---\n" + GOOD).encode("latin-1"))
    proc = run("w1252.txt", "w1251.txt", "latin1.md", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stderr == ""
    assert_good_output(proc, ["w1251", "latin1", "w1252"])
    assert any("Türkiye" in c["evidence"] for c in claims_of(proc) if c["doc"] == "w1252")


# -- a folder mixing everything ----------------------------------------------------------------------------------

def test_mixed_folder(tmp_path):
    d = tmp_path / "inbox"
    (d / "sub" / "deeper").mkdir(parents=True)
    (d / ".hidden").mkdir()
    (d / "a-good.md").write_text("---\ntitle: Jets\npublished: 2021-05-01\n---\n" + GOOD, encoding="utf-8")
    (d / "sub" / "deeper" / "w1252.txt").write_bytes(GOOD_1252.encode("cp1252"))
    (d / "sub" / "w1251.text").write_bytes(GOOD_1251.encode("cp1251"))
    expected = []
    for case in sorted(BAD):
        name, make, problem = BAD[case]
        path = d / "sub" / name if case in ("png", "socket") else d / name
        make(path)
        expected.append((path.relative_to(tmp_path).as_posix(), problem))
    with open(d / "huge.markdown", "wb") as f:
        f.write(b"Words of no consequence.\n" * 100)
        f.truncate(50 * 2**20)
    expected.append(("inbox/huge.markdown",
                     "file too large: 50.0 MB, over the 20 MB limit (raise it with --max-size)"))
    # skipped: hidden files and folders, other suffixes
    (d / ".secret.txt").write_bytes(b"")
    (d / ".hidden" / "x.md").write_bytes(b"\x00\x00")
    (d / "notes.csv").write_bytes(b"")
    (d / "scan.pdf").write_bytes(b"%PDF-1.4")
    (d / "link-to-dir").symlink_to(d / "sub")          # folder symlinks are not followed (no loops)

    proc = run("inbox", "inbox/missing.md", cwd=tmp_path)
    assert proc.returncode == 1
    expected.append(("inbox/missing.md", "no such file or directory"))
    lines = err_lines(proc)
    want = [f"armsflow: {p}: {msg}" for p, msg in sorted(expected[:-1], key=lambda e: e[0].split("/"))]
    want.append(f"armsflow: {expected[-1][0]}: {expected[-1][1]}")
    assert len(lines) == len(want), proc.stderr
    for got, exp in zip(lines, want):
        assert got.startswith(exp), (got, exp)
    assert_good_output(proc, ["a-good", "w1251", "w1252"])

    again = run("inbox", "inbox/missing.md", cwd=tmp_path)
    assert (again.stdout, again.stderr, again.returncode) == (proc.stdout, proc.stderr, proc.returncode)


def test_named_file_is_read_whatever_its_suffix(tmp_path):
    (tmp_path / "article.html").write_text(GOOD, encoding="utf-8")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "article2.html").write_text(GOOD, encoding="utf-8")
    proc = run("article.html", "dir", cwd=tmp_path)
    assert proc.returncode == 1                          # the folder has no text file
    assert err_lines(proc) == ["armsflow: dir: no text files (.markdown, .md, .text, .txt) in this folder"]
    assert_good_output(proc, ["article"])


# -- pipes and signals -------------------------------------------------------------------------------------------

def test_closed_stdout_is_a_quiet_exit(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)                                   # the reader is gone before anything is written
    try:
        proc = subprocess.run([*armsflow_cmd(), "extract", "--format", "table", "good.txt"], cwd=tmp_path,
                              stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300, env=ENV)
    finally:
        os.close(write_end)
    assert proc.returncode == 0
    assert proc.stderr == ""


def test_piped_to_head(tmp_path):
    (tmp_path / "docs").mkdir()
    for i in range(200):
        (tmp_path / "docs" / f"doc{i:03}.txt").write_text(GOOD * 20, encoding="utf-8")
    cmd = " ".join(armsflow_cmd()) + " extract docs | head -n 1 > first.txt"
    proc = subprocess.run(["bash", "-c", "set -o pipefail; " + cmd], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600, env=ENV)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert json.loads((tmp_path / "first.txt").read_text())["doc"] == "doc000"


def _slow_corpus(folder: Path, n=150):
    folder.mkdir()
    (folder / "000-empty.txt").write_bytes(b"")       # sorted first: its error line says the loop has started
    para = ("Officials in Belgrade, Ankara and Warsaw met on Tuesday; Serbia, Poland and Türkiye discussed "
            "trade, roads and schools, and the talks went on late into the night. ") * 600
    for i in range(n):
        (folder / f"doc{i:03}.txt").write_text(para, encoding="utf-8")


def test_keyboard_interrupt(tmp_path):
    """Ctrl-C in the middle of a run: the run is stopped before its second file (src/armsflow/pausepoints.py), so
    the signal lands mid-run however loaded the machine is."""
    from pausing import paused_env, wait_until_paused

    _slow_corpus(tmp_path / "corpus", n=3)
    flag = tmp_path / "paused"
    # SIGINT as a terminal delivers it, even when this test runs in a background job that ignores it (and so
    # would the child, which inherits that)
    proc = subprocess.Popen([*armsflow_cmd(), "extract", "corpus"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
                            env=paused_env(ENV, "extract.file", 2, flag),
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    first = proc.stderr.readline()
    assert first.startswith("armsflow: corpus/000-empty.txt: file is empty")
    wait_until_paused(proc, flag)
    proc.send_signal(signal.SIGINT)
    rest = proc.stderr.read()
    assert proc.wait(timeout=60) == 130
    assert "Traceback" not in rest
    assert rest.strip() == "armsflow: interrupted"


def test_claims_are_written_as_each_document_is_done(tmp_path):
    """Streaming: the first document's claims are on stdout while later documents are still being read."""
    corpus = tmp_path / "corpus"
    _slow_corpus(corpus)
    (corpus / "000-good.txt").write_text(GOOD, encoding="utf-8")
    proc = subprocess.Popen([*armsflow_cmd(), "extract", "corpus"], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, stdin=subprocess.DEVNULL, env=ENV)
    try:
        first = proc.stdout.readline()
        still_running = proc.poll() is None
    finally:
        proc.kill()
        proc.wait()
    assert json.loads(first)["doc"] == "000-good"
    if not still_running:
        pytest.skip("the run finished before the first line was read")


def test_python_dash_m(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "armsflow", "extract", "--help"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    assert "--max-size" in proc.stdout


# -- hostile input to ingest and extract: one line each, the good files stored -----------------------------------

sys.path.insert(0, str(Path(__file__).resolve().parent / "ingest"))
from pdfmaker import column, inflating_pdf, looping_pdf, make_pdf  # noqa: E402

BOATS = "Peru has ordered four coastal patrol boats from South Korea, the navy said on Monday."
RADARS = "Chile has ordered two Ground Master 400 radars from France, the air force said."


def _alias_bomb() -> str:
    lines = ["l0: &l0 [ha, ha, ha, ha, ha, ha, ha, ha, ha]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return "\n".join(lines) + "\ntitle: *l8\n"


def _feed(items: str, title: str = "Andes Brief", prolog: str = "") -> bytes:
    return (f'<?xml version="1.0"?>{prolog}<rss version="2.0"><channel><title>{title}</title>{items}</channel>'
            f"</rss>").encode()


def _item(slug: str, extra: str = "", text: str = BOATS) -> str:
    return (f"<item><title>{slug}</title><link>https://andes.example/{slug}</link>{extra}"
            f"<description>{text}</description></item>")


def hostile_batch(root: Path) -> tuple[list[str], dict[str, str], set[str]]:
    """Good files, odd-but-good files and one file of each hostile kind under ``root``: (the arguments, the
    expected problem per bad file, the titles or ids every good document is known by)."""
    d = root / "inbox"
    d.mkdir()
    # good, and odd but good: each must be stored (each its own text: a repeated text is stored once)
    (d / "a-good.md").write_text(f"---\ntitle: Jets for Serbia\n---\n{GOOD}", encoding="utf-8")
    (d / "b-radars.html").write_text(f"<html><head><title>Radars for Chile</title></head><body><article>"
                                     f"<h1>Radars for Chile</h1><p>{RADARS}</p><p>Deliveries are due next year, the "
                                     f"ministry said after the contract was signed.</p></article></body></html>",
                                     encoding="utf-8")
    (d / "c-boats.pdf").write_bytes(make_pdf([column([BOATS])], info={"Title": "Boats for Peru"}))
    (d / "d-zero-date.xml").write_bytes(_feed(_item("zero-date", "<pubDate>0000-00-00</pubDate>",
                                                    "Estonia received six rocket launchers in the spring.")))
    (d / "e-nul.xml").write_bytes(_feed(_item("nul-byte", text="Latvia ordered coastal\x00 missiles last year.")))
    (d / "f-publisher.xml").write_bytes(_feed(_item("long-publisher", text="Lithuania bought air defence radars."),
                                              title="Harbour Gazette " * 25))
    (d / "g-digits.md").write_text(f"---\ntitle: Digits\npublished: {'7' * 5000}\n---\nFinland tests new "
                                   f"howitzers.\n", encoding="utf-8")
    (d / os.fsdecode(b"h-caf\xe9.md")).write_text("---\ntitle: Latin-1 name\n---\nNorway buys tanks.\n",
                                                  encoding="utf-8")
    (d / "i-\x1b]0;title\x07.md").write_text("---\ntitle: Control name\n---\nSweden sells jets.\n",
                                             encoding="utf-8")
    # the documents by title (the one whose front matter is no YAML mapping by its id)
    good = {"Jets for Serbia", "Radars for Chile", "Boats for Peru", "zero-date", "nul-byte", "long-publisher",
            "g-digits", "Latin-1 name", "Control name"}
    # hostile: one line each
    bad = {}
    bomb = d / "j-bomb\x1b]0;pwned\x07.md"
    bomb.write_text(f"---\n{_alias_bomb()}---\n{GOOD}", encoding="utf-8")
    bad["inbox/j-bomb\\x1b]0;pwned\\x07.md"] = "front matter has over 16 YAML aliases (the aliases limit)"
    (d / "k-deep.md").write_text(f"---\ntags: {'[' * 30000}{']' * 30000}\n---\n{GOOD}", encoding="utf-8")
    bad["inbox/k-deep.md"] = "front matter nested deeper than 256 levels (the depth limit)"
    (d / "l-loop.pdf").write_bytes(looping_pdf())
    bad["inbox/l-loop.pdf"] = "not read within 10 s (the seconds limit); stopped"
    (d / "m-inflate.pdf").write_bytes(inflating_pdf(64))
    bad["inbox/m-inflate.pdf"] = "its streams inflate to over 8 MB (the decompressed limit)"
    laughs = "".join(f"<!ENTITY l{i} \"{('&l%d;' % (i - 1)) * 10 if i else 'ha'}\">" for i in range(9))
    (d / "n-laughs.xml").write_bytes(_feed(_item("laughs", "<category>&l8;</category>"),
                                           prolog=f"<!DOCTYPE rss [{laughs}]>"))
    bad["inbox/n-laughs.xml"] = "not a readable RSS/Atom feed (a DOCTYPE with an internal subset"
    (d / "o-deep.html").write_text(f"<html><body>{'<div>' * 400}<p>{RADARS}</p>{'</div>' * 400}</body></html>",
                                   encoding="utf-8")
    bad["inbox/o-deep.html"] = "HTML nested 255 or more levels deep (the depth limit)"
    lists = root / "lists"
    lists.mkdir()
    for i in range(500):
        (lists / f"l{i}.list").write_text(f"l{i + 1}.list\n", encoding="utf-8")
    (lists / "l500.list").write_text("../inbox/a-good.md\n", encoding="utf-8")
    bad["lists/l32.list"] = "list files nested over 32 deep (the lists limit)"
    return ["inbox", "lists/l0.list"], bad, good


def named_files(root: Path) -> list[str]:
    """The batch's files named one by one (``extract`` searches folders for text files only)."""
    return [str(p.relative_to(root)) for p in sorted((root / "inbox").iterdir())] + ["lists/l0.list"]


def _check_lines(proc, bad: dict[str, str]) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert not any(ord(c) < 0x20 and c != "\n" for c in proc.stderr), repr(proc.stderr)     # no raw control
    lines = err_lines(proc)
    assert len(lines) == len(bad), proc.stderr
    for name, problem in bad.items():
        assert sum(line.startswith(f"armsflow: {name}: {problem}") for line in lines) == 1, (name, proc.stderr)


def test_ingest_of_a_hostile_batch_stores_every_good_file(tmp_path, store_url):
    from armsflow.store import open_store
    from armsflow.store.schema import DocumentRow, Publisher

    args, bad, good = hostile_batch(tmp_path)
    cmd = [*armsflow_cmd(), "ingest", *args, "--db", store_url, "--quiet", "--no-semantic",
           "--limit", "seconds=10", "--limit", "decompressed=8"]
    proc = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL,
                          env=ENV)
    assert proc.returncode == 1, proc.stderr
    _check_lines(proc, bad)
    store = open_store(store_url)
    try:
        with store.session() as s:
            rows = s.query(DocumentRow).all()
            publishers = {p.id: p.name for p in s.query(Publisher).all()}
        known = {r.title for r in rows} | {r.doc_key for r in rows}
        assert good <= known, (good - known, known)
        assert len(rows) == len(good)
        assert all("\x00" not in r.text for r in rows)
        assert max(len(name) for name in publishers.values()) <= 300
        assert any(name.startswith("Harbour Gazette Harbour") for name in publishers.values())
        assert any(r.path and r.path.endswith("h-caf\\xe9.md") for r in rows)
    finally:
        store.engine.dispose()
    again = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL,
                           env=ENV)
    assert again.returncode == 1 and err_lines(again) == err_lines(proc)
    assert "0 new" in again.stdout and f"{len(good)} already stored" in again.stdout, again.stdout


def test_extract_reads_html_pdf_and_feeds_and_reports_hostile_files(tmp_path):
    _, bad, _ = hostile_batch(tmp_path)
    proc = run(*named_files(tmp_path), "--limit", "seconds=10", "--limit", "decompressed=8", cwd=tmp_path)
    assert proc.returncode == 1
    _check_lines(proc, bad)
    claims = claims_of(proc)
    pairs = {(c["supplier"], c["recipient"]) for c in claims}
    # the page, the PDF and the feed entries were parsed, not read as markup
    assert {("RUS", "SRB"), ("FRA", "CHL"), ("KOR", "PER")} <= pairs, pairs
    assert not any("<" in c["evidence"] for c in claims)


def test_limit_option_is_checked(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    for bad in ("pages", "pages=lots", "colour=red", "seconds=0"):
        proc = run("good.txt", "--limit", bad, cwd=tmp_path)
        assert proc.returncode == 2
        (line,) = err_lines(proc)
        assert line.startswith("armsflow: --limit ") and bad.split("=")[0] in line
