//! The limits on what the module reads, in one place, each with the Chinese
//! message of its breach.
//!
//! A budget form is a few tens of kilobytes and a few dozen rows; these
//! limits sit far above any real form and keep what a hostile or broken
//! file can cost bounded: reading a document holds at most
//! [`MAX_DOCUMENT_BYTES`] of text and [`MAX_JSON_VALUES`] parsed values, and
//! every rule is linear in the text it reads, so a check of the largest
//! document allowed takes well under a second and some tens of megabytes.
//! The README's "Limits" section lists them with the limits kept elsewhere
//! (profiles: `profile::MAX_PROFILE_BYTES`; one paste: `tsv::MAX_ROWS`).

/// The largest document text read: a file given to `jixiao`, a document
/// given to the JS API, a file imported in the page, a stored draft.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// The most JSON values (objects, arrays, texts, numbers …) one document
/// text may hold: a 5,000-row self-evaluation with its `check` section has
/// about 180,000. Each parsed value costs memory (about a hundred bytes for
/// a number, which keeps its text), so this bounds the memory of reading.
pub const MAX_JSON_VALUES: usize = 500_000;

/// The most indicator rows a document may have, and the most tasks
/// (年度主要任务). The editor adds no row beyond it.
pub const MAX_ROWS: usize = 5_000;

/// The message of a document text over [`MAX_DOCUMENT_BYTES`].
pub fn too_large(bytes: usize) -> String {
    format!(
        "文件过大（{bytes} 字节），表单文件不能超过 {} MB；请确认这是 jixiao 表单文件（.json）。",
        MAX_DOCUMENT_BYTES >> 20
    )
}

/// The message of a list over [`MAX_ROWS`]: `what` is 绩效指标 or 年度主要任务.
pub fn too_many_rows(what: &str, rows: usize) -> String {
    format!("表单有 {rows} 行{what}，超过上限 {MAX_ROWS} 行；请删去多余的行，或拆分为多张表单。")
}

/// Checks a document's text against [`MAX_DOCUMENT_BYTES`] and
/// [`MAX_JSON_VALUES`] before it is parsed; the message when it breaks one.
pub fn check_text(text: &str) -> Result<(), String> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(too_large(text.len()));
    }
    if more_values_than(text.as_bytes(), MAX_JSON_VALUES) {
        return Err(format!(
            "文件中的数据项过多（超过 {MAX_JSON_VALUES} 个），不像是一张表单；请确认这是 jixiao 表单文件（.json）。"
        ));
    }
    Ok(())
}

/// True when JSON text holds more than `max` values (objects, arrays,
/// texts, numbers, `true`, `false`, `null`; an object's keys are not
/// values), counted in one pass over the bytes without parsing. For text
/// that is not JSON the count means little, and the parser reports the
/// syntax error.
fn more_values_than(text: &[u8], max: usize) -> bool {
    // Texts, minus the keys among them (one per colon), plus containers
    // and bare words (numbers, true, false, null).
    let (mut texts, mut keys, mut others) = (0usize, 0usize, 0usize);
    let mut in_string = false;
    let mut escaped = false;
    // True where a bare word may start: after `[`, `{`, `,`, `:` or space.
    let mut at_start = true;
    for &b in text {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                texts += 1;
            }
            b'[' | b'{' => others += 1,
            b':' => keys += 1,
            b'-' | b'0'..=b'9' | b't' | b'f' | b'n' if at_start => others += 1,
            _ => {}
        }
        at_start = matches!(b, b'[' | b'{' | b',' | b':' | b' ' | b'\t' | b'\n' | b'\r');
    }
    (texts + others).saturating_sub(keys) > max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_counted_outside_strings() {
        let count = |text: &str| {
            (0..100)
                .find(|&max| !more_values_than(text.as_bytes(), max))
                .unwrap()
        };
        assert_eq!(count("[1,2,3]"), 4);
        assert_eq!(count("[1, -2.5e3, true, false, null]"), 6);
        assert_eq!(count(r#"{"a": 1, "b": [], "c": {"d": "x"}}"#), 5);
        // Commas, brackets, colons and digits inside strings are text.
        assert_eq!(count(r#"["a,[{b:1", "c\",d:[2"]"#), 3);
        assert_eq!(count(r#"{"k\\": "v"}"#), 2);
        assert_eq!(count("  \"x\"  "), 1);
        // A form: every object, array, text and number.
        assert_eq!(
            count(r#"{"format": "jixiao/v1", "indicators": [{"id": "a", "weight": 10}]}"#),
            6
        );
    }

    #[test]
    fn text_just_under_and_over_the_limits() {
        // The array and its numbers: exactly the limit, then one more.
        let just_under = format!("[{}]", vec!["0"; MAX_JSON_VALUES - 1].join(","));
        assert_eq!(check_text(&just_under), Ok(()));
        let just_over = format!("[{}]", vec!["0"; MAX_JSON_VALUES].join(","));
        let msg = check_text(&just_over).unwrap_err();
        assert!(msg.contains("数据项过多（超过 500000 个）"), "{msg}");

        let big = " ".repeat(MAX_DOCUMENT_BYTES);
        assert_eq!(check_text(&big), Ok(()));
        let msg = check_text(&(big + " ")).unwrap_err();
        assert!(msg.contains("不能超过 16 MB"), "{msg}");
    }
}
