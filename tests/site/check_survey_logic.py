"""Fills in the household survey's web form in headless Chromium and checks its form logic.

A block appears for each person the count allows and no more; a question inside a block follows that
person's own answers; only the streets of the chosen ward are offered; "people for each bedroom" is
worked out as the numbers are typed; the date starts as today; an email in the wrong form is refused
with its message; the volunteer code starts as the last saved response's; and the CSV holds each
person's answers in their own columns, under the codebook's names.
Usage: check_survey_logic.py SITE_DIR. Under CI=true a missing browser is a failure; elsewhere a SKIP.
"""

import datetime
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from browser import downloaded_csv, start_browser  # noqa: E402
from site_pages import Expectations, codebook_variables, site_dir_from_argv  # noqa: E402

CHECK = "check_survey_logic"
SURVEY = "household-survey"


def main():
    site = site_dir_from_argv(__doc__.strip().splitlines()[-1])
    folder = os.path.join(site, "surveys", SURVEY)
    variables = codebook_variables(folder)
    downloads = tempfile.mkdtemp(prefix="doorstep-logic-")
    driver = start_browser(CHECK)
    expect = Expectations()

    def js(script, *args):
        return driver.execute_script(script, *args)

    def shown(selector):
        return js("var e = document.querySelector(arguments[0]); return !!e && !e.hidden && e.offsetParent !== null;", selector)

    def choose(name, value):
        js("document.querySelector('input[name=\"' + arguments[0] + '\"][value=\"' + arguments[1] + '\"]').click();", name, value)

    def type_in(name, text):
        element = driver.find_element("css selector", f'input[name="{name}"]')
        element.clear()
        element.send_keys(text)

    def submit():
        js("document.querySelector('form.survey-form').requestSubmit();")

    def saved():
        return js("for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i);"
                  " if (/:responses$/.test(k)) { return JSON.parse(localStorage.getItem(k)).length; } } return 0;")

    try:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
        driver.get("file://" + os.path.join(folder, "index.html"))
        js("window.localStorage.clear();")
        driver.refresh()

        today = datetime.date.today().isoformat()
        expect(js("return document.querySelector('input[name=\"visit_date\"]').value;") == today, "the visit date starts as today")

        expect(not shown('[data-repeat-item="1"]'), "no person's block shows before the number of people is given")
        type_in("household_size", "2")
        expect(shown('[data-repeat-item="2"]') and not shown('[data-repeat-item="3"]'),
               "two people give two blocks and no more")

        expect(not shown('[data-parent="mill_lane"], [data-question="street"] [data-parent]'),
               "no street is offered before a ward is chosen")
        choose("ward", "brookside")
        streets = js("return Array.prototype.filter.call(document.querySelectorAll('[data-question=\"street\"] [data-parent]'),"
                     " function (o) { return !o.hidden; }).map(function (o) { return o.querySelector('input').value; });")
        expect(streets == ["brook_close", "church_walk", "park_view"], f"only Brookside's streets are offered ({streets})")
        choose("street", "church_walk")

        type_in("bedrooms", "4")
        value = js("return document.querySelector('#q-people_per_bedroom-value').textContent;")
        expect(value == "0.5", f"people for each bedroom is worked out as 2 / 4 = 0.5 (shows {value!r})")

        type_in("age_1", "40")
        type_in("age_2", "9")
        expect(shown('[data-question="daytime_1"]'), "what person 1 does is asked, as they are 16 or over")
        expect(not shown('[data-question="daytime_2"]'), "what person 2 does is not asked, as they are 9")
        choose("daytime_1", "paid_work")

        choose("consent", "yes")
        type_in("volunteer", "V07")
        choose("want_results", "yes")
        type_in("email", "not an address")
        submit()
        message = js("var e = document.querySelector('#q-email-error'); return e && !e.hidden ? e.textContent : '';")
        expect(message.startswith("Enter an email address"), f"an email in the wrong form is refused with its message ({message!r})")
        expect(saved() == 0, "nothing is saved while an answer is refused")
        type_in("email", "someone@example.org")
        submit()
        expect(saved() == 1, "the response is saved once the email is right")
        expect(js("return document.querySelector('input[name=\"volunteer\"]').value;") == "V07",
               "the next form starts with the last volunteer code")
        expect(js("return document.querySelector('input[name=\"ward\"][value=\"brookside\"]').checked;"),
               "the next form starts with the last ward")

        rows = downloaded_csv(driver, downloads, f"{SURVEY}-responses.csv")
        if rows is None:
            expect(False, "the answers download as a CSV file")
        else:
            expect(rows[0] == variables, "the CSV header is exactly the codebook's variables")
            answers = dict(zip(rows[0], rows[1])) if len(rows) > 1 else {}
            expect(answers.get("age_1") == "40" and answers.get("age_2") == "9", "each person's age is in their own column")
            expect(answers.get("age_3") == "", "a person past the count has no answers")
            expect(answers.get("daytime_1") == "paid_work" and answers.get("daytime_2") == "", "a skipped question is empty for that person")
            expect(answers.get("people_per_bedroom") == "0.5", "the worked-out value is saved")
            expect(answers.get("today") == today, "the day of the interview is recorded")
            expect(answers.get("street") == "church_walk", "the street is stored by its code")
    finally:
        driver.quit()
    return expect.finish()


if __name__ == "__main__":
    sys.exit(main())
