//! `listing-precheck`: the command-line surface of the checker.
//!
//! Exit codes: 0 when no listing has a finding at or above `--fail-on`
//! (default: error), 1 when one has, 2 on usage or I/O errors (a file that
//! cannot be read).
#![forbid(unsafe_code)]

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use listing_precheck::contract::{self, ContractAnswer, ContractInput};
use listing_precheck::report::{self, Severity};
use listing_precheck::rules::Rule;
use listing_precheck::{CheckOptions, DisabledRule};

mod batch;

/// mimalloc rather than the system allocator: a batch run allocates and
/// frees a report (~13 KB in pieces) per listing on every worker thread,
/// which glibc's allocator serves with lock contention and page faults.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Pre-check marketplace product listings against the listing policy and
/// membership agreement, offline. Every finding cites its clause.
#[derive(Debug, Parser)]
#[command(name = "listing-precheck", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check listings: JSON files, JSON Lines files (.jsonl, one listing per line) or `-` for stdin.
    ///
    /// With one listing and `--format json` the report is printed as one JSON
    /// object (the same bytes the wasm API returns); with several, one JSON
    /// line per listing: {"source": FILE, "line": N, "report": {...}} (the
    /// listing's `id` is in the report). JSON Lines input is streamed in
    /// constant memory and checked on all cores; output keeps input order.
    /// A bad line is reported with its line number and the run goes on.
    ///
    /// Exit codes: 0 nothing at or above --fail-on; 1 a listing has a
    /// finding at or above --fail-on (justified or disabled ones do not
    /// count); 2 usage error or unreadable file.
    ///
    /// Examples:
    ///   listing-precheck check listing.json
    ///   listing-precheck check --format text listings.jsonl
    ///   listing-precheck check --format sarif listings.jsonl > results.sarif
    ///   listing-precheck check --fail-on warning --format markdown *.json
    ///   listing-precheck check --disable url/insecure --reason "internal mirror" listing.json
    ///   listing-precheck check --lang zh --format text listing.json
    ///   cat listing.json | listing-precheck check -
    #[command(verbatim_doc_comment)]
    Check {
        /// Files to check; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Json)]
        format: CheckFormat,
        /// Treat standard input as JSON Lines even if its first line is not one JSON value.
        #[arg(long)]
        jsonl: bool,
        /// Lowest severity that makes the exit code 1.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// Date (YYYY-MM-DD) the contract terms are wanted for.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Language of the messages: zh puts each rule's Chinese summary before the English message.
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
        /// Switch a rule off (an id, or a prefix ending in `/` such as `signal/`); repeatable; needs --reason.
        #[arg(long = "disable", value_name = "RULE", requires = "reason")]
        disable: Vec<String>,
        /// Why the disabled rules are off; shown on every finding they hide.
        #[arg(long, requires = "disable")]
        reason: Option<String>,
        /// Threads checking listings (default: the number of cores).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
    },
    /// Work out the contracting entity, addenda and effective terms for a vendor.
    ///
    /// Examples:
    ///   listing-precheck entity --residence DE
    ///   listing-precheck entity --residence AU --small-business yes --format text
    ///   listing-precheck entity --residence "United Kingdom" --billing SG --eu-personal-data unknown
    #[command(verbatim_doc_comment)]
    Entity {
        /// Country of residence (ISO code, English or Chinese name).
        #[arg(long)]
        residence: String,
        /// Country of the billing address given at registration.
        #[arg(long)]
        billing: Option<String>,
        /// The vendor accesses or uses the International Marketplace.
        #[arg(long)]
        marketplace: bool,
        /// Whether the GDPR applies to the vendor's processing of personal data.
        #[arg(long, value_enum, default_value_t = Answer::Unknown)]
        eu_personal_data: Answer,
        /// Whether this is an Australian small business contract.
        #[arg(long, value_enum, default_value_t = Answer::Unknown)]
        small_business: Answer,
        /// Date (YYYY-MM-DD) the terms are wanted for.
        #[arg(long)]
        as_of: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Find prohibited-content signals in texts: JSON Lines {"id": …, "text": "…"} in, one line out per input.
    ///
    /// Each output line is {"id": …, "signals": [{"class", "rule", "severity",
    /// "strength", "span": {"start", "end"}, "matched", "term"}]}; spans are
    /// UTF-16 offsets into the text. A bad line gives {"id": …, "signals": [],
    /// "error": "…"} and the run goes on. Input is streamed: memory stays
    /// constant however long the file.
    ///
    /// Exit codes: 0 no error-level signal, 1 an error-level signal, 2 a bad
    /// line or an unreadable file.
    ///
    /// Examples:
    ///   echo '{"id": 1, "text": "k e y l o g g e r included"}' | listing-precheck scan
    ///   listing-precheck scan texts.jsonl > signals.jsonl
    #[command(verbatim_doc_comment)]
    Scan {
        /// JSON Lines file; `-` or nothing reads standard input.
        file: Option<String>,
    },
    /// Check an intellectual-property infringement report or counter-notification (JSON) against the policy's required items.
    ///
    /// Prints the report JSON (or text). Exit codes as for `check`.
    ///
    /// Examples:
    ///   listing-precheck ip-report report.json
    ///   listing-precheck ip-report --format text counter.json
    #[command(verbatim_doc_comment)]
    IpReport {
        /// The submission; `-` reads standard input.
        file: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Print the rule catalogue: id, severity, class, summary, explanation, the clause each
    /// rule enforces and a failing and a passing example.
    ///
    /// Examples:
    ///   listing-precheck rules
    ///   listing-precheck rules --format json
    ///   listing-precheck rules --format markdown > rules.md
    #[command(verbatim_doc_comment)]
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = CatalogueFormat::Text)]
        format: CatalogueFormat,
    },
    /// Print the category tree of Policy §1, with the readings of its unclear cells.
    Categories {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Answer {
    Yes,
    No,
    Unknown,
}

impl Answer {
    fn as_option(self) -> Option<bool> {
        match self {
            Answer::Yes => Some(true),
            Answer::No => Some(false),
            Answer::Unknown => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// One JSON report (one listing) or JSON Lines envelopes (several).
    Json,
    /// JSON Lines envelopes, one per listing, always.
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// Human-readable text, grouped by listing (coloured on a terminal).
    Text,
    /// Markdown tables, for a pull-request comment.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Exit 1 when a listing has an error.
    Error,
    /// Exit 1 when a listing has an error or a warning.
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Machine-readable JSON.
    Json,
    /// Human-readable text.
    Text,
}

/// Languages of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Lang {
    /// English.
    En,
    /// Simplified Chinese rule summaries before the English messages.
    Zh,
}

/// Output formats of the rule catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CatalogueFormat {
    /// Machine-readable JSON.
    Json,
    /// Human-readable text.
    Text,
    /// Markdown, as docs/rules.md.
    Markdown,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            files,
            format,
            jsonl,
            fail_on,
            as_of,
            lang,
            disable,
            reason,
            jobs,
        } => {
            let options = match check_options(as_of, disable, reason) {
                Ok(o) => CheckOptions {
                    lang: (lang == Lang::Zh).then(|| "zh".to_string()),
                    ..o
                },
                Err(message) => {
                    eprintln!("listing-precheck: {message}");
                    return ExitCode::from(2);
                }
            };
            let jobs = jobs
                .filter(|n| *n > 0)
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            batch::check(&files, format, jsonl, fail_on, &options, jobs)
        }
        Command::Categories { format } => categories(format),
        Command::Rules { format } => rules(format),
        Command::IpReport { file, format } => ip_report(&file, format),
        Command::Scan { file } => scan(file.as_deref().unwrap_or("-")),
        Command::Entity {
            residence,
            billing,
            marketplace,
            eu_personal_data,
            small_business,
            as_of,
            format,
        } => {
            let input = ContractInput {
                residence_country: residence,
                billing_country: billing,
                uses_marketplace: Some(marketplace),
                processes_eu_personal_data: eu_personal_data.as_option(),
                small_business: small_business.as_option(),
                as_of,
            };
            entity(&input, format)
        }
    }
}

