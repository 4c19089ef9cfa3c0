#!/usr/bin/env python3
"""Trains the resemblance model (data/signals/model.json) on the labelled
corpus (tests/corpus/*.jsonl): a multinomial logistic regression over the
skeleton words and word pairs of each row, as src/signals/model.rs reads
them (the tokens come from `cargo run --example words`, so training and the
engine read text through the same normaliser).

Needs scikit-learn (pip install scikit-learn); not run by ./scripts/test.
Prints a 5-fold cross-validation (benign rows flagged, paraphrase recall)
before writing the file.

    cargo build -q --example words && python3 scripts/train-model.py
"""
import json, math, os, subprocess, sys
import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORDS = os.path.join(ROOT, 'target/debug/examples/words')
C = 30.0            # inverse regularisation strength
THRESHOLD = 0.85    # probability a class needs for a finding
CUT = 0.5           # weights smaller than this are dropped (size)
PARAPHRASE = {'paraphrase', 'held_out_probe', 'listing_blurb', 'buried_in_listing', 'spec_sheet',
              'tiers_job_ads', 'disclaimer_cover', 'slang_homophone', 'calque', 'real_listing'}

def tokens(texts):
    inp = ''.join(t.replace('\n', ' ').replace('\r', ' ') + '\n' for t in texts)
    out = subprocess.run([WORDS], input=inp.encode(), capture_output=True, check=True).stdout.decode()
    lines = out.splitlines()
    assert len(lines) == len(texts)
    return [json.loads(l) for l in lines]

def is_feature_word(w):
    """A one-letter Latin word (`a`, the `s` of "it's") is not a feature;
    a CJK character is (as in model.rs)."""
    return len(w) > 1 or not w.isascii()

def features(sentences):
    """Words and adjacent pairs within each sentence; the scale every
    present feature counts (as in model.rs)."""
    f, n = set(), 0
    for s in sentences:
        n += len(s)
        f.update(w for w in s if is_feature_word(w))
        f.update(a + ' ' + b for a, b in zip(s, s[1:]))
    return f, 1 / math.sqrt(n + 1)

def main():
    rows = [json.loads(l) for f in ('probes.jsonl', 'signals.jsonl')
            for l in open(os.path.join(ROOT, 'tests/corpus', f), encoding='utf-8')]
    y = np.array([r.get('expect') or 'benign' for r in rows])
    vocab, r_, c_, v_ = {}, [], [], []
    for i, s in enumerate(tokens([r['text'] for r in rows])):
        f, scale = features(s)
        for x in sorted(f):
            j = vocab.setdefault(x, len(vocab))
            r_.append(i); c_.append(j); v_.append(scale)
    X = csr_matrix((v_, (r_, c_)), shape=(len(rows), len(vocab)))
    model = lambda: LogisticRegression(C=C, max_iter=5000, class_weight='balanced')

    ben = [i for i in range(len(rows)) if y[i] == 'benign']
    par = [i for i in range(len(rows)) if y[i] != 'benign' and rows[i].get('technique') in PARAPHRASE]
    best = {}
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=1).split(X, y):
        m = model().fit(X[tr], y[tr])
        cls = list(m.classes_)
        for i, p in zip(te, m.predict_proba(X[te])):
            best[i] = max((pp, c) for pp, c in zip(p, cls) if c != 'benign')
    fp = sum(best[i][0] >= THRESHOLD for i in ben)
    rc = sum(best[i][0] >= THRESHOLD and best[i][1] == y[i] for i in par)
    print(f'5-fold CV at {THRESHOLD}: benign rows flagged {fp}/{len(ben)} ({100*fp/len(ben):.2f}%), '
          f'paraphrase rows found {rc}/{len(par)} ({100*rc/len(par):.1f}%)')

    m = model().fit(X, y)
    names = sorted(vocab, key=vocab.get)
    weights = {}
    for j, name in enumerate(names):
        ws = []
        for k, w in enumerate(m.coef_[:, j]):
            if abs(w) >= CUT:
                ws += [k, round(float(w), 2)]
        if ws:
            weights[name] = ws
    out = {
        'format': 1,
        'note': 'Resemblance model (src/signals/model.rs): multinomial logistic regression over '
                'skeleton words and adjacent word pairs, trained by scripts/train-model.py on '
                'tests/corpus. Each feature lists class index, weight pairs.',
        'threshold': THRESHOLD,
        'classes': list(m.classes_),
        'bias': [round(float(b), 3) for b in m.intercept_],
        'weights': dict(sorted(weights.items())),
    }
    path = os.path.join(ROOT, 'data/signals/model.json')
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False, separators=(',', ':'))
        f.write('\n')
    print(f'{len(weights)} features, {sum(len(v) // 2 for v in weights.values())} weights -> {path}')

if __name__ == '__main__':
    main()
