"""Types paper returns into a survey's web form in headless Chromium, as a volunteer would at a desk.

Checks, on the neighbourhood survey: index.html?mode=entry asks for the form number and takes answers by
their printed codes from the keyboard; a code that is not printed is reported; a second typing that
differs from the first names the question and lets the typist resolve it; a saved response can be opened,
corrected and deleted one by one; a refusal and a "not at home" are saved with no other answers; and a
web response, a typed paper return and a refusal download to one CSV whose columns are the codebook's.
On the household survey: "2e" in a number box, a number out of range and two options ranked the same are
errors with clear messages, in English and in Welsh.
Usage: check_data_entry.py SITE_DIR. Under CI=true a missing browser is a failure; elsewhere a SKIP.
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from browser import downloaded_csv, start_browser  # noqa: E402
from site_pages import Expectations, codebook_variables, site_dir_from_argv  # noqa: E402

CHECK = "check_data_entry"
SURVEY = "neighbourhood-survey"


def saved(driver):
    return driver.execute_script(
        "for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i);"
        " if (/neighbourhood-survey.*:responses$/.test(k)) { return JSON.parse(localStorage.getItem(k)); } } return [];")


def type_code(driver, question, text):
    box = driver.find_element("css selector", f'[data-code-input="{question}"]')
    box.clear()
    box.send_keys(text)


def field(driver, name, text):
    box = driver.find_element("css selector", f'[name="{name}"]')
    box.clear()
    box.send_keys(text)


def pick(driver, name, value):
    driver.execute_script("document.querySelector('input[name=\"' + arguments[0] + '\"][value=\"' + arguments[1] + '\"]').click();",
                          name, value)


def save(driver):
    driver.execute_script("document.querySelector('form.survey-form').requestSubmit();")


def visible(driver, selector):
    return driver.execute_script("var e = document.querySelector(arguments[0]); return !!e && !e.hidden && e.offsetParent !== null;",
                                 selector)


def text_of(driver, selector):
    return driver.execute_script("var e = document.querySelector(arguments[0]); return e ? e.textContent : '';", selector)


def entry_checks(driver, folder, expect):
    driver.get("file://" + os.path.join(folder, "index.html") + "?mode=entry")
    driver.execute_script("window.localStorage.clear();")
    driver.refresh()
    driver.execute_script("window.confirm = function () { return true; };")

    expect(visible(driver, "[data-entry-panel]"), "?mode=entry shows the panel for typing in paper returns")
    focused = driver.execute_script("return document.activeElement && document.activeElement.name;")
    expect(focused == "entry:form_number", f"the form number box has the focus first (focus on {focused!r})")
    expect(visible(driver, '[data-code-input="lived_here"]'), "each choice question has a box for its printed code")

    save(driver)
    expect("form number" in text_of(driver, ".survey-error-list").lower(), "saving without a form number names the problem")

    # First typing of P001.
    field(driver, "entry:form_number", "P001")
    type_code(driver, "consent", "1")
    type_code(driver, "lived_here", "9")
    expect(visible(driver, "#q-lived_here-error") and "9" in text_of(driver, "#q-lived_here-error"),
           "a code that is not printed on the form is reported at once")
    expect(driver.execute_script("return document.querySelector('#q-lived_here-error').getAttribute('role');") == "alert",
           "the wrong code is announced to screen readers")
    type_code(driver, "lived_here", "4")
    expect(not visible(driver, "#q-lived_here-error"), "the message goes once the code is right")
    expect(driver.execute_script("return document.querySelector('input[name=\"lived_here\"][value=\"years_10_plus\"]').checked;"),
           "typing 4 ticks the box printed with 4")
    type_code(driver, "best_things", "1 3")
    type_code(driver, "change_5yrs", "1")
    save(driver)
    responses = saved(driver)
    expect(len(responses) == 1, f"the first typing is saved (saved: {len(responses)})")
    first = responses[0] if responses else {}
    expect(first.get("form_number") == "P001" and first.get("mode") == "paper", "it is saved with its form number and mode paper")
    expect(first.get("values", {}).get("lived_here") == "years_10_plus", "the printed code is stored as the codebook's code")
    focused = driver.execute_script("return document.activeElement && document.activeElement.name;")
    expect(focused == "entry:form_number", "after saving, the focus goes back to the form number for the next form")

    # Second typing of P001, with one slip.
    pick(driver, "entry:pass", "second")
    field(driver, "entry:form_number", "P001")
    type_code(driver, "consent", "1")
    type_code(driver, "lived_here", "3")
    type_code(driver, "best_things", "1 3")
    type_code(driver, "change_5yrs", "1")
    save(driver)
    expect(visible(driver, "[data-entry-result]"), "a second typing that differs is reported")
    differences = driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('[data-difference]'), function (e) { return e.getAttribute('data-difference'); });")
    expect(differences == ["lived_here"], f"the report names the one question that differs (names {differences})")
    expect("4" in text_of(driver, "[data-entry-result]"), "the report shows what the first typing had, as its printed code")
    expect(len(saved(driver)) == 1, "a differing second typing is not saved as another response")
    type_code(driver, "lived_here", "4")
    save(driver)
    responses = saved(driver)
    expect(len(responses) == 1 and responses[0].get("checked") is True, "once the typings agree, the form is marked checked")

    # A refusal, typed from paper: consent "No" ends the form.
    pick(driver, "entry:pass", "first")
    field(driver, "entry:form_number", "P002")
    type_code(driver, "consent", "2")
    expect(not visible(driver, '[data-question="lived_here"]'), "after 'No' to consent, no other question is shown")
    save(driver)
    responses = saved(driver)
    refusal = responses[-1] if responses else {}
    expect(len(responses) == 2 and refusal.get("outcome") == "refused", "a refusal is saved, with outcome refused")
    expect(all(v == "" for k, v in refusal.get("values", {}).items() if k != "consent"), "the refusal keeps no other answers")

    # Nobody at home.
    field(driver, "entry:form_number", "P003")
    pick(driver, "entry:outcome", "not_at_home")
    expect(not visible(driver, '[data-question="consent"]'), "'Not at home' hides every question")
    save(driver)
    responses = saved(driver)
    expect(len(responses) == 3 and responses[-1].get("outcome") == "not_at_home", "a visit with nobody at home is saved")

    # Correct P001: open it, change an answer, save.
    items = driver.execute_script("return document.querySelectorAll('.survey-saved-list li[data-response]').length;")
    expect(items == 3, f"the saved responses are listed one by one ({items} listed)")
    driver.execute_script("document.querySelector('.survey-saved-list li [data-action=\"open\"]').click();")
    expect(driver.execute_script("return document.querySelector('[name=\"entry:form_number\"]').value;") == "P001",
           "opening a saved response puts its answers back in the form")
    expect(driver.execute_script("return document.querySelector('[data-code-input=\"lived_here\"]').value;") == "4",
           "the code boxes show the codes of the saved answers")
    type_code(driver, "lived_here", "2")
    save(driver)
    responses = saved(driver)
    corrected = [r for r in responses if r.get("form_number") == "P001"]
    expect(len(responses) == 3 and len(corrected) == 1 and corrected[0]["values"].get("lived_here") == "years_1_4",
           "saving a corrected response replaces it; nothing is added")

    # Delete P003.
    driver.execute_script(
        "var items = document.querySelectorAll('.survey-saved-list li[data-response]');"
        "items[items.length - 1].querySelector('[data-action=\"delete\"]').click();")
    responses = saved(driver)
    expect(len(responses) == 2 and all(r.get("form_number") != "P003" for r in responses), "one saved response can be deleted")


def web_response(driver, folder, expect):
    driver.get("file://" + os.path.join(folder, "index.html"))
    expect(not visible(driver, "[data-entry-panel]"), "the web form for residents has no typing panel")
    expect(not visible(driver, '[data-code-input="consent"]'), "the web form shows no code boxes")
    pick(driver, "consent", "yes")
    pick(driver, "lived_here", "under_1")
    pick(driver, "best_things", "quiet")
    save(driver)
    responses = saved(driver)
    expect(len(responses) == 3 and responses[-1].get("mode") == "web" and responses[-1].get("outcome") == "completed",
           "a web response is saved beside the typed ones, with mode web")


def download(driver, folder, downloads, expect):
    rows = downloaded_csv(driver, downloads, f"{SURVEY}-responses.csv")
    if rows is None:
        expect(False, "the answers download as a CSV file")
        return
    expect(rows[0] == codebook_variables(folder), "the CSV's columns are exactly the codebook's")
    records = [dict(zip(rows[0], row)) for row in rows[1:]]
    expect(len(records) == 3, f"the CSV holds the typed return, the refusal and the web response ({len(records)} rows)")
    by_form = {r["form_number"]: r for r in records}
    paper = by_form.get("P001", {})
    expect(paper.get("mode") == "paper" and paper.get("outcome") == "completed", "the typed return has mode paper, outcome completed")
    expect(paper.get("best_things/green_spaces") == "1" and paper.get("best_things/neighbours") == "1"
           and paper.get("best_things/shops") == "0", "a tick-all answer is one 0/1 column per option")
    refusal = by_form.get("P002", {})
    expect(refusal.get("outcome") == "refused" and refusal.get("consent") == "no" and refusal.get("best_things/green_spaces") == "",
           "the refusal row has outcome refused and blank answers")
    web = [r for r in records if r["mode"] == "web"]
    expect(len(web) == 1 and web[0].get("best_things/quiet") == "1", "the web response is in the same file")
    ids = [r["response_id"] for r in records]
    expect(all(len(i) == 36 for i in ids) and len(set(ids)) == 3, "every row has its own response id")
    expect(all(r["start"] and r["end"] for r in records), "every row has a start and an end time")


def input_checks(driver, site, expect):
    for page, language in (("index.html", "en"), ("index.cy.html", "cy")):
        path = os.path.join(site, "surveys", "household-survey", page)
        if not os.path.exists(path):
            expect(False, f"household survey page {page} exists")
            continue
        driver.get("file://" + path)
        driver.execute_script("window.localStorage.clear();")
        driver.refresh()
        number = driver.execute_script(
            "var q = document.querySelector('[data-type=\"integer\"]:not([hidden]) input[type=\"number\"]'); return q ? q.id : null;")
        if not number:
            expect(False, "the household survey shows a number question")
            continue
        box = driver.find_element("id", number)
        box.send_keys("2e")
        save(driver)
        message = text_of(driver, f"#{number.rsplit('-input', 1)[0]}-error")
        expect(message.strip() != "", f"[{language}] '2e' in a number box is an error, not a blank ({message.strip()!r})")
        box.clear()
        box.send_keys("999")
        save(driver)
        message = text_of(driver, f"#{number.rsplit('-input', 1)[0]}-error")
        expect(any(ch.isdigit() for ch in message), f"[{language}] a number out of range says the range ({message.strip()!r})")
        ranks = driver.execute_script(
            "var q = document.querySelector('[data-type=\"ranking\"]'); if (!q) { return null; }"
            "q.hidden = false; var inputs = q.querySelectorAll('input[data-code]');"
            "Array.prototype.forEach.call(inputs, function (i) { i.disabled = false; });"
            "return [q.id, inputs[0].id, inputs[1].id];")
        if ranks and visible(driver, f"#{ranks[0]}"):
            driver.find_element("id", ranks[1]).send_keys("1")
            driver.find_element("id", ranks[2]).send_keys("1")
            save(driver)
            message = text_of(driver, f"#{ranks[0]}-error")
            expect("1" in message, f"[{language}] two options ranked 1 is an error ({message.strip()!r})")
        lang = driver.execute_script("return document.querySelector('form.survey-form').getAttribute('lang');")
        summary = text_of(driver, "#survey-error-title")
        expect(lang == language and (summary != "There is a problem") == (language == "cy"),
               f"[{language}] the messages are in the page's language ({summary!r})")


def main():
    site = site_dir_from_argv(__doc__.strip().splitlines()[-1])
    folder = os.path.join(site, "surveys", SURVEY)
    downloads = tempfile.mkdtemp(prefix="doorstep-entry-")
    driver = start_browser(CHECK)
    expect = Expectations()
    try:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
        entry_checks(driver, folder, expect)
        web_response(driver, folder, expect)
        download(driver, folder, downloads, expect)
        input_checks(driver, site, expect)
    finally:
        driver.quit()
    return expect.finish()


if __name__ == "__main__":
    sys.exit(main())
