"""Plain text and Markdown with YAML front matter (title, publisher, url, published) → Document.

Everything that can go wrong with an input file is turned into an :class:`IngestError` whose message is one line
naming the file and the problem, so the command line can report it and go on with the other files:

- the path is missing, a broken symbolic link, goes through a file as if it were a folder, is a folder, a named
  pipe, a socket or a device, or cannot be opened;
- the file is over the size limit (checked before reading, and again while reading in case it grows);
- the file is empty or holds only whitespace / only front matter;
- the file is binary: a known signature (PDF, PNG, ZIP/Office, ELF, ...), NUL bytes, control characters, or bytes
  that make sense in no text encoding.

Text in another encoding is real input, not an error: UTF-8 (with or without a BOM) and UTF-16/32 with a BOM are
read directly; anything else goes to charset-normalizer, restricted to the common legacy encodings of news text,
and its candidates are re-ranked by a check for mojibake (a word mixing scripts, a Cyrillic word read as a run of
accented Latin letters, a case flip inside a word, a symbol inside a word). Short files have too little text for
charset-normalizer's statistics alone ("Türkiye" in Windows-1252 alone comes back as cp1006), which is why the
re-ranking and a fixed order of preference (Windows-1252 first, then Windows-1251, ...) decide. A Central
European text in Windows-1250 is told from Windows-1252 only by its Polish letters (ł ą read as ³ ¹) or by bytes
Windows-1252 lacks; a Czech text without them may come out with ø for ř.
"""
from __future__ import annotations

import codecs
import datetime as dt
import errno
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from armsflow.model import Document

MAX_MB = 20
MAX_BYTES = MAX_MB * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


# What must not reach a terminal raw: C0/C1 controls and DEL (an escape sequence retitles the window or forges a
# line), line and paragraph separators, the bidirectional overrides that reorder what is shown, lone surrogates.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    if 0xDC80 <= c <= 0xDCFF:            # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{c - 0xDC00:02x}"
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def printable(text) -> str:
    """``text`` made safe to print as (part of) one line: every control character, line separator, direction
    override and undecodable file-name byte is written as a ``\\xNN``/``\\uNNNN`` escape."""
    return _UNPRINTABLE.sub(_escape, str(text))


class IngestError(Exception):
    """Bad input: the message is one printable line naming the file and the problem.

    The file name, URL and problem are escaped here (``printable``), once, so no caller can print a file name or a
    feed link that retitles the terminal or forges an ``armsflow:`` line."""

    def __init__(self, path, problem: str | None = None):
        if problem is None:              # IngestError("PATH: problem"), the one-argument form
            path, _, problem = str(path).partition(": ")
        self.path = printable(path)
        self.problem = printable(" ".join(str(problem).split())) if problem else problem
        super().__init__(f"{self.path}: {self.problem}" if self.problem else self.path)


# -- binary detection ------------------------------------------------------------------------------------------

# Leading bytes of common binary formats. Others (Windows executables, most media containers) hold NUL bytes,
# which the check after this one reports.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh91AY&SY", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
)
_RIFF = b"RIFF"
# C0 control bytes that never occur in text (tab, LF, VT, FF, CR and ESC are allowed)
_CONTROL = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B))
_KEEP_CONTROL = bytes(range(256)).translate(None, _CONTROL)


