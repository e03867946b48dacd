#!/usr/bin/env python3
"""Cross-check a findings page against pandas reading the same response files.

Usage: check_results.py [SITE]   (SITE is ignored: the check builds its own copy of the project)

Copies content/ and toolkit-modules/ to a temporary project, puts practice-data/clean/ in as its results
folder, builds it with the doorstep binary ($DOORSTEP_BIN, else .build/debug/doorstep), then reads
site/results/neighbourhood-survey/index.html. Every count on the page must equal what pandas counts in
the CSV files; a count shown as "fewer than 5" must be from 1 to 4; no raw file may be in the site.
Then the same for the KoboToolbox and ODK Central export fixtures (Tests/ResultsTests/Fixtures/exports:
a ';'-separated Kobo CSV, an ODK Central CSV and a Kobo .xlsx, which pandas reads with openpyxl), built
as a small project of their own around park.survey.yml.
The practice data gains one file in the data shape the web form downloads (response_id, mode, outcome, …,
one 0/1 column per tick-all option), with phone interviews, refusals and visits where nobody was at home:
pandas counts it too, and the page must count its phone responses by mode.
Without pandas the check is skipped, except under CI=true, where that is a failure.
"""
import glob
import re
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Tables(html.parser.HTMLParser):
    """Each <section class="results-question" id="q-ID">'s first table body, as (row label, People) pairs."""

    def __init__(self):
        super().__init__()
        self.section = None
        self.tables = {}
        self.in_body = False
        self.row = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "results-question" in (attrs.get("class") or ""):
            self.section = attrs["id"][2:]
            self.tables.setdefault(self.section, [])
        elif tag == "tbody" and self.section and not self.tables.get(self.section):
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.row = []
        elif self.in_body and tag in ("th", "td") and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "section":
            self.section = None
        if tag in ("th", "td") and self.cell is not None and self.row is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[self.section].append(self.row)
            self.row = None
        elif tag == "tbody" and self.in_body:
            self.in_body = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


BUILT_IN_LABELS = {"Yes": "yes", "No": "no", "Don't know": "dont_know", "Prefer not to say": "prefer_not_to_say",
                   "Other (please specify)": "other", "Strongly agree": "strongly_agree", "Agree": "agree",
                   "Neither agree nor disagree": "neither", "Disagree": "disagree", "Strongly disagree": "strongly_disagree"}


def labels_of(survey_path):
    """Row label → code for every question of a survey file."""
    import yaml  # noqa: E402 (pyyaml comes with pyxform)
    survey = yaml.safe_load(open(survey_path, encoding="utf-8"))
    lists = survey.get("choices", {})
    labels = {}
    for section in survey["sections"]:
        for q in section["questions"]:
            choices = q.get("choices")
            choices = lists.get(choices, []) if isinstance(choices, str) else choices or []
            english = lambda label: label.get("en") if isinstance(label, dict) else label
            labels[q["id"]] = {english(c["label"]): c["code"] for c in choices}
            labels[q["id"]].update(BUILT_IN_LABELS)
    return labels


def build(binary, work):
    run = subprocess.run([binary, "build", "--no-pdf", "--root", work, "--output", os.path.join(work, "site")],
                         capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stderr)
    return run.returncode == 0


def compare(page, data, labels, multiple, work):
    """(counts checked, failures) for every frequency table on the page against pandas' counts in data."""
    parser = Tables()
    parser.feed(open(page, encoding="utf-8").read())
    failures = 0
    checked = 0
    for question, rows in parser.tables.items():
        if question not in data.columns:
            continue
        for row in rows:
            if len(row) < 2 or row[0] not in labels.get(question, {}):
                if os.environ.get("CHECK_RESULTS_VERBOSE"):
                    print("not compared:", question, row)
                continue
            code = labels[question][row[0]]
            if question in multiple:
                truth = int(data[question].str.split().apply(lambda ticks: code in ticks).sum())
            else:
                truth = int((data[question] == code).sum())
            shown = row[1]
            checked += 1
            if shown == "hidden":
                continue
            if shown.startswith("fewer than"):
                ok = 1 <= truth < int(shown.split()[-1])
            else:
                ok = shown == str(truth)
            if not ok:
                failures += 1
                print(f"{question}={code}: page says {shown}, pandas counts {truth}")
    leaked = [p for p in glob.glob(os.path.join(work, "site", "**", "*.csv"), recursive=True) if "codebook" not in p]
    leaked += glob.glob(os.path.join(work, "site", "results", "**", "*.xlsx"), recursive=True)
    if leaked:
        failures += 1
        print(f"response files copied into the site: {leaked}")
    return checked, failures


