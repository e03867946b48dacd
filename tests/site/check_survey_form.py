"""Fills in a survey's web form in headless Chromium, as a volunteer would on a phone with no signal.

Checks, on the neighbourhood survey: a question with skip logic appears only when its condition holds;
sending without the required consent shows the error summary; a complete response is kept in the
browser; and "Download answers" gives a CSV whose header row is exactly the codebook's variables.
Usage: check_survey_form.py SITE_DIR. Under CI=true a missing browser is a failure; elsewhere a SKIP.
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from browser import downloaded_csv, start_browser  # noqa: E402
from site_pages import Expectations, codebook_variables, site_dir_from_argv  # noqa: E402

CHECK = "check_survey_form"
SURVEY = "neighbourhood-survey"


def visible(driver, question):
    return driver.execute_script(
        "var e = document.querySelector('[data-question=\"' + arguments[0] + '\"]'); return !!e && !e.hidden;", question)


def choose(driver, name, value):
    driver.execute_script(
        "var i = document.querySelector('input[name=\"' + arguments[0] + '\"][value=\"' + arguments[1] + '\"]');"
        "i.click();", name, value)


def main():
    site = site_dir_from_argv(__doc__.strip().splitlines()[-1])
    folder = os.path.join(site, "surveys", SURVEY)
    variables = codebook_variables(folder)
    downloads = tempfile.mkdtemp(prefix="doorstep-form-")
    driver = start_browser(CHECK)
    expect = Expectations()

    try:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
        driver.get("file://" + os.path.join(folder, "index.html"))
        driver.execute_script("window.localStorage.clear();")
        driver.refresh()

        expect(not visible(driver, "why_change"), "'why_change' is hidden until the area has changed")
        choose(driver, "change_5yrs", "better")
        expect(visible(driver, "why_change"), "'why_change' appears after choosing 'better'")
        choose(driver, "change_5yrs", "same")
        expect(not visible(driver, "why_change"), "'why_change' hides again after choosing 'same'")
        choose(driver, "change_5yrs", "worse")

        driver.execute_script("document.querySelector('form.survey-form').requestSubmit();")
        summary_shown = driver.execute_script(
            "var s = document.querySelector('.survey-error-summary'); return !!s && !s.hidden && document.activeElement === s;")
        expect(summary_shown, "sending without consent shows the error summary and moves focus to it")
        links = driver.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll('.survey-error-list a'), function (a) { return a.getAttribute('href'); });")
        expect(any("consent" in (href or "") for href in links), "the error summary links to the consent question")

        choose(driver, "consent", "yes")
        driver.execute_script("document.querySelector('form.survey-form').requestSubmit();")
        saved = driver.execute_script(
            "for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i);"
            " if (/:responses$/.test(k)) { return JSON.parse(localStorage.getItem(k)).length; } } return 0;")
        expect(saved == 1, f"one response is kept in the browser (found {saved})")

        rows = downloaded_csv(driver, downloads, f"{SURVEY}-responses.csv")
        if rows is None:
            expect(False, "the answers download as a CSV file")
        else:
            expect(rows[0] == variables, "the CSV header is exactly the codebook's variables")
            expect(len(rows) == 2, f"the CSV holds one response (rows: {len(rows) - 1})")
            if len(rows) == 2:
                answers = dict(zip(rows[0], rows[1]))
                expect(answers.get("consent") == "yes", "the consent answer is stored by its code")
                expect(answers.get("change_5yrs") == "worse", "the change answer is stored by its code")
    finally:
        driver.quit()
    return expect.finish()


if __name__ == "__main__":
    sys.exit(main())
