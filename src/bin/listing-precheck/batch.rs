//! `check` over many listings: streamed input in constant memory, checked in
//! parallel chunks, written in input order in the chosen format.

use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use listing_precheck::contract::ContractResult;
use listing_precheck::input::limits::MAX_INPUT_BYTES;
use listing_precheck::report::{self, markdown, sarif, Report, Verdict};
use listing_precheck::CheckOptions;

use super::{CheckFormat, FailOn};

/// Listings read before a chunk is checked in parallel and written out:
/// bounds memory (each listing is at most 1 MiB) while keeping every core busy.
const CHUNK: usize = 256;

/// One listing to check: where it came from and its bytes.
struct Record {
    source: String,
    line: Option<usize>,
    /// The bytes, or the length of an input over the limit (not kept).
    bytes: Result<Vec<u8>, usize>,
}

/// What checking one record produced, rendered for output.
struct Output {
    text: String,
    verdict: Verdict,
}

/// Where records come from: one whole JSON document, or JSON Lines read a
/// line at a time.
enum Source {
    Whole(Option<Record>),
    Lines {
        name: String,
        reader: Box<dyn BufRead>,
        line: usize,
        /// JSON Lines by extension or `--jsonl` (not guessed from stdin).
        explicit: bool,
    },
}

impl Source {
    /// Opens `file` (`-` = stdin). A `.jsonl`/`.ndjson` file, `--jsonl`, or
    /// stdin whose first non-blank line is a complete JSON value is read as
    /// JSON Lines; anything else is one JSON document.
    fn open(file: &str, force_jsonl: bool) -> io::Result<Source> {
        let name = if file == "-" { "<stdin>" } else { file }.to_string();
        let mut reader: Box<dyn BufRead> = if file == "-" {
            Box::new(BufReader::new(io::stdin()))
        } else {
            Box::new(BufReader::new(std::fs::File::open(file)?))
        };
        let by_extension = Path::new(file)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
        if force_jsonl || by_extension {
            return Ok(Source::Lines {
                name,
                reader,
                line: 0,
                explicit: true,
            });
        }
        if file != "-" {
            return Ok(Source::Whole(Some(read_whole(name, reader)?)));
        }
        // stdin: look at the first non-blank line.
        let mut head = Vec::new();
        let mut skipped = 0;
        loop {
            head.clear();
            match read_line_capped(&mut reader, &mut head)? {
                None => {
                    return Ok(Source::Whole(Some(Record {
                        source: name,
                        line: None,
                        bytes: Ok(Vec::new()),
                    })))
                }
                Some(_) if head.iter().all(u8::is_ascii_whitespace) => skipped += 1,
                Some(_) => break,
            }
        }
        let first_is_value = serde_json::from_slice::<serde::de::IgnoredAny>(&head).is_ok();
        head.push(b'\n');
        let rest: Box<dyn BufRead> = Box::new(io::Cursor::new(head).chain(reader));
        if first_is_value {
            Ok(Source::Lines {
                name,
                reader: rest,
                line: skipped,
                explicit: false,
            })
        } else {
            Ok(Source::Whole(Some(read_whole(name, rest)?)))
        }
    }

    /// The next record, or `None` at the end.
    fn next(&mut self) -> io::Result<Option<Record>> {
        match self {
            Source::Whole(r) => Ok(r.take()),
            Source::Lines {
                name, reader, line, ..
            } => loop {
                let mut buf = Vec::new();
                let Some(len) = read_line_capped(reader, &mut buf)? else {
                    return Ok(None);
                };
                *line += 1;
                if len <= MAX_INPUT_BYTES && buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                return Ok(Some(Record {
                    source: name.clone(),
                    line: Some(*line),
                    bytes: if len > MAX_INPUT_BYTES {
                        Err(len)
                    } else {
                        Ok(buf)
                    },
                }));
            },
        }
    }
}

/// Reads a whole document, keeping at most the limit plus one byte.
fn read_whole(source: String, reader: Box<dyn BufRead>) -> io::Result<Record> {
    let mut bytes = Vec::new();
    let mut limited = reader.take(MAX_INPUT_BYTES as u64 + 1);
    limited.read_to_end(&mut bytes)?;
    let bytes = if bytes.len() > MAX_INPUT_BYTES {
        // Count the rest without keeping it.
        let rest = io::copy(&mut limited.into_inner(), &mut io::sink())?;
        Err(bytes.len() + rest as usize)
    } else {
        Ok(bytes)
    };
    Ok(Record {
        source,
        line: None,
        bytes,
    })
}

