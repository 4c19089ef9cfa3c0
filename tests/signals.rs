//! The signal engine against its labelled corpus, plus targeted and property
//! tests. Run with `cargo test --test signals -- --nocapture` to see the
//! per-class table.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use listing_precheck::report::{Severity, Verdict};
use listing_precheck::signals::vocabulary::{engine, pinyin_readings, PinyinFile};
use listing_precheck::signals::{
    self,
    normalize::{normalize, normalize_part},
    Class, Strength,
};
use proptest::prelude::*;

#[derive(serde::Deserialize)]
struct Row {
    text: String,
    lang: String,
    expect: Option<Class>,
    technique: String,
    spans: Vec<[u32; 2]>,
}

/// The labelled corpus: the generated disguises (`signals.jsonl`, written
/// by `scripts/gen-signal-corpus.py`) and the hand-written probes, real
/// listings and look-alikes (`probes.jsonl`, which the generator leaves
/// alone).
const CORPUS: [&str; 2] = [
    include_str!("corpus/signals.jsonl"),
    include_str!("corpus/probes.jsonl"),
];

/// The classes of the signals in `text`, in order.
fn classes(text: &str) -> Vec<Class> {
    signals::scan(text).into_iter().map(|s| s.class).collect()
}

/// The classes of the vocabulary's signals in `text`, without the
/// resemblance model's (which reads a sentence whose terms lack their
/// required context: a frame missing a slot says nothing either way).
fn term_classes(text: &str) -> Vec<Class> {
    signals::scan(text)
        .into_iter()
        .filter(|s| s.strength != Strength::Resembles)
        .map(|s| s.class)
        .collect()
}

/// Asserts every text has a signal of `class`.
fn assert_flag(class: Class, texts: &[&str]) {
    for text in texts {
        assert!(classes(text).contains(&class), "{text}: {:?}", terms(text));
    }
}

/// Asserts no text has a signal.
fn assert_clean(texts: &[&str]) {
    for text in texts {
        assert!(classes(text).is_empty(), "{text}: {:?}", terms(text));
    }
}

fn corpus_lines() -> impl Iterator<Item = &'static str> {
    CORPUS
        .iter()
        .flat_map(|c| c.lines())
        .filter(|l| !l.trim().is_empty())
}

fn corpus() -> Vec<Row> {
    corpus_lines()
        .map(|l| serde_json::from_str(l).expect("corpus row"))
        .collect()
}

/// Minimum recall per class on the evasive positives.
const MIN_RECALL: f64 = 0.90;
/// Maximum share of benign rows flagged with a class.
const MAX_FPR: f64 = 0.02;

#[test]
fn vocabulary_data_builds_without_problems() {
    let engine = engine();
    let problems = engine.problems();
    assert!(problems.is_empty(), "{problems:#?}");
    for class in Class::ALL {
        assert!(
            engine.classes.contains_key(class),
            "{class:?} has no entry in classes.json"
        );
        let groups = engine.groups.iter().filter(|g| g.class == *class).count();
        assert!(groups >= 2, "{class:?}: {groups} vocabulary groups");
    }
}

/// The data files compiled here, as the crate does, give the bytes
/// `build.rs` embedded for the latest ruleset (the seed files: it has no
/// signal files of its own), and those decode to the engine's patterns.
#[test]
fn the_embedded_vocabulary_is_the_data_files_compiled() {
    use listing_precheck::policy::ruleset::Ruleset;
    use listing_precheck::signals::compile::{
        compile, encode, group, Grouped, RawEntry, Sources, View,
    };
    use listing_precheck::signals::vocabulary::compiled_bytes;
    let compiled = compile(&Sources {
        contexts: include_str!("../data/signals/contexts.json"),
        pinyin: include_str!("../data/signals/zh-pinyin.json"),
        vocabularies: &[
            ("signals/en.json", include_str!("../data/signals/en.json")),
            ("signals/zh.json", include_str!("../data/signals/zh.json")),
        ],
    });
    assert!(compiled.problems.is_empty(), "{:#?}", compiled.problems);
    fn grouped(items: &[(String, RawEntry)]) -> Grouped<'_> {
        group(items.iter().map(|(k, e)| (k.as_str(), *e)).collect())
    }
    let (latin, cjk) = (grouped(&compiled.latin.items), grouped(&compiled.cjk.items));
    assert!(latin.skeletons.len() > 5000, "{}", latin.skeletons.len());
    assert!(cjk.skeletons.len() > 2000, "{}", cjk.skeletons.len());
    let embedded = compiled_bytes(Ruleset::latest()).expect("an embedded vocabulary");
    assert!(
        encode(&compiled) == embedded,
        "the embedded vocabulary differs"
    );
    // Decoded, the readings come back in order with their skeletons.
    let view = View::decode(embedded).expect("decodes");
    let decoded: Vec<(&str, _)> = view.latin.resolved();
    assert_eq!(decoded.len(), compiled.latin.items.len());
    for ((k, e), (dk, de)) in compiled.latin.items.iter().zip(&decoded) {
        assert_eq!((k.as_str(), e), (*dk, de));
    }
    assert_eq!(view.cjk.resolved().len(), compiled.cjk.items.len());
    // The engine's patterns are those groups, entries in the order added.
    let engine = engine();
    assert_eq!(engine.latin.entries.len(), latin.entries.len());
    for (i, skeleton) in latin.skeletons.iter().enumerate().step_by(97) {
        let written: Vec<&str> = engine
            .latin
            .entries_of(i)
            .iter()
            .map(|e| e.written)
            .collect();
        let expected: Vec<&str> = latin.entries
            [latin.starts[i] as usize..latin.starts[i + 1] as usize]
            .iter()
            .map(|e| compiled.written[e.written as usize].as_str())
            .collect();
        assert_eq!(written, expected, "entries of {skeleton:?}");
    }
}