def binary_kind(data: bytes) -> str | None:
    """Why ``data`` is not text (``"a PDF document"``, ``"contains NUL bytes"``), or None if it may be text."""
    for sig, kind in _SIGNATURES:
        if data.startswith(sig):
            return kind
    if data.startswith(_RIFF) and data[8:12] in (b"WAVE", b"AVI ", b"WEBP"):
        return "a RIFF media file"
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):   # UTF-16/32 BOM: NULs expected
        return None
    if b"\x00" in data:
        return "contains NUL bytes"
    sample = data[:65536]
    controls = len(sample.translate(None, _KEEP_CONTROL))     # what is left once the rest is deleted
    if controls > max(2, len(sample) // 100):
        return "contains control characters"
    return None


# -- decoding ---------------------------------------------------------------------------------------------------

# Legacy encodings tried, in order of preference when the text itself cannot tell them apart.
ENCODINGS = (
    "cp1252", "cp1251", "cp1250", "koi8_r", "cp1253", "cp1254", "cp1257", "cp1256", "cp1255", "iso8859_15",
    "iso8859_2", "iso8859_5", "cp866", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr", "latin_1",
)
# Left out on purpose: the Mac encodings, which turn the curly quotes of a Windows-1252 text into plausible
# accented letters ("Russiaís"), and are next to never met in news text now.
_CJK = ("gb18030", "big5", "shift_jis", "euc_jp", "euc_kr")
# the CJK encodings share one place: between them charset-normalizer's language statistics decide
_PREFERENCE = {name: (ENCODINGS.index(_CJK[0]) if name in _CJK else i) for i, name in enumerate(ENCODINGS)}
_DETECT_BYTES = 1 << 20          # charset-normalizer sees at most the first MB; the whole file is decoded after
_SCORE_CHARS = 100_000           # the mojibake check reads at most this much decoded text per candidate
_ODD_LIMIT = 0.25                # more odd characters than this share of the non-ASCII ones: not text
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# a run of non-spaces holding a non-ASCII character (or a non-ASCII space, with the run after it). Tried only
# where a run starts or at a non-ASCII space: from inside a run, a match would end where the one from the run's
# start ends, and that one failed; tried at every character, a line of 10^6 ASCII non-spaces (a base64 blob) took
# n^2 steps
_TOKEN = re.compile(r"(?:(?<!\S)|(?=[^\S\x00-\x7f]))\S*[^\x00-\x7f]\S*")
_WORD_JOINERS = "'\u2019\u2010\u2011\u00ad\u00b7-"


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    head = name.split(" ", 1)[0]
    if head in ("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH", "IDEOGRAPHIC"):
        return "CJK"
    return head


_RARE = frozenset("\u00fe\u00de\u00f0\u00d0\u00fd\u00dd")   # þ Þ ð Ð ý Ý: Turkish ş Ş ğ Ğ ı İ read as cp1252


def oddity(text: str) -> tuple[int, int, int]:
    """(odd characters, rare letters, non-ASCII characters) in ``text``: a cheap measure of mojibake.

    Odd: control, private-use or unassigned characters and lone modifier symbols (ˆ ¸ ¨); a symbol, a digit or
    a stray punctuation mark between two letters ("T№rkiye", "kupi³a"), or a symbol stuck to a word; the
    non-ASCII letters of a word that mixes scripts ("Tьrkiye"), of a word of four or more letters that are all
    accented Latin ("Ðîññèÿ", Cyrillic read as Windows-1252), of a word that starts in lower case and goes on in
    upper case ("пНЯЯХЪ", Windows-1251 read as KOI8-R), or of a word with more diacritic marks than letters; and
    the surplus of upper-case over lower-case non-ASCII letters (KOI8-R and Windows-1251 swap the cases).
    Rare: letters that are real but seldom seen outside Icelandic, where a Turkish text read as Windows-1252
    puts them; they only break ties.
    """
    odd = rare = non_ascii = upper = lower = 0
    for m in _TOKEN.finditer(text):
        token = m.group()
        word: list[str] = []
        prev = ""
        for i, ch in enumerate(token):
            if ch.isascii():
                if ch.isalpha():
                    word.append(ch)
                else:
                    odd += _word_oddity(word)
                    word = []
                prev = ch
                continue
            non_ascii += 1
            cat = unicodedata.category(ch)
            if cat == "Lm" and ord(ch) < 0x2000 and ch not in "\u02bb\u02bc":
                odd += 1                      # ˆ ˜: Windows-1252's reading of € and similar in other code pages
                odd += _word_oddity(word)
                word = []
            elif cat[0] == "L" or cat in ("Mn", "Mc"):
                word.append(ch)
                if cat == "Lu":
                    upper += 1
                elif cat == "Ll":
                    lower += 1
                if ch in _RARE:
                    rare += 1
            else:
                if cat in ("Cc", "Co", "Cn", "Cs", "Sk"):     # Sk: a lone ˆ ¸ ¨, never typed on purpose
                    odd += 1
                elif ch not in _WORD_JOINERS and ord(ch) < 0x3000 and (cat[0] in "SN" or cat == "Po") and (
                        (prev.isalpha() and i + 1 < len(token) and token[i + 1].isalpha())
                        or (cat[0] == "S" and cat != "Sc" and (prev.isalpha() or token[i + 1:i + 2].isalpha()))):
                    odd += 1
                odd += _word_oddity(word)
                word = []
            prev = ch
        odd += _word_oddity(word)
    odd += max(0, upper - 2 * lower - 3)
    return odd, rare, non_ascii


def _word_oddity(word: list[str]) -> int:
    extra = [c for c in word if not c.isascii()]
    if not extra:
        return 0
    letters = [c for c in word if c.isalpha()]
    if len(letters) * 2 < len(word) * 2 - len(letters):       # marks outnumber letters
        return len(extra)
    scripts = {_script(c) for c in letters}
    if len(scripts) > 1:
        return len(extra)
    if scripts == {"LATIN"} and len(extra) == len(word) and (
            len(letters) >= 4 or (len(letters) == 3 and sum(c.isupper() for c in letters) >= 2)):
        return len(extra)
    if letters and letters[0].islower() and any(c.isupper() and not c.isascii() for c in letters[1:]):
        return len(extra)
    return 0


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a cut-off character, one stray Latin-1 byte) is still UTF-8."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad - data.count(b"\xef\xbf\xbd")
    if good >= 3 and bad * 4 <= good:
        return text
    return None