def ungrouped(frame):
    """Group prefixes off ('park/q', 'park-q'); the one-column-per-option copies and metadata dropped."""
    names = []
    for column in frame.columns:
        parts = column.split("/")
        if len(parts) == 2 and "-" in parts[0] and parts[0].startswith("park-"):
            names.append("park-" + parts[0].split("-", 1)[1] + "/" + parts[1])  # ODK: 'park-q/code', an option column
        elif len(parts) == 2:
            names.append(parts[1])
        elif column.startswith("park-"):
            names.append(column.split("-", 1)[1])
        else:
            names.append(column)
    frame.columns = names
    metadata = {"start", "end", "today", "SubmissionDate", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
                "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"}
    return frame[[c for c in frame.columns if "/" not in c and not c.startswith("_") and not c.startswith("meta")
                  and c not in metadata]]


def data_shape_file(pd, paper_path, path):
    """Writes 20 phone interviews (copies of typed paper answers), 3 refusals and 4 empty houses in the
    web form's data shape; returns the number of phone responses that count (consent not "no")."""
    import yaml  # noqa: E402 (pyyaml comes with pyxform)
    survey = yaml.safe_load(open(os.path.join(ROOT, "toolkit-modules", "survey-design", "surveys", "neighbourhood.survey.yml")))
    lists = survey.get("choices", {})
    paper = pd.read_csv(paper_path, dtype=str, keep_default_na=False).head(20)
    header = ["response_id", "mode", "outcome", "start", "end", "volunteer_id", "form_number"]
    ticks = {}
    for section in survey["sections"]:
        for q in section["questions"]:
            if q.get("type") == "select_multiple":
                choices = q.get("choices")
                choices = lists.get(choices, []) if isinstance(choices, str) else choices or []
                ticks[q["id"]] = [c["code"] for c in choices] + (["other"] if q.get("other") else [])
    for column in paper.columns[1:]:
        header += [f"{column}/{code}" for code in ticks[column]] if column in ticks else [column]
    rows = []
    for n, answers in enumerate(paper.to_dict("records")):
        row = {"response_id": f"phone-{n}", "mode": "phone", "outcome": "completed", "form_number": f"T{n:03}"}
        for column, value in answers.items():
            if column in ticks:
                row.update({f"{column}/{code}": ("1" if code in value.split() else "0") if value else "" for code in ticks[column]})
            elif column != "response_id":
                row[column] = value
        rows.append(row)
    rows += [{"response_id": f"phone-refused-{n}", "mode": "phone", "outcome": "refused", "consent": "no"} for n in range(3)]
    rows += [{"response_id": f"phone-away-{n}", "mode": "phone", "outcome": "not_at_home"} for n in range(4)]
    pd.DataFrame(rows, columns=header).astype(object).fillna("").to_csv(path, index=False)
    return int((paper["consent"] != "no").sum())


