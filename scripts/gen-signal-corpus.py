#!/usr/bin/env python3
"""Generates tests/corpus/signals.jsonl, the labelled corpus the signal
engine is measured on (tests/signals.rs prints per-class recall and
false-positive rate).

Positives: every seed of tests/corpus/seeds.json in two disguises, chosen
deterministically from the evasion techniques below, applied to the
[bracketed] wording. Negatives: every benign seed as written, plus a share
in upper case or fullwidth (normalisation must not create hits).
Hand-written probes, real listings and look-alikes live in
tests/corpus/probes.jsonl, which this script does not touch.

    pip install zhconv && python3 scripts/gen-signal-corpus.py
"""
import json
import pathlib
import random

import zhconv

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "corpus" / "seeds.json"
OUT = ROOT / "tests" / "corpus" / "signals.jsonl"

LEET = {"a": "4@", "e": "3", "i": "1!", "o": "0", "s": "5$", "t": "7", "l": "1", "g": "9", "b": "8"}
HOMOGLYPH = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і", "k": "κ", "h": "һ", "s": "ѕ", "j": "ј", "n": "ո", "r": "г"}
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
SEPARATORS = [" ", ".", "-", "_", "*", " . "]


def leet(rng, w):
    out = []
    for c in w:
        opts = LEET.get(c.lower())
        out.append(rng.choice(opts) if opts and rng.random() < 0.6 else c)
    return "".join(out)


def homoglyph(rng, w):
    return "".join(HOMOGLYPH[c] if c in HOMOGLYPH and rng.random() < 0.7 else c for c in w)


def spaced(rng, w):
    sep = rng.choice(SEPARATORS)
    return sep.join(c for c in w if c != " ")


def zero_width(rng, w):
    out = []
    for i, c in enumerate(w):
        out.append(c)
        if i < len(w) - 1 and c != " " and rng.random() < 0.5:
            out.append(rng.choice(ZERO_WIDTH))
    return "".join(out)


def repeated(rng, w):
    letters = [i for i, c in enumerate(w) if c.isalpha()]
    picks = set(rng.sample(letters, min(2, len(letters))))
    return "".join(c * rng.randint(2, 4) if i in picks else c for i, c in enumerate(w))


def fullwidth(rng, w):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in w)


def math_bold(rng, w):
    def m(c):
        if "a" <= c <= "z":
            return chr(0x1D41A + ord(c) - ord("a"))
        if "A" <= c <= "Z":
            return chr(0x1D400 + ord(c) - ord("A"))
        return c
    return "".join(m(c) for c in w)


def diacritics(rng, w):
    marks = ["\u0301", "\u0308", "\u0300", "\u0303", "\u030c"]
    return "".join(c + rng.choice(marks) if c.isalpha() and rng.random() < 0.5 else c for c in w)


def mixed_case(rng, w):
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in w)


def bidi(rng, w):
    mid = max(1, len(w) // 2)
    return w[:mid] + "\u202e\u202c" + w[mid:]


def leet_spaced(rng, w):
    return spaced(rng, leet(rng, w))


def homoglyph_zero_width(rng, w):
    return zero_width(rng, homoglyph(rng, w))


EN = [leet, homoglyph, spaced, zero_width, repeated, fullwidth, math_bold, diacritics, mixed_case, bidi, leet_spaced, homoglyph_zero_width]


def zh_spaced(rng, w):
    return rng.choice([" ", "·", "*", "-", "、", " "]).join(w)


def zh_traditional(rng, w):
    return zhconv.convert(w, "zh-hant")


def zh_zero_width(rng, w):
    return zero_width(rng, w)


def zh_traditional_spaced(rng, w):
    return zh_spaced(rng, zh_traditional(rng, w))


def zh_fullwidth_mix(rng, w):
    return fullwidth(rng, w)


ZH = [zh_spaced, zh_traditional, zh_zero_width, zh_traditional_spaced, bidi, zh_fullwidth_mix]


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def disguise(rng, seed, transform):
    """Applies `transform` to every [bracketed] part; returns text and the
    UTF-16 spans of the disguised parts."""
    text, spans, rest = "", [], seed
    while "[" in rest:
        before, _, tail = rest.partition("[")
        word, _, rest = tail.partition("]")
        text += before
        start = utf16_len(text)
        text += transform(rng, word)
        spans.append([start, utf16_len(text)])
    return text + rest, spans


def main():
    seeds = json.loads(SEEDS.read_text(encoding="utf-8"))
    rng = random.Random(20261123)
    rows = []
    for cls, by_lang in seeds["positives"].items():
        for lang, sentences in by_lang.items():
            techniques = EN if lang == "en" else ZH
            for n, seed in enumerate(sentences):
                picks = rng.sample(techniques, 2)
                for t in picks:
                    text, spans = disguise(rng, seed, t)
                    rows.append({"text": text, "lang": lang, "expect": cls, "technique": t.__name__, "spans": spans})
    for lang, sentences in seeds["negatives"].items():
        for n, text in enumerate(sentences):
            rows.append({"text": text, "lang": lang, "expect": None, "technique": "plain", "spans": []})
            if n % 4 == 0:
                variant = text.upper() if lang == "en" else fullwidth(rng, text)
                rows.append({"text": variant, "lang": lang, "expect": None, "technique": "upper" if lang == "en" else "fullwidth", "spans": []})
    with OUT.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    pos = sum(1 for r in rows if r["expect"])
    print(f"{pos} positives, {len(rows) - pos} negatives -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
