"""Write a synthetic kjtimeline dataset of N events, for the benchmark.

The records look like the real ones: three-language titles, summaries, facts, people, places,
related events and several sources each; the topics and eras are the bundled dataset's, so
filters behave as on real data. The same N and seed always give the same file.

    python benchmarks/generate.py 100000 /tmp/kj-100k.json
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from kjtimeline.codes import KINDS, PLOVER_QUADS
from kjtimeline.load import load_bundled
from kjtimeline.models import plain

WORDS = [
    "treaty", "summit", "talks", "agreement", "court", "ruling", "visit", "statement", "apology", "fisheries",
    "export", "controls", "minister", "envoy", "protest", "memorial", "textbook", "island", "trade", "security",
    "dialogue", "normalization",
]  # fmt: skip
KO_WORDS = [
    "조약", "정상회담", "회담", "협정", "법원", "판결", "방문", "성명", "사과", "어업", "수출", "규제", "장관",
    "특사", "항의", "기념", "교과서", "섬", "무역", "안보", "대화", "정상화",
]  # fmt: skip
JA_WORDS = [
    "条約", "首脳会談", "会談", "協定", "裁判所", "判決", "訪問", "声明", "謝罪", "漁業", "輸出", "規制", "大臣",
    "特使", "抗議", "記念", "教科書", "島", "貿易", "安全保障", "対話", "正常化",
]  # fmt: skip
"""WORDS in Korean and Japanese: titles are words of a language, as the English ones are. Random
syllables gave the full-text index about a hundred new terms an event, which no real text does."""
HANGUL = [chr(c) for c in range(0xAC00, 0xAC00 + 400)]
KANA = [chr(c) for c in range(0x30A2, 0x30F3)]
"""Names of people: sounds, not words."""


def _phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def _chars(rng: random.Random, alphabet: list[str], n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def generate(count: int, seed: int = 1965) -> dict[str, object]:
    rng = random.Random(seed)
    base = load_bundled()
    topics = [plain(t) for t in base.topics]
    eras = [plain(e) for e in base.eras]
    source_count = max(10, count // 4)
    sources = [
        {"id": f"s{n}", "title": _phrase(rng, 6), "publisher": rng.choice(["Yonhap", "Kyodo", "MOFA", "Encyclopedia"]),
         "url": f"https://example.org/news/{n}", "date": f"{rng.randint(1950, 2025)}-{rng.randint(1, 12):02d}"}
        for n in range(source_count)
    ]  # fmt: skip
    people = [
        {"id": f"p{n}", "name": {"en": _phrase(rng, 2), "ko": _chars(rng, HANGUL, 3), "ja": _chars(rng, KANA, 3)},
         "country": rng.choice(["KOR", "JPN"]), "born": str(rng.randint(1850, 1980)), "died": None, "offices": [],
         "sources": [f"s{rng.randrange(source_count)}"]}
        for n in range(200)
    ]  # fmt: skip
    events = []
    for n in range(count):
        year = rng.randint(1876, 2025)
        start = rng.choice(
            [f"{year}", f"{year}-{rng.randint(1, 12):02d}", f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"]
        )
        tone = rng.choice(list(PLOVER_QUADS))
        events.append({
            "id": f"e{n}", "start": start, "end": None, "key_dates": [], "date_note": None,
            "title": {"en": _phrase(rng, 7), "ko": " ".join(rng.choices(KO_WORDS, k=5)),
                      "ja": "の".join(rng.choices(JA_WORDS, k=4))},
            "summary": _phrase(rng, 40) + ".", "significance": _phrase(rng, 20) + ".",
            "topics": rng.sample([t["id"] for t in topics], 2), "tags": rng.sample(WORDS, 2),
            "kind": rng.choice(KINDS), "people": [f"p{rng.randrange(200)}" for _ in range(2)],
            "places": ["Seoul", "Tokyo"][: rng.randint(1, 2)], "related": [f"e{rng.randrange(n)}"] if n else [],
            "facts": [_phrase(rng, 12) + "."], "tone": tone, "actor": "JPN", "recipient": "KOR",
            "plover": rng.choice(PLOVER_QUADS[tone]), "sources": [f"s{rng.randrange(source_count)}" for _ in range(2)],
        })  # fmt: skip
    return {
        "schema_version": 1, "title": f"Synthetic dataset of {count} events", "license": "CC0-1.0",
        "topics": topics, "eras": eras, "people": people, "events": events, "quotes": [], "sources": sources,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=1965)
    arguments = parser.parse_args()
    with arguments.output.open("w", encoding="utf-8") as stream:
        json.dump(generate(arguments.count, arguments.seed), stream, ensure_ascii=False)


if __name__ == "__main__":
    main()
