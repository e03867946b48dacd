#!/usr/bin/env python3
"""Cross-check a findings page against pandas reading the same response files.

Usage: check_results.py [SITE]   (SITE is ignored: the check builds its own copy of the project)

Copies content/ and toolkit-modules/ to a temporary project, puts practice-data/clean/ in as its results
folder, builds it with the doorstep binary ($DOORSTEP_BIN, else .build/debug/doorstep), then reads
site/results/neighbourhood-survey/index.html. Every count on the page must equal what pandas counts in
the CSV files; a count shown as "fewer than 5" must be from 1 to 4; no raw file may be in the site.
Without pandas the check is skipped, except under CI=true, where that is a failure.
"""
import glob
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
        source = os.path.join(ROOT, "practice-data", "clean")
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
