#!/usr/bin/env python3
"""Makes the made-up practice answers to the neighbourhood survey. Nobody real gave these answers.

The mix copies two things the Clubmoor report (2020) said about its own sample: too many middle-aged
women, and too few people from Black, Asian and other minority ethnic groups. Run it again and it writes
the same files (the random numbers are seeded).
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(2020)

VARIABLES = ["consent", "lived_here", "best_things", "best_things_other", "improve", "improve_other", "recommend",
             "change_5yrs", "why_change", "pandemic_spirit", "belong", "give_views", "give_views_other", "hear_news",
             "hear_news_other", "internet_home", "age_band", "sex", "ethnic_group", "anything_else"]
GROUPS = {"consent": "taking_part", "lived_here": "your_area", "best_things": "your_area", "best_things_other": "your_area",
          "improve": "your_area", "improve_other": "your_area", "recommend": "your_area", "change_5yrs": "your_area",
          "why_change": "your_area", "pandemic_spirit": "community_spirit", "belong": "community_spirit",
          "give_views": "keeping_in_touch", "give_views_other": "keeping_in_touch", "hear_news": "keeping_in_touch",
          "hear_news_other": "keeping_in_touch", "internet_home": "keeping_in_touch", "age_band": "about_you",
          "sex": "about_you", "ethnic_group": "about_you", "anything_else": "last_word"}
CHANNELS = ["door_step", "paper", "phone", "text_message", "email", "social_media", "online", "meetings"]
BEST = ["green_spaces", "community", "neighbours", "shops", "transport", "schools", "quiet", "family"]
IMPROVE = ["less_crime", "less_asb", "things_to_do", "youth", "clean_streets", "traffic", "services", "council_contact"]
AGREE = ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "dont_know"]


def pick(weights):
    codes, w = zip(*weights.items())
    return rng.choices(codes, w)[0]


def ticks(codes, weights, other_text=None):
    chosen = [c for c, w in zip(codes, weights) if rng.random() < w]
    if not chosen:
        chosen = [codes[0]]
    other = ""
    if other_text and rng.random() < 0.08:
        chosen.append("other")
        other = rng.choice(other_text)
    return " ".join(chosen), other


def person(online):
    row = dict.fromkeys(VARIABLES, "")
    row["consent"] = "yes"
    row["lived_here"] = pick({"under_1": 2, "years_1_4": 6, "years_5_9": 8, "years_10_plus": 30})
    row["best_things"], row["best_things_other"] = ticks(BEST, [0.6, 0.55, 0.4, 0.3, 0.25, 0.2, 0.15, 0.35],
                                                         ["The library", "The church hall"])
    row["improve"], row["improve_other"] = ticks(IMPROVE, [0.5, 0.55, 0.45, 0.4, 0.35, 0.15, 0.2, 0.25],
                                                 ["Fix the potholes", "More bins"])
    row["recommend"] = pick({"yes": 34, "no": 8, "dont_know": 6})
    row["change_5yrs"] = pick({"better": 8, "same": 28, "worse": 6, "dont_know": 6})
    if row["change_5yrs"] in ("better", "worse"):
        row["why_change"] = rng.choice(["", "The new play area.", "More litter than before.", "Shops have closed."])
    row["pandemic_spirit"] = pick(dict(zip(AGREE, [12, 18, 9, 4, 2, 3])))
    row["belong"] = pick(dict(zip(AGREE, [14, 17, 8, 5, 2, 2])))
    row["give_views"], row["give_views_other"] = ticks(CHANNELS, [0.5, 0.4, 0.2, 0.2, 0.25, 0.4 if online else 0.1, 0.4 if online else 0.1, 0.3])
    row["hear_news"], row["hear_news_other"] = ticks(CHANNELS, [0.2, 0.5, 0.1, 0.3, 0.3, 0.5 if online else 0.1, 0.3, 0.25])
    row["internet_home"] = "yes" if online or rng.random() < 0.6 else "no"
    row["age_band"] = pick({"age_16_24": 2, "age_25_34": 4, "age_35_44": 7, "age_45_54": 13, "age_55_64": 11,
                            "age_65_74": 6, "age_75_plus": 3, "prefer_not_to_say": 2})
    row["sex"] = pick({"female": 33, "male": 13, "prefer_not_to_say": 2})
    row["ethnic_group"] = pick({"white": 44, "black": 1, "mixed": 1, "asian": 1, "prefer_not_to_say": 1})
    if rng.random() < 0.3:
        row["anything_else"] = rng.choice(["Thank you for asking.", "Please do something about the alley behind my house."])
    return row


def entries(row):
    """Paper returns are typed in as the codebook's entry numbers where the team found that quicker."""
    numbered = dict(row)
    lived = ["under_1", "years_1_4", "years_5_9", "years_10_plus"]
    numbered["lived_here"] = str(lived.index(row["lived_here"]) + 1) if row["lived_here"] else ""
    return numbered


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


