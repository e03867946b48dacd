"""Shared helpers for the checks in tests/site/: finding the built pages, and the rule for missing tools.

A check whose tools are missing fails under CI (env CI=true) and otherwise prints a visible SKIP and
passes, so `./scripts/test` still runs on a laptop without Chromium or Java.
"""

import os
import re
import sys


def site_dir_from_argv(usage):
    if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
        print(usage, file=sys.stderr)
        sys.exit(2)
    site = os.path.abspath(sys.argv[1])
    if not os.path.isfile(os.path.join(site, "index.html")):
        print(f"error: {site} has no index.html; build the site first", file=sys.stderr)
        sys.exit(2)
    return site


def html_pages(site):
    """Every .html file under the site, as paths relative to it, sorted."""
    pages = []
    for folder, dirs, files in os.walk(site):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.endswith(".html"):
                pages.append(os.path.relpath(os.path.join(folder, name), site))
    return sorted(pages)


def page_kind(html):
    """The page's kind, from the theme's <body class>: 'kind-guide', 'home', 'pack', 'survey-web' and so on."""
    match = re.search(r'<body class="([^"]*)"', html)
    if not match:
        return "other"
    classes = match.group(1).split()
    for name in classes:
        if name.startswith("kind-") or name.startswith("survey-"):
            return name
    return classes[0] if classes else "other"


def missing_tool(check, reason):
    """Fails under CI; elsewhere prints a SKIP line that stands out, and passes."""
    if os.environ.get("CI", "").lower() == "true":
        print(f"FAIL {check}: {reason} (CI=true, so this check may not be skipped)")
        sys.exit(1)
    print(f"SKIP {check}: {reason}. Install what tests/requirements.txt lists (and chromium, chromium-driver, Java).")
    print("0 passed, 0 failed (skipped)")
    sys.exit(0)


def sample_pages(site, pages):
    """A small set of pages that between them show every kind of page and every element and class name
    the site uses: the first page of each kind, then each page that brings something not yet seen."""
    seen_kinds, seen_features, sample = set(), set(), []
    for page in pages:
        with open(os.path.join(site, page), encoding="utf-8") as file:
            html = file.read()
        kind = page_kind(html)
        features = {name for names in re.findall(r'class="([^"]*)"', html) for name in names.split()}
        features |= {"<" + tag.lower() for tag in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html)}
        if kind not in seen_kinds or features - seen_features:
            seen_kinds.add(kind)
            seen_features |= features
            sample.append(page)
    return sample


def codebook_variables(survey_folder):
    """The column names of a survey's codebook.csv, in order."""
    import csv
    with open(os.path.join(survey_folder, "codebook.csv"), encoding="utf-8") as handle:
        return [row["variable"] for row in csv.DictReader(handle)]


class Expectations:
    """Prints each expectation as ok or FAIL and counts them, for a check's closing line and exit status."""

    def __init__(self):
        self.checked = []
        self.failures = []

    def __call__(self, condition, message):
        print(("ok   " if condition else "FAIL ") + message)
        self.checked.append(message)
        if not condition:
            self.failures.append(message)

    def finish(self):
        print(f"{len(self.checked) - len(self.failures)} passed, {len(self.failures)} failed")
        return 1 if self.failures else 0