/// Damaged bytes (cut anywhere, or a byte changed) are an error or another
/// vocabulary, never a panic or a hang.
#[test]
fn a_damaged_compiled_vocabulary_is_an_error_not_a_panic() {
    use listing_precheck::policy::ruleset::Ruleset;
    use listing_precheck::signals::compile::View;
    use listing_precheck::signals::vocabulary::compiled_bytes;
    let bytes = compiled_bytes(Ruleset::latest()).expect("an embedded vocabulary");
    assert!(View::decode(&bytes[..bytes.len() - 1]).is_err());
    assert!(View::decode(b"LPV2").is_err());
    assert!(View::decode(&[]).is_err());
    for cut in (0..bytes.len()).step_by(bytes.len() / 300 + 1) {
        assert!(View::decode(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut damaged = bytes.to_vec();
    for at in (4..bytes.len()).step_by(bytes.len() / 100 + 1) {
        for value in [0x00, 0x7f, 0xff] {
            let was = damaged[at];
            damaged[at] = value;
            let _ = View::decode(&damaged);
            damaged[at] = was;
        }
    }
}

/// With the `prebuilt` feature (the CLI's), the Latin and CJK matchers
/// `build.rs` embedded are the ones the engine would build: the same
/// patterns in the same order, the same entries, and the same automaton.
#[test]
fn the_prebuilt_matchers_are_the_ones_built_at_start_up() {
    use daachorse::DoubleArrayAhoCorasick;
    use listing_precheck::policy::ruleset::Ruleset;
    use listing_precheck::signals::compile::{group, Prebuilt, View};
    use listing_precheck::signals::vocabulary::{compiled_bytes, prebuilt_matcher};
    let rs = Ruleset::latest();
    let view = View::decode(compiled_bytes(rs).expect("a vocabulary")).expect("decodes");
    for (cjk, readings) in [(false, &view.latin), (true, &view.cjk)] {
        let bytes = prebuilt_matcher(rs, cjk).unwrap_or_default();
        assert_eq!(!bytes.is_empty(), cfg!(feature = "prebuilt"));
        if bytes.is_empty() {
            continue;
        }
        let prebuilt = Prebuilt::decode(bytes).expect("decodes");
        let built = group(readings.resolved());
        assert_eq!(prebuilt.grouped.skeletons, built.skeletons);
        assert_eq!(prebuilt.grouped.starts, built.starts);
        assert_eq!(prebuilt.grouped.entries, built.entries);
        let automaton = DoubleArrayAhoCorasick::<u32>::new(built.skeletons.iter()).expect("builds");
        assert!(prebuilt.automaton == automaton.serialize().as_slice());
        // Damaged, it is an error, never a panic.
        for cut in (0..bytes.len()).step_by(bytes.len() / 200 + 1) {
            assert!(Prebuilt::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut damaged = bytes.to_vec();
        for at in (4..bytes.len()).step_by(bytes.len() / 100 + 1) {
            let was = damaged[at];
            damaged[at] = 0xff;
            let _ = Prebuilt::decode(&damaged);
            damaged[at] = was;
        }
    }
    // The engine uses them (this builds the CJK matcher): it reports no
    // problem with them, and reads Chinese through them.
    assert!(engine().problems().is_empty());
    assert_eq!(classes("出售木马程序"), [Class::Malware]);
}

/// The skeleton folds `l` into `i` and collapses repeats, so a word that
/// starts `il…` can read the same as the word without its `i`: `illegal` as
/// `legal`, `illicit` as `licit`. A term with such a word would fire on its
/// opposite ("legal IPTV"); the data must not have one.
#[test]
fn no_term_reads_the_same_as_its_opposite() {
    let engine = engine();
    let mut clashes = Vec::new();
    for entry in engine.entries() {
        if !matches!(entry.role, signals::vocabulary::Role::Term { .. }) {
            continue;
        }
        let written = entry.written.to_lowercase();
        for (i, word) in written.split(' ').enumerate() {
            let Some(rest) = word.strip_prefix('i').filter(|r| r.starts_with('l')) else {
                continue;
            };
            // `illegal` → `legal`, `illicit` → `licit`.
            let opposite = format!("l{}", rest.trim_start_matches('l'));
            let mut other: Vec<&str> = written.split(' ').collect();
            other[i] = &opposite;
            let other = other.join(" ");
            if normalize(&other).text == normalize(&written).text {
                clashes.push(format!("{:?} reads as {other:?}", entry.written));
            }
        }
    }
    assert!(clashes.is_empty(), "{clashes:#?}");
}

#[test]
fn corpus_recall_and_false_positive_rate_per_class() {
    let rows = corpus();
    let positives = rows.iter().filter(|r| r.expect.is_some()).count();
    let negatives = rows.len() - positives;
    assert!(
        positives >= 200 && negatives >= 200,
        "{positives} / {negatives}"
    );

    let mut hit: BTreeMap<Class, (usize, usize)> = BTreeMap::new();
    let mut flagged: BTreeMap<Class, usize> = BTreeMap::new();
    let mut by_lang: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_positives = Vec::new();
    for row in &rows {
        let found = signals::scan(&row.text);
        match row.expect {
            Some(class) => {
                let ours: Vec<_> = found.iter().filter(|s| s.class == class).collect();
                // The signal must sit on the disguised wording; a row with
                // no spans is a paraphrase of a whole sentence, with no one
                // word to sit on: a signal of its class anywhere counts.
                let located = ours.iter().any(|s| {
                    row.spans.is_empty()
                        || row
                            .spans
                            .iter()
                            .any(|[a, b]| s.span.start < *b && s.span.end > *a)
                });
                let e = hit.entry(class).or_default();
                let l = by_lang.entry(row.lang.clone()).or_default();
                e.1 += 1;
                l.1 += 1;
                if located {
                    e.0 += 1;
                    l.0 += 1;
                } else {
                    misses.push(format!("{class:?} [{}] {:?}", row.technique, row.text));
                }
            }
            None => {
                for s in &found {
                    *flagged.entry(s.class).or_default() += 1;
                }
                if !found.is_empty() {
                    false_positives.push(format!(
                        "{:?} -> {:?}",
                        row.text,
                        found
                            .iter()
                            .map(|s| format!("{}:{}", s.class.as_str(), s.term))
                            .collect::<Vec<_>>()
                    ));
                }
            }
        }
    }
    println!("signal corpus: {positives} evasive positives, {negatives} benign hard negatives");
    println!("{:<16} {:>8} {:>8} {:>8}", "class", "recall", "hits", "FPR");
    let mut failures = Vec::new();
    for class in Class::ALL {
        let (h, n) = hit.get(class).copied().unwrap_or_default();
        let recall = h as f64 / n.max(1) as f64;
        let fp = flagged.get(class).copied().unwrap_or_default();
        let fpr = fp as f64 / negatives as f64;
        println!(
            "{:<16} {:>7.1}% {:>4}/{:<3} {:>7.2}%",
            class.as_str(),
            recall * 100.0,
            h,
            n,
            fpr * 100.0
        );
        if n == 0 || recall < MIN_RECALL {
            failures.push(format!("{class:?}: recall {recall:.3} over {n}"));
        }
        if fpr > MAX_FPR {
            failures.push(format!("{class:?}: FPR {fpr:.3}"));
        }
    }
    for (lang, (h, n)) in &by_lang {
        println!(
            "language {lang}: recall {:.1}% ({h}/{n})",
            100.0 * *h as f64 / *n as f64
        );
    }
    let all_fp = false_positives.len() as f64 / negatives as f64;
    println!("benign rows with any signal: {:.2}%", all_fp * 100.0);
    for m in &misses {
        println!("  missed: {m}");
    }
    for f in &false_positives {
        println!("  false positive: {f}");
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn a_signal_reports_the_original_text_and_the_canonical_term() {
    let text = "Get the k3yl0gg3r now";
    let found = signals::scan(text);
    assert_eq!(found.len(), 1, "{found:?}");
    let s = &found[0];
    assert_eq!(s.class, Class::Malware);
    assert_eq!(s.rule, "signal/malware");
    assert_eq!(s.severity, Severity::Error);
    assert_eq!(s.matched, "k3yl0gg3r");
    assert_eq!(s.term, "keylogger");
    assert_eq!((s.span.start, s.span.end), (8, 17));
}

#[test]
fn leetspeak_drawn_with_several_symbols_reads_as_the_term_with_its_whole_span() {
    assert_reads_as(
        &[
            ("Download our |<eylogger today", "|<eylogger", "keylogger"),
            ("Get the |\\/|alware kit", "|\\/|alware", "malware"),
            ("Free p()rn videos", "p()rn videos", "porn videos"),
            ("Download our keyl0663r today", "keyl0663r", "keylogger"),
        ],
        Strength::Strong,
        Severity::Error,
    );
}

#[test]
fn a_term_in_a_url_after_a_word_ending_in_its_first_letter_reads_as_written() {
    // The last letter of the word before (`threats/`, `https://`) and the
    // first of the term are two letters, so the term is matched as written,
    // with its own span, not as a misspelling of itself.
    assert_reads_as(
        &[
            (
                "https://stalkerware.example/x",
                "stalkerware",
                "stalkerware",
            ),
            ("docs/threats/stalkerware", "stalkerware", "stalkerware"),
            ("stalkerware.example", "stalkerware", "stalkerware"),
        ],
        Strength::Strong,
        Severity::Error,
    );
}

#[test]
fn spans_are_utf16_offsets_of_the_original_text() {
    // An astral character (2 UTF-16 units) and a zero-width space before the hit.
    let text = "😀\u{200B} 𝐦𝐚𝐥𝐰𝐚𝐫𝐞!";
    let found = signals::scan(text);
    assert_eq!(found.len(), 1, "{found:?}");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let span = found[0].span;
    let shown = String::from_utf16(&utf16[span.start as usize..span.end as usize]).unwrap();
    assert_eq!(shown, "𝐦𝐚𝐥𝐰𝐚𝐫𝐞");
    assert_eq!(found[0].matched, shown);
}

#[test]
fn whole_words_only() {
    for benign in [
        "Scunthorpe",
        "Essex and Middlesex",
        "cockpit",
        "assassin",
        "class",
        "grape",
        "therapist",
        "analytics",
        "antivirus",
        "pornographer's bibliography",
        "skillet",
        "Dickensian",
    ] {
        let found = signals::scan(benign);
        assert!(
            found.iter().all(|s| s.severity != Severity::Error),
            "{benign}: {found:?}"
        );
    }
}

/// The canonical terms the engine finds in `text`.
fn terms(text: &str) -> Vec<String> {
    signals::scan(text).into_iter().map(|s| s.term).collect()
}

#[test]
fn a_two_character_term_in_pinyin_reads_as_it_beside_chinese_only() {
    // In Chinese text, `muma` is 木马 and `wa kuang` 挖矿.
    assert_eq!(terms("muma定制，隐藏运行"), ["木马"]);
    assert_eq!(terms("静默wa kuang程序"), ["挖矿"]);
    assert_eq!(classes("我们的团队 seqing 视频"), [Class::Obscene]);
    // Alone, or in a sentence of another language, such pinyin is a word or
    // a name; and a Chinese sentence elsewhere in the text does not count.
    assert_eq!(terms("Muma is a village in Nigeria."), Vec::<String>::new());
    assert_eq!(terms("pojie"), Vec::<String>::new());
    assert_eq!(terms("木马检测。Muma is a name."), Vec::<String>::new());
    // Capitalised beside Chinese it is a name or a brand (`Dama` is not 大麻).
    assert_eq!(
        terms("产品名称：Dama云笔记，支持多端同步。"),
        Vec::<String>::new()
    );
    assert_eq!(terms("产品名称：dama云笔记"), ["大麻"]);
}

#[test]
fn a_doubled_chinese_word_is_not_its_single_character() {
    // `偷偷` (secretly) is an evasion word; the `偷` of `偷拍` (hidden
    // filming) is not it, so a moderation model that finds porn and hidden
    // filming is not a product that hides.
    assert_eq!(
        terms("内容审核模型，识别色情和偷拍内容并下架。"),
        Vec::<String>::new()
    );
    assert!(!terms("识别色情、偷拍和未经同意的内容")
        .iter()
        .any(|t| t == "色情"));
    // Written doubled, it still reads: a hit that hides is not defeated.
    assert_eq!(terms("镜像会在后台偷偷跑矿"), ["偷偷跑矿"]);
}

#[test]
fn an_emoji_or_symbol_inside_a_word_joins_its_parts() {
    // A symbol with no space around it joins like a hyphen, wherever it
    // cuts the word; the signal spans the text as written.
    for (text, matched) in [
        (
            "ke\u{1F525}ylo\u{1F525}gger with email reports",
            "ke\u{1F525}ylo\u{1F525}gger",
        ),
        ("ke\u{2605}ylo\u{2605}gger", "ke\u{2605}ylo\u{2605}gger"),
        (
            "k\u{1F525}e\u{1F525}y\u{1F525}l\u{1F525}o\u{1F525}g\u{1F525}g\u{1F525}e\u{1F525}r",
            "k\u{1F525}e\u{1F525}y\u{1F525}l\u{1F525}o\u{1F525}g\u{1F525}g\u{1F525}e\u{1F525}r",
        ),
    ] {
        let found = signals::scan(text);
        assert!(
            found
                .iter()
                .any(|s| s.class == Class::Malware && s.matched == matched),
            "{text}: {found:?}"
        );
    }
    // With a space it is a hard break: emoji between words join nothing.
    assert_clean(&[
        "Fast \u{2728} secure \u{2728} cheap hosting",
        "Fast\u{2728}Secure\u{2728}Cheap hosting",
    ]);
}

#[test]
fn a_text_speak_short_form_matches_as_its_word() {
    // `ur`, `acct`, `w/` read as `your`, `account`, `with`
    // (data/signals/shorthand.json); the signal spans the text as written.
    for (text, class, matched) in [
        (
            "sell ur aliyun acct? we buy them",
            Class::Reselling,
            "aliyun acct",
        ),
        ("dumps w/ pin, tested", Class::Illegal, "dumps w/ pin"),
    ] {
        let found = signals::scan(text);
        assert!(
            found
                .iter()
                .any(|s| s.class == class && s.matched == matched),
            "{text}: {found:?}"
        );
    }
    // Only a word of its own: inside a spelled-out chain, a path or a
    // longer word it stays as written.
    assert_clean(&[
        "Made in the U.S. for small teams",
        "Read the readme.txt and the u/acme wiki",
    ]);
}

#[test]
fn a_defeater_before_a_list_reaches_every_item() {
    let list = "ransomware, trojans, worms, rootkits, spyware, adware, keyloggers, \
                cryptojackers, fileless attacks, credential stealers, remote access \
                trojans and zero-day exploits";
    // A protective head reaches the last item, 20 words on.
    assert!(terms(&format!("Detects and blocks {list} before they execute.")).is_empty());
    assert!(
        terms("识别刷单、薅羊毛、养号、虚假注册、撞库、盗号、黄牛抢购和恶意刷评论等风险行为")
            .is_empty()
    );
    // Without it the items are signals.
    assert!(terms(&format!("Our bundle has {list}, all undetectable.")).len() >= 5);
    // A negation keeps its tight reach: it does not negate a list.
    assert!(
        terms("No signup for the members area, nulled themes and keygens")
            .contains(&"keygen".to_string())
    );
    // A Chinese clause comma ends the list: `正版` before it does not
    // reach the items after it.
    assert_eq!(
        terms("正版软件激活码批发，Windows、Office永久激活"),
        ["永久激活"]
    );
}

#[test]
fn a_defeater_inside_a_standing_term_is_that_terms_wording() {
    // `anti-` before a list would defeat `number scraping`, but here it is
    // part of the `anti-ban` hit, which stands.
    assert_eq!(
        terms("Bulk WhatsApp sender with anti-ban and number scraping from groups"),
        ["anti-ban", "number scraping"]
    );
    // A defeater inside a term that falls still defeats: `flags` defeats
    // every item, and `AMSI` (a security word inside `AMSI patching`)
    // keeps defeating `process hollowing` once that falls.
    assert!(terms(
        "EDR that flags process hollowing, AMSI patching and reflective DLL injection in real time"
    )
    .is_empty());
    // Without the protective words the same items stand.
    assert!(!terms("Loader kit with process hollowing and AMSI patching").is_empty());
}

#[test]
fn two_hits_defeated_only_by_each_others_wording_both_stand() {
    // `scans` (a security word) is inside `scans of real passports` and
    // `kyc` (a compliance word) inside `pass any kyc check`: neither is
    // protective wording about the other.
    assert_eq!(
        terms("We sell scans of real passports and utility bills to pass any KYC check."),
        ["scans of real passports", "pass any kyc check"]
    );
    // A hit defeated by words outside every hit (`our backups`, `research
    // team documents`) still lends its own words to the others' defeat:
    // the threat it names is what the text reports on.
    assert_clean(&[
        "Ransomware families evade signature-based antivirus; our backups make recovery fast.",
        "Our research team documents how stalkerware silently uploads messages to an attacker's server.",
        "新型木马会绕过传统杀毒软件，我们的EDR基于行为分析进行拦截。",
    ]);
}

#[test]
fn a_defeater_verb_whose_subject_is_the_hit_does_not_defeat_it() {
    // A determiner, the hit, then a defeater verb: the named thing does it.
    assert_flag(
        Class::Malware,
        &[
            "The trojan scans the network and spreads to every PC.",
            "Our botnet scans for vulnerable routers.",
            "Our keylogger catches every keystroke.",
            "The rootkit blocks antivirus updates.",
        ],
    );
    // After one modal, and in Chinese, where a determiner of several
    // characters ends right before the hit.
    assert_flag(
        Class::Malware,
        &[
            "The trojan can scan the network and spread.",
            "这款木马可以扫描局域网并自动传播。",
            "这款远控软件能关闭防火墙和杀毒软件。",
            "我们的勒索病毒会加密备份文件。",
        ],
    );
    assert_clean(&[
        "本产品可以检测木马和勒索病毒。",
        "我们的杀毒软件能清除木马。",
        "Our scanner can detect trojans.",
    ]);
    // No determiner (a noun compound), a noun between, the term inside a
    // protective word, or the verb before the hit: the defeater counts.
    assert_clean(&[
        "Malware scans run nightly on every server.",
        "Our ransomware protection blocks encryption attempts.",
        "Our anti-keylogger blocks screen capture.",
        "The keylogger detector flags suspicious drivers.",
        "Our gateway blocks the trojan before it runs.",
    ]);
}

#[test]
fn what_the_vendors_own_thing_harms_does_not_defeat_it() {
    // `our`/`this` + hit + harm verb: the defeater words after the verb
    // are what it harms, a list of them included.
    assert_flag(
        Class::Malware,
        &[
            "Our ransomware encrypts backups too.",
            "Our ransomware deletes shadow copies and backups before encrypting.",
            "Our spyware records calls and protects itself from removal.",
        ],
    );
    // A threat in general, or the verb's object a product of the vendor:
    // the protective words still defeat.
    assert_clean(&[
        "Ransomware often deletes backups first; our vault keeps immutable copies.",
        "Immutable backups protect you when ransomware encrypts your servers.",
        "Our ransomware simulation encrypts dummy files on a test VM to check that your backups restore.",
        "Our anti-ransomware agent disables suspicious processes and restores backups.",
        "Our EDR detects ransomware that disables the firewall.",
    ]);
}

#[test]
fn evasion_words_describing_a_threat_a_product_fights_cancel_no_defeater() {
    // A defeater before the feature link after the hit: the evasion words
    // after the link describe the threat, or follow a protective verb.
    assert_clean(&[
        "Our EDR detects malware that evades antivirus.",
        "Our EDR detects malware with anti-VM and anti-sandbox tricks.",
        "Malware sandbox that defeats anti-analysis tricks used to evade sandboxes.",
    ]);
    // The vendor's own thing that evades: the evasion cancels the
    // defeaters.
    assert_flag(
        Class::Malware,
        &[
            "Our keylogger evades antivirus.",
            "Keylogger that evades antivirus detection.",
            "Our stealer has anti-analysis and anti-debugging.",
            "Our crypter defeats antivirus detection.",
        ],
    );
}

#[test]
fn a_protective_word_denied_after_it_does_not_defeat() {
    assert_flag(
        Class::PersonalData,
        &[
            "GDPR does not apply to us: we harvest emails from any website.",
            "Consent is not required: our tracker silently uploads browsing history to our server.",
            "Our SDK uploads the user's contact list, and the privacy policy does not mention it.",
        ],
    );
    // Affirmed, the same words defeat.
    assert!(classes("Consent is required before our SDK uploads contacts.").is_empty());
    // A denial of something else (`无需付款`: no payment needed) is no
    // denial of the protective word before it.
    assert!(classes("勒索病毒应急响应：无需付款，我们帮你恢复被加密的文件。").is_empty());
}

#[test]
fn a_negation_answering_a_question_does_not_negate_what_follows() {
    // `No,` answers the FAQ's question; the sentence after it is the
    // vendor's.
    assert_eq!(
        terms("FAQ: Do I need a license? No, our activator makes the trial permanent."),
        ["makes the trial permanent"]
    );
    // A negation of the term itself still negates.
    assert!(classes("No keygen needed: the suite is licensed.").is_empty());
}

#[test]
fn a_comparison_with_others_of_a_kind_negates_nothing() {
    // `unlike other X, ours …` says the vendor's thing is an X.
    assert_flag(
        Class::Malware,
        &[
            "Unlike other RATs, ours survives reinstalling the browser and reconnects through Discord webhooks.",
            "Unlike other stalkerware, our app stays hidden from the phone owner.",
            "不同于其他木马，我们的远控永久免杀。",
        ],
    );
    // `unlike X` alone sets the product apart from X; and a protective word
    // after the comparison still defeats (it is no longer negated).
    assert_clean(&[
        "Unlike spyware, our app shows a notification and asks for consent.",
        "Unlike other spyware removal tools, ours runs in the cloud.",
        "Unlike other backup tools, ours restores after ransomware in minutes.",
    ]);
}

#[test]
fn technical_and_scientific_uses_of_weak_words_are_clean() {
    // Package descriptions (Debian) that read a weak term in its ordinary
    // technical sense.
    assert_clean(&[
        "clone of the strategy board game Blokus",
        "Clone of the classic game Breakout, written for GNOME",
        "caching front-end based on the Dogpile lock",
        "allows you to spy on telnet+serial connections",
        "command-line URL grabber",
        "small OCaml library allowing to exploit multicore architectures",
        "iterative virus sequence assembler",
        "GNU R client of World Register of Marine Species (WoRMS)",
        "Get rid of those Wingdows Viruses!",
    ]);
    // The same words where they are the harm still count.
    assert_flag(
        Class::IpInfringement,
        &["Clone of the official Pokémon game with all the original characters and music."],
    );
    assert_flag(
        Class::PersonalData,
        &["Spy on your wife's phone and read her chats."],
    );
    assert_flag(Class::Malware, &["Our worm spreads across the LAN."]);
}

#[test]
fn a_frame_needs_a_word_of_every_slot() {
    // Each slot is a set of interchangeable words, so paraphrases combine:
    // covert + personal data + carried off.
    for text in [
        "The SDK quietly reads the address book and, without any prompt, uploads it to our backend.",
        "小程序会在用户不知情时读取通讯录，并同步到我们的服务器。",
        "输入法会悄悄记录聊天内容，每晚打包发到公司服务器。",
    ] {
        assert!(classes(text).contains(&Class::PersonalData), "{text}");
    }
    // Any one slot missing: not the frame (the resemblance model may
    // still read the first, which uploads a whole address book).
    for text in [
        "The SDK reads the address book and uploads it to our backend.",
        "The SDK, without any prompt, reads the address book.",
        "Without any prompt, uploads run to our backend.",
        "通讯录同步：联系人加密上传，仅您本人可见。",
    ] {
        assert!(!term_classes(text).contains(&Class::PersonalData), "{text}");
    }
    // A slot word that is negated does not fill its slot, and a frame that
    // describes what criminals do is not a signal.
    assert!(classes("We never upload the contact list silently.").is_empty());
    assert!(classes("Scammers pose as bank support to get your verification code.").is_empty());
    assert!(
        classes("Script: pose as bank support to get their verification code.")
            .contains(&Class::Fraud)
    );
}

#[test]
fn a_sentence_no_term_matched_can_resemble_a_kind() {
    assert!(signals::model::model().is_ok());
    let text =
        "Use our Alibaba Cloud enterprise account for your projects; we invoice you at a markup.";
    let found = signals::scan(text);
    assert_eq!(found.len(), 1, "{found:?}");
    let s = &found[0];
    assert_eq!(
        (s.class, s.strength),
        (Class::Reselling, Strength::Resembles)
    );
    assert_eq!(s.severity, Severity::Warning);
    // The sentence is the span (a semicolon ends it); the term names the
    // original words that weighed most.
    assert_eq!(
        s.matched,
        "Use our Alibaba Cloud enterprise account for your projects"
    );
    assert_eq!((s.span.start, s.span.end), (0, 58));
    assert!(s.term.starts_with("resembles reselling") && s.term.contains("“Alibaba”"));
    // Where a term matched, counted or defeated, the vocabulary has judged
    // the sentence: no resemblance.
    assert!(signals::scan("Our EDR removes the keylogger and ransomware families.").is_empty());
    // Too few words to resemble anything.
    assert!(signals::scan("Alibaba Cloud account, markup.").is_empty());
}

#[test]
fn a_plural_s_belongs_to_the_term() {
    let found = signals::scan("We sell stealers to anyone");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].term, "stealer");
    assert_eq!(found[0].matched, "stealers");
    // An `s` starting the next word is not a plural.
    let found = signals::scan("keylogger sale");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].matched, "keylogger");
    // Nor another letter after the term: still a whole-word match only.
    assert!(terms("We sell stealersx to anyone").is_empty());
}

#[test]
fn a_long_one_word_term_split_once_by_a_space_still_matches() {
    assert_eq!(terms("Download ransom ware builder"), ["ransomware"]);
    assert_eq!(terms("spy ware for phones"), ["spyware"]);
    let found = signals::scan("Best mal ware loader");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].matched, "mal ware");
    // Not: a short term (two ordinary words), a one-letter part, two
    // splits, or a term listed as also two ordinary words.
    assert!(terms("bot net promoter score").is_empty());
    // (`r ansomware`: not a split term, though `ansomware` alone is one
    // letter off `ransomware`, a warning.)
    let found = signals::scan("r ansomware kit");
    assert_eq!(
        found
            .iter()
            .map(|s| (s.matched.as_str(), s.strength))
            .collect::<Vec<_>>(),
        [("ansomware", Strength::Misspelt)]
    );
    assert!(terms("ran som ware kit").is_empty());
    assert!(terms("Back door access control for offices").is_empty());
    assert_eq!(terms("backdoor for servers"), ["backdoor"]);
}

/// Each signal in `text` as (matched, term, strength, severity).
fn read(text: &str) -> Vec<(String, String, Strength, Severity)> {
    signals::scan(text)
        .into_iter()
        .map(|s| (s.matched, s.term, s.strength, s.severity))
        .collect()
}

/// Asserts each text reads as exactly one signal: `(text, matched, term)`
/// with `strength` and `severity`.
fn assert_reads_as(cases: &[(&str, &str, &str)], strength: Strength, severity: Severity) {
    for &(text, matched, term) in cases {
        assert_eq!(
            read(text),
            [(matched.to_string(), term.to_string(), strength, severity)],
            "{text}"
        );
    }
}

#[test]
fn a_word_one_letter_off_a_clear_term_reads_as_it_as_a_warning() {
    // A letter left out, added, changed, two swapped; spelled out; a part
    // of a hyphenated word; longer than twelve letters.
    assert_reads_as(
        &[
            ("Download the keyloggr for parents", "keyloggr", "keylogger"),
            (
                "ransomeware builder with panel",
                "ransomeware",
                "ransomware",
            ),
            ("Undetectable rootkat for Windows", "rootkat", "rootkit"),
            ("Undetectable rootkti for Windows", "rootkti", "rootkit"),
            ("buy k e y l o g g r now", "k e y l o g g r", "keylogger"),
            (
                "Ransomeware-as-a-service panel",
                "Ransomeware",
                "ransomware",
            ),
            (
                "cryptojackng script for websites",
                "cryptojackng",
                "cryptojacking",
            ),
            ("stalkerwre for phones", "stalkerwre", "stalkerware"),
        ],
        Strength::Misspelt,
        Severity::Warning,
    );
    // Real words one letter off a term (data/signals/near-words.json), the
    // term itself, and words too short to guess at are not.
    for text in [
        "tracked shipments for dental and mental health clinics",
        "texting and setting reminders; dotnet and bonnet sizes",
        "shareware lookups for esports fans",
        "Our revenue grew",
        "keylogger",
        "a botn",
    ] {
        assert!(
            read(text)
                .iter()
                .all(|(_, _, strength, _)| *strength != Strength::Misspelt),
            "{text}: {:?}",
            read(text)
        );
    }
    assert!(read("Our revenue grew").is_empty());
    // The term's context rules still apply: a product that detects them.
    assert!(read("Our scanner detects keyloggrs and rootkts").is_empty());
    // Weak or context-bound terms are too ambiguous to guess at
    // (`dropper`, `phishing`).
    assert!(read("droppr").is_empty());
    assert!(read("phishng").is_empty());
    // A censored spelling still reads as the term itself, an error.
    assert_eq!(
        read("k*ylogger for sale"),
        [(
            "k*ylogger".to_string(),
            "keylogger".to_string(),
            Strength::Strong,
            Severity::Error
        )]
    );
}

#[test]
fn the_near_words_are_real_words_one_letter_off_a_term() {
    // Every listed word is one edit from a term the near-miss index holds
    // (a stale entry would hide nothing, but says the list was not
    // regenerated), and none is read as a term.
    let file: signals::near::NearWordsFile =
        serde_json::from_str(include_str!("../data/signals/near-words.json"))
            .unwrap_or_else(|e| panic!("near-words.json: {e}"));
    assert!(file.words.len() > 100, "{}", file.words.len());
    let bare = engine().near_index(&[]);
    let mut found = Vec::new();
    for w in file.words.iter().chain(&file.names) {
        engine().near_misses_of(&bare, normalize(w).text.as_bytes(), &mut found);
        assert!(!found.is_empty(), "{w} is one edit from no term");
        assert!(
            signals::scan(w)
                .iter()
                .all(|s| s.strength != Strength::Misspelt),
            "{w}"
        );
    }
}

#[test]
fn a_clear_term_glued_to_common_words_reads_as_it_as_a_warning() {
    // Domain and product names: glue words before, after, both, and a
    // plural `s` between the term and the glue.
    assert_reads_as(
        &[
            ("Download at freekeygens.net", "keygens", "keygens"),
            ("Visit bestwarez.com for apps", "warez", "warez"),
            ("keyloggerpro.io stealth edition", "keylogger", "keylogger"),
            ("cheapransomware.biz kits", "ransomware", "ransomware"),
            ("http://darkbotnethub.su", "botnet", "botnet"),
            ("rootkitskit.ru", "rootkits", "rootkits"),
            // A phrase written as one word, glued too.
            ("fakeidshop.net", "fakeid", "fake id"),
            ("ddosforhirepro.net", "ddosforhire", "ddos for hire"),
        ],
        Strength::Glued,
        Severity::Warning,
    );
    // Words that mean the opposite or are not glue words, real words made
    // of a glue word and a term (data/signals/glue.json `words`), a term's
    // plural, and terms that need context or are weak.
    for text in [
        "Visit nomoreransomware.org for decryptors",
        "stopransomware.gov advisories",
        "https://keyloggerdetector.io scans your PC",
        "bestantimalware.com reviews",
        "fakeiddetector.com",
        "ransomwaretracker.abuse.ch feeds",
        "the freebooters of the Caribbean",
        "HitmanPro malware removal",
        "https://keygenmusic.net chiptunes archive",
        "freephishing.com",
    ] {
        assert!(read(text).is_empty(), "{text}: {:?}", read(text));
    }
    assert_eq!(
        read("trojans"),
        [(
            "trojans".to_string(),
            "trojan".to_string(),
            Strength::Strong,
            Severity::Error
        )]
    );
    // The term's context rules still apply: a product that detects them.
    assert!(read("Our scanner detects keyloggerpro and freekeygens").is_empty());
}

#[test]
fn a_term_hyphenated_to_free_or_proof_is_no_hit() {
    // `X-free`, `X-proof`, `X-resilient` say the product is without X or
    // withstands it.
    for text in [
        "hentai-free anime streaming for kids",
        "spyware-free keyboard app",
        "ransomware-resilient storage",
        "ransomware\u{2011}proof vault",
        "botnet-free IP ranges",
    ] {
        assert!(classes(text).is_empty(), "{text}: {:?}", terms(text));
    }
    // With a space, or inside a longer hyphenated name, it still counts.
    assert_eq!(classes("keylogger free download"), [Class::Malware]);
    assert_eq!(classes("keylogger-free-download.net"), [Class::Malware]);
    assert_eq!(classes("free-keylogger for parents"), [Class::Malware]);
}

#[test]
fn a_document_name_ending_in_an_executable_extension_is_malware() {
    // A double extension disguises a program as a document; written with
    // a space or a comma it is a list of file types.
    for text in [
        "Send the invoice.pdf.exe to your target",
        "open resume.docx.lnk to start",
        "photo.jpg.scr",
    ] {
        assert_eq!(classes(text), [Class::Malware], "{text}");
    }
    for text in [
        "Supports pdf, exe, zip uploads",
        "Convert pdf exe files",
        "pdf.js viewer embedded",
        // Read only as written (`exact`): not one letter off `doclnk`.
        "See the docs-link in the sidebar",
        "We detect double extensions like invoice.pdf.exe in email attachments",
    ] {
        assert!(classes(text).is_empty(), "{text}: {:?}", terms(text));
    }
}

#[test]
fn letters_and_digits_the_skeleton_collapses_do_not_make_a_term() {
    // The skeleton reads `xxx` as `x` and `1000` as `10`: a term written
    // with a tripled letter needs it at least twice in the text, and a
    // guaranteed figure is a fraud claim only about money.
    for text in [
        "Schedule your X content and threads",
        "X videos analytics for brands",
        "Guaranteed 100% uptime SLA",
        "100% guaranteed uptime, 24 hours a day",
        "guaranteed 500 Mbps bandwidth with daily backups",
        "utility to receive RAS error tracings",
        "Library for writing distributed self-replicating programs",
    ] {
        assert!(
            read(text).iter().all(|s| s.3 != Severity::Error),
            "{text}: {:?}",
            read(text)
        );
    }
    for (text, class) in [
        ("xxx videos", Class::Obscene),
        ("x x x movies", Class::Obscene),
        ("guaranteed 300% returns on your investment", Class::Fraud),
        ("RaaS affiliate program, 80% split", Class::Malware),
    ] {
        assert_eq!(classes(text), [class], "{text}");
    }
}

#[test]
fn the_glued_words_are_real_words_that_read_as_a_glued_term() {
    // Every listed real word reads as a glued term without the list (a
    // stale entry says the list was not regenerated) and not with it; every
    // `meant` word reads as one with it.
    let file: signals::glued::GlueFile =
        serde_json::from_str(include_str!("../data/signals/glue.json"))
            .unwrap_or_else(|e| panic!("glue.json: {e}"));
    assert!(file.before.len() > 20 && file.after.len() > 20);
    let bare = engine().glue_index(false);
    for w in &file.words {
        assert!(
            !signals::glued_terms(engine(), &bare, w).is_empty(),
            "{w} reads as no glued term"
        );
        assert!(
            signals::glued_terms(engine(), engine().glue(), w).is_empty(),
            "{w}"
        );
        assert!(
            signals::scan(w)
                .iter()
                .all(|s| s.strength != Strength::Glued),
            "{w}"
        );
    }
    for w in &file.names {
        assert!(
            !signals::glued_terms(engine(), &bare, w).is_empty(),
            "{w} reads as no glued term"
        );
        assert!(
            signals::scan(w)
                .iter()
                .all(|s| s.strength != Strength::Glued),
            "{w}"
        );
    }
    for w in &file.meant {
        assert!(
            signals::scan(w)
                .iter()
                .any(|s| s.strength == Strength::Glued),
            "{w}"
        );
    }
}

#[test]
fn a_negated_defeater_does_not_defeat() {
    // `consent` defeats a personal-data hit; `no consent` does not.
    assert!(terms("Harvest emails from any site, with a consent screen.").is_empty());
    for text in [
        "Harvest emails from any site, no consent screen.",
        "Harvest emails from any site without consent.",
    ] {
        assert_eq!(
            terms(text).first().map(String::as_str),
            Some("harvest emails"),
            "{text}"
        );
    }
    // A claim of zero detections aggravates instead of defeating.
    assert!(!terms("Crypter that gets zero detections on VirusTotal scans").is_empty());
    // A negation of several words (`不会`) reaches as far from its last
    // word as one of one word; `nothing` negates too.
    assert!(terms("多层跑分，被风控").is_empty());
    assert!(
        terms("We run your deposits through mule accounts so everything is flagged.").is_empty()
    );
    for text in [
        "多层跑分，不会被风控",
        "We run your deposits through mule accounts so nothing is flagged.",
    ] {
        assert!(!terms(text).is_empty(), "{text}");
    }
}

#[test]
fn a_defeater_joined_to_the_term_as_its_feature_does_not_defeat() {
    // `with`/`that` right after the term: what follows is the named
    // thing's feature, not what the product does about it.
    for text in [
        "Monero miner that prevents detection",
        "Botnet panel with DDoS protection",
        "Warez forum with anti-spam filter",
    ] {
        assert!(!terms(text).is_empty(), "{text}");
    }
    // A passive verb (what is done to the thing), a defeater after a
    // comma, or one further away still defeats.
    for text in [
        "Malware with polymorphic code detected by machine learning",
        "Harvest emails from any site, with a consent screen.",
        "Phishing emails with malicious links are quarantined before delivery",
    ] {
        assert!(terms(text).is_empty(), "{text}: {:?}", terms(text));
    }
}

#[test]
fn a_negation_covers_every_alternative_after_it() {
    // `without cookies or consent banners`: `consent` is negated through
    // the `or` list, so it no longer defeats; without the `or`, three
    // words away is still the reach.
    assert_eq!(
        terms("Tracks every visitor without cookies or consent banners and sells profiles to data brokers"),
        ["data broker"]
    );
    assert!(
        terms("Sells profiles to data brokers without asking, but shows consent banners")
            .is_empty()
    );
    // A term that is the last alternative of a list after a negation is
    // negated too, in English and Chinese; an item joined by `and` after
    // an `or` list is not.
    assert!(terms("The node does not involve any token trading or crypto mining").is_empty());
    assert!(terms("区块链存证平台，不涉及任何虚拟货币交易或挖矿。").is_empty());
    assert_eq!(terms("区块链存证平台，支持虚拟货币交易和挖矿。"), ["挖矿"]);
    assert_eq!(
        terms("Fingerprint every visitor without cookies or consent banners and sell the profiles to data brokers"),
        ["data broker"]
    );
    // An `or` too far from the negation (more than six words) does not
    // carry it.
    assert!(terms(
        "No setup fees for the first month of the plan or consent tooling, sold to data brokers"
    )
    .is_empty());
}

#[test]
fn a_chinese_negation_stops_at_a_clause_comma() {
    // `感觉不到` ("can hardly feel it") does not negate `访客` after the
    // comma: the visitors' slot of the frame is filled.
    assert!(
        classes("几乎感觉不到，访客的电脑在后台帮你挖，收益每天结算。")
            .contains(&Class::CryptoMining)
    );
    // Within its clause it still negates: no visitors, no frame.
    assert!(
        !term_classes("不让访客的电脑在后台帮你挖，收益每天结算。").contains(&Class::CryptoMining)
    );
}

#[test]
fn a_terms_own_negation_does_not_negate_its_context() {
    // `do not hire` needs a protected group near it: the `not` inside the
    // term must not negate `foreigners` across the `or` list.
    assert_eq!(
        terms("We do not hire women or foreigners for our support team"),
        ["do not hire"]
    );
}

#[test]
fn a_negated_required_word_does_not_count() {
    // `every keypress` is a signal only near a word that sends it out.
    assert_eq!(
        terms("Captures every keypress and sends the log to you hourly"),
        ["every keypress"]
    );
    assert!(terms("Masks every keypress in password fields and never sends typed text").is_empty());
    assert!(terms("Masks every keypress and does not upload it").is_empty());
}

#[test]
fn number_words_read_as_the_words_they_stand_for() {
    // `4` for "for", `2` for "to", `ur` for "your": the canonical term is
    // reported, the span covers what was written.
    let found = signals::scan("Hacker 4 hire, any account");
    assert_eq!(found[0].term, "hacker for hire");
    assert_eq!(found[0].matched, "Hacker 4 hire");
    assert_eq!(terms("Spy on ur ex phone")[0], "spy on your");
    // Only inside a phrase of the vocabulary: a lone number is a number.
    assert!(terms("Version 4 for teams of 2").is_empty());
}

#[test]
fn a_chinese_term_partly_or_wholly_in_pinyin_is_read_as_the_term() {
    // One character in pinyin next to the others in Chinese.
    let found = signals::scan("正版全家桶，破jie版下载");
    assert_eq!(found.len(), 0, "正版 (genuine) near it defeats: {found:?}");
    let found = signals::scan("全家桶破jie版下载");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].term, "破解版");
    assert_eq!(found[0].matched, "破jie版");
    assert_eq!((found[0].span.start, found[0].span.end), (3, 8));
    assert_eq!(terms("网页wa矿脚本"), ["挖矿脚本"]);
    assert_eq!(terms("木ma生成器，一键mian杀"), ["木马生成器", "免杀"]);
    // Wholly in pinyin, as syllables or as one word, from three characters.
    assert_eq!(terms("Photoshop po jie ban"), ["破解版"]);
    assert_eq!(terms("wakuang jiaoben"), ["挖矿脚本"]);
    // Two syllables alone are too often a word or a name: `Sifu` is a game,
    // `Asan` a city.
    assert!(terms("Sifu dedicated servers, Asan office, muma").is_empty());
}

