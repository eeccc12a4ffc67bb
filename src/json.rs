//! Reading typed values out of parsed JSON, field by field, with the place
//! and a Chinese message for the first value of the wrong shape.
//!
//! Documents, profiles and drafts are parsed into a `serde_json::Value`
//! first and then read with these helpers rather than with derived
//! `Deserialize` impls. That keeps one copy of the reading code in the
//! WebAssembly module instead of one per serde deserializer and visitor
//! (the derived readers of the model and profiles were about 100 KB of the
//! module), and the error knows exactly where it is: a JSON Pointer built as
//! the reader descends ([`At`]), without re-reading anything.
//!
//! A reader keeps the first error in its [`Obj`] (one slot) rather than
//! returning at each field with `?`: it reads every field into a plain
//! value and ends with [`Obj::done`], which gives the value or that first
//! error. In the WebAssembly build each `?` on a half-built struct costs
//! drop glue for every field already read (the reader of a document was
//! 18.7 KB of code that way); one error slot costs none. A nested reader
//! (a sub-object, the elements of a list) returns its own first error,
//! which the parent records in turn, so the error reported is still the
//! first in reading order.
//!
//! The conventions, the same for every reader:
//! - a field that is absent or `null` is "not given": `""` for a text,
//!   `None` for an optional value, an empty list;
//! - a field given with the wrong JSON type is a [`ShapeError`] that names
//!   the field, what it should be and what it is;
//! - numbers are read from their JSON text (serde_json keeps it), never
//!   through `f64`.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::num::{parse_decimal, Num};

/// The place of a value in the JSON being read: a chain of keys and
/// indices on the stack, turned into a JSON Pointer only for an error.
#[derive(Clone, Copy)]
pub struct At<'a> {
    parent: Option<&'a At<'a>>,
    seg: Seg<'a>,
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    /// The root of the value being read.
    pub const ROOT: At<'static> = At {
        parent: None,
        seg: Seg::Root,
    };

    /// The place of an object's field.
    pub fn key(&'a self, key: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            seg: Seg::Key(key),
        }
    }

    /// The place of a list's element.
    pub fn index(&'a self, i: usize) -> At<'a> {
        At {
            parent: Some(self),
            seg: Seg::Index(i),
        }
    }

    /// The JSON Pointer of this place (`/indicators/2/name`; `""` at the root).
    pub fn pointer(&self) -> String {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(a) = at {
            match a.seg {
                Seg::Root => {}
                Seg::Key(k) => segs.push(k.to_string()),
                Seg::Index(i) => segs.push(i.to_string()),
            }
            at = a.parent;
        }
        segs.reverse();
        pointer(&segs)
    }

    /// An error at this place: `what` says what should be here.
    pub fn expected(&self, what: &str, found: &Value) -> ShapeError {
        ShapeError {
            path: self.pointer(),
            what: format!("应为{what}，实际是{}", describe_value(found)),
        }
    }
}

/// A value of the wrong shape: where, and what was wrong, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeError {
    /// JSON Pointer of the value (`""` for the root).
    pub path: String,
    /// `应为…，实际是…`, `缺少必填字段 …`, or `“…”不是可用的取值（…）`.
    pub what: String,
}