/// Validates the options of `check`: a well-formed date, known rule ids
/// (with a suggestion when not) and a non-blank reason.
fn check_options(
    as_of: Option<String>,
    disable: Vec<String>,
    reason: Option<String>,
) -> Result<CheckOptions, String> {
    if let Some(date) = &as_of {
        let ok = listing_precheck::input::date::Date::parse(date).is_some();
        if !ok {
            return Err(format!(
                "--as-of {date:?} is not a real date of the form YYYY-MM-DD"
            ));
        }
    }
    let reason = reason.unwrap_or_default();
    if !disable.is_empty() && reason.trim().is_empty() {
        return Err("--disable needs a non-blank --reason".into());
    }
    let mut disabled = Vec::new();
    for rule in disable {
        let d = DisabledRule {
            rule,
            reason: reason.trim().to_string(),
        };
        if !d.is_known() {
            let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.meta().id).collect();
            let near = listing_precheck::rules::suggest::closest(&d.rule, ids.iter().copied(), 1);
            return Err(match near.first() {
                Some(s) => format!(
                    "--disable {:?} is not a rule id; did you mean {s:?}?",
                    d.rule
                ),
                None => format!(
                    "--disable {:?} is not a rule id (see the README's rule table)",
                    d.rule
                ),
            });
        }
        disabled.push(d);
    }
    Ok(CheckOptions {
        as_of,
        disabled,
        lang: None,
    })
}

