//! Reading documents and profiles from files or standard input.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::io::Read;

use jixiao::drafts::size_text;
use jixiao::limits::MAX_DOCUMENT_BYTES;
use jixiao::model::{Document, ReadError};
use jixiao::profile::{self, Profile};
use jixiao::profile_lint;

/// Why a file could not be read as a document.
#[derive(Debug)]
pub enum InputError {
    Io {
        path: String,
        error: std::io::Error,
    },
    /// Larger than the limit of what was read (`limit` bytes): a document
    /// (`jixiao::limits::MAX_DOCUMENT_BYTES`) or a profile
    /// (`profile::MAX_PROFILE_BYTES`). Only `limit + 1` bytes are read.
    TooLarge {
        path: String,
        limit: usize,
    },
    NotUtf8 {
        path: String,
    },
    Empty {
        path: String,
    },
    Document {
        path: String,
        error: ReadError,
    },
}

/// The file as messages name it: its path, or 标准输入 for `-`.
fn shown(path: &str) -> &str {
    if path == "-" {
        "标准输入（-）"
    } else {
        path
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use std::io::ErrorKind;
        match self {
            InputError::Io { path, error } => {
                let path = shown(path);
                match error.kind() {
                    ErrorKind::NotFound => {
                        write!(f, "{path}: 无法读取文件：文件不存在，请检查文件名和路径。")
                    }
                    ErrorKind::IsADirectory => {
                        write!(
                            f,
                            "{path}: 无法读取文件：这是一个文件夹，不是文件；请给出其中的表单文件。"
                        )
                    }
                    ErrorKind::PermissionDenied => {
                        write!(f, "{path}: 无法读取文件：没有读取这个文件的权限。")
                    }
                    _ => write!(f, "{path}: 无法读取文件：{error}"),
                }
            }
            InputError::TooLarge { path, limit } => write!(
                f,
                "{}: 文件过大（超过 {}），不是 jixiao 的表单或规则文件，未读取。",
                shown(path),
                size_text(*limit)
            ),
            InputError::NotUtf8 { path } => write!(
                f,
                "{}: 文件不是 UTF-8 编码的文本（可能是二进制文件，或 GBK 编码：请另存为 UTF-8）。",
                shown(path)
            ),
            InputError::Empty { path } => write!(
                f,
                "{}: 文件是空的，请给出 jixiao 表单文件（.json）。",
                shown(path)
            ),
            InputError::Document { path, error } => {
                write!(f, "{}: {}", shown(path), error.message())
            }
        }
    }
}

/// Reads the whole text of a file, or of standard input for `-`: at most
/// `limit` bytes, so that an endless input (a device, a pipe that never
/// closes) or a huge file costs no more than the limit.
pub fn read_text(path: &str, limit: usize) -> Result<String, InputError> {
    let limit_64 = u64::try_from(limit).unwrap_or(u64::MAX);
    let io = |error| InputError::Io {
        path: path.to_string(),
        error,
    };
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .take(limit_64.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io)?;
    } else {
        let file = std::fs::File::open(path).map_err(io)?;
        file.take(limit_64.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io)?;
    }
    if bytes.len() > limit {
        return Err(InputError::TooLarge {
            path: path.to_string(),
            limit,
        });
    }
    // A byte-order mark, as Windows editors write, is not part of the JSON.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|_| InputError::NotUtf8 {
        path: path.to_string(),
    })
}

/// Reads a v1 document from a file or standard input.
pub fn read_document(path: &str) -> Result<Document, InputError> {
    let text = read_text(path, MAX_DOCUMENT_BYTES)?;
    if text.trim().is_empty() {
        return Err(InputError::Empty {
            path: path.to_string(),
        });
    }
    Document::from_json(&text).map_err(|error| InputError::Document {
        path: path.to_string(),
        error,
    })
}

/// A rule profile given on the command line with `--profile`.
pub enum ProfileArg {
    /// A profile file, loaded and checked (`crate::profile_lint`).
    File(Box<Profile>),
    /// A built-in profile's name (`national`, `sichuan@2024.1` …), resolved
    /// for each document by the one policy of [`profile::resolve`].
    Name(String),
}

impl ProfileArg {
    /// The profile a document is checked with: this one, or without
    /// `--profile` the one the document names (see [`profile::resolve`]).
    pub fn for_document<'a>(
        arg: Option<&'a ProfileArg>,
        doc: &Document,
    ) -> Result<Cow<'a, Profile>, String> {
        let asked = match arg {
            Some(ProfileArg::File(p)) => return Ok(Cow::Borrowed(&**p)),
            Some(ProfileArg::Name(n)) => Some(n.as_str()),
            None => None,
        };
        profile::resolve(asked, doc.profile.as_deref())
            .map(Cow::Borrowed)
            .map_err(|e| e.message())
    }
}

/// Reads `--profile SPEC`: the path of a profile file when one exists
/// there (its parents are looked up among the built-ins, then as
/// `<id>.json` in the same folder, each read with the same size limit),
/// else a built-in profile's name, which must resolve.
pub fn read_profile(spec: &str) -> Result<ProfileArg, String> {
    let path = std::path::Path::new(spec);
    if !path.exists() {
        return match profile::resolve(Some(spec), None) {
            Ok(_) => Ok(ProfileArg::Name(spec.to_string())),
            Err(e) => Err(format!("{spec}: {}", e.message())),
        };
    }
    let text = read_text(spec, profile::MAX_PROFILE_BYTES).map_err(|e| e.to_string())?;
    let dir = path.parent().map(|d| d.to_path_buf()).unwrap_or_default();
    // Why a parent's file could not be read, when it exists but could not
    // be: said instead of "not found".
    let unreadable: RefCell<Option<String>> = RefCell::new(None);
    let resolve = |name: &str| -> Option<String> {
        if let Some(t) = profile::builtin_json(name) {
            return Some(t.to_string());
        }
        let id = name.split('@').next().unwrap_or(name).trim();
        if id.is_empty() || id.contains(['/', '\\']) || id.starts_with('.') {
            return None;
        }
        let file = dir.join(format!("{id}.json"));
        if !file.exists() {
            return None;
        }
        match read_text(&file.to_string_lossy(), profile::MAX_PROFILE_BYTES) {
            Ok(text) => Some(text),
            Err(e) => {
                *unreadable.borrow_mut() = Some(format!("上级规则“{name}”：{e}"));
                None
            }
        }
    };
    let loaded = profile_lint::load(&text, &resolve);
    loaded
        .map(|p| ProfileArg::File(Box::new(p)))
        .map_err(|e| match unreadable.take() {
            Some(why) => format!("{spec}: {why}"),
            None => format!("{spec}: {}", e.message()),
        })
}
