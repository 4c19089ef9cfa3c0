//! The resemblance model: a linear classifier over the skeleton words of a
//! sentence that says which prohibited kind a sentence *resembles* when no
//! vocabulary term matched it (a paraphrase: "mirrors every SMS to a
//! dashboard only we can see; the owner is never told").
//!
//! Features are the sentence's words and pairs of adjacent words, read from
//! the same skeleton as the vocabulary (so leetspeak, homoglyphs and
//! separators are already folded); each present feature counts
//! `1/sqrt(words + 1)`. A class's score is its bias plus the weights of the
//! present features, and the softmax of the scores is its probability.
//! Weights are data (`data/signals/model.json`), trained by
//! `scripts/train-model.py` on the labelled corpus in `tests/corpus/`.

use super::normalize::Normalized;

/// The words of each sentence of a skeleton, in order (a CJK ideograph is
/// a word of its own).
pub fn sentences(norm: &Normalized) -> Vec<Vec<String>> {
    sentence_words(norm, |_| false)
        .into_iter()
        .map(|s| s.words)
        .collect()
}

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use super::Class;

const MODEL_JSON: &str = include_str!("../../data/signals/model.json");

/// The model file as stored.
#[derive(Debug, Deserialize)]
struct ModelFile {
    threshold: f32,
    /// Class names, `benign` among them, in the order of `bias`.
    classes: Vec<String>,
    bias: Vec<f32>,
    /// Per feature: class index, weight, class index, weight, …
    weights: HashMap<String, Vec<f32>>,
}

/// The model, compiled.
#[derive(Debug)]
pub struct Model {
    /// Probability a class needs for a finding.
    pub threshold: f32,
    /// The class of each score (`None`: benign).
    classes: Vec<Option<Class>>,
    bias: Vec<f32>,
    weights: HashMap<Box<str>, Box<[(u8, f32)]>>,
}

/// One sentence the model finds resembling a prohibited kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Resemblance {
    /// The kind.
    pub class: Class,
    /// Its probability.
    pub probability: f32,
    /// The sentence's skeleton units.
    pub units: Range<usize>,
    /// The features that weigh most towards the class, heaviest first.
    pub evidence: Vec<String>,
}

/// Fewest words a sentence needs for the model to read it (a CJK
/// character is a word).
const MIN_WORDS: usize = 6;

/// Most features named as evidence.
const EVIDENCE: usize = 4;

impl Model {
    /// Parses the model file; a problem is reported, never a panic.
    pub fn parse(json: &str) -> Result<Model, String> {
        let file: ModelFile = serde_json::from_str(json).map_err(|e| format!("model.json: {e}"))?;
        if file.classes.len() != file.bias.len() || file.classes.len() > 255 {
            return Err("model.json: classes and bias differ in length".into());
        }
        let classes = file
            .classes
            .iter()
            .map(|c| match c.as_str() {
                "benign" => Ok(None),
                other => serde_json::from_value(serde_json::Value::String(other.into()))
                    .map(Some)
                    .map_err(|_| format!("model.json: unknown class {other:?}")),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let n = classes.len();
        let mut weights = HashMap::with_capacity(file.weights.len());
        for (feature, pairs) in file.weights {
            let ws: Option<Vec<(u8, f32)>> = pairs
                .chunks(2)
                .map(|p| match *p {
                    [k, w] if k >= 0.0 && (k as usize) < n && k.fract() == 0.0 => {
                        Some((k as u8, w))
                    }
                    _ => None,
                })
                .collect();
            let ws = ws.ok_or_else(|| format!("model.json: bad weights for {feature:?}"))?;
            weights.insert(feature.into_boxed_str(), ws.into_boxed_slice());
        }
        Ok(Model {
            threshold: file.threshold,
            classes,
            bias: file.bias,
            weights,
        })
    }

    /// The class probabilities of one sentence's words, and the features
    /// present in the model.
    fn score<'m>(&'m self, words: &[String]) -> (Vec<f32>, Vec<Present<'m>>) {
        let mut present: Vec<Present<'m>> = Vec::new();
        let mut pair = String::new();
        let look = |key: &str, words: Range<usize>, present: &mut Vec<Present<'m>>| {
            if let Some((k, w)) = self.weights.get_key_value(key) {
                present.push((k, w, words));
            }
        };
        for (i, w) in words.iter().enumerate() {
            // A one-letter Latin word (`a`, the `s` of "it's") is not a
            // feature; a CJK character is.
            if w.len() > 1 || !w.is_ascii() {
                look(w, i..i + 1, &mut present);
            }
            if let Some(next) = words.get(i + 1) {
                pair.clear();
                pair.push_str(w);
                pair.push(' ');
                pair.push_str(next);
                look(&pair, i..i + 2, &mut present);
            }
        }
        // A feature counts once however often it occurs (its first
        // occurrence is kept, stable sort).
        present.sort_by(|a, b| a.0.cmp(b.0));
        present.dedup_by(|a, b| a.0 == b.0);
        let scale = 1.0 / ((words.len() + 1) as f32).sqrt();
        let mut scores = self.bias.clone();
        for (_, ws, _) in &present {
            for &(k, w) in ws.iter() {
                if let Some(s) = scores.get_mut(k as usize) {
                    *s += scale * w;
                }
            }
        }
        let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let sum: f32 = scores.iter().map(|s| (s - max).exp()).sum();
        let probs = scores.iter().map(|s| (s - max).exp() / sum).collect();
        (probs, present)
    }

