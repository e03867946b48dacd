"""Checks the weight of every page of a built site: the HTML plus the CSS and JavaScript it links to,
raw and gzip-compressed, as a reader on an old phone or a slow connection would download it.

    python3 tests/site/check_page_weight.py SITE_DIR

Budgets (compressed): no page over 100 KB, no guide page (<body class="kind-guide">) over 30 KB; the
search index is left out here (check_search.py holds it to 2 KB per page).
Prints the median and maximum for guide pages and for all pages, the five heaviest pages, each page
over budget, then `N passed, N failed` (pages). Images and other media are not counted: the theme has
none, and printable packs' PDFs are downloads, not pages. Needs only Python.
"""
import gzip
import os
import re
import statistics
import sys
from urllib.parse import unquote, urlparse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from site_pages import html_pages, page_kind, site_dir_from_argv  # noqa: E402

KB = 1024
BUDGET_ANY = 100 * KB
BUDGET_GUIDE = 30 * KB

STYLESHEET = re.compile(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>", re.I)
SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", re.I)
HREF = re.compile(r"\bhref=\"([^\"]+)\"", re.I)


def compressed_size(data):
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def local_file(site, page, reference):
    """The file a page's relative link points to, or None for links off the site or to missing files."""
    parsed = urlparse(reference)
    if parsed.scheme or parsed.netloc or not parsed.path:
        return None
    path = os.path.normpath(os.path.join(site, os.path.dirname(page), unquote(parsed.path)))
    return path if path.startswith(site + os.sep) and os.path.isfile(path) else None


def kb(size):
    return f"{size / KB:.1f}"


def main():
    site = site_dir_from_argv("usage: check_page_weight.py SITE_DIR")
    cache = {}

    def weight(path):
        if path not in cache:
            with open(path, "rb") as file:
                data = file.read()
            cache[path] = (len(data), compressed_size(data))
        return cache[path]

    rows, missing = [], set()
    for page in html_pages(site):
        with open(os.path.join(site, page), "rb") as file:
            data = file.read()
        html = data.decode("utf-8", errors="replace")
        raw, packed = len(data), compressed_size(data)
        references = [m for tag in STYLESHEET.findall(html) for m in HREF.findall(tag)] + SCRIPT.findall(html)
        for reference in dict.fromkeys(references):
            path = local_file(site, page, reference)
            if path is None:
                if not urlparse(reference).scheme:
                    missing.add(reference.split("/")[-1])
                continue
            # The search index is the price of search that works offline; it is loaded by the search page
            # only and has its own budget (at most 2 KB gzip per page indexed, checked by check_search.py).
            if reference.endswith("search-index.js"):
                continue
            size, size_packed = weight(path)
            raw += size
            packed += size_packed
        rows.append({"page": page, "kind": page_kind(html), "raw": raw, "gzip": packed,
                     "html": len(data), "assets": len(dict.fromkeys(references))})

    guides = [row for row in rows if row["kind"] == "kind-guide"]
    print("page weight: HTML + linked CSS + JS, in KB (gzip -9)")
    print(f"{'':14}{'pages':>6}{'median raw':>12}{'median gzip':>13}{'max raw':>9}{'max gzip':>10}")
    for name, group in (("guide pages", guides), ("all pages", rows)):
        if group:
            print(f"{name:14}{len(group):>6}{kb(statistics.median(r['raw'] for r in group)):>12}"
                  f"{kb(statistics.median(r['gzip'] for r in group)):>13}{kb(max(r['raw'] for r in group)):>9}"
                  f"{kb(max(r['gzip'] for r in group)):>10}")
    print("heaviest pages (gzip KB, raw KB, kind):")
    for row in sorted(rows, key=lambda r: -r["gzip"])[:5]:
        print(f"  {kb(row['gzip']):>7} {kb(row['raw']):>8}  {row['kind']:<18} {row['page']}")
    if missing:
        print(f"note: linked but not in the site (not counted): {', '.join(sorted(missing))}")

    failed = 0
    for row in rows:
        budget = BUDGET_GUIDE if row["kind"] == "kind-guide" else BUDGET_ANY
        if row["gzip"] > budget:
            failed += 1
            print(f"{row['page']}: {kb(row['gzip'])} KB compressed is over the {budget // KB} KB budget "
                  f"for {'a guide page' if budget == BUDGET_GUIDE else 'any page'}")
    print(f"{len(rows) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