impl ShapeError {
    /// `字段 /indicators/2/name 应为文本…`, or only `what` at the root.
    pub fn message(&self) -> String {
        if self.path.is_empty() {
            self.what.clone()
        } else {
            format!("字段 {} {}", self.path, self.what)
        }
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// The result of reading one value.
pub type Read<T> = Result<T, ShapeError>;

/// What a text field should be.
pub const TEXT: &str = "文本（带引号的字符串）";
/// What a number field should be (numbers may come as text or as JSON numbers).
pub const NUMBER: &str = "数字文本，如 \"120.00\"";
pub const OBJECT: &str = "对象 {...}";
pub const LIST: &str = "数组 [...]";

/// A JSON object being read, with its place and the first error met in it.
///
/// Its methods return plain values, not [`Read`]: a field of the wrong
/// shape is recorded (the first one only) and read as "not given" (`""`,
/// `None`, an empty list, or the default the reader names), and
/// [`Obj::done`] hands back the value read or that first error. Once an
/// error is recorded every field reads as not given, so nothing after it
/// is read: the error reported is the first in reading order, as with `?`
/// after each field.
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    at: &'a At<'a>,
    error: OnceCell<ShapeError>,
}

impl<'a> Obj<'a> {
    /// Reads `value` as an object, or says that it should be one.
    pub fn of(value: &'a Value, at: &'a At<'a>) -> Read<Obj<'a>> {
        match value {
            Value::Object(map) => Ok(Obj {
                map,
                at,
                error: OnceCell::new(),
            }),
            other => Err(at.expected(OBJECT, other)),
        }
    }

    /// The value read from this object, or the first error met reading it.
    /// (It takes `&mut self` rather than `self` so that the value can be
    /// built in the call: `o.done(Period { start: o.string("start"), .. })`.)
    pub fn done<T>(&mut self, value: T) -> Read<T> {
        match self.error.take() {
            None => Ok(value),
            Some(e) => Err(e),
        }
    }

    /// Records `error` unless an earlier one was recorded.
    fn fail(&self, error: ShapeError) {
        // The first error stays; a later one is dropped.
        let _ = self.error.set(error);
    }

    /// True once an error has been recorded.
    fn failed(&self) -> bool {
        self.error.get().is_some()
    }

    /// The value of a nested read, or `None` with its error recorded.
    fn ok<T>(&self, read: Read<T>) -> Option<T> {
        match read {
            Ok(value) => Some(value),
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    /// The field's value, unless it is absent or `null` (or an error was
    /// recorded: then nothing more is read).
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        if self.failed() {
            return None;
        }
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A required field's value, or `None` with the error naming it.
    pub fn need(&self, key: &str) -> Option<&'a Value> {
        let value = self.get(key);
        if value.is_none() && !self.failed() {
            self.fail(ShapeError {
                path: self.at.pointer(),
                what: format!("缺少必填字段 {key}"),
            });
        }
        value
    }

    /// An optional field read by `read`.
    pub fn with<T>(&self, key: &str, read: impl FnOnce(&Value, &At) -> Read<T>) -> Option<T> {
        let value = self.get(key)?;
        self.ok(read(value, &self.at.key(key)))
    }

    /// A required field read by `read`; `fallback` when it is missing or
    /// of the wrong shape (the error is recorded).
    pub fn req_or<T>(
        &self,
        key: &str,
        read: impl FnOnce(&Value, &At) -> Read<T>,
        fallback: T,
    ) -> T {
        match self.need(key) {
            Some(value) => self.ok(read(value, &self.at.key(key))).unwrap_or(fallback),
            None => fallback,
        }
    }

    /// A required field read by `read`; the type's default when it is
    /// missing or of the wrong shape (the error is recorded).
    pub fn req<T: Default>(&self, key: &str, read: impl FnOnce(&Value, &At) -> Read<T>) -> T {
        self.req_or(key, read, T::default())
    }

    /// A text field; `""` when not given.
    pub fn string(&self, key: &str) -> String {
        self.opt_string(key).unwrap_or_default()
    }

    /// An optional text field.
    pub fn opt_string(&self, key: &str) -> Option<String> {
        self.with(key, string)
    }

    /// A required text field.
    pub fn req_string(&self, key: &str) -> String {
        self.req(key, string)
    }

    /// A number field, kept as typed when it cannot be read ([`Num::Invalid`]).
    pub fn num(&self, key: &str) -> Option<Num> {
        self.with(key, num)
    }

    /// An exact decimal field (profiles): unreadable text is an error here.
    pub fn decimal(&self, key: &str) -> Option<Decimal> {
        self.with(key, decimal)
    }

    /// A `true`/`false` field.
    pub fn bool(&self, key: &str) -> Option<bool> {
        self.with(key, |v, at| {
            v.as_bool().ok_or_else(|| at.expected("true 或 false", v))
        })
    }

    /// A non-negative whole-number field.
    pub fn count(&self, key: &str) -> Option<usize> {
        self.with(key, |v, at| {
            v.as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| at.expected("不带小数的非负整数", v))
        })
    }

    /// A whole-number field that fits `T`.
    pub fn int<T: TryFrom<i64> + TryFrom<u64>>(&self, key: &str) -> Option<T> {
        self.with(key, int)
    }

    /// A required whole-number field that fits `T`.
    pub fn req_int<T: TryFrom<i64> + TryFrom<u64> + Default>(&self, key: &str) -> T {
        self.req(key, int)
    }

    /// A list field, each element read by `read`; empty when not given.
    pub fn list<T>(&self, key: &str, read: impl Fn(&Value, &At) -> Read<T>) -> Vec<T> {
        self.with(key, |v, at| list(v, at, read))
            .unwrap_or_default()
    }

    /// A list of texts.
    pub fn strings(&self, key: &str) -> Vec<String> {
        self.list(key, string)
    }

    /// The fields this version does not know, kept to be written back.
    pub fn extra(&self, known: &[&str]) -> BTreeMap<String, Value> {
        self.map
            .iter()
            .filter(|(k, _)| !known.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// An object field keyed by the data (a profile's severities by rule
    /// id, a finding's params), each value read by `read`, as pairs in the
    /// order of their keys (a JSON object's keys are unique); empty when
    /// not given.
    pub fn map<T>(&self, key: &str, read: impl Fn(&Value, &At) -> Read<T>) -> Vec<(String, T)> {
        let mut out = Vec::new();
        let Some(v) = self.get(key) else {
            return out;
        };
        let at = self.at.key(key);
        let Some(fields) = self.ok(Obj::of(v, &at)) else {
            return out;
        };
        // A plain loop: `collect::<Result<_, _>>()` costs several KB of
        // WebAssembly per value type.
        for (k, v) in fields.map {
            match read(v, &at.key(k)) {
                Ok(value) => out.push((k.clone(), value)),
                Err(e) => {
                    self.fail(e);
                    break;
                }
            }
        }
        out
    }
}

/// Reads a text.
pub fn string(value: &Value, at: &At) -> Read<String> {
    value
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| at.expected(TEXT, value))
}

/// Reads a whole number that fits `T`, over the range of `i64` and `u64`
/// together (a draft's `u64` revision may pass `i64::MAX`).
pub fn int<T: TryFrom<i64> + TryFrom<u64>>(value: &Value, at: &At) -> Read<T> {
    match value.as_i64() {
        Some(n) => T::try_from(n).ok(),
        None => value.as_u64().and_then(|n| T::try_from(n).ok()),
    }
    .ok_or_else(|| at.expected("整数", value))
}

/// Reads a list, each element by `read`.
pub fn list<T>(value: &Value, at: &At, read: impl Fn(&Value, &At) -> Read<T>) -> Read<Vec<T>> {
    let Value::Array(items) = value else {
        return Err(at.expected(LIST, value));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        out.push(read(v, &at.index(i))?);
    }
    Ok(out)
}

/// Reads a number given as text or as a JSON number; text that is not a
/// number is kept as [`Num::Invalid`] for the rules to report.
pub fn num(value: &Value, at: &At) -> Read<Num> {
    match value {
        Value::String(s) => Ok(Num::parse(s)),
        // serde_json keeps a number's text exactly (`arbitrary_precision`).
        Value::Number(n) => Ok(Num::parse(&n.to_string())),
        other => Err(at.expected(NUMBER, other)),
    }
}

/// Reads an exact decimal; anything that is not one is an error.
pub fn decimal(value: &Value, at: &At) -> Read<Decimal> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => return Err(at.expected(NUMBER, other)),
    };
    parse_decimal(&text).map_err(|_| at.expected(NUMBER, value))
}

/// Reads one of a fixed set of words (`"error"`, `"warning"` …).
pub fn word<T: Copy>(value: &Value, at: &At, words: &[(&str, T)]) -> Read<T> {
    let Some(s) = value.as_str() else {
        return Err(at.expected(TEXT, value));
    };
    words
        .iter()
        .find(|(w, _)| *w == s)
        .map(|(_, t)| *t)
        .ok_or_else(|| ShapeError {
            path: at.pointer(),
            what: format!(
                "“{s}”不是可用的取值（可用：{}）",
                words.iter().map(|(w, _)| *w).collect::<Vec<_>>().join("、")
            ),
        })
}

/// Builds a JSON Pointer from path segments, escaping `~` and `/` (RFC 6901).
pub fn pointer<I, S>(segments: I) -> String
where
    I: IntoIterator<Item = S>,
    S: fmt::Display,
{
    let mut out = String::new();
    for s in segments {
        out.push('/');
        out.push_str(&s.to_string().replace('~', "~0").replace('/', "~1"));
    }
    out
}

/// Text that is not JSON: where (1-based line and column) and what was
/// expected, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parses JSON text into a value, after dropping the byte-order marks it
/// starts with (as Windows Notepad writes one, and a file saved again by
/// another tool may carry two: not part of the JSON, and left in an
/// invisible "expected value" at 1:1). Every reader of documents, profiles and
/// drafts parses through here, so that a syntax error reads the same
/// everywhere.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let text = text.trim_start_matches('\u{feff}');
    serde_json::from_str(text).map_err(|e| syntax_error(&e))
}