def detect(data: bytes) -> tuple[str, str] | None:
    """Decode text bytes: ``(text, encoding)``, or None when no encoding gives plausible text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc + "-sig"
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is not None:
        return text, "utf-8 (with invalid bytes replaced)"

    from charset_normalizer import from_bytes

    head = data[:_DETECT_BYTES]
    candidates: dict[str, int] = {}          # encoding -> rank given by charset-normalizer
    for rank, match in enumerate(from_bytes(head, cp_isolation=list(ENCODINGS))):
        for enc in [match.encoding, *match.could_be_from_charset]:
            if enc in _PREFERENCE:
                candidates.setdefault(enc, rank)
    # charset-normalizer drops an encoding it finds implausible; on a short text it may drop the right one, so
    # the fixed list is always scored too (a single-byte decode of a prefix costs next to nothing)
    for enc in ENCODINGS:
        candidates.setdefault(enc, len(candidates) + 100)
    scored = []
    for enc, rank in candidates.items():
        try:
            # incremental: a multi-byte character cut at the end of the sample is not an error
            sample = codecs.getincrementaldecoder(enc)("strict").decode(head[:_SCORE_CHARS],
                                                                        final=len(data) <= _SCORE_CHARS)
        except UnicodeDecodeError:
            continue
        odd, rare, non_ascii = oddity(sample)
        # charset-normalizer's own order comes after the fixed one: on text in Latin script its statistics
        # barely tell Windows-1250, -1252 and -1257 apart (a French page came out as Baltic)
        scored.append((odd, rare, _PREFERENCE[enc], rank, enc, non_ascii))
    if not scored:
        return None
    scored.sort()
    odd, _, _, _, enc, non_ascii = scored[0]
    if non_ascii and odd > _ODD_LIMIT * non_ascii:
        return None
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError:                # a bad byte after the detection window
        return data.decode(enc, "replace"), enc + " (with invalid bytes replaced)"


def decode(data: bytes, path) -> str:
    """UTF-8 first; anything else (Latin-1, Windows-1252/1251, ...) is detected, not rejected."""
    found = detect(data)
    if found is None:
        raise IngestError(path, "binary or undecodable: not text in any known encoding")
    return found[0]


# -- front matter -----------------------------------------------------------------------------------------------

FRONT_MATTER_MAX = 64 * 1024     # a longer "front matter" is a document that opens with a Markdown rule: text
_FRONT = re.compile(r"\A---[ \t]*\r?\n(?:(.*?)\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)     # may be empty
_WORD_CHAR = re.compile(r"[^\W_]")
_DATE_CHARS = 64                 # "20 January 2023 (updated 21 January)" fits; longer is no date, and dateparser slows


def _date(value) -> dt.date | None:
    """A front-matter date: ISO first; "20 January 2023", "Jan. 20, 2023" and the like through dateparser."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip() and len(value) <= _DATE_CHARS:
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
        import dateparser   # slow to import; only loaded for the rare non-ISO date

        try:
            parsed = dateparser.parse(value, languages=["en"], settings={"PREFER_DATES_FROM": "past",
                                                                         "REQUIRE_PARTS": ["year", "month", "day"]})
        except (ValueError, OverflowError, TypeError):
            return None
        return parsed.date() if parsed else None
    return None


def _str(value) -> str | None:
    """A scalar as text; a list or mapping is no title (and, built from YAML aliases, may print as gigabytes)."""
    if value is None or isinstance(value, (list, dict, set, tuple)):
        return None
    return str(value)


