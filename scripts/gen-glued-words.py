#!/usr/bin/env python3
"""Fills `words` in data/signals/glue.json: the real English words that read
as a clear one-word term glued to the file's common words (`therapist` is
`the` + `rapist` where `the` glued before a term), which the glued reading
(src/signals/glued.rs) must never take for the term. Words in the file's
`meant` (real names that do signal the term, `pornhub`) stay off the list.

The words are the alphabetic ASCII entries of wordfreq's 200,000 most
frequent English words (pip install wordfreq) and, where installed, of
SCOWL's large American list (apt-get install wamerican-large);
examples/glued_words.rs keeps those that read as a glued term. Run it again
after changing the glue lists or adding one-word terms:
python3 scripts/gen-glued-words.py
"""
import json

from wordlists import ROOT, english_words, run_example

PATH = ROOT / "data" / "signals" / "glue.json"


def main():
    words, _ = english_words()
    found = run_example("glued_words", words)
    for f in found:
        print(f"{f['word']}: {', '.join(f['terms'])}")
    data = json.loads(PATH.read_text(encoding="utf-8"))
    meant = set(data.get("meant", []))
    data["words"] = sorted({f["word"] for f in found} - meant)
    PATH.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(data['words'])} words → {PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
