//! Everything the command line writes, through one writer.
//!
//! Standard output is buffered and every write goes through [`Out`], which
//! keeps the first I/O error instead of panicking (what `println!` does on a
//! full disk or a closed pipe). Once output has failed nothing more is
//! written or worked out ([`Out::failed`] lets a long run stop early), and
//! [`Out::finish`] turns the error into the exit code 2: with a Chinese
//! message on standard error for a full disk and every other failure, and
//! quietly for a closed pipe (`jixiao check … | head -1`: whoever closed it
//! has read what they wanted; the exit code still says the output is
//! incomplete).
//!
//! Messages on standard error go through [`Out::err`] too, so that they stay
//! in order with the buffered output. A long run can show its progress on
//! standard error ([`Out::progress`]): one line, rewritten in place with
//! `\r`, shown only when standard error is a terminal and standard output
//! is not (on a terminal the results themselves show the progress; on a
//! pipe or in a file the line would be noise), and cleared before every
//! message and at the end. Text taken from a document is shown with [`shown`], which
//! escapes control characters, so a name cannot move the cursor, clear the
//! screen or hide text in a terminal.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::io::{self, BufWriter, ErrorKind, IsTerminal, Stderr, Stdout, Write};
use std::time::{Duration, Instant};

/// The command line's writer: standard output (buffered) and standard error.
pub struct Out {
    stdout: BufWriter<Stdout>,
    stderr: Stderr,
    /// The first error writing standard output.
    failed: Option<io::Error>,
    /// The progress line, once [`Out::progress_on`] found a terminal.
    progress: Option<Progress>,
}

/// The state of the progress line on standard error.
struct Progress {
    /// When the line was last drawn; `None` before the first time.
    drawn_at: Option<Instant>,
    /// The columns the line now on the screen takes (0: none shown).
    width: usize,
}

/// How often the progress line is redrawn at most.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

impl Out {
    pub fn new() -> Out {
        Out {
            stdout: BufWriter::with_capacity(64 * 1024, io::stdout()),
            stderr: io::stderr(),
            failed: None,
            progress: None,
        }
    }

    /// Turns the progress line on when standard error is a terminal and
    /// standard output is not; otherwise [`Out::progress`] does nothing.
    pub fn progress_on(&mut self) {
        if io::stderr().is_terminal() && !io::stdout().is_terminal() {
            self.progress = Some(Progress {
                drawn_at: None,
                width: 0,
            });
        }
    }

    /// Shows `已检查 done/total 份…` on the progress line, at most every
    /// [`PROGRESS_EVERY`] (the first time at once).
    pub fn progress(&mut self, done: usize, total: usize) {
        let Some(p) = &mut self.progress else {
            return;
        };
        let now = Instant::now();
        if p.drawn_at
            .is_some_and(|t| now.duration_since(t) < PROGRESS_EVERY)
        {
            return;
        }
        p.drawn_at = Some(now);
        let line = format!("已检查 {done}/{total} 份…");
        // A CJK character (and the ellipsis, in a CJK terminal) takes two
        // columns; a shorter new line is padded over the old one.
        let width = line.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        let pad = p.width.saturating_sub(width);
        p.width = width;
        let _ = write!(self.stderr, "\r{line}{:pad$}", "");
        let _ = self.stderr.flush();
    }

    /// Clears the progress line, if one is shown, and leaves the cursor at
    /// the start of the line.
    pub fn progress_clear(&mut self) {
        if let Some(p) = &mut self.progress {
            if p.width > 0 {
                let _ = write!(self.stderr, "\r{:w$}\r", "", w = p.width);
                let _ = self.stderr.flush();
                // Drawn again by a later call, once its time has come.
                p.width = 0;
            }
        }
    }

    /// Writes formatted text to standard output, so that `write!(out, …)`
    /// and `writeln!(out, …)` work; does nothing once output has failed.
    pub fn write_fmt(&mut self, args: fmt::Arguments<'_>) {
        if self.failed.is_some() {
            return;
        }
        if let Err(e) = self.stdout.write_fmt(args) {
            self.failed = Some(e);
        }
    }