fn scan(file: &str) -> ExitCode {
    use std::io::BufRead;
    let reader: Box<dyn BufRead> = if file == "-" {
        Box::new(io::stdin().lock())
    } else {
        match std::fs::File::open(file) {
            Ok(f) => Box::new(io::BufReader::new(f)),
            Err(e) => {
                eprintln!("listing-precheck: {file}: {e}");
                return ExitCode::from(2);
            }
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let (mut bad, mut any_error) = (false, false);
    for (n, line) in reader.split(b'\n').enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("listing-precheck: {file}: {e}");
                return ExitCode::from(2);
            }
        };
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let mut result = listing_precheck::signals::scan_record(line);
        if let Some(e) = &mut result.error {
            *e = format!("line {}: {e}", n + 1);
            bad = true;
        }
        any_error |= result.signals.iter().any(|s| s.severity == Severity::Error);
        if writeln!(out, "{}", report::to_json(&result)).is_err() {
            return ExitCode::from(2);
        }
    }
    if out.flush().is_err() || bad {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn ip_report(file: &str, format: Format) -> ExitCode {
    use std::io::Read;
    let mut bytes = Vec::new();
    let read = if file == "-" {
        io::stdin().lock().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(file).map(|b| bytes = b)
    };
    if let Err(e) = read {
        eprintln!("listing-precheck: {file}: {e}");
        return ExitCode::from(2);
    }
    let report = match listing_precheck::input::json::utf8(&bytes) {
        Ok(text) => listing_precheck::ip_report::check_json_str(text),
        Err(at) => listing_precheck::unreadable_input(&at),
    };
    let text = match format {
        Format::Json => format!("{}\n", report.to_json()),
        Format::Text => report::text::render(file, &report),
    };
    if io::stdout().lock().write_all(text.as_bytes()).is_err() {
        return ExitCode::from(2);
    }
    if report.verdict == report::Verdict::Fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn rules(format: CatalogueFormat) -> ExitCode {
    let catalogue = listing_precheck::rules::catalogue();
    let text = match format {
        CatalogueFormat::Json => format!("{}\n", report::to_json(&catalogue)),
        CatalogueFormat::Markdown => listing_precheck::rules::catalogue::markdown(),
        CatalogueFormat::Text => catalogue
            .iter()
            .map(|r| {
                format!(
                    "{:<32} {:<8} {:<14} {}\n{:<56} {}\n{:<56} {}: \"{}\"\n",
                    r.id,
                    r.severity.as_str(),
                    r.class,
                    r.summary,
                    "",
                    r.explanation,
                    "",
                    r.citation.clause,
                    r.citation.quote
                )
            })
            .collect(),
    };
    if io::stdout().lock().write_all(text.as_bytes()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

fn categories(format: Format) -> ExitCode {
    let tree = listing_precheck::policy::categories::tree();
    let text = match format {
        Format::Json => format!("{}\n", report::to_json(tree)),
        Format::Text => {
            let mut s = String::new();
            for c in &tree.categories {
                s.push_str(&format!("{}\n", c.name));
                for sub in &c.subcategories {
                    let mark = if sub.reading.is_some() {
                        "  (uncertain reading, see below)"
                    } else {
                        ""
                    };
                    s.push_str(&format!("  {}{mark}\n", sub.name));
                }
            }
            for a in &tree.ambiguities {
                s.push_str(&format!(
                    "\nNote [{}]: {}\n  Reading: {}\n  Advice: {}\n",
                    a.id, a.summary, a.reading, a.advice
                ));
            }
            s
        }
    };
    let mut out = io::stdout().lock();
    if out.write_all(text.as_bytes()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

fn entity(input: &ContractInput, format: Format) -> ExitCode {
    let answer = contract::resolve(input);
    let text = match format {
        Format::Json => format!("{}\n", report::to_json(&answer)),
        Format::Text => match &answer {
            ContractAnswer::Success(result) => report::text::render_contract(result),
            ContractAnswer::Failure { errors } => errors
                .iter()
                .map(|e| format!("error at {}: {}\n  help: {}\n", e.path, e.message, e.help))
                .collect(),
        },
    };
    let mut out = io::stdout().lock();
    if out.write_all(text.as_bytes()).is_err() {
        return ExitCode::from(2);
    }
    match answer {
        ContractAnswer::Success(_) => ExitCode::SUCCESS,
        ContractAnswer::Failure { .. } => ExitCode::from(2),
    }
}
