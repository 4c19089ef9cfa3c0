//! `listing-precheck`: the command-line surface of the checker.
//!
//! Exit codes: 0 when no listing has errors, 1 when any listing has
//! errors, 2 on usage or I/O errors (a file that cannot be read).
#![forbid(unsafe_code)]

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use listing_precheck::contract::{self, ContractAnswer, ContractInput};
use listing_precheck::report::{self, Report, Severity};

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
    /// With one listing the report is printed as one JSON object (the same
    /// bytes the wasm API returns); with several, one JSON line per listing:
    /// {"source": FILE, "line": N, "report": {...}}.
    ///
    /// Examples:
    ///   listing-precheck check listing.json
    ///   listing-precheck check --format text listings.jsonl
    ///   cat listing.json | listing-precheck check -
    #[command(verbatim_doc_comment)]
    Check {
        /// Files to check; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Treat standard input as JSON Lines even if it parses as one JSON value.
        #[arg(long)]
        jsonl: bool,
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
enum Format {
    /// Machine-readable JSON.
    Json,
    /// Human-readable text.
    Text,
}

/// One listing to check: where it came from and its bytes.
struct Record {
    source: String,
    line: Option<usize>,
    bytes: Vec<u8>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            files,
            format,
            jsonl,
        } => check(&files, format, jsonl),
        Command::Categories { format } => categories(format),
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

fn check(files: &[String], format: Format, force_jsonl: bool) -> ExitCode {
    let mut records = Vec::new();
    let mut io_failed = false;
    for file in files {
        match read_records(file, force_jsonl) {
            Ok(mut r) => records.append(&mut r),
            Err(e) => {
                eprintln!("listing-precheck: {file}: {e}");
                io_failed = true;
            }
        }
    }
    let batch = records.len() != 1 || records.iter().any(|r| r.line.is_some());
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut any_error = false;
    for record in &records {
        let report = listing_precheck::check_bytes(&record.bytes);
        any_error |= report.count(Severity::Error) > 0;
        let written = match format {
            Format::Json if batch => writeln!(out, "{}", envelope(record, &report)),
            Format::Json => writeln!(out, "{}", report.to_json()),
            Format::Text => {
                let source = match record.line {
                    Some(n) => format!("{}:{n}", record.source),
                    None => record.source.clone(),
                };
                write!(out, "{}", report::text::render(&source, &report))
            }
        };
        if written.and_then(|_| out.flush()).is_err() {
            return ExitCode::from(2); // stdout closed: nothing more to say
        }
    }
    if io_failed {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `{"source":…,"line":…,"report":…}` with the report's exact bytes inside.
fn envelope(record: &Record, report: &Report) -> String {
    let source = serde_json::to_string(&record.source).unwrap_or_else(|_| "\"\"".into());
    let line = record.line.map_or("null".to_string(), |n| n.to_string());
    format!(
        "{{\"source\":{source},\"line\":{line},\"report\":{}}}",
        report.to_json()
    )
}

/// Reads one argument into listings: a JSON file is one listing, a `.jsonl`
/// file one per non-blank line; stdin is JSON Lines when asked or when it is
/// not one JSON value but has several lines.
fn read_records(file: &str, force_jsonl: bool) -> io::Result<Vec<Record>> {
    let (source, bytes) = if file == "-" {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        ("<stdin>".to_string(), buf)
    } else {
        (file.to_string(), std::fs::read(file)?)
    };
    let by_extension = Path::new(file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
    let jsonl = force_jsonl
        || by_extension
        || (file == "-"
            && serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).is_err()
            && bytes.iter().filter(|b| **b == b'\n').count() > 1);
    if !jsonl {
        return Ok(vec![Record {
            source,
            line: None,
            bytes,
        }]);
    }
    Ok(bytes
        .split(|b| *b == b'\n')
        .enumerate()
        .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
        .map(|(i, l)| Record {
            source: source.clone(),
            line: Some(i + 1),
            bytes: l.strip_suffix(b"\r").unwrap_or(l).to_vec(),
        })
        .collect())
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