    /// Writes text to standard output as it is.
    pub fn text(&mut self, s: &str) {
        if self.failed.is_some() {
            return;
        }
        if let Err(e) = self.stdout.write_all(s.as_bytes()) {
            self.failed = Some(e);
        }
    }

    /// Writes bytes to standard output (an exported workbook).
    pub fn bytes(&mut self, b: &[u8]) {
        if self.failed.is_some() {
            return;
        }
        if let Err(e) = self.stdout.write_all(b) {
            self.failed = Some(e);
        }
    }

    /// True once writing to standard output has failed: the caller can stop.
    pub fn failed(&self) -> bool {
        self.failed.is_some()
    }

    /// Writes one message line to standard error, with control characters
    /// escaped (see [`shown`]). Standard output is flushed first, so that
    /// on a terminal the message appears where it belongs. A failure to
    /// write standard error is ignored: there is nowhere left to say it.
    pub fn err(&mut self, message: &str) {
        self.flush_stdout();
        self.progress_clear();
        let _ = writeln!(self.stderr, "{}", shown(message));
    }

    /// Writes text to standard error as it is (usage and help texts).
    pub fn err_raw(&mut self, text: &str) {
        self.flush_stdout();
        self.progress_clear();
        let _ = writeln!(self.stderr, "{text}");
    }

    fn flush_stdout(&mut self) {
        if self.failed.is_none() {
            if let Err(e) = self.stdout.flush() {
                self.failed = Some(e);
            }
        }
    }

    /// Flushes standard output and gives the exit code: `code`, or 2 when
    /// output failed, saying why in Chinese (quietly for a closed pipe).
    pub fn finish(mut self, code: u8) -> u8 {
        self.flush_stdout();
        self.progress_clear();
        let Some(e) = self.failed.take() else {
            return code;
        };
        if e.kind() != ErrorKind::BrokenPipe {
            let _ = writeln!(self.stderr, "{}", write_error(&e));
        }
        2
    }
}

/// The Chinese message for an error writing standard output.
pub fn write_error(e: &io::Error) -> String {
    let why = match e.kind() {
        ErrorKind::StorageFull => "磁盘已满，请腾出空间后重试".to_string(),
        ErrorKind::PermissionDenied => "没有写入权限".to_string(),
        ErrorKind::BrokenPipe => "接收输出的程序已关闭管道".to_string(),
        ErrorKind::QuotaExceeded => "超出磁盘配额".to_string(),
        _ => match e.raw_os_error() {
            Some(n) => format!("写入失败（系统错误码 {n}）"),
            None => "写入失败".to_string(),
        },
    };
    format!("无法写出结果：{why}。输出不完整，退出码为 2。")
}

/// Text from a document as a terminal should show it: control characters
/// (C0, DEL, C1: ESC, carriage return, BEL …), line and paragraph
/// separators and the bidirectional controls that reorder what is shown
/// are written as Rust escapes (`\u{1b}`); everything else is kept.
pub fn shown(s: &str) -> Cow<'_, str> {
    fn hidden(c: char) -> bool {
        c.is_control()
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
            )
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    }
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(shown("养护里程"), "养护里程");
        assert!(matches!(shown("养护里程"), Cow::Borrowed(_)));
        assert_eq!(shown("a\u{1b}[2Jb\r\u{7}"), "a\\u{1b}[2Jb\\u{d}\\u{7}");
        assert_eq!(
            shown("x\ny\tz\u{7f}\u{85}"),
            "x\\u{a}y\\u{9}z\\u{7f}\\u{85}"
        );
        assert_eq!(shown("\u{202e}abc\u{2069}"), "\\u{202e}abc\\u{2069}");
        assert_eq!(shown("≥95%　人次"), "≥95%　人次");
    }

    #[test]
    fn write_errors_are_worded_in_chinese() {
        let full = io::Error::from(ErrorKind::StorageFull);
        assert!(write_error(&full).contains("磁盘已满"));
        let other = io::Error::from_raw_os_error(5);
        assert!(
            write_error(&other).contains("系统错误码 5"),
            "{}",
            write_error(&other)
        );
    }
}