web = [person(True) for _ in range(20)]
web[5] = dict.fromkeys(VARIABLES, "") | {"consent": "no"}
web[13] = dict.fromkeys(VARIABLES, "") | {"consent": "no"}
paper = [person(False) for _ in range(16)]
kobo = [person(False) for _ in range(12)]

clean = os.path.join(HERE, "clean", "neighbourhood-survey")
write(os.path.join(clean, "web-form.csv"), VARIABLES, [[r[v] for v in VARIABLES] for r in web])
write(os.path.join(clean, "paper-returns.csv"), ["response_id"] + VARIABLES,
      [[f"P{n + 1:03d}"] + [entries(r)[v] for v in VARIABLES] for n, r in enumerate(paper)])

kobo_header = ["start", "end"]
for v in VARIABLES:
    kobo_header.append(f"{GROUPS[v]}/{v}")
    if v in ("best_things", "improve", "give_views", "hear_news"):
        codes = {"best_things": BEST, "improve": IMPROVE}.get(v, CHANNELS) + ["other"]
        kobo_header += [f"{GROUPS[v]}/{v}/{c}" for c in codes]
kobo_header += ["meta/instanceID", "_id", "_uuid", "_submission_time", "_validation_status", "_index"]
kobo_rows = []
for n, r in enumerate(kobo):
    uid = f"{rng.getrandbits(128):032x}"
    uid = f"{uid[:8]}-{uid[8:12]}-{uid[12:16]}-{uid[16:20]}-{uid[20:]}"
    line = [f"2026-09-{n + 1:02d}T10:00:00.000+01:00", f"2026-09-{n + 1:02d}T10:09:00.000+01:00"]
    for v in VARIABLES:
        line.append(r[v])
        if v in ("best_things", "improve", "give_views", "hear_news"):
            codes = {"best_things": BEST, "improve": IMPROVE}.get(v, CHANNELS) + ["other"]
            chosen = r[v].split()
            line += ["1" if c in chosen else "0" for c in codes]
    line += [f"uuid:{uid}", str(300 + n), uid, f"2026-09-{n + 1:02d}T09:10:00", "", str(n + 1)]
    kobo_rows.append(line)
write(os.path.join(clean, "kobo-export.csv"), kobo_header, kobo_rows)

# The same paper returns with five mistakes to find, for the exercise.
mistakes = [[f"P{n + 1:03d}"] + [entries(r)[v] for v in VARIABLES] for n, r in enumerate(paper)]
header = ["response_id"] + VARIABLES + ["notes"]
for line in mistakes:
    line.append("")
col = header.index
mistakes[2][col("lived_here")] = "7"                      # not an entry number of the question
mistakes[4][col("change_5yrs")] = "same"
mistakes[4][col("why_change")] = "Nothing much."          # skip logic hid this question
mistakes[6][col("consent")] = ""                          # required answer missing
mistakes[9][0] = "P009"                                   # the same id as another form
mistakes[11][col("notes")] = "Typed in by Sam"            # a column the survey does not have
write(os.path.join(HERE, "mistakes", "neighbourhood-survey", "paper-returns.csv"), header, mistakes)