/// `data/signals/zh-pinyin.json`, parsed.
fn pinyin_file() -> PinyinFile {
    serde_json::from_str(include_str!("../data/signals/zh-pinyin.json")).expect("zh-pinyin.json")
}

/// Every vocabulary file (`data/signals/<lang>.json`), by name.
const VOCABULARIES: [(&str, &str); 2] = [
    ("en.json", include_str!("../data/signals/en.json")),
    ("zh.json", include_str!("../data/signals/zh.json")),
];

#[test]
fn every_chinese_term_has_its_pinyin_reading() {
    // `data/signals/zh-pinyin.json` is generated from the vocabulary by
    // `scripts/gen-pinyin.py`: a term added without re-running it would
    // silently lose its pinyin readings. Every vocabulary file: the engine
    // reads any all-Chinese term in pinyin, and an English group may hold a
    // Chinese twin.
    let pinyin = pinyin_file();
    let mut missing = Vec::new();
    let groups: Vec<serde_json::Value> = VOCABULARIES
        .iter()
        .flat_map(|(name, file)| {
            let vocabulary: serde_json::Value = serde_json::from_str(file).expect(name);
            vocabulary["groups"].as_array().cloned().unwrap_or_default()
        })
        .collect();
    assert!(groups.len() > 100, "{} groups", groups.len());
    // (A vocabulary file added to the data is added to the list.)
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/signals");
    for file in std::fs::read_dir(dir).expect("data/signals").flatten() {
        let name = file.file_name().to_string_lossy().into_owned();
        let lang = name.strip_suffix(".json").unwrap_or_default();
        if lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase()) {
            assert!(VOCABULARIES.iter().any(|(n, _)| *n == name), "{name}");
        }
    }
    for group in &groups {
        for term in group["terms"].as_array().into_iter().flatten() {
            let term = term.as_str().unwrap_or_default();
            let han = term.chars().count() >= 2
                && term.chars().all(|c| ('\u{3400}'..='\u{9fff}').contains(&c));
            match pinyin.readings.get(term) {
                Some(r) => assert_eq!(
                    r.split(' ').count(),
                    term.chars().count(),
                    "{term}: one syllable per character"
                ),
                None if han => missing.push(term.to_string()),
                None => {}
            }
        }
    }
    assert!(
        missing.is_empty(),
        "run scripts/gen-pinyin.py; no reading for {missing:?}"
    );
}

