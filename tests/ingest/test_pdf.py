"""PDF -> Document (armsflow.ingest.pdf). The PDFs are drawn by pdfmaker.py from sentences written here."""
from __future__ import annotations

import datetime as dt

import pytest
from pdfmaker import column, make_pdf, wrap

from armsflow.ingest.pdf import pdf_date, read_pdf_bytes, read_pdf_document
from armsflow.ingest.text import IngestError

INFO = {"Title": "Swedish surveillance aircraft for Ukraine", "Author": "Baltic Security Monitor",
        "CreationDate": "D:20240529093000+02'00'"}
LINES = [
    "Sweden will deliver two ASC 890 airborne early",
    "warning aircraft to Ukraine, the govern-",
    "ment in Stockholm said on Tuesday. The Russian-",
    "made radars it replaces date from the 1980s, and the self-",
    "propelled guns sent earlier are not part of it. Two MiG-",
    "29 jets were mentioned as well.",
    "",
    "The package also includes spare parts and training for crews.",
]


def first_page():
    return column(["Sweden sends surveillance aircraft"], size=18, top=740) + column(LINES, top=700)


def read(data: bytes):
    return read_pdf_bytes(data, "report", "report.pdf")


def problem(data: bytes) -> str:
    with pytest.raises(IngestError) as info:
        read(data)
    return info.value.problem


def test_lines_are_joined_into_paragraphs_and_hyphenation_undone():
    doc = read(make_pdf([first_page()], info=INFO))
    assert doc.text.split("\n") == [
        "Sweden sends surveillance aircraft",
        "Sweden will deliver two ASC 890 airborne early warning aircraft to Ukraine, the government in Stockholm "
        "said on Tuesday. The Russian-made radars it replaces date from the 1980s, and the self-propelled guns sent "
        "earlier are not part of it. Two MiG-29 jets were mentioned as well.",
        "The package also includes spare parts and training for crews.",
    ]


def test_metadata_from_the_document_information():
    doc = read(make_pdf([first_page()], info=INFO, lang="en-GB"))
    assert doc.title == "Swedish surveillance aircraft for Ukraine"
    assert doc.publisher == "Baltic Security Monitor"
    assert doc.published == dt.date(2024, 5, 29)
    assert (doc.language, doc.kind, doc.body_offset, doc.url) == ("en", "pdf", 0, None)


def test_a_file_name_is_not_a_title():
    doc = read(make_pdf([first_page()], info={"Title": "Microsoft Word - draft3.docx"}))
    assert (doc.title, doc.publisher, doc.published) == (None, None, None)


def test_two_columns_are_read_one_after_the_other():
    left = wrap(["Poland has ordered 96 AH-64E attack helicopters from the United States, its defence "
                 "ministry announced, in a deal that includes training and spare parts.",
                 "Deliveries will start in 2028."], 40)
    right = wrap(["Separately, Romania received its first batch of F-16 fighter jets from Norway, completing a "
                  "purchase agreed in 2022.", "More jets are expected next year."], 40)
    runs = []
    for i in range(max(len(left), len(right))):          # drawn row by row, the worst case for stream order
        if i < len(left) and left[i]:
            runs.append((72, 700 - 14 * i, left[i], 10))
        if i < len(right) and right[i]:
            runs.append((320, 700 - 14 * i, right[i], 10))
    assert read(make_pdf([runs])).text.split("\n") == [
        "Poland has ordered 96 AH-64E attack helicopters from the United States, its defence ministry "
        "announced, in a deal that includes training and spare parts.",
        "Deliveries will start in 2028.",
        "Separately, Romania received its first batch of F-16 fighter jets from Norway, completing a purchase "
        "agreed in 2022.",
        "More jets are expected next year.",
    ]


def test_page_numbers_and_running_headers_go_and_split_paragraphs_are_joined():
    header = [(72, 760, "Baltic Security Monitor - Quarterly Review", 8)]
    pages = []
    texts = [["The first page holds an opening paragraph that ends properly."],
             ["A paragraph starts on this page and runs on past the bottom of the", "page where it is cut"],
             ["in the middle and goes on at the top of the next page.", "", "A last short paragraph ends it."]]
    for n, lines in enumerate(texts, 1):
        pages.append(header + column(lines, top=700) + [(300, 40, str(n), 9)])
    assert read(make_pdf(pages)).text.split("\n") == [
        "The first page holds an opening paragraph that ends properly.",
        "A paragraph starts on this page and runs on past the bottom of the page where it is cut in the middle and "
        "goes on at the top of the next page.",
        "A last short paragraph ends it.",
    ]


def test_encrypted_pdf():
    assert problem(make_pdf([first_page()], user_password="secret")) == "encrypted PDF: a password is needed to open it"
    # restrictions only (an empty user password) is readable, metadata included
    doc = read(make_pdf([first_page()], info=INFO, user_password=""))
    assert doc.text.startswith("Sweden sends surveillance aircraft\nSweden will deliver two ASC 890")
    assert doc.title == INFO["Title"]


def test_image_only_empty_and_damaged_pdfs():
    assert problem(make_pdf([], image_pages=2)) == "no text layer: the PDF holds only images (a scan?); OCR it first"
    assert problem(make_pdf([[]])) == "no text found in the PDF"
    assert problem(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\n").startswith("not a readable PDF (")
    assert problem(make_pdf([first_page()])[:400]).startswith("not a readable PDF (")
    assert problem(b"").startswith("not a readable PDF (")


def test_read_pdf_document_names_the_file(tmp_path):
    p = tmp_path / "aew-2024.pdf"
    p.write_bytes(make_pdf([first_page()], info=INFO))
    doc = read_pdf_document(p)
    assert (doc.id, doc.path) == ("aew-2024", str(p))
    with pytest.raises(IngestError) as info:
        read_pdf_document(tmp_path / "scan.pdf")
    assert info.value.problem == "no such file or directory"


@pytest.mark.parametrize("value, expected", [
    ("D:20240529093000+02'00'", dt.date(2024, 5, 29)),
    ("D:20231231", dt.date(2023, 12, 31)),
    ("20230102120000Z", dt.date(2023, 1, 2)),
    ("D:2024", None),                  # a year alone is not a day
    ("D:20241399", None),
    ("D:19700101000000Z", None),       # a zeroed clock, not a date
    ("yesterday", None),
    (None, None),
])
def test_pdf_dates(value, expected):
    assert pdf_date(value) == expected
