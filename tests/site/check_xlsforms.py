#!/usr/bin/env python3
"""Convert every survey's XLSForm with pyxform (running ODK Validate) and check its skip logic.

Usage: check-xlsforms.py FOLDER...

Each FOLDER is a built site (its surveys/*/ folders are checked) or a folder of exports. Every X.xlsx is
converted with pyxform.xls2xform.convert(validate=True); the `relevant` of each field in the XForm, with
the `relevant` of the groups around it, must equal the expression recorded for that column in the survey's
JSON (X.json, or the only .json beside it): a completed visit, a "Yes" to consent, then its skip logic.
The response columns every row has (response_id, mode, outcome, start, end, volunteer_id, form_number)
must be fields of the XForm.
Prints "N passed, N failed" and exits 1 on any failure. Without pyxform or Java the check is skipped,
except under CI=true, where that is a failure.
"""
import glob
import json
import os
import re
import shutil
import sys
import warnings
import xml.etree.ElementTree as ET

XFORMS = "{http://www.w3.org/2002/xforms}"


def normalise(expression):
    """Make ${name} and pyxform's ' /data/group/name ' (or ' ../name ' inside a repeat) comparable, and ignore spacing."""
    text = re.sub(r"\$\{([A-Za-z_][\w.-]*)\}", r" \1 ", expression)
    text = re.sub(r"(?:current\(\)/)?(?:\.\./)+(?:[A-Za-z_][\w.-]*/)*([A-Za-z_][\w.-]*)", r" \1 ", text)
    text = re.sub(r"\s*/[A-Za-z_][\w.-]*(?:/[A-Za-z_][\w.-]*)+\s*", lambda m: " " + m.group(0).strip().split("/")[-1] + " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s*([(),])\s*", r"\1", text)
    return text


def conjuncts(expression):
    """The parts of an expression joined by a top-level 'and', each normalised, brackets round the whole removed."""
    text = re.sub(r"\s+", " ", expression or "").strip()
    while text.startswith("(") and matching_close(text) == len(text) - 1:
        text = text[1:-1].strip()
    if not text:
        return []
    parts, depth, quote, start = [], 0, None, 0
    for i, ch in enumerate(text):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and text.startswith(" and ", i):
            parts.append(text[start:i])
            start = i + 5
    parts.append(text[start:])
    if len(parts) == 1:
        return [normalise(parts[0])]
    return [c for part in parts for c in conjuncts(part)]


def matching_close(text):
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return i
    return -1


def survey_files(folders):
    """Pairs of (xlsx, json) to check."""
    pairs = []
    for folder in folders:
        survey_folders = sorted(glob.glob(os.path.join(folder, "surveys", "*", ""))) or [folder]
        for survey_folder in survey_folders:
            jsons = sorted(glob.glob(os.path.join(survey_folder, "*.json")))
            for xlsx in sorted(glob.glob(os.path.join(survey_folder, "*.xlsx"))):
                same_stem = os.path.splitext(xlsx)[0] + ".json"
                if os.path.exists(same_stem):
                    pairs.append((xlsx, same_stem))
                elif len(jsons) == 1:
                    pairs.append((xlsx, jsons[0]))
                else:
                    pairs.append((xlsx, None))
    return pairs


def check(convert, xlsx, json_path):
    """Returns a list of problems; empty when the survey passes."""
    if json_path is None:
        return ["no survey JSON beside the XLSForm to compare skip logic with"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = convert(xlsform=xlsx, validate=True)
    problems = ["pyxform warning: " + w for w in (result.warnings or [])]
    with open(json_path, encoding="utf-8") as handle:
        survey = json.load(handle)
    # A repeated section's columns (age_1, age_2 …) are one field in the XForm (age): compare that field.
    expected = {}
    for variable in survey.get("variables", []):
        if variable.get("role") in ("metadata", "repeat_count"):
            continue
        expected.setdefault(variable.get("xlsform_name") or variable["name"], variable.get("xlsform_relevant"))
    root = ET.fromstring(result.xform)
    binds = {bind.get("nodeset", ""): bind.get("relevant") for bind in root.iter(XFORMS + "bind")}
    if not binds:
        problems.append("the XForm has no binds")
    # A field is asked when it and every group around it are relevant.
    actual = {}
    for nodeset in binds:
        path = nodeset.split("/")
        parts = []
        for end in range(2, len(path) + 1):
            parts += conjuncts(binds.get("/".join(path[:end])))
        actual.setdefault(path[-1], parts)
    for name in [c["name"] for c in survey.get("columns", []) if c.get("kind") == "response"]:
        if name not in actual:
            problems.append(f"response column '{name}' is not a field of the XForm")
    for name, relevant in expected.items():
        if name not in actual:
            problems.append(f"column '{name}' has no bind in the XForm")
        elif sorted(conjuncts(relevant)) != sorted(actual[name]):
            problems.append(f"'{name}': XForm relevant {' and '.join(actual[name])!r} does not match the survey's {relevant!r}")
    return problems


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    in_ci = os.environ.get("CI", "").lower() == "true"
    pairs = survey_files(argv[1:])
    missing = []
    try:
        from pyxform.xls2xform import convert
    except ImportError:
        convert = None
        missing.append("pyxform (pip install pyxform)")
    if shutil.which("java") is None:
        missing.append("java (ODK Validate needs it)")
    if missing:
        print("check-xlsforms: missing " + " and ".join(missing), file=sys.stderr)
        if in_ci:
            print(f"0 passed, {len(pairs)} failed")
            return 1
        print(f"SKIPPED: XLSForm check not run. 0 passed, 0 failed, {len(pairs)} skipped")
        return 0
    passed = failed = 0
    for xlsx, json_path in pairs:
        try:
            problems = check(convert, xlsx, json_path)
        except Exception as error:  # pyxform and ODK Validate report problems as exceptions
            problems = [f"{type(error).__name__}: {error}".strip()]
        if problems:
            failed += 1
            print(f"FAIL {xlsx}")
            for problem in problems:
                print("  " + problem.replace("\n", "\n  "))
        else:
            passed += 1
            print(f"ok   {xlsx}")
    if not pairs:
        print("check-xlsforms: no .xlsx files found", file=sys.stderr)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or (in_ci and not pairs) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
