//! Running the CLI binary in tests (native only).

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `listing-precheck` with `args`, feeding `stdin` from another
/// thread: the CLI streams, so it writes output while input is still
/// coming, and both pipes must flow.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_listing-precheck"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn cli");
    let input = child.stdin.take();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(mut input) = input {
            // A usage error exits before reading: a closed pipe is fine then.
            let _ = input.write_all(&data);
        }
    });
    let out = child.wait_with_output().expect("wait");
    let _ = writer.join();
    out
}
