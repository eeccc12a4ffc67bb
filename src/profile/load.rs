//! Loading profiles: JSON text merged over its parents, the built-in
//! profiles, and [`resolve`], the one policy that picks the profile a
//! document is checked with.

use std::fmt;
use std::sync::OnceLock;

use serde_json::Value;

use super::{Profile, NATIONAL_JSON};
use crate::json::{self, At};

/// The profiles compiled in: `(id, JSON text)`, the national one first.
pub const BUILTIN_JSON: &[(&str, &str)] = &[
    ("national", NATIONAL_JSON),
    ("sichuan", include_str!("../../profiles/sichuan.json")),
    (
        "sichuan-salary",
        include_str!("../../profiles/sichuan-salary.json"),
    ),
    ("ningxia", include_str!("../../profiles/ningxia.json")),
    ("hubei-old", include_str!("../../profiles/hubei-old.json")),
    ("hebei", include_str!("../../profiles/hebei.json")),
    ("yunnan", include_str!("../../profiles/yunnan.json")),
    (
        "anhui-xianjie",
        include_str!("../../profiles/anhui-xianjie.json"),
    ),
    (
        "chongqing-unit",
        include_str!("../../profiles/chongqing-unit.json"),
    ),
    ("yinchuan", include_str!("../../profiles/yinchuan.json")),
];

/// How deep a chain of parents may go before loading gives up.
const MAX_PARENTS: usize = 16;

/// The largest profile text read, each parent counted alone: a profile is
/// a few KB, so anything near this is not one.
pub const MAX_PROFILE_BYTES: usize = 1024 * 1024;

/// Why a profile could not be loaded or used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProfileError {
    /// Not JSON: where, and what the parser said.
    Syntax {
        id: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not an object with `id` and `version`.
    NotAProfile { id: String, message: String },
    /// Larger than [`MAX_PROFILE_BYTES`].
    TooLarge { id: String, bytes: usize },
    /// The parent named by a profile was not found.
    UnknownParent { id: String, parent: String },
    /// The parents loop back (`a` → `b` → `a`) or go too deep.
    Cycle(Vec<String>),
    /// A field of the wrong type or missing after merging.
    Shape { id: String, message: String },
    /// A profile asked for by name (`id` or `id@version`) that is not
    /// built in; `from_document` when the name came from the document's
    /// `profile` field rather than from whoever asked for the check.
    Unknown { name: String, from_document: bool },
    /// Loaded, but unusable: the profile linter's error messages
    /// (`crate::profile_lint`), each with its place in the profile.
    Unusable { tag: String, problems: Vec<String> },
}

/// The ids of the built-in profiles, for messages.
fn builtin_ids() -> String {
    BUILTIN_JSON
        .iter()
        .map(|(id, _)| *id)
        .collect::<Vec<_>>()
        .join("、")
}

