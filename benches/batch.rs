//! The server batch, measured: `jixiao check --json` over 10,000 documents
//! in one call, against a plain `serde_json` parse of the same files into
//! `serde_json::Value`; figures printed, never asserted.
//!
//! The documents are the test corpus and the real forms, copied with a
//! name of their own (`tests/support/batch_docs.rs`) into a temporary
//! folder. (a) runs the built binary once per round with `--files-from`,
//! its output written to a file, process start included; (b) reads and
//! parses every file in this process, on one thread. Each is run three
//! times and the best round counts (after a first read has put the files
//! in the page cache).
//!
//! Run: `cargo bench --bench batch` (add `-- N` for another number of
//! documents).

#[path = "../tests/support/batch_docs.rs"]
mod batch_docs;

use std::hint::black_box;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROUNDS: usize = 3;

fn best(mut round: impl FnMut() -> Duration) -> Duration {
    (0..ROUNDS).map(|_| round()).min().expect("rounds")
}

fn main() {
    let count = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(10_000);
    let dir = std::env::temp_dir().join(format!("jixiao-batch-bench-{}", std::process::id()));
    let paths: Vec<PathBuf> = batch_docs::write(&dir, count);
    let list = dir.join("list.txt");
    let text: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    std::fs::write(&list, text.join("\n")).expect("write the list");
    let bytes: u64 = paths
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .sum();
    for p in &paths {
        black_box(std::fs::read(p).expect("read"));
    }

    // (a) the command line, as a server calls it.
    let output = dir.join("out.json");
    let mut code = None;
    let check = best(|| {
        let out = std::fs::File::create(&output).expect("output file");
        let start = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["check", "--json", "--files-from"])
            .arg(&list)
            .stdout(Stdio::from(out))
            .status()
            .expect("the binary runs");
        let t = start.elapsed();
        code = status.code();
        t
    });
    let out_bytes = std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0);

    // (b) a plain parse of the same files.
    let parse = best(|| {
        let start = Instant::now();
        for p in &paths {
            let data = std::fs::read(p).expect("read");
            let v: serde_json::Value = serde_json::from_slice(&data).expect("JSON");
            black_box(v);
        }
        start.elapsed()
    });

    let per_s = |t: Duration| count as f64 / t.as_secs_f64();
    let mb = |b: u64| b as f64 / 1e6;
    println!(
        "batch: {count} documents, {:.1} MB, {} threads available",
        mb(bytes),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "(a) jixiao check --json --files-from: {:>8.3} s  {:>8.0} docs/s  (exit {code:?}, {:.1} MB of JSON out)",
        check.as_secs_f64(),
        per_s(check),
        mb(out_bytes)
    );
    println!(
        "(b) read + serde_json::Value parse:   {:>8.3} s  {:>8.0} docs/s",
        parse.as_secs_f64(),
        per_s(parse)
    );
    println!(
        "ratio: check takes {:.1}× the time of a plain parse ({:.2} of its docs/s)",
        check.as_secs_f64() / parse.as_secs_f64(),
        per_s(check) / per_s(parse)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
