#!/usr/bin/env python3
"""Cross-check a findings page against pandas reading the same response files.

Usage: check_results.py [SITE]   (SITE is ignored: the check builds its own copy of the project)

Copies content/ and toolkit-modules/ to a temporary project, puts practice-data/clean/ in as its results
folder, builds it with the doorstep binary ($DOORSTEP_BIN, else .build/debug/doorstep), then reads
site/results/neighbourhood-survey/index.html. Every count on the page must equal what pandas counts in
the CSV files; a count shown as "fewer than 5" must be from 1 to 4; no raw file may be in the site.
It adds one file in the data shape the web form downloads (response_id, mode, outcome, …, one 0/1 column
per tick-all option), with phone interviews, refusals and visits where nobody was at home: pandas counts
it too, and the page must count its phone responses by mode.
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


def main():
    try:
        import pandas as pd
    except ImportError:
        print("pandas is missing: pip install -r tests/requirements.txt")
        return 1 if os.environ.get("CI") == "true" else 0
    binary = os.environ.get("DOORSTEP_BIN") or os.path.join(ROOT, ".build", "debug", "doorstep")
    if not os.path.exists(binary):
        print(f"no doorstep binary at {binary}; run swift build")
        return 1
    work = tempfile.mkdtemp()
    try:
        # The project as it builds: its pages, modules and the preprocessors its site.yml runs.
        for folder in ("content", "toolkit-modules", "scripts/preprocessors"):
            shutil.copytree(os.path.join(ROOT, folder), os.path.join(work, folder))
        practice = os.path.join(ROOT, "practice-data", "clean")
        source = os.path.join(work, "responses")
        shutil.copytree(practice, source)
        phone = data_shape_file(pd, os.path.join(practice, "neighbourhood-survey", "paper-returns.csv"),
                                os.path.join(source, "neighbourhood-survey", "phone-calls.csv"))
        shutil.copytree(source, os.path.join(work, "results"))
        run = subprocess.run([binary, "build", "--no-pdf", "--root", work, "--output", os.path.join(work, "site")],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stderr)
            return 1
        page = os.path.join(work, "site", "results", "neighbourhood-survey", "index.html")
        parser = Tables()
        parser.feed(open(page, encoding="utf-8").read())

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
        codes = {"best_things": None, "improve": None, "give_views": None, "hear_news": None}
        failures = 0
        checked = 0
        labels = {}
        import yaml  # noqa: E402 (pyyaml comes with pyxform)
        survey = yaml.safe_load(open(os.path.join(ROOT, "toolkit-modules", "survey-design", "surveys", "neighbourhood.survey.yml")))
        lists = survey.get("choices", {})
        for section in survey["sections"]:
            for q in section["questions"]:
                choices = q.get("choices")
                choices = lists.get(choices, []) if isinstance(choices, str) else choices or []
                labels[q["id"]] = {c["label"]: c["code"] for c in choices}
                labels[q["id"]].update({"Yes": "yes", "No": "no", "Don't know": "dont_know", "Prefer not to say": "prefer_not_to_say",
                                        "Other (please specify)": "other", "Strongly agree": "strongly_agree", "Agree": "agree",
                                        "Neither agree nor disagree": "neither", "Disagree": "disagree", "Strongly disagree": "strongly_disagree"})
        for question, rows in parser.tables.items():
            if question not in data.columns:
                continue
            multiple = question in codes
            for row in rows:
                if len(row) < 2 or row[0] not in labels.get(question, {}):
                    continue
                code = labels[question][row[0]]
                if multiple:
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
        shown = re.search(r'<th scope="row">Phone</th><td>([^<]*)</td>', open(page, encoding="utf-8").read())
        checked += 1
        if not shown or shown.group(1) != str(phone):
            failures += 1
            print(f"phone responses: page says {shown.group(1) if shown else 'nothing'}, the file has {phone}")
        leaked = [p for p in glob.glob(os.path.join(work, "site", "**", "*.csv"), recursive=True) if "codebook" not in p]
        if leaked:
            failures += 1
            print(f"response files copied into the site: {leaked}")
        if checked < 50:
            failures += 1
            print(f"only {checked} counts found on the page")
        print(f"{checked} counts checked against pandas, {failures} failed")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
