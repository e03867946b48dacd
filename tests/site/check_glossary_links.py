"""Checks the glossary links a reader meets: the toolkit's preprocessor links the first use of a glossary
term on a page to its definition, and never links a word used in another sense.

Part one runs scripts/preprocessors/glossary_links.py on small pages as the build would (JSON on standard
input) and checks what a reader would see: the first use linked, later uses and headings, code, links
and fenced blocks left alone, plurals linked, line numbers kept, a skipped term never linked and a
misspelt skip reported. Part two reads the built site: no page links "code" (the toolkit skips it, as
most pages mean an interview code or an answer code), and pages that speak of consent link it.
Usage: check_glossary_links.py SITE_DIR
"""

import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from site_pages import html_pages, site_dir_from_argv  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SCRIPT = os.path.join(ROOT, "scripts", "preprocessors", "glossary_links.py")

GLOSSARY = """# Glossary

## C

- **Code** — A short label for a bit of what someone said.
- **Consent** — Saying yes to taking part, knowing what it means.

## P

- **Personal data** — Information about a living person who can be identified.
"""

PAGE = """# Consent first

Ask for consent before you start. Consent can be taken back.

Give each teller a code. Keep personal data locked away; all personal data counts.

- Consents are written down, and `consent` in code is left alone.

```callout
Consent in a fenced block is left alone.
```
"""

failures = 0


def check(condition, message):
    global failures
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures += 1


def run(pages, *options):
    request = {"version": 1, "pages": [
        {"path": path, "markdown": markdown, "markdown_line": 1} for path, markdown in pages.items()]}
    done = subprocess.run([sys.executable, SCRIPT, *options], input=json.dumps(request),
                          capture_output=True, text=True, timeout=20)
    check(done.returncode == 0, f"the preprocessor exits 0 with {list(options) or 'no options'} "
                                f"(stderr: {done.stderr.strip()[:200]})")
    return json.loads(done.stdout or '{"pages": [], "diagnostics": []}')


pages = {"content/glossary.md": GLOSSARY, "toolkit-modules/ethics/consent.md": PAGE}
reply = run(pages)
changed = {page["path"]: page["markdown"] for page in reply["pages"]}
out = changed.get("toolkit-modules/ethics/consent.md", "")
target = "../../content/glossary.md"
check(f"Ask for [consent]({target}#c) before" in out, "the first use of 'consent' in body text links to its letter")
check(out.count("#c)") == 2, "each term links once a page: 'consent' and 'code', nothing more from C")
check("Consent can be taken back." in out, "a second use of a term on the page stays plain")
check("# Consent first" in out, "a heading never gains a link")
check(f"[personal data]({target}#p)" in out, "a term of two words links as a whole")
check("`consent` in code" in out and "Consent in a fenced block" in out, "code spans and fenced blocks are left alone")
check(out.count("\n") == PAGE.count("\n"), "the page keeps its number of lines, so errors point at the right line")
check("content/glossary.md" not in changed, "the glossary itself is not changed")

reply = run(pages, "--skip", "Code", "--skip", "Cosent")
out = {page["path"]: page["markdown"] for page in reply["pages"]}.get("toolkit-modules/ethics/consent.md", "")
check("[code](" not in out and "a code." in out, "with --skip Code, 'code' is never linked")
check(f"[consent]({target}#c)" in out, "with --skip Code, 'consent' is still linked")
warnings = [d for d in reply.get("diagnostics", []) if d.get("code") == "glossary-skip-unknown"]
check(len(warnings) == 1 and "cosent" in warnings[0]["message"], "a skipped term the glossary lacks is a warning naming it")

site = site_dir_from_argv(__doc__)
LINK = re.compile(r'<a href="[^"]*glossary/index\.html#[a-z]+">([^<]+)</a>')
code_links, consent_pages, unlinked = [], 0, []
for page in html_pages(site):
    if page.startswith(("glossary/", "packs/")):
        continue  # the glossary itself, and print pages, where a link cannot be followed
    with open(os.path.join(site, page), encoding="utf-8") as f:
        html = f.read()
    words = [text.lower() for text in LINK.findall(html)]
    if any(word in ("code", "codes") for word in words):
        code_links.append(page)
    main = html.split("<main", 1)[-1].split("</main>")[0]
    # A paragraph of body text that says "consent" outside a link: the page must link the term somewhere.
    paragraphs = [re.sub(r"<a [^>]*>.*?</a>", "", p) for p in re.findall(r"<p>(.*?)</p>", main, re.S)]
    if any(re.search(r"\bconsent\b", p, re.IGNORECASE) for p in paragraphs):
        consent_pages += 1
        if not any(word.startswith("consent") for word in words):
            unlinked.append(page)
check(not code_links, f"no built page links 'code' to the glossary (found on {len(code_links)}: {code_links[:3]})")
check(consent_pages > 10 and not unlinked,
      f"every one of the {consent_pages} pages that speak of consent in body text links it to the glossary "
      f"(not: {unlinked[:3]})")

print(f"check_glossary_links: {'FAILED' if failures else 'passed'}, {failures} failures")
sys.exit(1 if failures else 0)