def practice_data(pd, binary, work):
    # The project as it builds: its pages, modules and the preprocessors its site.yml runs.
    for folder in ("content", "toolkit-modules", "scripts/preprocessors"):
        shutil.copytree(os.path.join(ROOT, folder), os.path.join(work, folder))
    practice = os.path.join(ROOT, "practice-data", "clean")
    source = os.path.join(work, "responses")
    shutil.copytree(practice, source)
    phone = data_shape_file(pd, os.path.join(practice, "neighbourhood-survey", "paper-returns.csv"),
                            os.path.join(source, "neighbourhood-survey", "phone-calls.csv"))
    shutil.copytree(source, os.path.join(work, "results"))
    if not build(binary, work):
        return 0, 1
    frames = []
    for path in sorted(glob.glob(os.path.join(source, "neighbourhood-survey", "*.csv"))):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "outcome" in frame.columns:
            # The data shape: visits with nobody at home are not responses; 0/1 columns become tick lists.
            frame = frame[frame["outcome"] != "not_at_home"].copy()
            for question in sorted({c.split("/")[0] for c in frame.columns if "/" in c}):
                options = [c for c in frame.columns if c.startswith(question + "/")]
                frame[question] = frame[options].apply(
                    lambda row: " ".join(c.split("/")[1] for c in options if row[c] == "1"), axis=1)
                frame = frame.drop(columns=options)
        # KoboToolbox's group prefixes off; its one-column-per-option copies dropped.
        frame.columns = [c.split("/")[-1] if c.count("/") == 1 else c for c in frame.columns]
        frame = frame[[c for c in frame.columns if "/" not in c and not c.startswith("_") and c not in ("start", "end")]]
        frames.append(frame)
    data = pd.concat(frames, ignore_index=True)
    data = data[data["consent"] != "no"]
    # Typed paper forms use entry numbers for how long people have lived here.
    data["lived_here"] = data["lived_here"].replace({"1": "under_1", "2": "years_1_4", "3": "years_5_9", "4": "years_10_plus"})
    labels = labels_of(os.path.join(ROOT, "toolkit-modules", "survey-design", "surveys", "neighbourhood.survey.yml"))
    page = os.path.join(work, "site", "results", "neighbourhood-survey", "index.html")
    checked, failures = compare(page, data, labels, {"best_things", "improve", "give_views", "hear_news"}, work)
    shown = re.search(r'<th scope="row">Phone call</th><td>([^<]*)</td>', open(page, encoding="utf-8").read())
    checked += 1
    if not shown or shown.group(1) != str(phone):
        failures += 1
        print(f"phone responses: page says {shown.group(1) if shown else 'nothing'}, the file has {phone}")
    return checked, failures


def export_fixtures(pd, binary, work):
    fixtures = os.path.join(ROOT, "Tests", "ResultsTests", "Fixtures")
    os.makedirs(os.path.join(work, "content"))
    os.makedirs(os.path.join(work, "toolkit-modules", "park"))
    with open(os.path.join(work, "content", "site.yml"), "w") as out:
        out.write("title: Export check\nlanguage: en-GB\nlicence: CC-BY-4.0\nmodules: all\n")
    with open(os.path.join(work, "content", "index.md"), "w") as out:
        out.write("---\ntitle: Home\n---\n\nThe park survey's results.\n")
    with open(os.path.join(work, "toolkit-modules", "park", "module.yml"), "w") as out:
        out.write("id: park\ntitle: Park\nsummary: The park survey.\n")
    shutil.copy(os.path.join(fixtures, "park.survey.yml"), os.path.join(work, "toolkit-modules", "park", "park.survey.yml"))
    results = os.path.join(work, "results", "park-survey")
    os.makedirs(results)
    exports = os.path.join(fixtures, "exports")
    names = ["kobo-export.csv", "kobo-export.xlsx", "odk-central-export.csv"]
    for name in names:
        shutil.copy(os.path.join(exports, name), results)
    if not build(binary, work):
        return 0, 1
    frames = [
        pd.read_csv(os.path.join(exports, "kobo-export.csv"), sep=";", dtype=str, keep_default_na=False),
        pd.read_excel(os.path.join(exports, "kobo-export.xlsx"), dtype=str, keep_default_na=False),
        pd.read_csv(os.path.join(exports, "odk-central-export.csv"), dtype=str, keep_default_na=False),
    ]
    data = pd.concat([ungrouped(frame) for frame in frames], ignore_index=True).fillna("")
    data = data[data["consent"] != "no"]
    labels = labels_of(os.path.join(fixtures, "park.survey.yml"))
    page = os.path.join(work, "site", "results", "park-survey", "index.html")
    return compare(page, data, labels, {"liked"}, work)


def main():
    try:
        import pandas as pd
        import openpyxl  # noqa: F401 (pandas reads .xlsx with it)
    except ImportError:
        print("pandas or openpyxl is missing: pip install -r tests/requirements.txt")
        return 1 if os.environ.get("CI") == "true" else 0
    binary = os.environ.get("DOORSTEP_BIN") or os.path.join(ROOT, ".build", "debug", "doorstep")
    if not os.path.exists(binary):
        print(f"no doorstep binary at {binary}; run swift build")
        return 1
    failures = 0
    for name, check, least in (("practice data", practice_data, 50), ("export fixtures", export_fixtures, 15)):
        work = tempfile.mkdtemp()
        try:
            checked, failed = check(pd, binary, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if checked < least:
            failed += 1
            print(f"{name}: only {checked} counts found on the page")
        print(f"{name}: {checked} counts checked against pandas, {failed} failed")
        failures += failed
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
