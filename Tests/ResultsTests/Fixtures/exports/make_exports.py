#!/usr/bin/env python3
"""Writes the KoboToolbox and ODK Central export fixtures for park.survey.yml (made-up answers).

Run from this folder: python3 make_exports.py. The files are checked in; this script says how they were made.
Standard library only, so the .xlsx is written part by part, as a spreadsheet program writes one.
"""
import datetime
import random
import zipfile

rng = random.Random(12)
AGES = ["young", "middle", "older", "prefer_not_to_say"]
SCALE = ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "dont_know"]
LIKED = ["trees", "play", "cafe", "other"]
COMMENTS = ["More bins, please.", "Lovely, thank you", "The gate sticks; it needs oiling", ""]


def person(number):
    used = rng.random() < 0.75
    liked = [code for code in LIKED if rng.random() < 0.45]
    return {
        "consent": "yes",
        "used_park": "yes" if used else "no",
        "visits": str(rng.randint(1, 60)) if used else "",
        "feel_safe": rng.choice(SCALE) if used else "",
        "liked": liked,
        "liked_other": "The pond" if "other" in liked else "",
        "age": rng.choice(AGES),
        "comments": rng.choice(COMMENTS),
        "uuid": "%08x-%04x-4%03x-a%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                                                rng.getrandbits(12), rng.getrandbits(48)),
        "day": 3 + number // 4,
        "minute": 10 + number,
    }


def kobo_columns(sep):
    """KoboToolbox, "XML values and headers", groups included, select-multiple shown both ways."""
    q = lambda name: "park" + sep + name
    return (["start", "end", "today", q("consent"), q("used_park"), q("visits"), q("feel_safe"), q("liked")]
            + [q("liked") + "/" + code for code in LIKED]
            + [q("liked_other"), q("age"), q("comments"),
               "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by",
               "__version__", "_tags", "_index"])


def kobo_row(p, index):
    stamp = "2026-05-%02dT10:%02d:00" % (p["day"], p["minute"])
    ticks = ["1" if code in p["liked"] else "0" for code in LIKED]
    return ([stamp + ".000+01:00", stamp[:-2] + "45.000+01:00", "2026-05-%02d" % p["day"],
             p["consent"], p["used_park"], p["visits"], p["feel_safe"], " ".join(p["liked"])]
            + ticks
            + [p["liked_other"], p["age"], p["comments"],
               str(40000 + index), p["uuid"], stamp, "", "", "submitted_via_web", "", "vQpT6bLbzZqKXwYH2yP4Fa", "", str(index)])


def csv_cell(text, sep):
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in (sep, '"', "\n")) else text


def write_csv(path, header, rows, sep):
    with open(path, "w", encoding="utf-8", newline="") as out:
        for row in [header] + rows:
            out.write(sep.join(csv_cell(cell, sep) for cell in row) + "\r\n")


def kobo_csv(people):
    # KoboToolbox's CSV export separates fields with ';' by default.
    write_csv("kobo-export.csv", kobo_columns("/"), [kobo_row(p, i + 1) for i, p in enumerate(people)], ";")


def odk_csv(people):
    """ODK Central's CSV: groups joined with '-', select-multiple split into 'q/code' columns, metadata last."""
    header = (["SubmissionDate", "start", "end", "park-consent", "park-used_park", "park-visits", "park-feel_safe", "park-liked"]
              + ["park-liked/" + code for code in LIKED]
              + ["park-liked_other", "park-age", "park-comments", "meta-instanceID", "KEY", "SubmitterID", "SubmitterName",
                 "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"])
    rows = []
    for p in people:
        stamp = "2026-05-%02dT09:%02d:00.000Z" % (p["day"], p["minute"])
        rows.append([stamp, stamp, stamp, p["consent"], p["used_park"], p["visits"], p["feel_safe"], " ".join(p["liked"])]
                    + ["1" if code in p["liked"] else "0" for code in LIKED]
                    + [p["liked_other"], p["age"], p["comments"], "uuid:" + p["uuid"], "uuid:" + p["uuid"], "12", "Volunteer phone 2",
                       "0", "0", "", "", "collect:Xb3Kq9", "0", "2026050101"])
    write_csv("odk-central-export.csv", header, rows, ",")


def column_letters(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def kobo_xlsx(people):
    """KoboToolbox's "XLS" export is an .xlsx workbook: text in the shared-string table, numbers as numbers.
    Here 'today' is a day number in a date style, and the comments are inline strings, as other programs write them."""
    header = kobo_columns("/")
    strings, string_index = [], {}

    def shared(text):
        if text not in string_index:
            string_index[text] = len(strings)
            strings.append(text)
        return string_index[text]

    numeric = {"park/visits", "_id", "_index"} | {"park/liked/" + code for code in LIKED}
    rows_xml = []
    for r, row in enumerate([header] + [kobo_row(p, i + 1) for i, p in enumerate(people)], start=1):
        cells = []
        for c, value in enumerate(row):
            ref = column_letters(c) + str(r)
            name = header[c]
            if value == "":
                continue
            if r > 1 and name == "today":
                # Days since 1899-12-30: the 1900 date system's day numbers from March 1900 on.
                serial = (datetime.date.fromisoformat(value) - datetime.date(1899, 12, 30)).days
                cells.append('<c r="%s" s="1"><v>%d</v></c>' % (ref, serial))
            elif r > 1 and name in numeric:
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, value))
            elif r > 1 and name == "park/comments":
                cells.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(value)))
            else:
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, shared(value)))
        rows_xml.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % rel,
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="%s" xmlns:r="%s"><workbookPr/><sheets><sheet name="Park survey" sheetId="1" r:id="rId1"/></sheets></workbook>' % (main, rel),
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId3" Type="%s/styles" Target="styles.xml"/></Relationships>' % (rel, rel, rel),
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="%s"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>' % main,
        "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' % (
            main, len(strings), len(strings), "".join('<si><t xml:space="preserve">%s</t></si>' % escape(s) for s in strings)),
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (main, "".join(rows_xml)),
    }
    with zipfile.ZipFile("kobo-export.xlsx", "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            book.writestr(info, text)


people = [person(n) for n in range(34)]
kobo_csv(people[:12])
odk_csv(people[12:22])
kobo_xlsx(people[22:])
