"""Tiny PDF writer for the tests: Helvetica text at given positions, an optional image-only page, document
information, /Lang, and the PDF standard security handler (RC4, 40-bit, revision 2) for encrypted files.

Written for these tests so that no PDF library is needed to make fixtures; every string drawn is test text.
"""
from __future__ import annotations

import hashlib
import struct
import textwrap
import zlib

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_ID = b"armsflow-test-id"          # 16 bytes


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


def column(lines: list[str], x: float = 72, top: float = 720, size: float = 11, leading: float = 14):
    """Draw ``lines`` one under the other; an empty string is a paragraph gap."""
    out, y = [], top
    for line in lines:
        if line:
            out.append((x, y, line, size))
        y -= leading if line else leading * 1.2
    return out


def wrap(paragraphs: list[str], width: int = 70) -> list[str]:
    """Paragraphs -> visual lines with an empty line between paragraphs."""
    lines: list[str] = []
    for p in paragraphs:
        lines += textwrap.wrap(p, width) + [""]
    return lines


def make_pdf(pages, info: dict | None = None, lang: str | None = None, user_password: str | None = None,
             owner_password: str = "owner", image_pages: int = 0, compress: bool = True) -> bytes:
    """``pages``: one list of (x, y, text, size) per page; ``image_pages`` pages holding only a picture follow."""
    objs: list = []          # bytes (a dictionary) or (dictionary, stream data)

    def add(obj) -> int:
        objs.append(obj)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    contents, images = [], []
    for runs in pages:
        ops = b"\n".join(b"BT /F1 %.1f Tf %.1f %.1f Td (%s) Tj ET" % (s, x, y, _escape(t)) for x, y, t, s in runs)
        contents.append(add((b"", ops)))
    for _ in range(image_pages):
        img = add((b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                   b"/BitsPerComponent 8", b"\x00\x80\xff\x40"))
        images.append((img, add((b"", b"q 300 0 0 300 72 400 cm /Im1 Do Q"))))
    pages_id = len(objs) + len(contents) + len(images) + 1
    kids = []
    for c in contents:
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R "
                        b">> >> /Contents %d 0 R >>" % (pages_id, font, c)))
    for img, c in images:
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 "
                        b"%d 0 R >> >> /Contents %d 0 R >>" % (pages_id, img, c)))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids),
                                                            len(kids))) == pages_id
    lang_entry = b" /Lang (%s)" % lang.encode() if lang else b""
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_id, lang_entry))

    key = None
    encrypt = None
    if user_password is not None:
        o = _rc4(hashlib.md5((owner_password.encode() + _PAD)[:32]).digest()[:5],
                 (user_password.encode() + _PAD)[:32])
        p = struct.pack("<i", -4)
        key = hashlib.md5((user_password.encode() + _PAD)[:32] + o + p + _ID).digest()[:5]
        u = _rc4(key, _PAD)
        encrypt = (o, u)

    def obj_key(num: int) -> bytes:
        return hashlib.md5(key + num.to_bytes(3, "little") + b"\x00\x00").digest()[:10]

    info_id = None
    if info:
        info_id = len(objs) + 1
        parts = []
        for k, v in info.items():
            raw = v.encode("latin-1")
            if key:
                raw = _rc4(obj_key(info_id), raw)
            parts.append(b"/%s <%s>" % (k.encode(), raw.hex().encode()))
        add(b"<< " + b" ".join(parts) + b" >>")
    encrypt_id = None
    if encrypt:
        encrypt_id = add(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>"
                         % (encrypt[0].hex().encode(), encrypt[1].hex().encode()))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, obj in enumerate(objs, 1):
        offsets.append(len(out))
        if isinstance(obj, tuple):
            extra, data = obj
            filt = b""
            if compress:
                data, filt = zlib.compress(data), b" /Filter /FlateDecode"
            if key and num != encrypt_id:
                data = _rc4(obj_key(num), data)
            obj = b"<< %s /Length %d%s >>\nstream\n%s\nendstream" % (extra, len(data), filt, data)
        out += b"%d 0 obj\n%s\nendobj\n" % (num, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"/Size %d /Root %d 0 R" % (len(objs) + 1, catalog)
    if info_id:
        trailer += b" /Info %d 0 R" % info_id
    if encrypt_id:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (encrypt_id, _ID.hex().encode(), _ID.hex().encode())
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of the given object bodies (object 1 first), an xref table and a trailer: for malformed files."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for num, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (num, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def looping_pdf() -> bytes:
    """A PDF of a couple of hundred bytes whose page tree is an object that refers to itself."""
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"2 0 R"])


def stream_pdf(content: bytes, compress: bool = True) -> bytes:
    """A one-page PDF whose content stream is ``content`` (deflated unless ``compress`` is False)."""
    data, filt = (zlib.compress(content, 9), b" /Filter /FlateDecode") if compress else (content, b"")
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
                    b"/Contents 4 0 R >>",
                    b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), filt, data),
                    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"])


def zero_bomb(megabytes: int) -> bytes:
    """A deflate stream of ``megabytes`` MB of zeros (about a thousandth of that size), made without holding it."""
    c = zlib.compressobj(9)
    chunk = b"\0" * 2**20
    return b"".join(c.compress(chunk) for _ in range(megabytes)) + c.flush()


def inflating_pdf(megabytes: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``megabytes`` MB of zeros."""
    data = zero_bomb(megabytes)
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                    b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)])