#[test]
fn the_variant_table_covers_every_chinese_character_of_the_vocabulary() {
    // `data/signals/zh-variants.json` maps traditional and variant forms to
    // the simplified characters the vocabulary uses; generated by
    // `scripts/gen-zh-variants.py`, it records the characters it covers. A
    // term with a new character and no re-run would not match its
    // traditional spelling (`過驗鈔機` for `过验钞机`).
    let variants: serde_json::Value =
        serde_json::from_str(include_str!("../data/signals/zh-variants.json"))
            .expect("zh-variants.json");
    let covers = variants["covers"].as_str().unwrap_or_default();
    let mut missing = std::collections::BTreeSet::new();
    let contexts = include_str!("../data/signals/contexts.json");
    for file in VOCABULARIES.iter().map(|(_, f)| *f).chain([contexts]) {
        missing.extend(
            file.chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c) && !covers.contains(*c)),
        );
    }
    assert!(
        missing.is_empty(),
        "run scripts/gen-zh-variants.py; not covered: {missing:?}"
    );
}

#[test]
fn a_version_number_glued_to_a_name_is_not_leetspeak() {
    // `windows11` is Windows 11, not "windowsii": the product name meets
    // the next word, and the match spans the version in the original.
    let found = signals::scan("windows11 activator");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].term, "windows activator");
    assert_eq!((found[0].span.start, found[0].span.end), (0, 19));
    assert_eq!(found[0].matched, "windows11 activator");
    // A weak term whose context is a product with its version glued on.
    assert_eq!(terms("office2019 crack"), ["crack"]);
    // Leetspeak inside and at the end of a word still reads as letters.
    assert_eq!(terms("m4lw4r3"), ["malware"]);
    assert_eq!(terms("r4ns0mw4r3"), ["ransomware"]);
    // Digits after Chinese stay in the skeleton.
    assert_eq!(normalize("刷单2024").text, "刷单2024");
    // Only `2` stays a digit in a skeleton, which is never read as a
    // version number again; `6` reads as `g` (`keyl0663r`), so a version
    // with it is one (`aib26` is `aib` version 26).
    for word in ["aib2", "ab2"] {
        assert_eq!(normalize(word).text, word);
    }
    assert_eq!(normalize("aib26").text, "aib");
}

