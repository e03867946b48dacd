"""Searches the built site in headless Chromium, opened from disk, as residents and volunteers would.

Checks: the query words people type (plural, "-ing" forms, typing slips, "door-step" or "doorstep",
UK or US spelling) each bring the page they are looking for into the top three; the browser's
stemmer agrees with the generator's on the shared word list; a result opens at the section that
matched, and that heading exists; matches are marked in the snippet; the search box in every page's
header leads to results; and the index stays under 2 KB (gzip) per page.
Usage: check_search.py SITE_DIR. Under CI=true a missing browser is a failure; elsewhere a SKIP.
"""

import gzip
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from browser import start_browser  # noqa: E402
from site_pages import html_pages, site_dir_from_argv  # noqa: E402

CHECK = "check_search"
STEMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "PublishTests", "Fixtures", "stems.txt")
BYTES_PER_PAGE = 2048

E = "ethics-and-consent/"
T = "community-researcher-training/"
S = "survey-design/"
I = "interviews-and-focus-groups/"
M = "making-sense-and-feeding-back/"
N = "narrative-capture/"
D = "digital-and-blended-engagement/"
W = "workshops/"
A = "appreciative-inquiry/"
H = "start-here/"
V = "shaping-services/"

# What a person types, and the page that must be among the first three results.
QUERIES = [
    ("consent form", E + "consent-form"),
    ("concent form", E + "consent-form"),
    ("door-step", S + "door-step-surveys"),
    ("doorstep survey", S + "door-step-surveys"),
    ("door step safety", E + "doorstep-safety"),
    ("lone working", E + "doorstep-safety"),
    ("interviewing", I + "interviews"),
    ("intervews", I + "interviews"),
    ("focus groups", I + "focus-groups"),
    ("focus group", I + "focus-groups"),
    ("homelessness", E + "distress-protocol"),
    ("jobcentre", T + "forms/expenses-claim"),
    ("gdpr", E + "data-protection"),
    ("dbs check", E + "dbs-checks"),
    ("safeguarding", E + "safeguarding"),
    ("safegaurding", E + "safeguarding"),
    ("safeguarding policy", E + "safeguarding-policy"),
    ("privacy notice", E + "privacy-notice"),
    ("information sheet", E + "information-sheet"),
    ("easy read consent", E + "easy-read-consent-form"),
    ("risk assessment", E + "risk-assessment-and-insurance"),
    ("insurance", E + "risk-assessment-and-insurance"),
    ("claiming expenses", T + "forms/expenses-claim"),
    ("budget", H + "budget-template"),
    ("sampling", S + "sampling"),
    ("who to ask", S + "sampling"),
    ("piloting a survey", S + "piloting"),
    ("wording questions", S + "wording-questions"),
    ("routing", S + "routing"),
    ("entering data", S + "entering-and-cleaning-data"),
    ("cleaning data", S + "entering-and-cleaning-data"),
    ("kobotoolbox", S + "collecting-online"),
    ("thematic analysis", M + "thematic-analysis"),
    ("you said we did", M + "you-said-we-did"),
    ("reporting to agencies", M + "reporting-to-agencies"),
    ("story circles", N + "story-circles"),
    ("storytelling interviews", N + "story-telling-interviews"),
    ("transcribing", N + "transcription"),
    ("recording stories", N + "recording-and-consent"),
    ("appreciative inquiry", A),
    ("5d cycle", A + "the-5d-cycle"),
    ("dream and design", A + "dream-and-design-workshop"),
    ("facilitation", W + "facilitation-skills"),
    ("sense check workshop", W + "sense-check-workshops"),
    ("social media", D + "social-media"),
    ("digital exclusion", D + "digital-exclusion"),
    ("codesign", V + "co-designing-a-service"),
    ("commissioning", V + "findings-into-commissioning"),
    ("id badge", T + "forms/id-badge"),
    ("volunter role", T + "forms/volunteer-role-description"),
    ("distress", E + "distress-protocol"),
    ("data retention", E + "data-retention-schedule"),
    ("data sharing agreement", E + "data-sharing-agreement"),
    ("what is community research", H + "what-is-community-research"),
    ("community research hub", H + "the-hub"),
    ("ground rules", I + "handouts/ground-rules"),
    ("topic guide", I + "topic-guide"),
    ("phone interviews", I + "online-and-phone"),
    ("neighborhood survey", S + "neighbourhood-survey"),
    ("listening skills", T + "handouts/listening-skills"),
    ("street record", S + "worksheets/street-record-sheet"),
    ("paired interviews", A + "paired-interviews"),
    ("transcript template", N + "templates/transcript"),
    ("safegu", E + "safeguarding"),
    ("the consent form", E + "consent-form"),
]


