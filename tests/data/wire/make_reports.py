"""Writes reports.jsonl beside this file: short wire reports (a sentence or three each) of
events in Iraqi and Syrian towns, one per week of 2025, and second agencies' reports of four
of them (same day, place and toll, other words) that cross-article dedup merges. Fixtures of
the resume and concurrency tests (tests/test_crash_safety.py); run it to regenerate the file.
"""

import datetime as dt
import json
from pathlib import Path

# (template, ...) each a sentence or three, wire-report style; {town} in Iraq or Syria
T = [
 "Gunmen attacked an army checkpoint near {town} on Monday, killing {n} soldiers, a security official said. The attackers fled.",
 "A roadside bomb struck a police patrol in {town} on Tuesday, killing {n} policemen, police said.",
 "Islamic State militants kidnapped {n} shepherds near {town} on Wednesday, local officials said.",
 "An air strike hit a village near {town} on Thursday, killing {n} civilians, residents said.",
 "Hundreds of people protested in {town} on Friday against power cuts, witnesses said. The protest was peaceful.",
 "Clashes between government forces and militants near {town} on Saturday left {n} fighters dead, a military source said.",
 "A car bomb exploded at a market in {town} on Sunday, killing {n} people and wounding dozens, medics said.",
 "Security forces arrested {n} suspected militants in a raid in {town} on Monday, the interior ministry said.",
 "Mortar shells fell on a residential area of {town} on Tuesday, killing {n} civilians, a local official said.",
 "Unidentified gunmen shot dead {n} members of a local council in {town} on Wednesday, police said.",
]
IRAQ = ["Mosul", "Kirkuk", "Baquba", "Tikrit", "Ramadi", "Samarra", "Fallujah", "Basra", "Hilla", "Najaf"]
SYRIA = ["Deir ez-Zor", "Raqqa", "Aleppo", "Idlib", "Homs", "Daraa", "Hasakah", "Manbij", "Palmyra", "Hama"]
towns = IRAQ + SYRIA
start = dt.date(2025, 1, 6)  # a Monday
out = []
for k in range(76):
    t = T[k % len(T)]
    town = towns[(k * 7 + k // 20) % len(towns)]
    n = 2 + (k % 5)
    pub = start + dt.timedelta(days=7 * k + 1 + (k % len(T)) % 7)  # the day after the weekday named
    out.append({"id": f"w{k:03d}", "date": pub.isoformat(), "source": "Wire A",
                "title": f"{town}: report {k}", "text": t.format(town=town, n=n)})
# second agencies' reports of four of the events above (same day, place and toll; other words)
pairs = {
 3: "Civilians died in an air raid on a village close to {town} on Thursday; {n} were killed, according to residents.",
 11: "{n} police officers were killed on Tuesday when a bomb hidden by the road hit their patrol in {town}, officials said.",
 25: "Militants clashed with troops outside {town} on Saturday, and {n} fighters were killed, the army said.",
 36: "A car bomb killed {n} people at a busy market in {town} on Sunday, hospital sources said.",
}
for k, t in pairs.items():
    base = out[k]
    town = base["title"].split(":")[0]
    n = 2 + (k % 5)
    out.append({"id": f"x{k:03d}", "date": base["date"], "source": "Wire B",
                "title": f"{town}: second report of {k}", "text": t.format(town=town, n=n)})
with (Path(__file__).parent / "reports.jsonl").open("w", encoding="utf-8") as fh:
    for r in out:
        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(out))