#[test]
fn a_phrase_written_as_one_word_matches_where_its_words_meet_on_one_letter() {
    // Repeats collapse inside a word, so `anddump` reads as `andump`.
    assert_eq!(terms("Join #pumpanddump signals"), ["pump and dump"]);
    assert_eq!(terms("P_u_m_p_@_n_d_d_u_m_p signals"), ["pump and dump"]);
    assert_eq!(terms("pump and dump signals"), ["pump and dump"]);
    // Not where a word would be left with one letter (`cc checker` is not
    // `checker`), nor with the shared letter dropped between spaced words.
    assert!(terms("Drug interaction checker for pharmacists").is_empty());
    assert!(terms("pump an dump").is_empty());
}

#[test]
fn a_prohibition_after_a_term_defeats_it_in_its_clause() {
    for text in [
        "Crypto mining is prohibited on our GPU instances.",
        "Cryptocurrency mining is not allowed under our acceptable use policy.",
        "挖矿行为被禁止",
    ] {
        let found = signals::scan(text);
        assert!(found.is_empty(), "{text}: {found:?}");
    }
    // Not past the clause: a colon ends it.
    let found = signals::scan("Crypto mining: is prohibited elsewhere, not here");
    assert!(
        found.iter().any(|s| s.class == Class::CryptoMining),
        "{found:?}"
    );
}

