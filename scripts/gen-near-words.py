#!/usr/bin/env python3
"""Writes data/signals/near-words.json: the real English words one edit
from a one-word term's skeleton (`fishing` … `phishing` is two, `tracked`
… `cracked` one), which the near-miss reading (src/signals/near.rs) must
never take for the term.

The words are the alphabetic ASCII entries of wordfreq's 200,000 most
frequent English words (pip install wordfreq) and, where installed, of
SCOWL's large American list (apt-get install wamerican-large);
examples/near_words.rs
keeps those one edit from a term. Run it again after adding one-word
terms: python3 scripts/gen-near-words.py
"""
import importlib.metadata
import json
import pathlib
import subprocess

import wordfreq

ROOT = pathlib.Path(__file__).resolve().parent.parent
TOP = 200_000
# SCOWL's large American English list (Debian's wamerican-large), where
# installed: rarer words (bitnet, clacked, swotting) the frequency list
# lacks.
DICT = pathlib.Path("/usr/share/dict/american-english-large")


def main():
    words = [w for w in wordfreq.top_n_list("en", TOP) if w.isascii() and w.isalpha()]
    scowl = DICT.is_file()
    if scowl:
        words += [
            w.lower()
            for w in DICT.read_text(encoding="utf-8", errors="replace").split()
            if w.isascii() and w.isalpha()
        ]
    run = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "near_words"],
        input="\n".join(words) + "\n",
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    near = sorted({json.loads(line)["word"] for line in run.stdout.splitlines() if line})
    out = {
        "format": 1,
        "source": f"wordfreq {importlib.metadata.version('wordfreq')} (CC BY-SA 4.0 data): the alphabetic "
        f"words of top_n_list('en', {TOP})"
        + (" and of SCOWL's american-english-large (Debian wamerican-large)" if scowl else "")
        + " one edit from a one-word term's skeleton, by scripts/gen-near-words.py",
        "words": near,
    }
    path = ROOT / "data" / "signals" / "near-words.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(near)} words → {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
