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
import pathlib
import subprocess

import wordfreq

ROOT = pathlib.Path(__file__).resolve().parent.parent
TOP = 200_000
DICT = pathlib.Path("/usr/share/dict/american-english-large")
PATH = ROOT / "data" / "signals" / "glue.json"


def main():
    words = [w for w in wordfreq.top_n_list("en", TOP) if w.isascii() and w.isalpha()]
    if DICT.is_file():
        words += [
            w.lower()
            for w in DICT.read_text(encoding="utf-8", errors="replace").split()
            if w.isascii() and w.isalpha()
        ]
    run = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "glued_words"],
        input="\n".join(words) + "\n",
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    found = [json.loads(line) for line in run.stdout.splitlines() if line]
    for f in found:
        print(f"{f['word']}: {', '.join(f['terms'])}")
    data = json.loads(PATH.read_text(encoding="utf-8"))
    meant = set(data.get("meant", []))
    data["words"] = sorted({f["word"] for f in found} - meant)
    PATH.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(data['words'])} words → {PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