#[test]
fn context_defeats_and_aggravates() {
    let detects = signals::scan("Our EDR detects ransomware and removes Trojans.");
    assert!(detects.is_empty(), "{detects:?}");
    let evades = signals::scan("FUD ransomware that antivirus cannot detect, undetectable.");
    assert!(
        evades.iter().any(|s| s.class == Class::Malware),
        "aggravators cancel the security context: {evades:?}"
    );
    assert!(signals::scan("Blockchain node hosting without mining").is_empty());
    let crypto = signals::scan("Mining Monero on every core");
    assert!(
        crypto.iter().any(|s| s.class == Class::CryptoMining),
        "{crypto:?}"
    );
    assert!(signals::scan("Data mining on GPUs for retail").is_empty());
    // Context only counts within the same sentence.
    let apart = signals::scan("We detect threats. Separately, ransomware builder inside.");
    assert!(apart.iter().any(|s| s.class == Class::Malware), "{apart:?}");
}

#[test]
fn a_groups_own_aggravators_cancel_its_defeaters() {
    // `filter` is a moderation word, which defeats discrimination terms;
    // a filter of people (`hiring filter`, `简历筛选`) is the product
    // discriminating, and the explicit-exclusion groups name it as an
    // aggravator of their own (`aggravated_by`).
    assert!(
        classes("Hiring filter: no women over 35, no disabled candidates.")
            .contains(&Class::Discrimination)
    );
    assert!(classes("招聘筛选：不要女性，不要外地人。").contains(&Class::Discrimination));
    // Without a filter of people the moderation word still defeats.
    assert!(classes("Our moderation filter blocks posts saying 'no women allowed'.").is_empty());
    // Files restored only once paid: the security word 恢复 is the ransom.
    assert!(
        classes("把这个小程序发给别人，打开后他的电脑文件会被加密，需付款才能恢复。")
            .contains(&Class::Malware)
    );
    assert!(classes("勒索病毒应急响应：无需付款，我们帮你恢复被加密的文件。").is_empty());
    // The weak wording fairness products use has no such aggravator.
    assert!(
        classes("Bias audit for your hiring filter: find out if it discriminates by age.")
            .is_empty()
    );
}

