//! Rule profiles: the data that lets a province change weights, thresholds
//! and required categories without a rebuild.
//!
//! A profile is a versioned JSON document (`id`, `version`, optional
//! `parent`). The national profile (`profiles/national.json`) is built in;
//! other profiles are files a portal supplies at runtime. A profile may turn a
//! rule off or change its severity, never its meaning.
//!
//! Loading ([`Profile::from_json`]) deep-merges a child over its parent's
//! JSON (objects key by key; arrays and scalars replaced), then reads the
//! result, so a provincial profile states only where it differs. The
//! provincial variants seen in real forms ship as files under `profiles/`
//! and are compiled in ([`builtin`], [`builtins`]). [`lint`] reports what
//! makes a profile unusable (weights that cannot add to 100, bands with gaps,
//! unknown rule ids …) with `PROFILE-*` findings.

pub mod scoring;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use crate::finding::{Finding, RuleInfo, Severity};
use crate::json::pointer;
use crate::json::{self, At, Obj, Read};
use crate::model::Document;
pub use scoring::Scoring;

/// The built-in national profile, as shipped in `profiles/national.json`.
pub const NATIONAL_JSON: &str = include_str!("../../profiles/national.json");

/// A level-1 category and the level-2 categories allowed under it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Level1 {
    pub name: String,
    #[serde(default)]
    pub level2: Vec<String>,
    /// Allowed on unit-wide forms only (履职效能, 管理效率).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unit_only: bool,
}

/// One place a required category may be filed: a level-1 name, and the
/// level-2 name under it unless any level-2 will do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Placement {
    pub level1: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level2: Option<String>,
}

/// A category the form must contain, filed in any one of its placements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Required {
    /// The name used in messages (数量指标, 成本指标 …).
    pub label: String,
    pub any_of: Vec<Placement>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Categories {
    pub tree: Vec<Level1>,
    #[serde(default)]
    pub required: Vec<Required>,
}

/// Points for a group of level-1 categories (产出 = 产出指标 + 成本指标 …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WeightGroup {
    pub name: String,
    pub level1: Vec<String>,
    pub points: Decimal,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Weights {
    /// Points for budget execution (预算执行率); zero where it is not scored.
    pub execution: Decimal,
    pub groups: Vec<WeightGroup>,
    /// Units may move points between groups (the total must still be 100).
    #[serde(default)]
    pub adjustable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(default)]
pub struct Thresholds {
    /// An actual at or above this multiple of its target needs an explanation.
    pub far_above_ratio: Decimal,
    /// The lowest acceptable 满意度 target, in percent.
    pub satisfaction_floor: Decimal,
    pub max_name_chars: usize,
    pub max_text_chars: usize,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            far_above_ratio: Decimal::new(13, 1),
            satisfaction_floor: Decimal::from(80),
            max_name_chars: 100,
            max_text_chars: 2000,
        }
    }
}

/// A rule profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub id: String,
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The name shown in the UI.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub categories: Categories,
    pub weights: Weights,
    #[serde(default)]
    pub vague_words: Vec<String>,
    #[serde(default)]
    pub thresholds: Thresholds,
    #[serde(default)]
    pub scoring: Scoring,
    /// Severity overrides by rule id.
    #[serde(default)]
    pub severities: BTreeMap<String, Severity>,
    /// Rule ids switched off.
    #[serde(default)]
    pub disabled: Vec<String>,
}

impl Profile {
    /// The built-in national profile.
    pub fn national() -> &'static Profile {
        static NATIONAL: OnceLock<Profile> = OnceLock::new();
        NATIONAL.get_or_init(|| {
            // Through `Value`, as every other profile is read: one copy of
            // the deserialisation code in the wasm module instead of two.
            let value: Value =
                serde_json::from_str(NATIONAL_JSON).expect("profiles/national.json is JSON");
            Profile::read(&value, &At::ROOT).expect("profiles/national.json is a profile")
        })
    }

    /// `"<id>@<version>"`, as documents name the profile they were checked against.
    pub fn tag(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// The severity of a rule under this profile, or `None` when it is switched off.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        if self.disabled.iter().any(|r| r == rule) {
            return None;
        }
        Some(self.severities.get(rule).copied().unwrap_or(default))
    }
}

