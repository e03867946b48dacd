#!/usr/bin/env python3
"""Doorstep preprocessor: link the first use of each glossary term on a page to the glossary.

Reads the pages as JSON (version 1) on standard input and writes the changed pages as JSON on
standard output, as docs/authoring.md#preprocessors describes. Terms come from content/glossary.md,
where each is written as a list item starting with the term in bold: "- **Consent** — ...". A term
links to the letter section of the glossary that defines it.

Text is changed only within lines, so every line keeps its number. Nothing is linked in headings,
code, fenced blocks (callouts, surveys, session plans), links, images, raw HTML or web addresses,
and the glossary itself is left alone.

Some terms are also everyday words in another sense: "code" in the glossary is a label for a bit of
what someone said, but most pages mean an interview code or an answer code. Name such a term with
`--skip TERM` (once per term) and it is never linked; a skipped term the glossary does not define is
reported as a warning, so a misspelt name is noticed.
"""

import argparse
import json
import os
import re
import sys

GLOSSARY = "content/glossary.md"
VERSION = 1

TERM_LINE = re.compile(r"^\s*[-*]\s+\*\*(?P<term>[^*]+?)\*\*\s")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
# Stretches of a line that must never gain a link: code spans, links and images (with their targets),
# bracketed text, autolinks and HTML, web addresses and group placeholders.
PROTECTED = re.compile(
    r"`+[^`]*`+"
    r"|!?\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?"
    r"|<[^>\n]*>"
    r"|\b(?:https?|mailto|tel):[^\s)>\]]+"
    r"|\bwww\.[^\s)>\]]+"
    r"|\{\{[^}]*\}\}"
)


def heading_id(text):
    """The id doorstep gives a heading: lower case, letters and digits, words joined by hyphens."""
    words = re.findall(r"[0-9a-z]+", text.lower())
    return "-".join(words)


def read_terms(page, diagnostics):
    """Terms of the glossary, each with the id of the letter heading it sits under."""
    terms = {}
    section = ""
    first_line = page["markdown_line"]
    for number, line in enumerate(page["markdown"].split("\n")):
        heading = HEADING.match(line)
        if heading:
            section = heading_id(heading.group("text"))
            continue
        match = TERM_LINE.match(line)
        if not match:
            continue
        term = match.group("term").strip()
        key = term.lower()
        if key in terms:
            diagnostics.append({
                "severity": "warning",
                "code": "glossary-duplicate",
                "message": f"the glossary defines '{term}' twice; pages link to the first",
                "path": page["path"],
                "line": first_line + number,
                "column": line.index("**") + 3,
            })
            continue
        terms[key] = (term, section)
    return terms


def term_pattern(terms):
    # Longest first, so "personal data" wins over "data"; a plural "s" or "es" is allowed.
    names = sorted((re.escape(term) for term, _ in terms.values()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(names) + r")(?:e?s)?(?![\w-])", re.IGNORECASE)


def link_line(line, pattern, terms, used, target):
    """The line with the first use of each term not yet linked on the page made into a link."""
    protected = [m.span() for m in PROTECTED.finditer(line)]

    def inside(start, end):
        return any(s < end and start < e for s, e in protected)

    out = []
    last = 0
    for match in pattern.finditer(line):
        key = match.group(1).lower()
        if key in used or key not in terms or inside(match.start(), match.end()):
            continue
        used.add(key)
        out.append(line[last:match.start()])
        out.append(f"[{match.group(0)}]({target}#{terms[key][1]})")
        last = match.end()
    out.append(line[last:])
    return "".join(out)


def link_page(page, pattern, terms):
    here = os.path.dirname(page["path"])
    target = os.path.relpath(GLOSSARY, here or ".").replace(os.sep, "/")
    lines = page["markdown"].split("\n")
    used = set()
    fence = None
    for index, line in enumerate(lines):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if HEADING.match(line) or not line.strip():
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if SETEXT.match(following) and not line.lstrip().startswith(("-", "*", "+", "|")):
            continue  # a heading underlined with === or ---
        lines[index] = link_line(line, pattern, terms, used, target)
    return "\n".join(lines)


def main():
    options = argparse.ArgumentParser(description="Link the first use of each glossary term on a page.")
    options.add_argument("--skip", action="append", default=[], metavar="TERM",
                         help="a glossary term never to link (it has another everyday sense); repeatable")
    skipped = {term.strip().lower() for term in options.parse_args().skip}
    try:
        data = json.load(sys.stdin)
    except json.JSONDecodeError as error:
        print(f"glossary_links: the input is not JSON: {error}", file=sys.stderr)
        return 1
    if data.get("version") != VERSION:
        print(f"glossary_links: this preprocessor reads version {VERSION} of the JSON, not {data.get('version')}",
              file=sys.stderr)
        return 1
    diagnostics = []
    pages = data.get("pages", [])
    glossary = next((page for page in pages if page["path"] == GLOSSARY), None)
    if glossary is None:
        diagnostics.append({"severity": "warning", "code": "glossary-missing",
                            "message": f"there is no {GLOSSARY}, so no glossary terms are linked"})
        json.dump({"version": VERSION, "pages": [], "diagnostics": diagnostics}, sys.stdout)
        return 0
    terms = read_terms(glossary, diagnostics)
    for term in sorted(skipped - set(terms)):
        diagnostics.append({"severity": "warning", "code": "glossary-skip-unknown",
                            "message": f"--skip names '{term}', which {GLOSSARY} does not define"})
    terms = {key: value for key, value in terms.items() if key not in skipped}
    changed = []
    if terms:
        pattern = term_pattern(terms)
        for page in pages:
            if page["path"] == GLOSSARY:
                continue
            markdown = link_page(page, pattern, terms)
            if markdown != page["markdown"]:
                changed.append({"path": page["path"], "markdown": markdown})
    json.dump({"version": VERSION, "pages": changed, "diagnostics": diagnostics}, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