impl ProfileError {
    /// The message shown to the person, in Chinese: the same words in the
    /// command line, the JS API and the page.
    pub fn message(&self) -> String {
        match self {
            ProfileError::Syntax {
                id,
                line,
                column,
                message,
            } => format!("规则文件{id}不是有效的 JSON：第{line}行第{column}列，{message}。"),
            ProfileError::NotAProfile { id, message } => {
                format!("规则文件{id}不是 jixiao 规则：{message}")
            }
            ProfileError::TooLarge { id, bytes } => format!(
                "规则文件{id}过大（{bytes} 字节，上限 {MAX_PROFILE_BYTES} 字节），不像是 jixiao 规则。"
            ),
            ProfileError::UnknownParent { id, parent } => format!(
                "规则“{id}”的上级规则“{parent}”找不到，请先提供该规则文件或改用内置规则（{}）。",
                builtin_ids()
            ),
            ProfileError::Cycle(chain) => format!(
                "规则的上级关系循环或层级过深：{}，请检查 parent 字段。",
                chain.join(" → ")
            ),
            ProfileError::Shape { id, message } => {
                format!("规则“{id}”的内容不完整或类型不对：{message}。")
            }
            ProfileError::Unknown {
                name,
                from_document: false,
            } => format!(
                "未知的检查规则“{name}”。内置规则有：{}；其他规则请以规则文件提供。",
                builtin_ids()
            ),
            ProfileError::Unknown {
                name,
                from_document: true,
            } => format!(
                "表单指定的检查规则“{name}”不是内置规则（内置规则有：{}）。请改选内置规则，或提供该规则文件后再检查。",
                builtin_ids()
            ),
            ProfileError::Unusable { tag, problems } => {
                format!("规则“{tag}”有误，无法使用：{}", problems.join("；"))
            }
        }
    }
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ProfileError {}

/// Merges `over` into `base`: objects key by key, everything else replaced.
pub fn merge_json(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge_json(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

fn parse_object(text: &str, label: &str) -> Result<serde_json::Map<String, Value>, ProfileError> {
    if text.len() > MAX_PROFILE_BYTES {
        return Err(ProfileError::TooLarge {
            id: label.to_string(),
            bytes: text.len(),
        });
    }
    let value = json::parse(text).map_err(|e| ProfileError::Syntax {
        id: label.to_string(),
        line: e.line,
        column: e.column,
        message: e.message,
    })?;
    let Value::Object(obj) = value else {
        return Err(ProfileError::NotAProfile {
            id: label.to_string(),
            message: "内容应为一个 JSON 对象（以 { 开头）。".into(),
        });
    };
    for key in ["id", "version"] {
        if obj
            .get(key)
            .and_then(Value::as_str)
            .is_none_or(|s| s.trim().is_empty())
        {
            return Err(ProfileError::NotAProfile {
                id: label.to_string(),
                message: format!("缺少 {key} 字段（文本）。"),
            });
        }
    }
    Ok(obj)
}

/// The JSON text of a built-in profile, by `id` or `id@version`.
pub fn builtin_json(name: &str) -> Option<&'static str> {
    let (id, version) = match name.split_once('@') {
        Some((id, v)) => (id, Some(v)),
        None => (name, None),
    };
    let (_, text) = BUILTIN_JSON.iter().find(|(i, _)| *i == id.trim())?;
    if let Some(v) = version {
        let obj = parse_object(text, id).ok()?;
        if obj.get("version").and_then(Value::as_str) != Some(v.trim()) {
            return None;
        }
    }
    Some(text)
}

impl Profile {
    /// Loads a profile from JSON text, resolving its parents with `resolver`
    /// (a parent's name, as written in `parent`, to its JSON text).
    pub fn from_json(
        text: &str,
        resolver: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Profile, ProfileError> {
        let first = parse_object(text, "")?;
        let id = first
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let mut chain = vec![id.clone()];
        let mut layers = vec![first];
        while let Some(parent) = layers
            .last()
            .and_then(|o| o.get("parent"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .filter(|p| !p.trim().is_empty())
        {
            let child = chain.last().cloned().unwrap_or_default();
            let parent_id = parent.split('@').next().unwrap_or("").trim().to_string();
            if chain.contains(&parent_id) || chain.len() > MAX_PARENTS {
                chain.push(parent_id);
                return Err(ProfileError::Cycle(chain));
            }
            let text = resolver(&parent).ok_or(ProfileError::UnknownParent {
                id: child,
                parent: parent.clone(),
            })?;
            let obj = parse_object(&text, &format!("“{parent}”"))?;
            chain.push(parent_id);
            layers.push(obj);
        }
        // Merge from the root down, so that each child overrides its parent.
        let mut merged = Value::Object(layers.pop().unwrap_or_default());
        while let Some(layer) = layers.pop() {
            merge_json(&mut merged, Value::Object(layer));
        }
        Profile::read(&merged, &At::ROOT).map_err(|e| ProfileError::Shape {
            id,
            message: e.message(),
        })
    }

    /// Loads a profile whose parents are built-in profiles.
    pub fn from_json_with_builtins(text: &str) -> Result<Profile, ProfileError> {
        Profile::from_json(text, &|name| builtin_json(name).map(str::to_string))
    }
}

/// Every built-in profile, loaded (national first).
pub fn builtins() -> &'static [Profile] {
    static ALL: OnceLock<Vec<Profile>> = OnceLock::new();
    ALL.get_or_init(|| {
        BUILTIN_JSON
            .iter()
            .filter_map(|(_, text)| Profile::from_json_with_builtins(text).ok())
            .collect()
    })
}

/// The built-in profile of exactly this `id` or `id@version`.
pub fn builtin(name: &str) -> Option<&'static Profile> {
    let (id, version) = match name.split_once('@') {
        Some((id, v)) => (id.trim(), Some(v.trim())),
        None => (name.trim(), None),
    };
    builtins()
        .iter()
        .find(|p| p.id == id && version.is_none_or(|v| v == p.version))
}

/// The profile a document is checked with: the one policy of the command
/// line, the JS API, the page, drafts and export.
///
/// 1. The profile `asked` for by name (the command line's `--profile ID`,
///    the JS API's argument, the page's address or 检查规则 list) wins;
/// 2. else the one the document `named` in its `profile` field;
/// 3. else the national profile.
///
/// A name is `id` or `id@version` and resolves to the built-in profile of
/// that id. A version other than the built-in one is accepted, and checked
/// with the built-in version (the evaluation says so with an information
/// finding, `DOC-PROFILE`). An id that is not built in is an error,
/// [`ProfileError::Unknown`], never a silent fallback: the caller shows its
/// message (exit 2, a thrown `Error`, an alert in the page). A profile
/// given as data rather than by name (a file, JSON text, a JS object) is
/// loaded by `crate::profile_lint::load` instead.
pub fn resolve(asked: Option<&str>, named: Option<&str>) -> Result<&'static Profile, ProfileError> {
    fn given(s: Option<&str>) -> Option<&str> {
        s.map(str::trim).filter(|s| !s.is_empty())
    }
    let (name, from_document) = match (given(asked), given(named)) {
        (Some(a), _) => (a, false),
        (None, Some(n)) => (n, true),
        (None, None) => return Ok(Profile::national()),
    };
    let id = name.split('@').next().unwrap_or(name).trim();
    builtin(name)
        .or_else(|| builtin(id))
        .ok_or_else(|| ProfileError::Unknown {
            name: name.to_string(),
            from_document,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn builtins_load() {
        let all = builtins();
        assert_eq!(
            all.len(),
            BUILTIN_JSON.len(),
            "a built-in profile failed to load"
        );
        for p in all {
            assert_eq!(builtin(&p.id), Some(p));
            assert_eq!(builtin(&p.tag()), Some(p));
        }
        assert!(builtin("national@1999.1").is_none());
        assert!(builtin("guangxi").is_none());
    }

    #[test]
    fn provincial_variants_inherit_and_override() {
        let sc = builtin("sichuan").unwrap();
        // Sichuan names the national categories, and accepts its older names.
        let names = |p: &Profile| -> Vec<String> {
            p.categories.tree.iter().map(|l| l.name.clone()).collect()
        };
        assert_eq!(names(sc), names(Profile::national()));
        assert_eq!(
            sc.categories.required,
            Profile::national().categories.required
        );
        assert_eq!(
            sc.categories
                .level1("项目完成指标")
                .map(|l| l.name.as_str()),
            Some("产出指标")
        );
        assert_eq!(sc.vague_words, Profile::national().vague_words);
        let sal = builtin("sichuan-salary").unwrap();
        assert_eq!(sal.parent.as_deref(), Some("sichuan"));
        assert_eq!(sal.weights.execution, d("10"));
        let pts: Vec<(String, Decimal)> = sal
            .weights
            .groups
            .iter()
            .map(|g| (g.name.clone(), g.points))
            .collect();
        assert_eq!(
            pts,
            [("产出".to_string(), d("60")), ("效益".to_string(), d("30"))]
        );
        assert!(sal
            .categories
            .required
            .iter()
            .all(|r| !r.label.contains("满意度")));
        assert_eq!(names(sal), names(Profile::national()));
        let nx = builtin("ningxia").unwrap();
        assert_eq!(nx.weights.execution, Decimal::ZERO);
        assert!(nx.weights.adjustable, "inherited from national");
        let pts: Vec<Decimal> = nx.weights.groups.iter().map(|g| g.points).collect();
        assert_eq!(pts, [d("40"), d("40"), d("20")]);
        let hb = builtin("hubei-old").unwrap();
        assert_eq!(hb.weights.execution, d("20"));
        assert_eq!(hb.scoring.bands.partial, [d("50"), d("80")]);
        assert_eq!(hb.scoring.grades, Profile::national().scoring.grades);
    }
    #[test]
    fn merging_is_deep_for_objects_and_replaces_arrays() {
        let mut base = serde_json::json!({"a": {"x": 1, "y": [1, 2]}, "b": 1});
        merge_json(
            &mut base,
            serde_json::json!({"a": {"y": [3], "z": true}, "b": null}),
        );
        assert_eq!(
            base,
            serde_json::json!({"a": {"x": 1, "y": [3], "z": true}, "b": null})
        );
    }
    #[test]
    fn loading_errors_are_clear() {
        let resolve = |name: &str| -> Option<String> {
            match name {
                "a" => Some(r#"{"id": "a", "version": "1", "parent": "b"}"#.into()),
                "b" => Some(r#"{"id": "b", "version": "1", "parent": "a"}"#.into()),
                _ => builtin_json(name).map(str::to_string),
            }
        };
        let err = |text: &str| Profile::from_json(text, &resolve).unwrap_err();
        assert!(matches!(
            err("{\"id\": \"x\",\n \"version\" 1}"),
            ProfileError::Syntax { line: 2, .. }
        ));
        assert!(matches!(err("[]"), ProfileError::NotAProfile { .. }));
        assert!(err(r#"{"version": "1"}"#).message().contains("缺少 id"));
        let e = err(r#"{"id": "x", "version": "1", "parent": "guangxi"}"#);
        assert!(matches!(&e, ProfileError::UnknownParent { parent, .. } if parent == "guangxi"));
        assert!(e.message().contains("national"));
        assert!(
            matches!(err(r#"{"id": "x", "version": "1", "parent": "a"}"#), ProfileError::Cycle(c) if c == ["x", "a", "b", "a"])
        );
        assert!(matches!(
            err(r#"{"id": "x", "version": "1", "parent": "national@1999.1"}"#),
            ProfileError::UnknownParent { .. }
        ));
        let e = err(
            r#"{"id": "x", "version": "1", "parent": "national", "weights": {"execution": "十"}}"#,
        );
        assert!(matches!(e, ProfileError::Shape { .. }), "{e:?}");
        assert!(
            e.message().contains("字段 /weights/execution"),
            "{}",
            e.message()
        );
        assert!(e.message().contains("十"), "{}", e.message());
        let e =
            err(r#"{"id": "x", "version": "1", "parent": "national", "disabled": "IND-VAGUE"}"#);
        assert!(
            e.message()
                .contains("字段 /disabled 应为数组 [...]，实际是文本“IND-VAGUE”"),
            "{}",
            e.message()
        );
        let e = err("{\"id\": \"x\", \"version\": \"1\",}");
        assert!(
            e.message().contains("第1行第28列，多余的逗号"),
            "{}",
            e.message()
        );
        let e = err(r#"{"id": "x", "version": "1"}"#);
        assert!(e.message().contains("categories"), "{}", e.message());
        let p = Profile::from_json(r#"{"id": "x", "version": "2", "parent": "national@2024.1", "severities": {"IND-NO-OP": "error"}}"#, &resolve).unwrap();
        assert_eq!(p.tag(), "x@2");
        assert_eq!(
            p.severity("IND-NO-OP", Severity::Warning),
            Some(Severity::Error)
        );
    }
    /// `(asked, named)` → the profile id used, or the unknown name and
    /// whether it came from the document.
    #[test]
    fn one_policy_resolves_every_profile_name() {
        type Want = Result<&'static str, (&'static str, bool)>;
        let cases: &[(Option<&str>, Option<&str>, Want)] = &[
            (None, None, Ok("national")),
            (Some(""), Some("  "), Ok("national")),
            (None, Some("ningxia@2024.1"), Ok("ningxia")),
            // Another version of a built-in id: the built-in version checks.
            (None, Some("national@1999.9"), Ok("national")),
            (Some("sichuan"), Some("ningxia"), Ok("sichuan")),
            (Some(" sichuan-salary@2024.1 "), None, Ok("sichuan-salary")),
            // Asked for by name wins even over a document naming a good one.
            (Some("guangxi"), Some("national"), Err(("guangxi", false))),
            (None, Some("guangxi@2024.1"), Err(("guangxi@2024.1", true))),
            (Some("hubei"), None, Err(("hubei", false))),
        ];
        for (asked, named, want) in cases {
            let got = match resolve(*asked, *named) {
                Ok(p) => Ok(p.id.as_str()),
                Err(ProfileError::Unknown {
                    name,
                    from_document,
                }) => Err((name, from_document)),
                Err(e) => panic!("{e}"),
            };
            let want = want.map_err(|(n, d)| (n.to_string(), d));
            assert_eq!(got, want, "{asked:?} {named:?}");
        }
        let e = resolve(None, Some("guangxi@2024.1")).unwrap_err().message();
        assert!(
            e.contains("表单指定的检查规则“guangxi@2024.1”不是内置规则"),
            "{e}"
        );
        assert!(e.contains("national、sichuan"), "{e}");
    }

    #[test]
    fn oversized_profiles_and_parents_are_refused() {
        let big = format!(
            "{{\"id\": \"x\", \"version\": \"1\", \"pad\": \"{}\"}}",
            "a".repeat(MAX_PROFILE_BYTES)
        );
        assert!(matches!(
            Profile::from_json_with_builtins(&big),
            Err(ProfileError::TooLarge { .. })
        ));
        let child = r#"{"id": "y", "version": "1", "parent": "x"}"#;
        let e = Profile::from_json(child, &|_| Some(big.clone())).unwrap_err();
        assert!(matches!(e, ProfileError::TooLarge { .. }), "{e:?}");
        assert!(e.message().contains("过大"), "{}", e.message());
        // A parent with a byte-order mark reads like the same file given directly.
        let parent = format!("{}{}", '\u{feff}', crate::profile::NATIONAL_JSON);
        let p = Profile::from_json(r#"{"id": "y", "version": "1", "parent": "n"}"#, &|_| {
            Some(parent.clone())
        })
        .unwrap();
        assert_eq!(p.weights, Profile::national().weights);
    }
}
