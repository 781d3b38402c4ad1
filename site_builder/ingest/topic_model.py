"""A fitted topic model: one-vs-rest logistic regression over a story's words, read in pure Python.

The weights are in data/topic_model.json.gz, written by scripts/fit_topic_model.py (which needs
scikit-learn; ingest does not). For every IPTC code the model gives the probability that a story
is about it; topics.py adds `blend` x (probability - `offset`) to the lexicon's score for the
topic, so the model tips close calls, lifts a topic whose words the lexicon lacks and drops a
second topic that only a passing word gave.

Features (`features`, shared with the fitting script so both see the same thing): the story's
lower-cased words (letters only, two or more) and, in Chinese, Japanese or Korean, its pairs of
characters, each counted `lede_weight` times in the lede (the CJK lede is a third as many
characters, as in topics.py), then 1 + log(count), scaled to unit length.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["MODEL_PATH", "TopicModel", "default_model", "features"]

MODEL_PATH = Path(__file__).with_name("data") / "topic_model.json.gz"
_WORD = re.compile(r"[^\W\d_]{2,}(?:['’][^\W\d_]+)*")
# Han, kana and Hangul runs are not words: a whole Chinese sentence would be one "word".
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")


def features(text: str, lede_chars: int, lede_weight: float) -> dict[str, float]:
    """Word -> weight: counts (lede words count lede_weight), 1 + log(count), unit length."""
    counts: dict[str, float] = {}
    rest = len(text)
    for match in _WORD.finditer(text):
        if match.start() >= lede_chars:
            rest = match.start()
            break
        word = match.group().lower()
        counts[word] = counts.get(word, 0.0) + lede_weight
    # The body's words are counted by Counter (in C): the same words finditer would go on to give.
    for word, n in Counter(_WORD.findall(text, rest)).items():
        word = word.lower()
        counts[word] = counts.get(word, 0.0) + n
    if _CJK.search(text):
        # Chinese and Japanese have no spaces: their features are character pairs, not runs.
        counts = {w: c for w, c in counts.items() if not _CJK.search(w)}
        for run in _CJK_RUN.finditer(text):
            weight = lede_weight if run.start() < lede_chars // 3 else 1.0
            chars = run.group()
            for i in range(len(chars) - 1):
                pair = chars[i:i + 2]
                counts[pair] = counts.get(pair, 0.0) + weight
    values = {w: 1.0 + math.log(c) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
    return {w: v / norm for w, v in values.items()}


@dataclass(frozen=True, slots=True)
class TopicModel:
    codes: tuple[str, ...]                               # IPTC codes, in the weights' order
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[tuple[int, float], ...]]  # word -> ((code index, weight), ...)
    blend: float                                          # lexicon points per unit of probability
    offset: float                                         # probability that neither adds nor takes
    lede_chars: int
    lede_weight: float

    @classmethod
    def from_json(cls, data: dict) -> "TopicModel":
        codes = tuple(data["codes"])
        weights = {w: tuple((int(k), float(v)) for k, v in pairs) for w, pairs in data["weights"].items()}
        if len(data["bias"]) != len(codes) or any(k >= len(codes) for p in weights.values() for k, _ in p):
            raise ValueError("topic model: weights do not match its codes")
        return cls(codes, tuple(float(b) for b in data["bias"]), weights, float(data["blend"]),
                   float(data["offset"]), int(data["lede_chars"]), float(data["lede_weight"]))

    def probabilities(self, text: str) -> dict[str, float]:
        """IPTC code -> probability that the story is about it; {} when the model knows none of
        its words (a Chinese story: its priors alone would only pull every topic down)."""
        logits = list(self.bias)
        weights = self.weights
        known = False
        for word, value in features(text, self.lede_chars, self.lede_weight).items():
            pairs = weights.get(word)
            if pairs:
                known = True
                for k, w in pairs:
                    logits[k] += w * value
        if not known:
            return {}
        return {code: 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) for code, z in zip(self.codes, logits)}


@lru_cache(maxsize=1)
def default_model() -> TopicModel | None:
    """The shipped model, or None when the file is absent (the lexicon then decides alone)."""
    if not MODEL_PATH.is_file():
        return None
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as handle:
        return TopicModel.from_json(json.load(handle))