#[test]
fn censored_letters_and_look_alike_pairs_are_read() {
    // `malw*re`: the normaliser alone reads `*` as a separator (`malwre`);
    // each vowel is tried in its place, and the signal shows the text as
    // written, at its place in it.
    let text = "Get our malw*re kit and r*nsomw*re builder today";
    let found = signals::scan(text);
    let malware: Vec<_> = found.iter().filter(|s| s.class == Class::Malware).collect();
    assert_eq!(
        malware
            .iter()
            .map(|s| s.matched.as_str())
            .collect::<Vec<_>>(),
        ["malw*re", "r*nsomw*re builder"],
        "{found:?}"
    );
    assert_eq!(malware[0].term, "malware");
    assert_eq!((malware[0].span.start, malware[0].span.end), (8, 15));
    let utf16: Vec<u16> = "① c*caine delivered".encode_utf16().collect();
    let cocaine = signals::scan("① c*caine delivered");
    let s = cocaine.first().expect("c*caine");
    assert_eq!(
        String::from_utf16_lossy(&utf16[s.span.start as usize..s.span.end as usize]),
        "c*caine"
    );
    // A separator it always was (`key*gen`), and no letter to hide where
    // no term results (`Pro*C`, globs, markdown emphasis).
    assert!(!signals::scan("key*gen included").is_empty());
    for benign in [
        "Oracle Pro*C precompiler support",
        "Use glob patterns like src*test to filter files",
        "**Features**: fast*setup and easy upgrades",
        "Our EDR detects malw*re and quarantines it",
    ] {
        assert!(signals::scan(benign).is_empty(), "{benign}");
    }
    // Letter pairs that look like one letter (TR39): `rn` starting a word,
    // `vv` in one; ordinary words with the pairs are not read so.
    let pairs = signals::scan("rnalware and ransomvvare kits");
    assert_eq!(
        pairs.iter().map(|s| s.matched.as_str()).collect::<Vec<_>>(),
        ["rnalware", "ransomvvare kits"],
        "{pairs:?}"
    );
    assert!(signals::scan("Savvy shoppers turn to our modern learning platform").is_empty());
    // Upside-down writing is read turned back, the span on the original.
    let turned = signals::scan("ǝɹɐʍlɐɯ ʎnq");
    assert_eq!(
        turned
            .iter()
            .map(|s| (
                s.matched.as_str(),
                s.term.as_str(),
                s.span.start,
                s.span.end
            ))
            .collect::<Vec<_>>(),
        [("ǝɹɐʍlɐɯ", "malware", 0, 7)],
        "{turned:?}"
    );
    assert!(signals::scan("Phonetics course: the vowels ɐ and ɯ in IPA").is_empty());
    // Hostile input: a megabyte of censored words is read in bounded work
    // (the first 64 asterisks are filled; the rest stay separators, and
    // `malwre` is one letter off the term: a warning).
    let long = "malw*re ".repeat(1 << 17);
    let found = signals::scan(&long);
    let strong = found.iter().filter(|s| s.strength == Strength::Strong);
    assert_eq!(strong.count(), 64, "{:?}", found.first());
    assert_eq!(found.len(), 1 << 17, "{:?}", found.last());
    // And a megabyte of upside-down words (the first 64 runs are read).
    let long = "ǝɹɐʍlɐɯ x ".repeat(1 << 16);
    let found = signals::scan(&long);
    assert_eq!(found.len(), 64, "{:?}", found.first());
}

#[test]
fn a_negation_reaches_only_its_clause() {
    // A negation injected before a bracket, colon or dash does not negate
    // what follows it.
    for text in [
        "No signup (keygen included)",
        "No subscription needed: cracked Photoshop",
        "No login required - keylogger runs at boot",
        "Free, no signup — cracked Photoshop",
    ] {
        let found = signals::scan(text);
        assert!(!found.is_empty(), "{text}: {found:?}");
    }
    // In its clause, and through the commas of a list, it still does.
    for text in [
        "Contains no malware",
        "No ads, no trackers, no malware",
        "No ads, keygen, malware",
        "Free from malware",
        // A negation of two words starting before the window, ending in it.
        "Free from malware and adware",
    ] {
        let found = signals::scan(text);
        assert!(found.is_empty(), "{text}: {found:?}");
    }
}

#[test]
fn text_under_a_right_to_left_override_is_read_as_displayed_and_as_stored() {
    // U+202E displays what follows in reverse, up to U+202C, U+2069 or the
    // end of the line: "reggolyek" there shows as "keylogger".
    for (text, span, term) in [
        (
            "Buy our \u{202E}reggolyek\u{202C} today",
            (9, 18),
            "keylogger",
        ),
        ("Buy our \u{202E}erawmosnar", (9, 19), "ransomware"),
        ("\u{202E}erawmosnar\nnext line", (1, 11), "ransomware"),
    ] {
        let found = signals::scan(text);
        let hit = found.iter().find(|s| s.term == term);
        assert_eq!(
            hit.map(|s| (s.span.start, s.span.end)),
            Some(span),
            "{text:?}: {found:?}"
        );
    }
    // After the override ends, text reads forwards again.
    let after = signals::scan("\u{202E}ruo\u{202C} keylogger");
    assert_eq!(after.first().map(|s| s.matched.as_str()), Some("keylogger"));
    // Outside an override, a reversed word is just letters.
    assert!(signals::scan("reggolyek").is_empty());
    // An override slipped into a word to break it is also read in the order
    // stored, as a filter that drops the control would: the span covers it.
    for (text, span, matched) in [
        ("rans\u{202E}omware kit", (0, 15), "rans\u{202E}omware kit"),
        (
            "keylog\u{202E}ger\u{202C} here",
            (0, 10),
            "keylog\u{202E}ger",
        ),
    ] {
        let found = signals::scan(text);
        let hit = found.iter().find(|s| s.class == Class::Malware);
        assert_eq!(
            hit.map(|s| ((s.span.start, s.span.end), s.matched.as_str())),
            Some((span, matched)),
            "{text:?}: {found:?}"
        );
    }
    // A benign override stays benign in either order.
    assert!(signals::scan("Benign \u{202E}txet\u{202C} for keylogger detection").is_empty());
}

#[test]
fn weak_terms_are_warnings_and_strong_terms_errors() {
    let weak = signals::scan("Bitcoin wallet with a GPU miner");
    assert!(
        weak.iter()
            .any(|s| s.class == Class::CryptoMining && s.severity == Severity::Warning),
        "{weak:?}"
    );
    let strong = signals::scan("Bitcoin mining image");
    assert!(
        strong
            .iter()
            .any(|s| s.class == Class::CryptoMining && s.severity == Severity::Error),
        "{strong:?}"
    );
}

#[test]
fn chinese_signals_through_traditional_characters_and_separators() {
    for text in ["木 马 程 序", "挖礦軟體", "破·解·版", "免\u{200B}杀"] {
        assert!(!signals::scan(text).is_empty(), "{text}");
    }
    // Radical forms drawn as whole characters: Kangxi radicals (NFKC) and
    // the CJK Radicals Supplement (the variant table).
    for (text, term) in [("⽊⻢下载", "木马"), ("⻩⾊⽹站大全", "黄色网站")] {
        assert_eq!(terms(text), [term], "{text}");
    }
    assert!(signals::scan("本产品可检测并清除木马").is_empty());
}

fn listing(extra: &str) -> String {
    format!(
        r#"{{"name": "Acme Shield", "description": "Our EDR removes the keylogger and ransomware families; free keygen for Photoshop.",
        "delivery_format": "saas", "saas": {{"url": "https://shield.example.com"}},
        "category": ["Software Infrastructure", "Network Infrastructure"]{extra}}}"#
    )
}

#[test]
fn signals_are_findings_of_the_listing_with_their_field_and_span() {
    let report = listing_precheck::check_json_str(&listing(""));
    let signal: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("signal/"))
        .collect();
    assert_eq!(signal.len(), 1, "{signal:#?}");
    let f = signal[0];
    assert_eq!(f.rule, "signal/ip-infringement");
    assert_eq!(f.path, "/description");
    assert_eq!(f.citation.clause, "Listing restrictions, item 2");
    let info = f.signal.as_ref().expect("signal info");
    assert_eq!(info.term, "keygen");
    assert_eq!(report.verdict, Verdict::Fail);
}

