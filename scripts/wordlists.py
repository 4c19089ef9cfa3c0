"""The English word lists the data generators check (scripts/gen-near-words.py,
scripts/gen-glued-words.py): the alphabetic ASCII entries of wordfreq's
200,000 most frequent English words (pip install wordfreq) and, where
installed, of SCOWL's large American list (apt-get install wamerican-large),
and a helper that runs a cargo example over them."""
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


def english_words():
    """The words, and whether SCOWL's list was among them."""
    words = [w for w in wordfreq.top_n_list("en", TOP) if w.isascii() and w.isalpha()]
    scowl = DICT.is_file()
    if scowl:
        words += [
            w.lower()
            for w in DICT.read_text(encoding="utf-8", errors="replace").split()
            if w.isascii() and w.isalpha()
        ]
    return words, scowl


def run_example(name, words):
    """The JSON lines `cargo run --release --example NAME` prints for the
    words on its standard input."""
    run = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", name],
        input="\n".join(words) + "\n",
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return [json.loads(line) for line in run.stdout.splitlines() if line]