# libyaml's safe loader when PyYAML has it: the same result, about 8 times faster on front matter
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken, yaml.BlockSequenceStartToken,
         yaml.BlockMappingStartToken)
_CLOSE = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)


def check_yaml(source: str, where, limits) -> bool:
    """Front matter within the budgets: True; False when it is no YAML (then it is ignored, as before); an
    IngestError when it nests deeper than ``limits.depth`` or holds more than ``limits.aliases`` aliases.

    Checked on libyaml's token stream before anything is built, and stopped at the first excess: libyaml's parser
    recurses in C (100,000 nested brackets crash the process) and its scanner slows with each level of nesting."""
    depth = aliases = 0
    try:
        for token in yaml.scan(source, Loader=_YAML_LOADER):
            if isinstance(token, _OPEN):
                depth += 1
                if depth > limits.depth:
                    raise IngestError(where, f"front matter nested deeper than {limits.depth} levels "
                                             f"(the depth limit)")
            elif isinstance(token, _CLOSE):
                depth -= 1
            elif isinstance(token, yaml.AliasToken):
                aliases += 1
                if aliases > limits.aliases:
                    raise IngestError(where, f"front matter has over {limits.aliases} YAML aliases (the aliases "
                                             f"limit)")
    except yaml.YAMLError:
        return False
    return True


def parse_text(content: str, doc_id: str, path: str | None = None, limits=None, where=None) -> Document:
    """Text (front matter, then the body) -> Document; IngestError (naming ``where``) when the front matter is over
    a budget (``limits``: limits.Limits). Front matter that is no YAML mapping is left out and ignored."""
    from armsflow.ingest.limits import DEFAULT

    limits = limits or DEFAULT
    meta: dict = {}
    offset = 0
    head = content[:FRONT_MATTER_MAX + 8]
    m = _FRONT.match(head)
    if m and (m.end() < len(head) or len(content) <= len(head)):
        yaml_text = m.group(1) or ""
        if check_yaml(yaml_text, where or path or doc_id, limits):
            try:
                loaded = yaml.load(yaml_text, Loader=_YAML_LOADER)
                meta = loaded if isinstance(loaded, dict) else {}
            except (yaml.YAMLError, ValueError, OverflowError, RecursionError):   # a 5,000-digit number: no int
                meta = {}
        offset = m.end()
    return Document(id=doc_id, text=content[offset:], title=_str(meta.get("title")),
                    publisher=_str(meta.get("publisher")), url=_str(meta.get("url")) or None,
                    published=_date(meta.get("published")), path=path, body_offset=offset)


# -- reading ----------------------------------------------------------------------------------------------------

def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _mb(n: float) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n:.0f} bytes"


def _limit(max_bytes: int) -> str:
    if max_bytes >= 2**20:
        return f"{round(max_bytes / 2**20, 3):g} MB"
    if max_bytes >= 1024:
        return f"{round(max_bytes / 1024, 1):g} KB"
    return f"{max_bytes} byte" + ("" if max_bytes == 1 else "s")


def _not_a_dir(path: Path) -> str:
    for parent in reversed(path.parents):
        if parent != Path(".") and parent.exists() and not parent.is_dir():
            return f"not a directory: {parent} is a file"
    return "not a directory: a part of the path is a file"