#[test]
fn justifications_mark_findings_but_cannot_clear_malware_errors() {
    let justified = listing_precheck::check_json_str(&listing(
        r#", "justifications": [{"rule": "signal/ip-infringement", "path": "/description", "reason": "We hold a distribution licence from Adobe for this key generator."}]"#,
    ));
    let f = justified
        .findings
        .iter()
        .find(|f| f.rule == "signal/ip-infringement")
        .expect("still reported");
    assert!(f.justified.as_deref().is_some_and(|r| r.contains("Adobe")));
    assert_ne!(
        justified.verdict,
        Verdict::Fail,
        "{:#?}",
        justified.findings
    );

    let malware = listing_precheck::check_json_str(
        r#"{"name": "x", "description": "Keylogger builder.", "delivery_format": "saas",
            "saas": {"url": "https://x.example.com"}, "category": ["Software Infrastructure", "Network Infrastructure"],
            "justifications": [{"rule": "signal/malware", "path": "/description", "reason": "It is for research purposes only."}]}"#,
    );
    assert_eq!(malware.verdict, Verdict::Fail);
    assert!(malware
        .findings
        .iter()
        .any(|f| f.rule == "justification/not-allowed" && f.path == "/justifications/0"));
    let unused = listing_precheck::check_json_str(&listing(
        r#", "justifications": [{"rule": "signal/obscene", "path": "/name", "reason": "Nothing obscene here at all."}, {"rule": "signal/malwar", "path": "/name", "reason": "typo in the rule id"}]"#,
    ));
    assert!(unused
        .findings
        .iter()
        .any(|f| f.rule == "justification/unused" && f.path == "/justifications/0"));
    assert!(unused
        .findings
        .iter()
        .any(|f| f.rule == "justification/unused"
            && f.path == "/justifications/1/rule"
            && f.help.contains("signal/malware")));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn scanning_never_panics_and_spans_lie_on_char_boundaries(text in "\\PC{0,80}|[a-z0-9@$!|* .\\-_\u{200B}\u{202E}аеорсху木马挖矿]{0,60}|[a-z|<>/\\\\()\\[\\]{}:_ -]{0,60}") {
        let utf16: Vec<u16> = text.encode_utf16().collect();
        for s in signals::scan(&text) {
            prop_assert!(s.span.start < s.span.end);
            prop_assert!(s.span.end as usize <= utf16.len());
            let shown = String::from_utf16(&utf16[s.span.start as usize..s.span.end as usize]);
            prop_assert!(shown.is_ok(), "span splits a surrogate pair");
            prop_assert_eq!(shown.unwrap_or_default(), s.matched);
        }
    }

    #[test]
    fn every_skeleton_unit_points_inside_the_original(text in "\\PC{0,120}") {
        let n = normalize(&text);
        prop_assert_eq!(n.units.len(), n.text.chars().count());
        for u in &n.units {
            prop_assert!(text.is_char_boundary(u.start8 as usize));
            prop_assert!(text.is_char_boundary(u.end8 as usize));
            prop_assert!(u.start8 < u.end8 && u.end8 as usize <= text.len());
        }
    }

    #[test]
    fn each_skeleton_byte_maps_to_its_character(text in "\\PC{0,80}|[a-z 木马挖矿é]{0,40}") {
        let n = normalize(&text);
        for (i, (at, _)) in n.text.char_indices().enumerate() {
            prop_assert_eq!(n.unit_at(at), i, "{:?}", text);
        }
        prop_assert_eq!(n.unit_at(n.text.len()), n.units.len());
    }

    #[test]
    fn normalisation_is_idempotent(text in "\\PC{0,120}|[a-zA-Z0-9@$!|.,\\- _\u{200B}\u{202E}аеорсху木马挖矿。]{0,80}|[a-z6|<>/\\\\()\\[\\]{}:_ -]{0,60}") {
        // A word of the skeleton read as a part of a word: a lone `u` of
        // `U.S.` stays `u` there, where `normalize` reads it as `you`.
        for word in normalize(&text).words() {
            prop_assert_eq!(normalize_part(&word), word);
        }
    }

    #[test]
    fn disguising_a_strong_term_with_separators_keeps_the_signal(
        term in prop::sample::select(vec!["keylogger", "ransomware", "cryptojacking", "warez", "pornography"]),
        sep in prop::sample::select(vec![" ", ".", "-", "_", "*", "\u{200B}"]),
    ) {
        let spaced: String = term.chars().map(|c| c.to_string()).collect::<Vec<_>>().join(sep);
        let text = format!("Get the {spaced} today");
        prop_assert!(!signals::scan(&text).is_empty(), "{}", text);
    }
}

#[test]
fn a_justification_reason_has_the_short_field_limit_the_schema_gives() {
    let reason = "r".repeat(201);
    let report = listing_precheck::check_json_str(&listing(&format!(
        r#", "justifications": [{{"rule": "signal/ip-infringement", "path": "/description", "reason": "{reason}"}}]"#
    )));
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule == "field/too-long" && f.path == "/justifications/0/reason"));
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../schema/listing.schema.json")).unwrap();
    assert_eq!(
        schema["properties"]["justifications"]["items"]["properties"]["reason"]["maxLength"],
        listing_precheck::input::limits::MAX_SHORT_FIELD_CHARS
    );
}

/// Inputs the fuzzer (`fuzz/fuzz_targets/scan.rs`) found, kept as
/// regression tests of the properties it checks.
#[test]
fn fuzz_regressions_stay_fixed() {
    for text in [
        // ㍭ folds to "21点": digits beside CJK are not leetspeak.
        "uZ\u{19}\u{336D}",
        // A skeleton read again keeps its words.
        "Online Sex TOys shop",
        "A<\u{11D00}",
        "\u{BC}",
        "\u{2049}a",
        "\\|  ",
        // Found by the scan fuzz target: a lone `u` of a spelled-out word
        // is a part of a word, not the short form of `you`.
        "n.u.d.e.s for sale",
    ] {
        for word in normalize(text).words() {
            assert_eq!(normalize_part(&word), word, "{text:?}");
        }
        let utf16: Vec<u16> = text.encode_utf16().collect();
        for s in signals::scan(text) {
            assert!(s.span.end as usize <= utf16.len());
        }
    }
    // Chinese with digits keeps its digits in the skeleton.
    assert_eq!(normalize("21点").text, "21点");
}

/// Found by the scan fuzz target: a digit inside a compatibility expansion
/// (㍹ → dm3) next to a leet digit must fold the same way when the
/// skeleton is normalised again.
#[test]
fn digits_inside_compatibility_expansions_fold_idempotently() {
    for text in ["刷1㍹", "1㍹", "a㍹", "k3y㎥", "x²y", "㍹"] {
        for word in normalize(text).words() {
            assert_eq!(normalize_part(&word), word, "{text:?}");
        }
    }
}

/// A match's span covers exactly the original text that normalises to the
/// term: checked for every signal over the whole labelled corpus (this
/// caught a byte-to-unit map that went wrong when a text began with a
/// non-ASCII character).
#[test]
fn every_match_normalises_to_its_term_across_the_corpus() {
    let mut checked = 0;
    let pinyin = pinyin_file();
    for line in corpus_lines() {
        let row: serde_json::Value = serde_json::from_str(line).expect("corpus line");
        let text = row["text"].as_str().unwrap_or_default();
        let units: Vec<u16> = text.encode_utf16().collect();
        for s in signals::scan(text) {
            let under = String::from_utf16(&units[s.span.start as usize..s.span.end as usize])
                .expect("span on boundaries");
            assert_eq!(under, s.matched, "{text:?}");
            // Leetspeak and separators are read in context, so only plain
            // words are normalised on their own and compared. A sentence the
            // resemblance model flags has no term.
            if s.strength != Strength::Resembles
                && s.matched.chars().all(|c| c.is_alphabetic() || c == ' ')
            {
                // Under a right-to-left override the text is read as
                // displayed: in reverse.
                let skeleton = |t: &str| normalize(t).text.replace(' ', "");
                let reversed: String = s.matched.chars().rev().collect();
                let term = skeleton(&s.term);
                // Written as one word, a phrase whose words meet on the same
                // letter reads with it once (`pumpanddump`).
                let once = |t: &str| {
                    let mut c: Vec<char> = t.chars().collect();
                    c.dedup();
                    c.into_iter().collect::<String>()
                };
                // A Chinese term partly or wholly in pinyin.
                let in_pinyin = pinyin.readings.get(&s.term).is_some_and(|syllables| {
                    pinyin_readings(&s.term, syllables)
                        .iter()
                        .any(|r| skeleton(r) == skeleton(&s.matched))
                });
                // Letter pairs read as the letter they look like
                // (`rnalware`, `malvvare`).
                let paired = |t: &str| {
                    t.to_lowercase()
                        .split(' ')
                        .map(|w| {
                            let w = w.replace("vv", "w");
                            match w.strip_prefix("rn") {
                                Some(rest) => format!("m{rest}"),
                                None => w,
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                assert!(
                    skeleton(&s.matched) == term
                        || skeleton(&paired(&s.matched)) == term
                        // Upside-down writing (`ǝɹɐʍlɐɯ`).
                        || skeleton(&signals::turned_back(&s.matched)) == term
                        // The plural of a term (`ghost guns`).
                        || skeleton(&s.matched) == format!("{term}s")
                        || in_pinyin
                        || (!s.matched.contains(' ') && once(&skeleton(&s.matched)) == once(&term))
                        || (text.contains('\u{202E}') && skeleton(&reversed) == term),
                    "{text:?}: {:?} is not the text of {:?}",
                    s.matched,
                    s.term
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 150, "{checked} signals checked");
    for (text, matched) in [
        ("翻墙 VPN", "翻墙"),
        ("木马病毒 sale", "木马"),
        ("é keylogger", "keylogger"),
    ] {
        let found: Vec<String> = signals::scan(text).into_iter().map(|s| s.matched).collect();
        assert!(found.iter().any(|m| m == matched), "{text:?}: {found:?}");
    }
}

/// The build-time confusables table is exactly the Latin look-alikes of the
/// full TR39 data: every character, checked against `unicode-security`.
#[test]
fn the_generated_confusables_table_matches_tr39_for_every_character() {
    let mut mapped = 0;
    for c in (0x80u32..=0x10FFFF).filter_map(char::from_u32) {
        let mut buf = [0u8; 4];
        let mut ascii = Vec::new();
        let mut ok = true;
        for p in unicode_security::skeleton(c.encode_utf8(&mut buf)) {
            if ascii.len() < 4 && p.is_ascii_alphanumeric() {
                ascii.push(p.to_ascii_lowercase() as u8);
            } else {
                ok = false;
            }
        }
        let want = (ok && !ascii.is_empty()).then_some(ascii);
        let got = signals::normalize::ascii_confusable(c).map(<[u8]>::to_vec);
        assert_eq!(got, want, "U+{:04X}", c as u32);
        mapped += usize::from(got.is_some());
    }
    assert!(mapped > 1000, "{mapped}");
}