    /// The sentences of a skeleton (of `text`) that resemble a prohibited
    /// kind with at least [`Model::threshold`] probability, leaving out the
    /// sentences (indices) `skip` names without reading them.
    pub fn resemblances(
        &self,
        text: &str,
        norm: &Normalized,
        skip: impl Fn(u32) -> bool,
    ) -> Vec<Resemblance> {
        let mut out = Vec::new();
        for Sentence {
            words,
            spans,
            units,
        } in sentence_words(norm, skip)
        {
            // A short sentence has too few words to resemble anything.
            if words.len() < MIN_WORDS {
                continue;
            }
            let (probs, present) = self.score(&words);
            // The likeliest prohibited class (`k`: its score index).
            let best = probs
                .iter()
                .zip(&self.classes)
                .enumerate()
                .filter_map(|(k, (&p, c))| c.map(|c| (p, c, k)))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let Some((probability, class, k)) = best.filter(|b| b.0 >= self.threshold) else {
                continue;
            };
            let mut evidence: Vec<(f32, &Range<usize>)> = present
                .iter()
                .filter_map(|(_, ws, at)| {
                    ws.iter()
                        .find(|(c, _)| *c as usize == k)
                        .map(|&(_, w)| (w, at))
                })
                .filter(|(w, _)| *w > 0.0)
                .collect();
            evidence.sort_by(|a, b| b.0.total_cmp(&a.0));
            out.push(Resemblance {
                class,
                probability,
                units,
                evidence: evidence
                    .into_iter()
                    .take(EVIDENCE)
                    .map(|(_, at)| original(text, norm, &spans, at))
                    .collect(),
            });
        }
        out
    }
}

/// A feature present in a sentence: its name, its weights, and the words
/// (indices) of its first occurrence.
type Present<'m> = (&'m str, &'m [(u8, f32)], Range<usize>);

/// The original text of words `at` of a sentence whose words have the
/// skeleton `spans`.
fn original(text: &str, norm: &Normalized, spans: &[Range<usize>], at: &Range<usize>) -> String {
    let units = spans
        .get(at.start)
        .zip(spans.get(at.end.saturating_sub(1)))
        .and_then(|(a, b)| norm.units.get(a.start..b.end))
        .unwrap_or_default();
    let start = units.iter().map(|u| u.start8).min().unwrap_or_default();
    let end = units.iter().map(|u| u.end8).max().unwrap_or_default();
    text.get(start as usize..end as usize)
        .unwrap_or_default()
        .to_string()
}

/// One sentence: its words, each word's skeleton units, and the
/// sentence's units.
struct Sentence {
    words: Vec<String>,
    spans: Vec<Range<usize>>,
    units: Range<usize>,
}

/// The sentences of a skeleton, but those (indices) `skip` names.
fn sentence_words(norm: &Normalized, skip: impl Fn(u32) -> bool) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    let mut at: Option<(u32, u32)> = None;
    // The sentence last asked about, and whether it is skipped.
    let mut skipped: Option<(u32, bool)> = None;
    for (i, (c, u)) in norm.text.chars().zip(&norm.units).enumerate() {
        let skip_this = match skipped {
            Some((s, k)) if s == u.sentence => k,
            _ => {
                let k = skip(u.sentence);
                skipped = Some((u.sentence, k));
                k
            }
        };
        if skip_this {
            continue;
        }
        match (at, out.last_mut()) {
            (Some((s, t)), Some(sentence)) if s == u.sentence => {
                if t == u.token {
                    if let (Some(w), Some(r)) =
                        (sentence.words.last_mut(), sentence.spans.last_mut())
                    {
                        w.push(c);
                        r.end = i + 1;
                    }
                } else {
                    sentence.words.push(c.to_string());
                    sentence.spans.push(i..i + 1);
                }
                sentence.units.end = i + 1;
            }
            _ => out.push(Sentence {
                words: vec![c.to_string()],
                spans: std::iter::once(i..i + 1).collect(),
                units: i..i + 1,
            }),
        }
        at = Some((u.sentence, u.token));
    }
    out
}

/// The embedded model; `Err` names the problem (checked by the data tests).
pub fn model() -> Result<&'static Model, &'static str> {
    static MODEL: LazyLock<Result<Model, String>> = LazyLock::new(|| Model::parse(MODEL_JSON));
    MODEL.as_ref().map_err(String::as_str)
}
