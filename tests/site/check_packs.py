"""Checks every printable pack of a built site as a trainer would receive it.

For each pack: the PDF exists (normal and large print), its page count is in the range its items
allow, its text holds every item's title, and the page numbers on its contents page are the pages
where the items really start. Then, as paper: every ruled writing line, fill-in blank and answer line
in the pack's HTML is a separate rule on the page (none collapsed to zero height); no text is smaller
than 16 pt in large print or 7.5 pt in normal print; no page but the cover is less than 15% full; no
link points at a file: address or the build folder; the PDF is tagged, with a title, a language and
bookmarks; a consent form fits on one sheet (two sides) in normal print, an Easy Read one on two; an
answer key starts a page of its own; every card to cut out has dashed cut lines and sits whole on one
page. Every photocopy master (packs/masters/) gets the same paper checks, and must number its own pages
"Page N of M", carry its title and the group's name (or a line for it), and leave answer keys out. Needs poppler-utils
(pdftotext, pdfinfo), pdfplumber and pypdf; under CI=true a missing tool is a failure, elsewhere a
visible skip.
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
    found = re.findall(r'<section class="pack-item[^"]*" id="pack-item-\d+" data-item-title="([^"]*)">\s*(?:<p class="master-group">[^\n]*\s*)?<p class="page-kind">([^<]*)</p>', source)
    return [(html.unescape(title), html.unescape(kind)) for title, kind in found]


def contents_numbers(pdf: Path, count: int):
    """Page numbers printed after the dotted leaders of the contents (which may wrap, or run over pages)."""
    text = " ".join(page_text(pdf, page) for page in range(2, min(4, pdf_pages(pdf)) + 1))
    text = text[text.find("Contents"):]
    numbers = [int(n) for n in re.findall(r"\.(?:\s*\.)*\s+(\d+)\b(?!\.)", text)]
    return numbers[:count]


MIN_SIZE = {True: 15.95, False: 7.5}
FULLNESS = 0.15


def rules_expected(source: str) -> int:
    """Lines someone writes on: ruled writing space, fill-in blanks, survey answer lines."""
    return len(re.findall(r'class="(?:writing-line|fill-in|survey-paper-line|group-blank)"', source))


def check_paper(pdf: Path, pack_html: Path, large: bool, starts):
    import pdfplumber
    import pypdf
    problems = []
    source = pack_html.read_text(encoding="utf-8")
    rules = 0
    small = {}
    with pdfplumber.open(str(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            if abs(page.width - 595.3) > 1 or abs(page.height - 841.9) > 1:
                if large or "paper-A5" not in source:
                    problems.append(f"{pdf.name}: page {number} is not A4 ({page.width:.0f} x {page.height:.0f} pt)")
            # A rule is a thin filled box, or (as WeasyPrint draws a bottom border) a box filled between
            # itself and a slightly shorter one at the same place.
            seen = set()
            boxes = {}
            for rect in page.rects:
                if rect["width"] <= 28:
                    continue
                if rect["height"] < 2.5:
                    seen.add((round(rect["bottom"]), round(rect["x0"])))
                boxes.setdefault((round(rect["x0"]), round(rect["x1"]), round(rect["top"])), []).append(rect["height"])
            for (x0, _, top), heights in boxes.items():
                heights.sort()
                for shorter, taller in zip(heights, heights[1:]):
                    if 0.2 < taller - shorter < 2.5:
                        seen.add((round(top + taller), x0))
            rules += len(seen)
            for char in page.chars:
                if char["text"].strip() and char["size"] < MIN_SIZE[large]:
                    small.setdefault(round(char["size"], 1), number)
            # The cover and the contents are meant to be short.
            if number == 1 or (starts and number < starts[0][2]):
                continue
            # How much of the page between the running header and footer is used, top to bottom.
            top, bottom = page.height * 0.06, page.height * 0.93
            used = [c for c in page.chars if top < c["top"] < bottom] + \
                   [r for r in page.rects if top < r["top"] < bottom]
            if not used:
                problems.append(f"{pdf.name}: page {number} is blank")
                continue
            extent = (max(u["bottom"] for u in used) - min(u["top"] for u in used)) / (bottom - top)
            if extent < FULLNESS:
                problems.append(f"{pdf.name}: page {number} is only {extent:.0%} full")
    for size, number in sorted(small.items()):
        problems.append(f"{pdf.name}: text at {size} pt (first on page {number}); {'large print needs 16 pt or more' if large else 'too small to read'}")
    expected = rules_expected(source)
    if rules < expected:
        problems.append(f"{pdf.name}: {expected} lines to write on in the pack, but only {rules} rules on its pages (some writing space has no height)")
    reader = pypdf.PdfReader(str(pdf))
    root = reader.trailer["/Root"]
    if not (root.get("/MarkInfo") or {}).get("/Marked") or "/StructTreeRoot" not in root:
        problems.append(f"{pdf.name}: not a tagged PDF")
    if not root.get("/Lang"):
        problems.append(f"{pdf.name}: no document language")
    if not (reader.metadata and reader.metadata.title):
        problems.append(f"{pdf.name}: no title")
    if "/Outlines" not in root:
        problems.append(f"{pdf.name}: no bookmarks")
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            uri = str(action.get("/URI", ""))
            if uri.startswith("file:") or ".site.staging" in uri or (uri and "://" not in uri and not uri.startswith(("mailto:", "tel:"))):
                problems.append(f"{pdf.name}: page {number} links to '{uri}'")
    if not large:
        for index, (title, kind, start) in enumerate(starts):
            if kind.lower() == "consent form":
                end = starts[index + 1][2] if index + 1 < len(starts) else len(reader.pages) + 1
                # Easy Read puts one point and a picture on each row in large type: two sheets at most.
                sheets = 2 if title.lower().startswith("easy read") else 1
                if end - start > 2 * sheets:
                    problems.append(f"{pdf.name}: the consent form '{title}' takes {end - start} pages, more than {sheets} sheet{'s' if sheets > 1 else ''}")
    return problems


def block_texts(source: str, pattern: str):
    """The plain text of every element the pattern opens, up to its closing tag, as pdftotext would read it."""
    texts = []
    for match in re.finditer(pattern, source):
        end = source.find("</div>", match.end()) if "cut-card" in pattern else source.find("</section>", match.end())
        texts.append(normalise(html.unescape(re.sub(r"<[^>]+>", " ", source[match.end():end]))))
    return texts


def check_cards_and_answers(pdf: Path, source: str, master: bool):
    """Cut lines for card sets, whole cards, and answer keys on a page of their own (none on a master)."""
    import pdfplumber
    problems = []
    cards = block_texts(source, r'<div class="cut-card" role="listitem">')
    answers = len(re.findall(r'<section class="answer-key"', source))
    if not cards and not answers:
        return problems
    with pdfplumber.open(str(pdf)) as document:
        pages = [normalise(page.extract_text() or "") for page in document.pages]
        dashed = sum(1 for page in document.pages for line in page.lines if line.get("dash") and line["dash"][0])
    if cards:
        # Each card draws its four sides as dashed lines.
        if dashed < 4 * len(cards):
            problems.append(f"{pdf.name}: {len(cards)} cards to cut out, but only {dashed} dashed cut lines")
        if not any("\u2702 cut along the dashed lines" in page for page in pages):
            problems.append(f"{pdf.name}: cards without the scissors mark and 'Cut along the dashed lines'")
        # Cards sit side by side, so a page's text interleaves them: a card is whole when one page holds
        # every word of it.
        words = [set(re.findall(r"[\w']{4,}", page)) for page in pages]
        for card in cards:
            needed = set(re.findall(r"[\w']{4,}", card))
            if not any(needed <= page for page in words):
                problems.append(f"{pdf.name}: the card '{card[:50]}' is split over two pages (or missing)")
    marker = "for the trainer: not for participants"
    printed = [number for number, page in enumerate(pages, start=1) if marker in page]
    if master:
        if answers or printed:
            problems.append(f"{pdf.name}: a photocopy master prints an answer key")
        return problems
    if len(printed) != answers:
        problems.append(f"{pdf.name}: {answers} answer keys in the pack, {len(printed)} printed")
    for number in printed:
        # The marker opens its page: nothing of the worksheet above it (the running header is skipped).
        lines = [line for line in page_text(pdf, number).splitlines() if line.strip()][1:3]
        if not any(marker in normalise(line) for line in lines):
            problems.append(f"{pdf.name}: the answer key on page {number} does not start its own page")
    return problems


def check_master(pdf: Path, master_html: Path):
    """A photocopy master: its own pages numbered "Page N of M", its title and the group, then the paper checks."""
    problems = []
    source = master_html.read_text(encoding="utf-8")
    items = items_of(master_html)
    if len(items) != 1:
        return [f"{master_html.name}: a master holds one item, not {len(items)}"]
    title, kind = items[0]
    pages = pdf_pages(pdf)
    if pages > 12:
        problems.append(f"{pdf.name}: {pages} pages, more than a handout or survey should take")
    for number in range(1, pages + 1):
        if f"page {number} of {pages}" not in normalise(page_text(pdf, number)):
            problems.append(f"{pdf.name}: page {number} does not say 'Page {number} of {pages}'")
    first = normalise(" ".join(page_text(pdf, 1).splitlines()[:14]))
    if normalise(title)[:40] not in first or normalise(kind) not in first:
        problems.append(f"{pdf.name}: the first page does not start with its kind and title: {first[:120]!r}")
    if "group:" not in first:
        problems.append(f"{pdf.name}: the first page does not name the group (or leave a line for it)")
    if "pack-cover" in source or "pack-contents" in source:
        problems.append(f"{master_html.name}: a master has a cover or contents page")
    problems += check_paper(pdf, master_html, False, [(title, kind, 1)])
    problems += check_cards_and_answers(pdf, source, master=True)
    return problems


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
    problems += check_paper(pdf, pack_html, large, [(t, k, n) for (t, k), n in zip(items, numbers)])
    problems += check_cards_and_answers(pdf, pack_html.read_text(encoding="utf-8"), master=False)
    return problems


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    missing = [] if shutil.which("pdftotext") and shutil.which("pdfinfo") else ["poppler-utils (pdftotext, pdfinfo)"]
    for module in ("pdfplumber", "pypdf"):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"{module} (pip install -r tests/requirements.txt)")
    if missing:
        message = " and ".join(missing) + " not installed"
        if os.environ.get("CI") == "true":
            print(f"FAIL: {message}")
            return 1
        print(f"SKIP: {message}; pack PDFs were not checked")
        return 0
    packs = sorted(p for p in (site / "packs").glob("*.html") if p.name != "index.html")
    if not packs:
        print("FAIL: no packs in the site")
        return 1
    masters = sorted((site / "packs" / "masters").glob("*.html"))
    if not masters:
        print("FAIL: no photocopy masters in the site")
        return 1
    passed = failed = 0
    for pack_html in packs + masters:
        pdf = pack_html.with_suffix(".pdf")
        if not pdf.exists():
            problems = [f"{pdf.name} is missing"]
        elif pack_html.parent.name == "masters":
            problems = check_master(pdf, pack_html)
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
