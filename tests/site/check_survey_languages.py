"""Uses a survey in English and Welsh in headless Chromium, as a Welsh-speaking resident would.

Builds the small bilingual project in Tests/EndToEndTests/Fixtures/bilingual-site (its own site, so the
toolkit's surveys stay as they are), then checks: the language switch is a plain link that works with
scripts turned off; the Welsh web form, paper questionnaire and codebook show none of the English
interface wording (not even the error summary the script writes); `lang` attributes are right; the
choice of language is remembered, so the survey's first page opens in Welsh next time; and a project's
own wording/cy.yml replaces the built-in text. The doorstep binary is $DOORSTEP_BIN, else .build/debug/doorstep.
Usage: check_survey_languages.py SITE_DIR (the toolkit's site; only checked to exist).
Under CI=true a missing browser is a failure; elsewhere a SKIP.
"""

import os
import re
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from browser import start_browser  # noqa: E402
from site_pages import site_dir_from_argv  # noqa: E402

CHECK = "check_survey_languages"
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PROJECT = os.path.join(ROOT, "Tests", "EndToEndTests", "Fixtures", "bilingual-site")
SURVEY = "park-bilingual"


def flatten(table, prefix=""):
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            yield from flatten(value, name)
        else:
            yield name, str(value)


def english_phrases(doorstep):
    """The fixed words of every English text that the Welsh table words differently (5 letters or more)."""
    def table(language):
        out = subprocess.run([doorstep, "survey", "wording", language], capture_output=True, text=True, check=True).stdout
        return dict(flatten(yaml.safe_load(out)))
    english, welsh = table("en"), table("cy")
    phrases = {}
    for key, text in english.items():
        # The switch names each language in itself: "English" is rightly on the Welsh page.
        if welsh.get(key) == text or key == "language.name":
            continue
        for piece in re.split(r"\{[a-z_]+\}", text):
            piece = piece.strip(" .:?")
            if len(piece) >= 5:
                phrases[piece] = key
    return phrases


def main():
    site_dir_from_argv(__doc__.strip().splitlines()[-2])
    doorstep = os.environ.get("DOORSTEP_BIN") or os.path.join(ROOT, ".build", "debug", "doorstep")
    if not os.access(doorstep, os.X_OK):
        print(f"FAIL {CHECK}: no doorstep binary at {doorstep}: run swift build first")
        return 1
    site = os.path.join(tempfile.mkdtemp(prefix="doorstep-languages-"), "site")
    build = subprocess.run([doorstep, "build", "--no-pdf", "--strict", "--root", PROJECT, "--output", site],
                           capture_output=True, text=True)
    if build.returncode != 0:
        print(f"FAIL {CHECK}: the bilingual project did not build:\n{build.stderr}")
        return 1
    folder = os.path.join(site, "surveys", SURVEY)
    phrases = english_phrases(doorstep)
    failures = []
    checked = []

    def expect(condition, message):
        print(("ok   " if condition else "FAIL ") + message)
        checked.append(message)
        if not condition:
            failures.append(message)

    def english_in(text):
        return sorted(f"'{p}' ({k})" for p, k in phrases.items() if p in text)

    def url(name):
        return "file://" + os.path.join(folder, name)

    driver = start_browser(CHECK)
    try:
        # Without scripts: the switch is an ordinary link to the Welsh page, and back.
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        driver.get(url("index.html"))
        expect(driver.execute_script("return document.querySelector('form.survey-form').getAttribute('lang')") == "en",
               "the English form has lang=\"en\"")
        driver.execute_script("document.querySelector('[data-survey-languages] a[hreflang=\"cy\"]').click();")
        expect(driver.current_url.endswith("/index.cy.html"), "with scripts off, 'Cymraeg' opens index.cy.html")
        expect(driver.execute_script("return document.querySelector('article').getAttribute('lang')") == "cy",
               "the Welsh page's content has lang=\"cy\"")
        noscript = driver.execute_script("return document.querySelector('article').innerText")
        expect("Mae problem wedi codi" not in noscript, "the Welsh error summary stays hidden until there is an error")
        leaks = english_in(noscript)
        expect(not leaks, f"the Welsh web form without scripts shows no English interface text {leaks}")
        driver.execute_script("document.querySelector('[data-survey-languages] a[hreflang=\"en\"]').click();")
        expect(driver.current_url.endswith("/index.html"), "with scripts off, 'English' leads back to index.html")
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})

        # With scripts: the error summary and messages the script writes are Welsh too.
        driver.get(url("index.cy.html"))
        driver.execute_script("window.localStorage.clear();")
        driver.refresh()
        driver.execute_script("document.querySelector('form.survey-form button[type=submit]').click();")
        summary = driver.execute_script("return document.querySelector('.survey-error-summary').innerText")
        expect("Mae problem wedi codi" in summary and "Cwestiwn 1: Atebwch y cwestiwn hwn." in summary,
               f"sending the empty Welsh form gives the error summary in Welsh ({summary!r})")
        text = driver.execute_script("return document.querySelector('article').innerText")
        leaks = english_in(text)
        expect(not leaks, f"the Welsh web form with its errors shows no English interface text {leaks}")

        # The choice is remembered: after choosing Welsh, the survey's first page opens in Welsh.
        driver.execute_script("document.querySelector('[data-survey-languages] a[hreflang=\"en\"]').click();")
        expect(driver.current_url.endswith("/index.html"), "choosing 'English' opens the English form")
        driver.get(url("index.html"))
        expect(driver.current_url.endswith("/index.html"), "after choosing English, the first page stays English")
        driver.execute_script("document.querySelector('[data-survey-languages] a[hreflang=\"cy\"]').click();")
        driver.get(url("index.html"))
        expect(driver.current_url.endswith("/index.cy.html"), "after choosing Cymraeg, the first page opens in Welsh")
        expect(driver.execute_script("return window.localStorage.getItem('doorstep-survey-language')") == "cy",
               "the choice is kept in localStorage")

        # Paper questionnaire and codebook in Welsh, with the project's own ending from wording/cy.yml.
        for page, name in (("paper/index.cy.html", "paper questionnaire"), ("codebook/index.cy.html", "codebook")):
            driver.get(url(page))
            text = driver.execute_script("return document.querySelector('article').innerText")
            leaks = english_in(text)
            expect(not leaks, f"the Welsh {name} shows no English interface text {leaks}")
            expect(driver.execute_script("return document.querySelector('article').getAttribute('lang')") == "cy",
                   f"the Welsh {name} has lang=\"cy\"")
        driver.get(url("paper/index.cy.html"))
        paper = driver.execute_script("return document.querySelector('article').innerText")
        expect("Dyna’r cwestiwn olaf. Diolch yn fawr am eich amser." in paper,
               "the project's wording/cy.yml replaces the built-in Welsh ending")
        driver.get(url("paper/index.html"))
        paper = driver.execute_script("return document.querySelector('article').innerText")
        expect("This is the end of the questionnaire." in paper and "How to fill in this form" in paper,
               "the English paper questionnaire keeps the English wording")
    finally:
        driver.quit()

    if failures:
        print(f"{CHECK}: {len(failures)} of {len(checked)} checks failed")
        return 1
    print(f"{CHECK}: {len(checked)} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