def _stat(path: Path) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise IngestError(path, f"broken symbolic link (target {os.readlink(path)} does not exist)") from None
        raise IngestError(path, "no such file or directory") from None
    except NotADirectoryError:
        raise IngestError(path, _not_a_dir(path)) from None
    except PermissionError:
        raise IngestError(path, "permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError(path, "symbolic link loop") from None
        if exc.errno == errno.ENAMETOOLONG:
            raise IngestError(path, "file name too long") from None
        raise IngestError(path, f"cannot read ({exc.strerror or exc})") from None


def read_bytes(path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; IngestError for anything else."""
    path = Path(path)
    st = _stat(path)
    if stat.S_ISDIR(st.st_mode):
        raise IngestError(path, "is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise IngestError(path, f"not a regular file: it is {_file_kind(st.st_mode)}")
    if st.st_size > max_bytes:
        raise IngestError(path, f"file too large: {_mb(st.st_size)}, over the {_limit(max_bytes)} limit "
                                f"(raise it with --max-size)")
    try:
        # O_NONBLOCK: should the path have been swapped for a FIFO since the stat, opening it does not hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        raise IngestError(path, "permission denied") from None
    except OSError as exc:
        raise IngestError(path, f"cannot open ({exc.strerror or exc})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IngestError(path, f"not a regular file: it is {_file_kind(os.fstat(fd).st_mode)}")
        chunks = []
        size = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise IngestError(path, f"file too large: over the {_limit(max_bytes)} limit "
                                        f"(raise it with --max-size)")
            chunks.append(chunk)
    except OSError as exc:
        raise IngestError(path, f"cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _printable(name: str) -> str:
    """A file name whose bytes are not UTF-8 (``caf\\udce9``) made safe for JSON output (``caf\ufffd``)."""
    return os.fsencode(name).decode("utf-8", "replace")


def read_text_document(path, max_bytes: int = MAX_BYTES, limits=None) -> Document:
    """Read one text/Markdown file; raise IngestError with a one-line reason when it is not usable text."""
    path = Path(path)
    return text_document(read_bytes(path, max_bytes), path, _printable(path.stem), str(path), limits)


def text_document(data: bytes, where, doc_id: str, path: str | None = None, limits=None) -> Document:
    """Text/Markdown bytes already read (from a file or a fetched URL named by ``where``) -> Document."""
    if not data.strip():
        raise IngestError(where, "file is empty" if not data else "file is empty (only whitespace)")
    kind = binary_kind(data)
    if kind is not None:
        raise IngestError(where, f"binary file, not text: {kind}")
    found = detect(data)
    if found is None:
        raise IngestError(where, "binary or undecodable: not text in any known encoding")
    text = found[0]
    if not text.strip():                      # a UTF-16 file of spaces, a lone BOM
        raise IngestError(where, "file is empty (only whitespace)")
    doc = parse_text(text, doc_id, path, limits, where)
    if not doc.text.strip():
        raise IngestError(where, "no text after the front matter")
    if not has_words(doc.text):
        raise IngestError(where, "no words in it (only punctuation and symbols)")
    return doc


def has_words(text: str) -> bool:
    """Whether ``text`` holds a letter or a digit: a file of full stops or rules is no article, whatever its size."""
    return _WORD_CHAR.search(text) is not None


# -- folders ----------------------------------------------------------------------------------------------------

def _hidden(name: str) -> bool:
    return name.startswith(".")


def walk_folder(folder: Path, suffixes=TEXT_SUFFIXES) -> tuple[list[Path], list[IngestError]]:
    """Files with one of ``suffixes`` under ``folder`` (recursively, hidden files and folders skipped), sorted;
    and listing errors."""
    found: list[tuple[tuple[str, ...], Path]] = []
    errors: list[IngestError] = []

    def onerror(exc: OSError) -> None:
        where = exc.filename or folder
        reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        errors.append(IngestError(where, f"cannot list folder ({reason})"))

    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in files:
            if _hidden(name) or Path(name).suffix.lower() not in suffixes:
                continue
            p = Path(root) / name
            found.append((p.relative_to(folder).parts, p))
    found.sort(key=lambda item: item[0])
    return [p for _, p in found], errors


def expand_paths(paths: Iterable, suffixes=TEXT_SUFFIXES, seen: set | None = None) -> Iterator[Path | IngestError]:
    """Files to read, in order: a named file whatever its suffix, and the files with one of ``suffixes`` (text
    files by default) found under named folders.

    Paths that are neither files nor folders are passed on as they are: reading them gives the precise error.
    A folder with no such file in it is an IngestError. A file reached twice is read once (``seen`` may be shared
    between calls, so that holds across them too).
    """
    seen = set() if seen is None else seen

    def first_time(p: Path) -> bool:
        try:
            st = os.stat(p)
            key = (st.st_dev, st.st_ino)
        except OSError:
            key = os.path.abspath(p)
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        p = Path(raw)
        if "\0" in os.fspath(p):              # only a list file can name one; no system call takes it
            yield IngestError(p, "not a path: it contains a NUL character")
            continue
        try:
            is_dir = stat.S_ISDIR(os.stat(p).st_mode)
        except OSError:
            is_dir = False                   # missing, unreadable, ...: the reader says what exactly
        if is_dir:
            files, errors = walk_folder(p, suffixes)
            yield from errors
            if not files and not errors:
                what = "text files" if set(suffixes) == TEXT_SUFFIXES else "input files"
                yield IngestError(p, f"no {what} ({', '.join(sorted(suffixes))}) in this folder")
            for f in files:
                if first_time(f):
                    yield f
        elif first_time(p):
            yield p