// Reading. Each part of a profile reads itself from the merged JSON with
// the helpers of `crate::json`; a field left out takes the national default
// where the type has one.

impl Level1 {
    fn read(v: &Value, at: &At) -> Read<Level1> {
        let o = Obj::of(v, at)?;
        Ok(Level1 {
            name: o.req_string("name")?,
            level2: o.strings("level2")?,
            unit_only: o.bool("unit_only")?.unwrap_or(false),
        })
    }
}

impl Placement {
    fn read(v: &Value, at: &At) -> Read<Placement> {
        let o = Obj::of(v, at)?;
        Ok(Placement {
            level1: o.req_string("level1")?,
            level2: o.opt_string("level2")?,
        })
    }
}

impl Required {
    fn read(v: &Value, at: &At) -> Read<Required> {
        let o = Obj::of(v, at)?;
        Ok(Required {
            label: o.req_string("label")?,
            any_of: json::list(o.need("any_of")?, &at.key("any_of"), Placement::read)?,
        })
    }
}

impl Categories {
    fn read(v: &Value, at: &At) -> Read<Categories> {
        let o = Obj::of(v, at)?;
        Ok(Categories {
            tree: json::list(o.need("tree")?, &at.key("tree"), Level1::read)?,
            required: o.list("required", Required::read)?,
        })
    }
}

impl WeightGroup {
    fn read(v: &Value, at: &At) -> Read<WeightGroup> {
        let o = Obj::of(v, at)?;
        Ok(WeightGroup {
            name: o.req_string("name")?,
            level1: json::list(o.need("level1")?, &at.key("level1"), json::string)?,
            points: json::decimal(o.need("points")?, &at.key("points"))?,
        })
    }
}

impl Weights {
    fn read(v: &Value, at: &At) -> Read<Weights> {
        let o = Obj::of(v, at)?;
        Ok(Weights {
            execution: json::decimal(o.need("execution")?, &at.key("execution"))?,
            groups: json::list(o.need("groups")?, &at.key("groups"), WeightGroup::read)?,
            adjustable: o.bool("adjustable")?.unwrap_or(false),
        })
    }
}

impl Thresholds {
    fn read(v: &Value, at: &At) -> Read<Thresholds> {
        let o = Obj::of(v, at)?;
        let d = Thresholds::default();
        Ok(Thresholds {
            far_above_ratio: o.decimal("far_above_ratio")?.unwrap_or(d.far_above_ratio),
            satisfaction_floor: o
                .decimal("satisfaction_floor")?
                .unwrap_or(d.satisfaction_floor),
            max_name_chars: o.count("max_name_chars")?.unwrap_or(d.max_name_chars),
            max_text_chars: o.count("max_text_chars")?.unwrap_or(d.max_text_chars),
        })
    }
}

impl Profile {
    /// Reads a profile from its (merged) JSON.
    fn read(v: &Value, at: &At) -> Read<Profile> {
        let o = Obj::of(v, at)?;
        Ok(Profile {
            id: o.req_string("id")?,
            version: o.req_string("version")?,
            parent: o.opt_string("parent")?,
            name: o.string("name")?,
            description: o.string("description")?,
            categories: Categories::read(o.need("categories")?, &at.key("categories"))?,
            weights: Weights::read(o.need("weights")?, &at.key("weights"))?,
            vague_words: o.strings("vague_words")?,
            thresholds: o.with("thresholds", Thresholds::read)?.unwrap_or_default(),
            scoring: o.with("scoring", Scoring::read)?.unwrap_or_default(),
            severities: o.map("severities", Severity::read)?,
            disabled: o.strings("disabled")?,
        })
    }
}

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
];

/// How deep a chain of parents may go before loading gives up.
const MAX_PARENTS: usize = 16;

