"""Checks every printable pack of a built site as a trainer would receive it.

For each pack: the PDF exists (normal and large print), its page count is in the range its items
allow, its text holds every item's title, and the page numbers on its contents page are the pages
where the items really start. Needs poppler-utils (pdftotext, pdfinfo); under CI=true a missing tool
is a failure, elsewhere a visible skip.
"""
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def items_of(pack_html: Path):
    """(title, kind) of every item, in order, as the pack document declares them."""
    source = pack_html.read_text(encoding="utf-8")
    found = re.findall(r'<section class="pack-item[^"]*" id="pack-item-\d+" data-item-title="([^"]*)">\s*<p class="page-kind">([^<]*)</p>', source)
    return [(html.unescape(title), html.unescape(kind)) for title, kind in found]


def contents_numbers(pdf: Path, count: int):
    """Page numbers printed after the dotted leaders of the contents (which may wrap, or run over pages)."""
    text = " ".join(page_text(pdf, page) for page in range(2, min(4, pdf_pages(pdf)) + 1))
    text = text[text.find("Contents"):]
    numbers = [int(n) for n in re.findall(r"\.(?:\s*\.)*\s+(\d+)\b(?!\.)", text)]
    return numbers[:count]


def check_pack(pdf: Path, pack_html: Path, large: bool):
    problems = []
    items = items_of(pack_html)
    if not items:
        return [f"{pack_html.name}: no items found in the pack document"]
    pages = pdf_pages(pdf)
    low, high = 2 + len(items), 2 + 12 * len(items) * (3 if large else 1)
    if not low <= pages <= high:
        problems.append(f"{pdf.name}: {pages} pages, expected {low} to {high} for {len(items)} items")
    full = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = normalise(full)
    for title, _ in items:
        if normalise(title) not in flat:
            problems.append(f"{pdf.name}: the title '{title}' is not in the PDF's text")
    numbers = contents_numbers(pdf, len(items))
    if len(numbers) != len(items):
        problems.append(f"{pdf.name}: the contents page lists {len(numbers)} page numbers for {len(items)} items")
        return problems
    if numbers != sorted(numbers):
        problems.append(f"{pdf.name}: contents page numbers are not in order: {numbers}")
    for (title, kind), number in zip(items, numbers):
        if not 1 <= number <= pages:
            problems.append(f"{pdf.name}: '{title}' is listed on page {number}, past the last page {pages}")
            continue
        top = normalise(" ".join(page_text(pdf, number).splitlines()[:12]))
        if normalise(kind) not in top or normalise(title)[:40] not in top:
            problems.append(f"{pdf.name}: the contents say '{title}' starts on page {number}, but that page starts: {top[:120]!r}")
    return problems


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    if not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
        message = "poppler-utils (pdftotext, pdfinfo) is not installed"
        if os.environ.get("CI") == "true":
            print(f"FAIL: {message}")
            return 1
        print(f"SKIP: {message}; pack PDFs were not checked")
        return 0
    packs = sorted(p for p in (site / "packs").glob("*.html") if p.name != "index.html")
    if not packs:
        print("FAIL: no packs in the site")
        return 1
    passed = failed = 0
    for pack_html in packs:
        pdf = pack_html.with_suffix(".pdf")
        if not pdf.exists():
            problems = [f"{pdf.name} is missing"]
        else:
            problems = check_pack(pdf, pack_html, large=pack_html.stem.endswith("-large-print"))
        if problems:
            failed += 1
            for problem in problems:
                print(f"FAIL {problem}")
        else:
            passed += 1
            print(f"ok   {pdf.name}: {pdf_pages(pdf)} pages")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