def page_url(expected):
    return expected + ("index.html" if expected.endswith("/") else "/index.html")


def main():
    site = site_dir_from_argv(__doc__.strip().splitlines()[-1])
    failures, checked = [], []

    def expect(condition, message):
        print(("ok   " if condition else "FAIL ") + message)
        checked.append(message)
        if not condition:
            failures.append(message)

    with open(os.path.join(site, "assets", "search-index.js"), "rb") as handle:
        index = handle.read()
    pages = index.count(b"\n") and len(re.findall(rb'\.html"', index.split(b'"sections"')[0]))
    per_page = len(gzip.compress(index, 9)) / max(1, pages)
    print(f"search index: {len(index)} bytes, {len(gzip.compress(index, 9))} gzip, {pages} pages, {per_page:.0f} gzip bytes a page")
    expect(per_page <= BYTES_PER_PAGE, f"the index is at most {BYTES_PER_PAGE} gzip bytes a page ({per_page:.0f})")

    pairs = []
    with open(STEMS, encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                word, stem = line.split()
                pairs.append((word, stem))

    driver = start_browser(CHECK)
    try:
        driver.get("file://" + os.path.join(site, "search", "index.html"))
        stems = driver.execute_script("return arguments[0].map(function (w) { return DoorstepSearch.stem(w); });",
                                      [w for w, _ in pairs])
        wrong = [(w, s, got) for (w, s), got in zip(pairs, stems) if s != got]
        expect(len(pairs) > 2000 and not wrong,
               f"the browser's stemmer agrees with the word list on all {len(pairs)} words" +
               (f" (wrong: {wrong[:5]})" if wrong else ""))

        found = 0
        for query, expected in QUERIES:
            hits = driver.execute_script("return DoorstepSearch.search(arguments[0]).slice(0, 3);", query)
            top = [hit["page"] for hit in hits]
            ok = page_url(expected) in top
            found += ok
            expect(ok, f"'{query}' finds {expected} in the top three (got {', '.join(top) or 'nothing'})")
            for hit in hits[:1]:
                if "#" in hit["url"]:
                    page, anchor = hit["url"].split("#", 1)
                    with open(os.path.join(site, page), encoding="utf-8") as handle:
                        expect(f'id="{anchor}"' in handle.read(), f"'{query}' opens at a heading that exists ({hit['url']})")
        print(f"relevance: {found} of {len(QUERIES)} queries find their page in the top three")

        driver.get("file://" + os.path.join(site, "search", "index.html") + "?q=concent+form")
        time.sleep(0.3)
        first = driver.execute_script(
            "var a = document.querySelector('#search-results li a'); return a ? a.getAttribute('href') : null;")
        expect(first is not None and "consent-form" in first, f"a typing slip still lists the consent form first ({first})")
        marks = driver.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll('#search-results li:first-child mark'),"
            " function (m) { return m.textContent.toLowerCase(); });")
        expect(any(m.startswith("consent") for m in marks), f"the matching words are marked ({marks[:4]})")

        driver.get("file://" + os.path.join(site, S + "sampling", "index.html"))
        driver.execute_script("var i = document.getElementById('site-search-input'); i.value = 'lone working'; i.form.submit();")
        time.sleep(0.5)
        url = driver.current_url
        first = driver.execute_script(
            "var a = document.querySelector('#search-results li a'); return a ? a.href : null;")
        expect("search/index.html?q=lone+working" in url, f"the header search box opens the search page ({url})")
        expect(first is not None and "doorstep-safety/index.html#" in first,
               f"its first result opens the safety page at a section ({first})")
    finally:
        driver.quit()

    without = []
    for page in html_pages(site):
        with open(os.path.join(site, page), encoding="utf-8") as handle:
            html = handle.read()
        if 'class="site-header"' in html and not re.search(r'<form class="site-search"[^>]*action="[./]*search/index\.html"', html):
            without.append(page)
    expect(not without, f"every page with the site header has a search box that works without JavaScript ({without[:3]})")
    print(f"{len(checked) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