/// A serde_json error, worded in Chinese with its place.
fn syntax_error(e: &serde_json::Error) -> SyntaxError {
    use serde_json::error::Category;
    let message = match e.classify() {
        Category::Eof => "内容不完整，在末尾意外结束（可能缺少 } 或 ]）".to_string(),
        Category::Syntax => syntax_hint(&e.to_string()),
        Category::Data | Category::Io => e.to_string(),
    };
    SyntaxError {
        line: e.line(),
        // serde_json says column 0 at the start of a line (an empty
        // text, a line break inside a string); people count from 1.
        column: e.column().max(1),
        message,
    }
}

/// A serde_json syntax message in Chinese, with the original after it.
fn syntax_hint(serde_msg: &str) -> String {
    let m = serde_msg.split(" at line").next().unwrap_or(serde_msg);
    let zh = match m {
        "expected `,` or `}`" => "应为逗号 , 或右花括号 }",
        "expected `,` or `]`" => "应为逗号 , 或右方括号 ]",
        "expected `:`" => "应为冒号 :",
        "expected value" => "此处应为一个值（字符串、数字、对象或数组）",
        "key must be a string" => "对象的键必须是带引号的字符串",
        "trailing comma" => "多余的逗号",
        "trailing characters" => "JSON 结束后还有多余的内容",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "字符串中有未转义的控制字符（如换行）"
        }
        "EOF while parsing a string" => "字符串没有结束的引号",
        "invalid escape" => "无效的转义符",
        "invalid number" => "无效的数字",
        "number out of range" => "数字超出范围",
        "expected ident" => "无法识别的词（只能是 true、false 或 null，文本要加双引号）",
        "expected `\"`" => "应为双引号 \"",
        "invalid unicode code point" => "无效的 \\u 转义（不是有效的 Unicode 字符）",
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            "无效的 \\u 转义（单独的代理字符，不是完整的 Unicode 字符）"
        }
        "recursion limit exceeded" => "括号嵌套层数过多（超过 128 层），不是表单文件",
        _ => return format!("{m}（JSON 语法错误）"),
    };
    format!("{zh}（JSON: {m}）")
}

