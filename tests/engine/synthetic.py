"""Synthetic documents for volume tests: sentences written for armsflow, filled with catalogue names."""
from __future__ import annotations

import random

PAIRS = [("Russia", "Serbia"), ("China", "Serbia"), ("Turkey", "Poland"), ("France", "Greece"), ("Israel", "Azerbaijan"),
         ("South Korea", "Egypt"), ("the United States", "Taiwan"), ("Germany", "Ukraine"), ("Iran", "Venezuela"),
         ("India", "Armenia"), ("Sweden", "Colombia"), ("Pakistan", "Nigeria")]
SYSTEMS = ["MiG-29 fighter jets", "CH-92 drones", "Bayraktar TB2 drones", "Rafale fighters", "Harop loitering munitions",
           "K9 howitzers", "Javelin missiles", "IRIS-T air defence systems", "Mohajer-6 drones", "Pinaka rocket launchers",
           "Gripen fighters", "JF-17 jets"]
TEMPLATES = [
    "In {year}, {r} bought {n} {sys} from {s}.",
    "{s} delivered {n} {sys} to {r} in {year}, officials said.",
    "{r} signed a contract with {s} for {n} {sys} on {weekday}.",
    "{r} is reportedly interested in {s_adj} {sys}.",
]
ADJ = {"Russia": "Russian", "China": "Chinese", "Turkey": "Turkish", "France": "French", "Israel": "Israeli",
       "South Korea": "South Korean", "the United States": "American", "Germany": "German", "Iran": "Iranian",
       "India": "Indian", "Sweden": "Swedish", "Pakistan": "Pakistani"}
FILLER = [
    "The ministry published its annual report on the state of the armed forces.",
    "Parliament debated the budget for several hours before the vote.",
    "Analysts expect the economy to grow more slowly next year.",
    "The weather delayed the ceremony by two hours.",
    "A spokesman declined to comment on the schedule.",
]


def document(i: int, rng: random.Random) -> str:
    """Markdown with front matter; about one document in three reports no transfer at all."""
    day = 1 + i % 28
    lines = ["---", f"title: \"Synthetic report {i}\"", f"publisher: \"Wire {i % 7}\"",
             f"published: 2023-{1 + i % 12:02d}-{day:02d}", "---"]
    body = []
    for _ in range(rng.randint(3, 8)):
        body.append(rng.choice(FILLER))
    if i % 3:
        s, r = rng.choice(PAIRS)
        body.insert(rng.randint(0, len(body)), rng.choice(TEMPLATES).format(
            s=s, r=r, s_adj=ADJ[s], sys=rng.choice(SYSTEMS), n=rng.randint(2, 40), year=rng.randint(2015, 2022),
            weekday=rng.choice(["Monday", "Tuesday", "Friday"])))
    body.append(f"Reference number {i} closes this report.")     # every document distinct
    return "\n".join(lines + [" ".join(body)]) + "\n"


def write_corpus(folder, n: int, seed: int = 7) -> list:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"doc-{i:05d}.md"
        p.write_text(document(i, rng), encoding="utf-8")
        paths.append(p)
    return paths