/// Why a profile could not be loaded.
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
    /// The parent named by a profile was not found.
    UnknownParent { id: String, parent: String },
    /// The parents loop back (`a` → `b` → `a`) or go too deep.
    Cycle(Vec<String>),
    /// A field of the wrong type or missing after merging.
    Shape { id: String, message: String },
}

impl ProfileError {
    /// The message shown to the person, in Chinese.
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
            ProfileError::UnknownParent { id, parent } => format!(
                "规则“{id}”的上级规则“{parent}”找不到，请先提供该规则文件或改用内置规则（{}）。",
                BUILTIN_JSON
                    .iter()
                    .map(|(id, _)| *id)
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            ProfileError::Cycle(chain) => format!(
                "规则的上级关系循环或层级过深：{}，请检查 parent 字段。",
                chain.join(" → ")
            ),
            ProfileError::Shape { id, message } => {
                format!("规则“{id}”的内容不完整或类型不对：{message}。")
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

/// A built-in profile by `id` or `id@version`.
pub fn builtin(name: &str) -> Option<Profile> {
    builtin_ref(name).cloned()
}

/// A built-in profile by `id` or `id@version`, borrowed: the browser layer
/// keeps it for the page's life without copying it on every render.
pub fn builtin_ref(name: &str) -> Option<&'static Profile> {
    let (id, version) = match name.split_once('@') {
        Some((id, v)) => (id.trim(), Some(v.trim())),
        None => (name.trim(), None),
    };
    builtins()
        .iter()
        .find(|p| p.id == id && version.is_none_or(|v| v == p.version))
}

/// The built-in profile a tag names (`sichuan`, `sichuan@2024.1`): the exact
/// version when it is built in, else the built-in one of that id.
pub fn resolve_tag(tag: &str) -> Option<&'static Profile> {
    let id = tag.split('@').next().unwrap_or(tag);
    builtin_ref(tag).or_else(|| builtin_ref(id))
}

/// The profile a document names (`profile: "<id>@<version>"`) when it is
/// built in, matched by id; the national profile otherwise.
pub fn for_document(doc: &Document) -> Profile {
    doc.profile
        .as_deref()
        .and_then(resolve_tag)
        .unwrap_or_else(Profile::national)
        .clone()
}

pub const LINT_UNKNOWN_RULE: RuleInfo = RuleInfo {
    id: "PROFILE-UNKNOWN-RULE",
    severity: Severity::Error,
    summary: "规则文件引用了不存在的规则编号",
};
pub const LINT_WEIGHTS_TOTAL: RuleInfo = RuleInfo {
    id: "PROFILE-WEIGHTS-TOTAL",
    severity: Severity::Error,
    summary: "预算执行率与各类指标分值合计不等于100",
};
pub const LINT_GROUP_CATEGORY: RuleInfo = RuleInfo {
    id: "PROFILE-GROUP-CATEGORY",
    severity: Severity::Error,
    summary: "分值组引用了指标体系中没有的一级指标",
};
pub const LINT_REQUIRED_PLACEMENT: RuleInfo = RuleInfo {
    id: "PROFILE-REQUIRED-PLACEMENT",
    severity: Severity::Error,
    summary: "必备类别的位置不在指标体系中",
};
pub const LINT_BANDS: RuleInfo = RuleInfo {
    id: "PROFILE-BANDS",
    severity: Severity::Error,
    summary: "定性指标评分档次重叠或有缺口",
};
pub const LINT_GRADES: RuleInfo = RuleInfo {
    id: "PROFILE-GRADES",
    severity: Severity::Error,
    summary: "等级分数线未按从高到低排列",
};

/// Every rule of the profile linter.
pub const LINT_RULES: &[RuleInfo] = &[
    LINT_UNKNOWN_RULE,
    LINT_WEIGHTS_TOTAL,
    LINT_GROUP_CATEGORY,
    LINT_REQUIRED_PLACEMENT,
    LINT_BANDS,
    LINT_GRADES,
];

fn lint_finding(rule: &RuleInfo, path: String, message: String, value: &str) -> Finding {
    Finding::new(rule.id, rule.severity, path, message).with("value", value)
}

/// Says how two neighbouring score bands fail to meet: the upper edge of
/// one (`hi`) must be the lower edge of the next (`lo`).
fn seam(lower: &str, hi: Decimal, upper: &str, lo: Decimal) -> Option<String> {
    (hi != lo).then(|| {
        let how = if hi < lo { "有缺口" } else { "重叠" };
        format!("“{lower}”档上限{hi}%与“{upper}”档下限{lo}%不相接（{how}）")
    })
}

/// Reports what makes a profile unusable; paths point into the profile JSON.
pub fn lint(p: &Profile) -> Vec<Finding> {
    let mut out = Vec::new();
    let known: BTreeSet<&str> = crate::rules::RULES
        .iter()
        .chain(crate::score::RULES)
        .map(|r| r.id)
        .collect();
    for id in p.severities.keys() {
        if !known.contains(id.as_str()) {
            out.push(lint_finding(
                &LINT_UNKNOWN_RULE,
                pointer(["severities", id]),
                format!("severities 中的规则编号“{id}”不存在，请检查拼写。"),
                id,
            ));
        }
    }
    for (i, id) in p.disabled.iter().enumerate() {
        if !known.contains(id.as_str()) {
            out.push(lint_finding(
                &LINT_UNKNOWN_RULE,
                pointer(["disabled".to_string(), i.to_string()]),
                format!("disabled 中的规则编号“{id}”不存在，请检查拼写。"),
                id,
            ));
        }
    }
    let w = &p.weights;
    let total = w
        .groups
        .iter()
        .map(|g| g.points)
        .try_fold(w.execution, |a, b| a.checked_add(b));
    let negative = w.execution.is_sign_negative() && !w.execution.is_zero()
        || w.groups
            .iter()
            .any(|g| g.points.is_sign_negative() && !g.points.is_zero());
    if total != Some(Decimal::ONE_HUNDRED) || negative {
        let shown = total.map(|t| t.to_string()).unwrap_or_default();
        out.push(lint_finding(
            &LINT_WEIGHTS_TOTAL,
            "/weights".into(),
            format!(
                "预算执行率{}分与各类指标分值合计为{shown}分，应为100分且均不为负。",
                w.execution
            ),
            &shown,
        ));
    }
    let tree = &p.categories.tree;
    let in_tree = |l1: &str| tree.iter().find(|n| n.name == l1);
    for (gi, g) in w.groups.iter().enumerate() {
        for (li, l1) in g.level1.iter().enumerate() {
            if in_tree(l1).is_none() {
                out.push(lint_finding(
                    &LINT_GROUP_CATEGORY,
                    pointer([
                        "weights".to_string(),
                        "groups".into(),
                        gi.to_string(),
                        "level1".into(),
                        li.to_string(),
                    ]),
                    format!(
                        "分值组“{}”中的一级指标“{l1}”不在指标体系（categories.tree）中。",
                        g.name
                    ),
                    l1,
                ));
            }
        }
    }
    for (ri, r) in p.categories.required.iter().enumerate() {
        for (ai, place) in r.any_of.iter().enumerate() {
            let ok = match (in_tree(&place.level1), &place.level2) {
                (None, _) => false,
                (Some(_), None) => true,
                (Some(n), Some(l2)) => n.level2.iter().any(|x| x == l2),
            };
            if !ok {
                let shown = match &place.level2 {
                    Some(l2) => format!("{}—{l2}", place.level1),
                    None => place.level1.clone(),
                };
                out.push(lint_finding(
                    &LINT_REQUIRED_PLACEMENT,
                    pointer([
                        "categories".to_string(),
                        "required".into(),
                        ri.to_string(),
                        "any_of".into(),
                        ai.to_string(),
                    ]),
                    format!(
                        "必备类别“{}”的位置“{shown}”不在指标体系（categories.tree）中。",
                        r.label
                    ),
                    &shown,
                ));
            }
        }
    }
    let b = &p.scoring.bands;
    let hundred = Decimal::ONE_HUNDRED;
    let band_problem = if [b.not_met, b.partial, b.met]
        .iter()
        .any(|[lo, hi]| lo >= hi)
    {
        Some("每一档的下限应小于上限".to_string())
    } else if !b.not_met[0].is_zero() || b.met[1] != hundred {
        Some("各档应从0%覆盖到100%".to_string())
    } else {
        seam("未达成", b.not_met[1], "部分达成", b.partial[0])
            .or_else(|| seam("部分达成", b.partial[1], "达成", b.met[0]))
    };
    if let Some(problem) = band_problem {
        out.push(lint_finding(
            &LINT_BANDS,
            "/scoring/bands".into(),
            format!("定性指标评分档次有误：{problem}，请按 0–60–80–100 的方式首尾相接。"),
            &problem,
        ));
    }
    let grades = &p.scoring.grades;
    let descending = grades.windows(2).all(|w| w[0].min > w[1].min);
    let floor_zero = grades.last().is_some_and(|g| g.min.is_zero());
    if !descending || !floor_zero {
        let shown: Vec<String> = grades
            .iter()
            .map(|g| format!("{}≥{}", g.name, g.min))
            .collect();
        out.push(lint_finding(
            &LINT_GRADES,
            "/scoring/grades".into(),
            "等级应按分数线从高到低排列，最低一档从0分起（如 优≥90、良≥80、中≥60、差≥0）。".into(),
            &shown.join("、"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_profile_loads_with_the_national_weights() {
        let p = Profile::national();
        assert_eq!(p.tag(), "national@2024.1");
        assert_eq!(p.weights.execution, Decimal::from(10));
        let total: Decimal =
            p.weights.groups.iter().map(|g| g.points).sum::<Decimal>() + p.weights.execution;
        assert_eq!(total, Decimal::from(100));
        assert_eq!(p.scoring, Scoring::default());
        assert_eq!(p.thresholds, Thresholds::default());
    }

    fn lint_ids(p: &Profile) -> Vec<(String, String)> {
        lint(p).into_iter().map(|f| (f.rule, f.path)).collect()
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn builtins_load_and_lint_clean() {
        let all = builtins();
        assert_eq!(
            all.len(),
            BUILTIN_JSON.len(),
            "a built-in profile failed to load"
        );
        for p in all {
            assert_eq!(lint_ids(p), Vec::<(String, String)>::new(), "{}", p.id);
            assert_eq!(builtin(&p.id).as_ref(), Some(p));
            assert_eq!(builtin(&p.tag()).as_ref(), Some(p));
        }
        assert!(builtin("national@1999.1").is_none());
        assert!(builtin("guangxi").is_none());
    }

    #[test]
    fn provincial_variants_inherit_and_override() {
        let sc = builtin("sichuan").unwrap();
        assert_eq!(sc.categories, Profile::national().categories);
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
        assert_eq!(sal.categories.tree, Profile::national().categories.tree);
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

    #[test]
    fn lint_reports_broken_profiles() {
        let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
            (
                r#"{"severities": {"IND-NO-OOP": "error", "IND-VAGUE": "info"}, "disabled": ["IND-VAGUE", "GOAL-X"]}"#,
                vec![
                    ("PROFILE-UNKNOWN-RULE", "/severities/IND-NO-OOP"),
                    ("PROFILE-UNKNOWN-RULE", "/disabled/1"),
                ],
            ),
            (
                r#"{"weights": {"execution": "20"}}"#,
                vec![("PROFILE-WEIGHTS-TOTAL", "/weights")],
            ),
            (
                r#"{"weights": {"groups": [{"name": "产出", "level1": ["产出指标", "成本指标"], "points": "60"},
                 {"name": "效益", "level1": ["效益指标", "影响指标"], "points": "30"}]}}"#,
                vec![("PROFILE-GROUP-CATEGORY", "/weights/groups/1/level1/1")],
            ),
            (
                r#"{"categories": {"required": [{"label": "x", "any_of": [{"level1": "产出指标", "level2": "规模指标"}, {"level1": "决策指标"}]}]}}"#,
                vec![
                    (
                        "PROFILE-REQUIRED-PLACEMENT",
                        "/categories/required/0/any_of/0",
                    ),
                    (
                        "PROFILE-REQUIRED-PLACEMENT",
                        "/categories/required/0/any_of/1",
                    ),
                ],
            ),
            (
                r#"{"scoring": {"bands": {"met": ["80", "100"], "partial": ["50", "70"], "not_met": ["0", "50"]}}}"#,
                vec![("PROFILE-BANDS", "/scoring/bands")],
            ),
            (
                r#"{"scoring": {"bands": {"met": ["80", "100"], "partial": ["60", "85"], "not_met": ["0", "60"]}}}"#,
                vec![("PROFILE-BANDS", "/scoring/bands")],
            ),
            (
                r#"{"scoring": {"bands": {"met": ["80", "100"], "partial": ["60", "80"], "not_met": ["10", "60"]}}}"#,
                vec![("PROFILE-BANDS", "/scoring/bands")],
            ),
            (
                r#"{"scoring": {"grades": [{"name": "优", "min": "90"}, {"name": "中", "min": "60"}, {"name": "良", "min": "80"}, {"name": "差", "min": "0"}]}}"#,
                vec![("PROFILE-GRADES", "/scoring/grades")],
            ),
            (
                r#"{"scoring": {"grades": [{"name": "合格", "min": "60"}]}}"#,
                vec![("PROFILE-GRADES", "/scoring/grades")],
            ),
        ];
        let mut exercised = BTreeSet::new();
        for (over, want) in cases {
            let mut v: Value = serde_json::from_str(NATIONAL_JSON).unwrap();
            merge_json(&mut v, serde_json::from_str(over).unwrap());
            let p = Profile::read(&v, &At::ROOT).unwrap();
            let got = lint_ids(&p);
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(r, p)| (r.to_string(), p.to_string()))
                .collect();
            assert_eq!(got, want, "{over}");
            exercised.extend(got.into_iter().map(|(r, _)| r));
        }
        for r in LINT_RULES {
            assert!(exercised.contains(r.id), "{} not exercised", r.id);
        }
    }

    #[test]
    fn band_seams_say_gap_or_overlap() {
        let d = |t: &str| t.parse::<Decimal>().unwrap();
        let cases = [
            (
                ("部分达成", "70", "达成", "80"),
                Some("“部分达成”档上限70%与“达成”档下限80%不相接（有缺口）"),
            ),
            (
                ("部分达成", "85", "达成", "80"),
                Some("“部分达成”档上限85%与“达成”档下限80%不相接（重叠）"),
            ),
            (("未达成", "60", "部分达成", "60"), None),
        ];
        for ((lower, hi, upper, lo), want) in cases {
            assert_eq!(seam(lower, d(hi), upper, d(lo)).as_deref(), want);
        }
    }

    #[test]
    fn tags_resolve_to_built_in_profiles() {
        let cases = [
            ("sichuan", Some("sichuan")),
            ("ningxia@2024.1", Some("ningxia")),
            // A version that is not built in falls back to the id.
            ("national@1999.9", Some("national")),
            ("hubei", None),
            ("", None),
        ];
        for (tag, want) in cases {
            assert_eq!(
                resolve_tag(tag).map(|p| p.id.as_str()),
                want,
                "resolve_tag({tag:?})"
            );
        }
    }

    #[test]
    fn documents_pick_their_built_in_profile() {
        let mut doc = Document::new(crate::model::Kind::ProjectGoal);
        assert_eq!(for_document(&doc).id, "national");
        doc.profile = Some("ningxia@2023.9".into());
        assert_eq!(for_document(&doc).id, "ningxia");
        doc.profile = Some("unknown@1".into());
        assert_eq!(for_document(&doc).id, "national");
    }
}