/// A JSON value as one line of text (`{"unit": "$"}`), for a message. It
/// goes through the indented writer the module has anyway and joins its
/// lines (a JSON string never holds a raw line break), rather than bring a
/// second, compact writer into the WebAssembly module for this.
pub fn one_line(v: &Value) -> String {
    let pretty = serde_json::to_string_pretty(v).unwrap_or_default();
    let mut out = String::with_capacity(pretty.len());
    for (i, line) in pretty.lines().enumerate() {
        let line = if i == 0 { line } else { line.trim_start() };
        out.push_str(line);
    }
    out
}

/// A short description of a JSON value for a message.
pub fn describe_value(v: &Value) -> String {
    const MAX_CHARS: usize = 40;
    let short = |s: &str| {
        if s.chars().count() > MAX_CHARS {
            format!("{}…", s.chars().take(MAX_CHARS).collect::<String>())
        } else {
            s.to_string()
        }
    };
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("布尔值 {b}"),
        Value::Number(n) => format!("数字 {}", short(&n.to_string())),
        Value::String(s) => format!("文本“{}”", short(s)),
        Value::Array(_) => LIST.into(),
        Value::Object(_) => OBJECT.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::NumError;
    use serde_json::json;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn err<T: fmt::Debug>(r: Read<T>) -> String {
        r.expect_err("should not read").message()
    }

    /// The first error `read` records in the object `v`.
    fn first_err(v: &Value, read: impl FnOnce(&Obj)) -> String {
        let mut o = Obj::of(v, &At::ROOT).unwrap();
        read(&o);
        err(o.done(()))
    }

    #[test]
    fn errors_name_the_place_and_the_shape() {
        let v = json!({"a": {"b": [1, {"c": 5}]}, "n": null, "s": "x"});
        let mut root = Obj::of(&v, &At::ROOT).unwrap();
        let a = root.with("a", |v, at| {
            let mut o = Obj::of(v, at)?;
            let b = o.list("b", |v, _| Ok(v.clone()));
            o.done(b)
        });
        assert_eq!(a.unwrap().len(), 2);
        assert_eq!(root.string("n"), "");
        assert_eq!(root.opt_string("missing"), None);
        assert!(root.done(()).is_ok());
        let deep = |o: &Obj| {
            o.with("a", |v, at| {
                let mut o = Obj::of(v, at)?;
                let b = o.list("b", |v, at| match v {
                    Value::Object(_) => {
                        let mut o = Obj::of(v, at)?;
                        let c = o.string("c");
                        o.done(c)
                    }
                    _ => Ok(String::new()),
                });
                o.done(b)
            });
        };
        assert_eq!(
            first_err(&v, deep),
            "字段 /a/b/1/c 应为文本（带引号的字符串），实际是数字 5"
        );
        assert_eq!(
            first_err(&v, |o| {
                o.req_string("missing");
            }),
            "缺少必填字段 missing"
        );
        assert_eq!(
            first_err(&v, |o| {
                o.list("s", string);
            }),
            "字段 /s 应为数组 [...]，实际是文本“x”"
        );
        assert_eq!(
            err(Obj::of(&json!([1]), &At::ROOT).map(|_| ())),
            "应为对象 {...}，实际是数组 [...]"
        );
    }

    #[test]
    fn the_first_error_is_kept_and_ends_the_reading() {
        let v = json!({"a": 1, "b": {"c": true}, "d": 2, "e": "x"});
        let mut o = Obj::of(&v, &At::ROOT).unwrap();
        assert_eq!(o.string("e"), "x");
        let b = o.with("b", |v, at| {
            let mut b = Obj::of(v, at)?;
            let c = b.string("c");
            let d = b.string("d");
            b.done((c, d))
        });
        assert_eq!(b, None);
        assert_eq!(o.string("a"), "");
        assert_eq!(o.string("e"), "");
        assert_eq!(
            err(o.done(())),
            "字段 /b/c 应为文本（带引号的字符串），实际是布尔值 true"
        );
    }

    #[test]
    fn numbers_keep_their_text() {
        let v: Value =
            serde_json::from_str(r#"{"a": 0.1, "b": "1,200.5", "c": 1e400, "d": "十", "e": -1}"#)
                .unwrap();
        let mut o = Obj::of(&v, &At::ROOT).unwrap();
        assert_eq!(o.num("a").unwrap().text(), "0.1");
        assert_eq!(o.decimal("b"), Some(Decimal::new(12005, 1)));
        assert!(matches!(o.num("c"), Some(Num::Invalid { .. })));
        assert!(o.done(()).is_ok());
        assert!(first_err(&v, |o| {
            o.decimal("d");
        })
        .contains("实际是文本“十”"));
        assert_eq!(
            first_err(&v, |o| {
                o.count("e");
            }),
            "字段 /e 应为不带小数的非负整数，实际是数字 -1"
        );
    }

    #[test]
    fn words_list_what_is_allowed() {
        let words = [("error", 1), ("warning", 2)];
        assert_eq!(word(&json!("warning"), &At::ROOT, &words), Ok(2));
        assert_eq!(
            err(word(&json!("fatal"), &At::ROOT.key("x"), &words)),
            "字段 /x “fatal”不是可用的取值（可用：error、warning）"
        );
    }

    #[test]
    fn pointers_escape() {
        assert_eq!(
            pointer(["indicators", "4", "target"]),
            "/indicators/4/target"
        );
        assert_eq!(pointer(["a/b", "c~d"]), "/a~1b/c~0d");
    }

    #[test]
    fn pointers_escape_keys() {
        let root = At::ROOT;
        let a = root.key("a/b");
        let b = a.index(3);
        assert_eq!(b.pointer(), "/a~1b/3");
    }

    /// Reads JSON text as a document field holding a number is read.
    fn from_json(text: &str) -> Result<Num, String> {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        num(&v, &At::ROOT).map_err(|e| e.message())
    }

    #[test]
    fn json_numbers_are_exact() {
        let n = from_json("0.1").unwrap();
        assert_eq!(n, Num::Valid(dec("0.1")));
        let n = from_json("123456789012345678.25").unwrap();
        assert_eq!(n, Num::Valid(dec("123456789012345678.25")));
        let n = from_json("1e400").unwrap();
        assert_eq!(n.value(), None);
        let n = from_json("\"120.00\"").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"120.00\"");
        assert!(from_json("true").is_err());
    }

    #[test]
    fn json_integers_beyond_64_bits_are_read_from_a_value() {
        // A document is parsed into a `Value` first; serde_json then hands
        // such integers over as u128/i128, which once failed the whole read.
        let from_value = from_json;
        assert_eq!(
            from_value("100000000000000000000"),
            Ok(Num::Valid(dec("100000000000000000000")))
        );
        assert_eq!(
            from_value("-100000000000000000000"),
            Ok(Num::Valid(dec("-100000000000000000000")))
        );
        let huge = "1000000000000000000000000000000";
        assert_eq!(
            from_value(huge),
            Ok(Num::Invalid {
                text: huge.into(),
                error: NumError::OutOfRange
            })
        );
    }
}
