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

from wordlists import ROOT, TOP, english_words, run_example


def main():
    words, scowl = english_words()
    near = sorted({f["word"] for f in run_example("near_words", words)})
    out = {
        "format": 1,
        "source": f"wordfreq {importlib.metadata.version('wordfreq')} (CC BY-SA 4.0 data): the alphabetic "
        f"words of top_n_list('en', {TOP})"
        + (" and of SCOWL's american-english-large (Debian wamerican-large)" if scowl else "")
        + " one edit from a one-word term's skeleton, by scripts/gen-near-words.py",
        "words": near,
    }
    path = ROOT / "data" / "signals" / "near-words.json"
    # The hand-kept names (abbreviations the word lists lack) stay.
    out["names"] = json.loads(path.read_text(encoding="utf-8")).get("names", [])
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(near)} words → {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