/// Reads one line (without `\n` / `\r\n`) into `buf`, storing at most the
/// input limit plus one byte; returns the line's full length, or `None` at
/// the end of input.
fn read_line_capped(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> io::Result<Option<usize>> {
    let mut len = 0usize;
    let mut any = false;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, done) = match chunk.iter().position(|b| *b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        let room = (MAX_INPUT_BYTES + 1).saturating_sub(buf.len());
        buf.extend_from_slice(&part[..part.len().min(room)]);
        len += part.len();
        let used = done.unwrap_or(part.len());
        reader.consume(used);
        if done.is_some() {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
        len -= 1;
    }
    Ok(Some(len))
}

/// Checks every listing of `files` and writes the reports.
pub fn check(
    files: &[String],
    format: CheckFormat,
    force_jsonl: bool,
    fail_on: FailOn,
    options: &CheckOptions,
    jobs: usize,
) -> ExitCode {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let colour = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let progress = Progress::new(io::stderr().is_terminal());
    let (mut io_failed, mut failing) = (false, false);
    let (mut listings, mut failed, mut warned) = (0usize, 0usize, 0usize);
    let mut first_result = true;
    let mut started = false;
    for file in files {
        let mut source = match Source::open(file, force_jsonl) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("listing-precheck: {file}: {e}");
                io_failed = true;
                continue;
            }
        };
        let explicit = matches!(source, Source::Lines { explicit: true, .. });
        loop {
            let mut chunk = Vec::with_capacity(CHUNK);
            let mut read_error = None;
            while chunk.len() < CHUNK {
                match source.next() {
                    Ok(Some(r)) => chunk.push(r),
                    Ok(None) => break,
                    Err(e) => {
                        read_error = Some(e);
                        break;
                    }
                }
            }
            if chunk.is_empty() && read_error.is_none() {
                break;
            }
            // One listing in all: print its report alone (json); otherwise
            // one envelope per listing.
            let batch = files.len() > 1 || explicit || listings > 0 || chunk.len() > 1;
            if !started {
                started = true;
                if format == CheckFormat::Sarif && write!(out, "{}", sarif::header()).is_err() {
                    return ExitCode::from(2);
                }
            }
            let outputs = check_chunk(
                &chunk,
                format,
                batch,
                colour,
                options,
                jobs,
                &mut first_result,
            );
            for o in outputs {
                listings += 1;
                match o.verdict {
                    Verdict::Fail => failed += 1,
                    Verdict::Warn => warned += 1,
                    Verdict::Pass => {}
                }
                failing |= match fail_on {
                    FailOn::Error => o.verdict == Verdict::Fail,
                    FailOn::Warning => o.verdict != Verdict::Pass,
                };
                if out.write_all(o.text.as_bytes()).is_err() {
                    return ExitCode::from(2); // stdout closed: nothing more to say
                }
            }
            progress.update(listings);
            if let Some(e) = read_error {
                eprintln!("listing-precheck: {file}: {e}");
                io_failed = true;
                break;
            }
            if chunk.len() < CHUNK {
                break;
            }
        }
    }
    progress.finish(listings);
    let tail = match format {
        CheckFormat::Sarif if started => sarif::FOOTER.to_string(),
        CheckFormat::Markdown if listings > 1 => markdown::summary(listings, failed, warned),
        _ => String::new(),
    };
    if out
        .write_all(tail.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    if io_failed {
        ExitCode::from(2)
    } else if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Checks and renders a chunk on up to `jobs` threads; the outputs are in
/// input order. SARIF results are joined with commas across records here.
fn check_chunk(
    chunk: &[Record],
    format: CheckFormat,
    batch: bool,
    colour: bool,
    options: &CheckOptions,
    jobs: usize,
    first_result: &mut bool,
) -> Vec<Output> {
    let per_thread = chunk.len().div_ceil(jobs.max(1)).max(1);
    let mut outputs: Vec<Output> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunk
            .chunks(per_thread)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|record| {
                            let mut report = match &record.bytes {
                                Ok(bytes) => listing_precheck::check_bytes_with(bytes, options),
                                Err(len) => listing_precheck::oversized_input(*len),
                            };
                            let verdict = report.verdict;
                            Output {
                                text: render(record, &mut report, format, batch, colour),
                                verdict,
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    if format == CheckFormat::Sarif {
        for o in outputs.iter_mut().filter(|o| !o.text.is_empty()) {
            if !*first_result {
                o.text.insert(0, ',');
            }
            *first_result = false;
        }
    }
    outputs
}

/// One record's report in the output format (SARIF: its results, joined
/// by commas).
fn render(
    record: &Record,
    report: &mut Report,
    format: CheckFormat,
    batch: bool,
    colour: bool,
) -> String {
    let label = match record.line {
        Some(n) => format!("{}:{n}", record.source),
        None => record.source.clone(),
    };
    match format {
        CheckFormat::Json if !batch => json_line(None, report),
        CheckFormat::Json | CheckFormat::Jsonl => json_line(Some(record), report),
        CheckFormat::Text => report::text::render_styled(&label, report, colour),
        CheckFormat::Markdown => markdown::render(&label, report),
        CheckFormat::Sarif => {
            let origin = sarif::Origin {
                source: &record.source,
                line: record.line,
                id: report.id.as_deref(),
            };
            report
                .findings
                .iter()
                .map(|f| sarif::result(origin, f))
                .collect::<Vec<_>>()
                .join(",")
        }
    }
}

/// One output line: the report's JSON (exactly [`Report::to_json`]'s
/// bytes), inside `{"source":…,"line":…,"report":…}` when a record is
/// given, and a newline. Written straight into one buffer sized for a
/// typical report (~13 KB) rather than grown by reallocation and copied
/// into the envelope and then the line (5–8 % of a batch run).
fn json_line(record: Option<&Record>, report: &mut Report) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(16 * 1024);
    if let Some(record) = record {
        out.extend_from_slice(b"{\"source\":");
        if serde_json::to_writer(&mut out, &record.source).is_err() {
            out.extend_from_slice(b"\"\"");
        }
        out.extend_from_slice(b",\"line\":");
        match record.line {
            Some(n) => out.extend_from_slice(n.to_string().as_bytes()),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"report\":");
    }
    let at = out.len();
    if write_report(&mut out, report).is_err() {
        out.truncate(at);
        out.extend_from_slice(report.to_json().as_bytes());
    }
    if record.is_some() {
        out.push(b'}');
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

/// How many distinct contracts each thread keeps serialised.
const CONTRACT_CACHE: usize = 16;

thread_local! {
    /// Contracts this thread has serialised lately, with their JSON: in a
    /// batch most listings share a handful of contracts (one per country
    /// and answers), ~9 KB of JSON each, which would otherwise be escaped
    /// again for every listing.
    static CONTRACTS: std::cell::RefCell<Vec<(ContractResult, Vec<u8>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Writes exactly [`Report::to_json`]'s bytes: the report without its
/// contract, then the contract's JSON, from the thread's cache when an
/// equal contract was serialised before. `contract` is the report's last
/// field, so it goes before the closing brace.
fn write_report(out: &mut Vec<u8>, report: &mut Report) -> serde_json::Result<()> {
    let Some(contract) = report.contract.take() else {
        return serde_json::to_writer(&mut *out, report);
    };
    let written = serde_json::to_writer(&mut *out, &*report).and_then(|()| {
        out.pop(); // the closing brace
        out.extend_from_slice(b",\"contract\":");
        write_contract(out, &contract)?;
        out.push(b'}');
        Ok(())
    });
    report.contract = Some(contract);
    written
}

/// Appends a contract's JSON, serialised once per thread for equal contracts.
fn write_contract(out: &mut Vec<u8>, contract: &ContractResult) -> serde_json::Result<()> {
    CONTRACTS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, json)) = cache.iter().find(|(c, _)| c == contract) {
            out.extend_from_slice(json);
            return Ok(());
        }
        let json = serde_json::to_vec(contract)?;
        out.extend_from_slice(&json);
        if cache.len() == CONTRACT_CACHE {
            cache.remove(0);
        }
        cache.push((contract.clone(), json));
        Ok(())
    })
}

/// A listings-per-second line on stderr, only when stderr is a terminal.
struct Progress {
    on: bool,
    start: Instant,
}

impl Progress {
    fn new(on: bool) -> Self {
        Progress {
            on,
            start: Instant::now(),
        }
    }

    fn update(&self, n: usize) {
        if self.on {
            let rate = n as f64 / self.start.elapsed().as_secs_f64().max(1e-9);
            eprint!("\r{n} listing(s) checked ({rate:.0}/s)");
        }
    }

    fn finish(&self, n: usize) {
        if self.on && n > 0 {
            self.update(n);
            eprintln!();
        }
    }
}
