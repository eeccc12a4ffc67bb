//! The form documents of format v1 (`docs/format.md`), as typed Rust values.
//!
//! One [`Document`] type carries all four kinds (`project-goal`,
//! `project-self-eval`, `unit-goal`, `unit-self-eval`): they share most
//! fields, and a draft being filled in is a document too, so every section is
//! optional and every text may be blank. Whether what a kind requires is
//! present is for the rules to report, all at once, not for the reader to
//! refuse at the first gap.
//!
//! Reading ([`Document::from_json`]) fails only when the text is not JSON or
//! not a v1 document at all, or is over a limit of `crate::limits`; the
//! error carries line, column and what was expected. Numbers and targets that cannot be read are kept as typed
//! ([`Num::Invalid`], [`Target::Invalid`]) and reported by the rules.
//! Fields this version does not know are kept in `extra` and written back, so
//! a document passes through unchanged.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::finding::Finding;
use crate::json::{self, At, Obj, Read, ShapeError, SyntaxError};
use crate::num::Num;
use crate::target::{ActualValue, Target};

/// The value of the top-level `format` field this module writes and reads.
pub const FORMAT_V1: &str = "jixiao/v1";

/// The four kinds of form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Kind {
    /// 项目支出绩效目标申报表
    #[serde(rename = "project-goal")]
    ProjectGoal,
    /// 项目支出绩效自评表
    #[serde(rename = "project-self-eval")]
    ProjectSelfEval,
    /// 部门（单位）整体支出绩效目标申报表
    #[serde(rename = "unit-goal")]
    UnitGoal,
    /// 部门（单位）整体支出绩效自评表
    #[serde(rename = "unit-self-eval")]
    UnitSelfEval,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::ProjectGoal,
        Kind::ProjectSelfEval,
        Kind::UnitGoal,
        Kind::UnitSelfEval,
    ];

    /// The `kind` string of format v1.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ProjectGoal => "project-goal",
            Kind::ProjectSelfEval => "project-self-eval",
            Kind::UnitGoal => "unit-goal",
            Kind::UnitSelfEval => "unit-self-eval",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The official title of the form.
    pub fn title(self) -> &'static str {
        match self {
            Kind::ProjectGoal => "项目支出绩效目标申报表",
            Kind::ProjectSelfEval => "项目支出绩效自评表",
            Kind::UnitGoal => "部门（单位）整体支出绩效目标申报表",
            Kind::UnitSelfEval => "部门（单位）整体支出绩效自评表",
        }
    }

    pub fn is_self_eval(self) -> bool {
        matches!(self, Kind::ProjectSelfEval | Kind::UnitSelfEval)
    }

    pub fn is_unit(self) -> bool {
        matches!(self, Kind::UnitGoal | Kind::UnitSelfEval)
    }

    /// The goal kind a self-evaluation is derived from, and back.
    pub fn counterpart(self) -> Kind {
        match self {
            Kind::ProjectGoal => Kind::ProjectSelfEval,
            Kind::ProjectSelfEval => Kind::ProjectGoal,
            Kind::UnitGoal => Kind::UnitSelfEval,
            Kind::UnitSelfEval => Kind::UnitGoal,
        }
    }
}

/// The project period (项目期): `YYYY-MM` or `YYYY-MM-DD` strings as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Period {
    pub start: String,
    pub end: String,
}

/// The project header (项目名称, 主管部门, 实施单位 …).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Project {
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// 主管部门
    pub department: String,
    /// 实施单位
    pub unit: String,
    /// 项目属性 (新增 / 延续 …)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// The unit header of unit-wide forms (部门名称 …).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UnitInfo {
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub code: String,
    pub department: String,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// Money in 万元: total = fiscal + other; unit-wide forms also split the
/// total into basic (基本支出) and project (项目支出).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Funds {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Num>,
    /// 财政拨款
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fiscal: Option<Num>,
    /// 其他资金
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<Num>,
    /// 上年结转 (self-evaluation rows)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carryover: Option<Num>,
    /// 基本支出 (unit-wide forms)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basic: Option<Num>,
    /// 项目支出 (unit-wide forms)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<Num>,
    /// 中期资金总额 (multi-year projects)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub medium_term_total: Option<Num>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// The budget of a self-evaluation: 年初预算数, 全年预算数, 全年执行数.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Budget {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial: Option<Funds>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjusted: Option<Funds>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub executed: Option<Funds>,
    /// Why the budget changed between initial and adjusted (预算调整说明).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjustment_reason: Option<String>,
    /// Why less (or more) than the budget was spent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_reason: Option<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// The overall goals (总体目标): goal forms fill `annual` (and `medium_term`),
/// self-evaluations `planned` and `achieved`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Goals {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annual: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub medium_term: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achieved: Option<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A main task of a unit-wide goal form (年度主要任务).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Task {
    pub name: String,
    pub content: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funds: Option<Funds>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// One row of the three-level indicator table.
///
/// Written by hand (`Serialize` below) because a target and the text it
/// was typed as are written together: the object form of the target, with
/// `text` where the typed text differs from how the target reads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Indicator {
    /// Stable, unique within the form; findings and scores refer to it.
    pub id: String,
    /// 一级指标 (产出指标, 成本指标, 效益指标, 满意度指标 …)
    pub level1: String,
    /// 二级指标 (数量指标, 质量指标 …)
    pub level2: String,
    /// 三级指标: the unit's own indicator name.
    pub name: String,
    /// 指标值 (年度指标值)
    pub target: Target,
    /// The target as typed, where it was given as text (`≧ 95 %`,
    /// `9月底前交付使用`): the editor shows it, the checks say how it reads.
    pub target_text: Option<String>,
    /// The keys of the target's object form this version does not know,
    /// written back with it.
    pub target_extra: BTreeMap<String, Value>,
    /// 调整指标值 (unit-wide self-evaluation), where the target was adjusted.
    pub adjusted_target: Option<Target>,
    /// The adjusted target as typed, where it was given as text.
    pub adjusted_target_text: Option<String>,
    /// The keys of the adjusted target's object form this version does not
    /// know, written back with it.
    pub adjusted_target_extra: BTreeMap<String, Value>,
    /// 实际完成值 (self-evaluation)
    pub actual: Option<ActualValue>,
    /// 分值 / 权重, in points.
    pub weight: Option<Num>,
    /// 得分 as the unit typed it (the evaluator's score for a qualitative row).
    pub score: Option<Num>,
    /// 偏差原因分析及改进措施
    pub deviation: Option<String>,
    /// 指标解释 / 评(扣)分标准 / 备注, where the province's form has them.
    pub note: Option<String>,
    /// Why a target carried over from the approved goal form was changed.
    pub change_reason: Option<String>,
    pub extra: BTreeMap<String, Value>,
}

/// A written explanation that acknowledges a warning (提示性审核), carried by
/// the document so that the portal sees it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Explanation {
    pub rule: String,
    pub path: String,
    pub text: String,
}

/// What the module computed when the document was checked (`check` in v1).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CheckSection {
    pub profile: String,
    pub findings: Vec<Finding>,
}

/// A form document of format v1.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    /// Always [`FORMAT_V1`].
    pub format: String,
    pub kind: Kind,
    /// `"<id>@<version>"` of the profile the document was checked against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<Project>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitInfo>,
    /// Goal forms: the money requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funds: Option<Funds>,
    /// Self-evaluations: budgeted and executed money.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// Self-evaluations: points for budget execution (预算执行率的分值).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_weight: Option<Num>,
    /// Self-evaluations: the execution score the unit typed, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_score: Option<Num>,
    /// Self-evaluations: the total (总分) the unit typed, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_score: Option<Num>,
    pub goals: Goals,
    /// Unit-wide goal forms: 年度主要任务.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<Task>,
    pub indicators: Vec<Indicator>,
    /// Written explanations acknowledging warnings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explanations: Vec<Explanation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckSection>,
    /// The score object, as computed by the module (see `score`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Value>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl Document {
    /// An empty document of a kind, ready to be filled in.
    pub fn new(kind: Kind) -> Document {
        Document {
            format: FORMAT_V1.to_string(),
            kind,
            profile: None,
            year: None,
            project: (!kind.is_unit()).then(Project::default),
            unit: kind.is_unit().then(UnitInfo::default),
            funds: (!kind.is_self_eval()).then(Funds::default),
            budget: kind.is_self_eval().then(Budget::default),
            execution_weight: None,
            execution_score: None,
            total_score: None,
            goals: Goals::default(),
            tasks: Vec::new(),
            indicators: Vec::new(),
            explanations: Vec::new(),
            check: None,
            score: None,
            extra: BTreeMap::new(),
        }
    }

    /// Reads a v1 document from JSON text. See [`ReadError`] for what fails.
    pub fn from_json(text: &str) -> Result<Document, ReadError> {
        crate::limits::check_text(text).map_err(ReadError::Limit)?;
        // First as a generic value, so that a wrong or missing `format` or
        // `kind` gets its own clear message rather than a serde path.
        let value = json::parse(text).map_err(ReadError::from)?;
        Document::from_value(value)
    }

    /// Reads a v1 document from an already parsed JSON value.
    pub fn from_value(value: Value) -> Result<Document, ReadError> {
        let Some(obj) = value.as_object() else {
            return Err(ReadError::NotADocument(
                "文件内容不是一个 JSON 对象（应以 { 开头）。".into(),
            ));
        };
        match obj.get("format").and_then(Value::as_str) {
            Some(FORMAT_V1) => {}
            Some(f) if f.starts_with("jixiao/") => {
                return Err(ReadError::UnsupportedVersion(f.to_string()))
            }
            Some(f) => {
                return Err(ReadError::NotADocument(format!(
                    "format 字段为“{f}”，不是 jixiao 表单文件。"
                )))
            }
            None => {
                return Err(ReadError::NotADocument(
                    "缺少 format 字段，不是 jixiao 表单文件。".into(),
                ))
            }
        }
        match obj.get("kind").and_then(Value::as_str) {
            Some(k) if Kind::parse(k).is_some() => {}
            Some(k) => {
                return Err(ReadError::NotADocument(format!(
                    "未知的表单类型 kind=“{k}”。"
                )))
            }
            None => {
                return Err(ReadError::NotADocument(
                    "缺少 kind 字段（表单类型）。".into(),
                ))
            }
        }
        for (key, what) in [("indicators", "绩效指标"), ("tasks", "年度主要任务")] {
            match obj.get(key).and_then(Value::as_array) {
                Some(rows) if rows.len() > crate::limits::MAX_ROWS => {
                    return Err(ReadError::Limit(crate::limits::too_many_rows(
                        what,
                        rows.len(),
                    )))
                }
                _ => {}
            }
        }
        let mut doc = Document::read(&value, &At::ROOT).map_err(ReadError::Shape)?;
        doc.resolve_years();
        Ok(doc)
    }

    /// Writes the document as pretty JSON (the form the CLI and export use).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// The year as a number, when it was given and readable.
    pub fn year_value(&self) -> Option<i32> {
        let d = self.year.as_ref()?.value()?;
        i32::try_from(d.trunc().mantissa() / 10i128.pow(d.trunc().scale())).ok()
    }

    /// Gives dates typed without a year (`12月底前`) the document's year.
    pub fn resolve_years(&mut self) {
        if let Some(y) = self.year_value() {
            for ind in &mut self.indicators {
                ind.fill_years(y);
            }
        }
    }

    /// The name shown for the document: the project's or the unit's.
    pub fn display_name(&self) -> &str {
        match (&self.project, &self.unit) {
            (Some(p), _) if !p.name.trim().is_empty() => &p.name,
            (_, Some(u)) if !u.name.trim().is_empty() => &u.name,
            _ => "",
        }
    }
}

/// Why a text could not be read as a v1 document at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Not JSON: where, and what was expected.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not a jixiao document.
    NotADocument(String),
    /// A jixiao document of a version this module does not read.
    UnsupportedVersion(String),
    /// A field of the wrong JSON type (e.g. `indicators` not a list).
    Shape(ShapeError),
    /// Over one of the limits of `crate::limits` (its message).
    Limit(String),
}

impl ReadError {
    /// The message shown to the person, in Chinese.
    pub fn message(&self) -> String {
        match self {
            ReadError::Syntax {
                line,
                column,
                message,
            } => {
                format!("文件不是有效的 JSON：第{line}行第{column}列，{message}。")
            }
            ReadError::NotADocument(m) | ReadError::Limit(m) => m.clone(),
            ReadError::UnsupportedVersion(v) => {
                format!("文件格式版本为“{v}”，本程序只能读取 {FORMAT_V1}，请升级 jixiao 后再打开。")
            }
            ReadError::Shape(e) => format!("文件结构不符合 {FORMAT_V1}：{}。", e.message()),
        }
    }
}

impl From<SyntaxError> for ReadError {
    fn from(e: SyntaxError) -> ReadError {
        ReadError::Syntax {
            line: e.line,
            column: e.column,
            message: e.message,
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ReadError {}

// Reading. Each type reads itself from a parsed JSON value with the
// helpers of `crate::json`; the field names are those of format v1, and
// fields this version does not know are kept in `extra`.

impl Kind {
    const WORDS: [(&'static str, Kind); 4] = [
        ("project-goal", Kind::ProjectGoal),
        ("project-self-eval", Kind::ProjectSelfEval),
        ("unit-goal", Kind::UnitGoal),
        ("unit-self-eval", Kind::UnitSelfEval),
    ];

    pub fn read(v: &Value, at: &At) -> Read<Kind> {
        json::word(v, at, &Kind::WORDS)
    }
}

impl Period {
    pub fn read(v: &Value, at: &At) -> Read<Period> {
        let mut o = Obj::of(v, at)?;
        o.done(Period {
            start: o.string("start"),
            end: o.string("end"),
        })
    }
}

impl Project {
    pub fn read(v: &Value, at: &At) -> Read<Project> {
        let mut o = Obj::of(v, at)?;
        o.done(Project {
            name: o.string("name"),
            code: o.string("code"),
            department: o.string("department"),
            unit: o.string("unit"),
            attribute: o.opt_string("attribute"),
            period: o.with("period", Period::read),
            extra: o.extra(&["name", "code", "department", "unit", "attribute", "period"]),
        })
    }
}

impl UnitInfo {
    pub fn read(v: &Value, at: &At) -> Read<UnitInfo> {
        let mut o = Obj::of(v, at)?;
        o.done(UnitInfo {
            name: o.string("name"),
            code: o.string("code"),
            department: o.string("department"),
            extra: o.extra(&["name", "code", "department"]),
        })
    }
}

impl Funds {
    pub fn read(v: &Value, at: &At) -> Read<Funds> {
        let mut o = Obj::of(v, at)?;
        o.done(Funds {
            total: o.num("total"),
            fiscal: o.num("fiscal"),
            other: o.num("other"),
            carryover: o.num("carryover"),
            basic: o.num("basic"),
            project: o.num("project"),
            medium_term_total: o.num("medium_term_total"),
            extra: o.extra(&[
                "total",
                "fiscal",
                "other",
                "carryover",
                "basic",
                "project",
                "medium_term_total",
            ]),
        })
    }
}

impl Budget {
    pub fn read(v: &Value, at: &At) -> Read<Budget> {
        let mut o = Obj::of(v, at)?;
        o.done(Budget {
            initial: o.with("initial", Funds::read),
            adjusted: o.with("adjusted", Funds::read),
            executed: o.with("executed", Funds::read),
            adjustment_reason: o.opt_string("adjustment_reason"),
            execution_reason: o.opt_string("execution_reason"),
            extra: o.extra(&[
                "initial",
                "adjusted",
                "executed",
                "adjustment_reason",
                "execution_reason",
            ]),
        })
    }
}

impl Goals {
    pub fn read(v: &Value, at: &At) -> Read<Goals> {
        let mut o = Obj::of(v, at)?;
        o.done(Goals {
            annual: o.opt_string("annual"),
            medium_term: o.opt_string("medium_term"),
            planned: o.opt_string("planned"),
            achieved: o.opt_string("achieved"),
            extra: o.extra(&["annual", "medium_term", "planned", "achieved"]),
        })
    }
}

impl Task {
    pub fn read(v: &Value, at: &At) -> Read<Task> {
        let mut o = Obj::of(v, at)?;
        o.done(Task {
            name: o.string("name"),
            content: o.string("content"),
            funds: o.with("funds", Funds::read),
            extra: o.extra(&["name", "content", "funds"]),
        })
    }
}

impl Indicator {
    const FIELDS: [&'static str; 12] = [
        "id",
        "level1",
        "level2",
        "name",
        "target",
        "adjusted_target",
        "actual",
        "weight",
        "score",
        "deviation",
        "note",
        "change_reason",
    ];

    pub fn read(v: &Value, at: &At) -> Read<Indicator> {
        let mut o = Obj::of(v, at)?;
        let (target, target_text, target_extra) =
            o.with("target", Target::read_typed).unwrap_or_default();
        let (adjusted_target, adjusted_target_text, adjusted_target_extra) =
            match o.with("adjusted_target", Target::read_typed) {
                Some((t, text, extra)) => (Some(t), text, extra),
                None => (None, None, BTreeMap::new()),
            };
        o.done(Indicator {
            id: o.string("id"),
            level1: o.string("level1"),
            level2: o.string("level2"),
            name: o.string("name"),
            target,
            target_text,
            target_extra,
            adjusted_target,
            adjusted_target_text,
            adjusted_target_extra,
            actual: o.with("actual", ActualValue::read),
            weight: o.num("weight"),
            score: o.num("score"),
            deviation: o.opt_string("deviation"),
            note: o.opt_string("note"),
            change_reason: o.opt_string("change_reason"),
            extra: o.extra(&Indicator::FIELDS),
        })
    }
}

impl Serialize for Indicator {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("level1", &self.level1)?;
        m.serialize_entry("level2", &self.level2)?;
        m.serialize_entry("name", &self.name)?;
        let written = self
            .target
            .written(self.target_text.as_deref(), &self.target_extra);
        m.serialize_entry("target", &written)?;
        if let Some(t) = &self.adjusted_target {
            let written = t.written(
                self.adjusted_target_text.as_deref(),
                &self.adjusted_target_extra,
            );
            m.serialize_entry("adjusted_target", &written)?;
        }
        if let Some(a) = &self.actual {
            m.serialize_entry("actual", a)?;
        }
        let num = [("weight", &self.weight), ("score", &self.score)];
        for (key, value) in num {
            if let Some(v) = value {
                m.serialize_entry(key, v)?;
            }
        }
        let text = [
            ("deviation", &self.deviation),
            ("note", &self.note),
            ("change_reason", &self.change_reason),
        ];
        for (key, value) in text {
            if let Some(v) = value {
                m.serialize_entry(key, v)?;
            }
        }
        for (k, v) in &self.extra {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl Indicator {
    /// Gives a target and an adjusted target typed without a year
    /// (`12月底前`) the form's year: the one place this is done, whether
    /// the row was read from a file, typed, pasted or the year changed.
    pub fn fill_years(&mut self, year: i32) {
        if !self.has_open_dates() {
            return;
        }
        self.target = std::mem::take(&mut self.target).with_year(year);
        if let Some(t) = self.adjusted_target.take() {
            self.adjusted_target = Some(t.with_year(year));
        }
    }
}

impl Indicator {
    /// The target the row is measured against: the adjusted target where
    /// one is given (调整指标值), else the target; a number given without a
    /// unit takes the unit, and the comparator if any, from a trailing
    /// bracket of the indicator's name (`新建村级服务站（处）` with `12`,
    /// `公猪舍(≥**平方米)` with `22.8`), as the tables mean it.
    pub fn measured_target(&self) -> Cow<'_, Target> {
        self.in_context(self.adjusted_target.as_ref().unwrap_or(&self.target))
    }

    /// A target of this row as the row means it: a number given without a
    /// unit takes the unit, and the comparator if any, from a trailing
    /// bracket of the indicator's name (see [`Indicator::measured_target`]).
    ///
    /// Failing that, a rate (an indicator named `…率`) given as a number from
    /// 0 to 100 with no unit is a percentage (`种植作物成活率` with `≥85`).
    pub fn in_context<'a>(&self, t: &'a Target) -> Cow<'a, Target> {
        match t {
            Target::Quantity { op, value, unit } if unit.is_empty() => {
                let (name_op, name_unit) = match crate::target::unit_in_name(&self.name) {
                    Some(found) => found,
                    None if self.name.contains('率')
                        && !value.is_sign_negative()
                        && *value <= rust_decimal::Decimal::ONE_HUNDRED =>
                    {
                        (None, "%".to_string())
                    }
                    None => return Cow::Borrowed(t),
                };
                Cow::Owned(Target::Quantity {
                    op: op.or(name_op),
                    value: *value,
                    unit: name_unit,
                })
            }
            _ => Cow::Borrowed(t),
        }
    }

    /// True for a breakdown row of the row above it (`其中：桃树种植面积`)
    /// that carries no weight of its own: its target and actual are
    /// checked, but it needs no weight and is not scored by itself.
    pub fn is_breakdown(&self) -> bool {
        let name = self.name.trim().trim_start_matches(['★', '☆', '*', ' ']);
        let weighted = matches!(&self.weight, Some(Num::Valid(_)))
            || matches!(&self.weight, Some(Num::Invalid { text, .. }) if !text.trim().is_empty());
        name.starts_with("其中") && !weighted
    }

    /// True when the target or adjusted target is a date without a year.
    pub fn has_open_dates(&self) -> bool {
        let open = |t: &Target| matches!(t, Target::Date { date, .. } if date.year.is_none());
        open(&self.target) || self.adjusted_target.as_ref().is_some_and(open)
    }
}

impl Explanation {
    pub fn read(v: &Value, at: &At) -> Read<Explanation> {
        let mut o = Obj::of(v, at)?;
        o.done(Explanation {
            rule: o.req_string("rule"),
            path: o.req_string("path"),
            text: o.req_string("text"),
        })
    }
}

impl CheckSection {
    pub fn read(v: &Value, at: &At) -> Read<CheckSection> {
        let mut o = Obj::of(v, at)?;
        o.done(CheckSection {
            profile: o.string("profile"),
            findings: o.list("findings", Finding::read),
        })
    }
}

impl Document {
    const FIELDS: [&'static str; 17] = [
        "format",
        "kind",
        "profile",
        "year",
        "project",
        "unit",
        "funds",
        "budget",
        "execution_weight",
        "execution_score",
        "total_score",
        "goals",
        "tasks",
        "indicators",
        "explanations",
        "check",
        "score",
    ];

    /// Reads the fields of a document whose `format` and `kind` were checked.
    fn read(v: &Value, at: &At) -> Read<Document> {
        let mut o = Obj::of(v, at)?;
        o.done(Document {
            format: o.req_string("format"),
            kind: o.req_or("kind", Kind::read, Kind::ProjectGoal),
            profile: o.opt_string("profile"),
            year: o.num("year"),
            project: o.with("project", Project::read),
            unit: o.with("unit", UnitInfo::read),
            funds: o.with("funds", Funds::read),
            budget: o.with("budget", Budget::read),
            execution_weight: o.num("execution_weight"),
            execution_score: o.num("execution_score"),
            total_score: o.num("total_score"),
            goals: o.with("goals", Goals::read).unwrap_or_default(),
            tasks: o.list("tasks", Task::read),
            indicators: o.list("indicators", Indicator::read),
            explanations: o.list("explanations", Explanation::read),
            check: o.with("check", CheckSection::read),
            score: o.get("score").cloned(),
            extra: o.extra(&Document::FIELDS),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_err(text: &str) -> ReadError {
        Document::from_json(text).expect_err("should not read")
    }

    #[test]
    fn malformed_json_says_where() {
        match read_err("{\n  \"format\": \"jixiao/v1\",\n  \"kind\" \"project-goal\"\n}") {
            ReadError::Syntax {
                line,
                column,
                message,
            } => {
                assert_eq!((line, column), (3, 10));
                assert!(message.contains("应为冒号"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read_err("{\"format\": \"jixiao/v1\""),
            ReadError::Syntax { line: 1, .. }
        ));
        assert!(read_err("").message().contains("第1行第1列"));
        assert!(read_err("{\"a\": \"x\ny\"}")
            .message()
            .contains("第2行第1列"));
        assert!(read_err("[\n").message().contains("第2行第1列"));
        // A byte-order mark is not an error.
        let bom = "\u{feff}{\"format\": \"jixiao/v1\", \"kind\": \"project-goal\"}";
        assert_eq!(Document::from_json(bom).unwrap().kind, Kind::ProjectGoal);
    }

    #[test]
    fn wrong_documents_are_named() {
        assert!(matches!(read_err("[1, 2]"), ReadError::NotADocument(_)));
        assert!(matches!(
            read_err("{\"kind\": \"project-goal\"}"),
            ReadError::NotADocument(_)
        ));
        assert_eq!(
            read_err("{\"format\": \"jixiao/v2\", \"kind\": \"project-goal\"}"),
            ReadError::UnsupportedVersion("jixiao/v2".into())
        );
        assert!(matches!(
            read_err("{\"format\": \"jixiao/v1\", \"kind\": \"memo\"}"),
            ReadError::NotADocument(_)
        ));
        assert!(matches!(
            read_err("{\"format\": \"jixiao/v1\", \"kind\": \"project-goal\", \"indicators\": 5}"),
            ReadError::Shape(_)
        ));
    }

    #[test]
    fn wrong_shapes_name_the_field_in_chinese() {
        let head = r#"{"format": "jixiao/v1", "kind": "project-self-eval", "#;
        let cases: &[(&str, &str)] = &[
            (
                r#""year": true}"#,
                "字段 /year 应为数字文本，如 \"120.00\"，实际是布尔值 true",
            ),
            (
                r#""project": []}"#,
                "字段 /project 应为对象 {...}，实际是数组 [...]",
            ),
            (
                r#""indicators": 5}"#,
                "字段 /indicators 应为数组 [...]，实际是数字 5",
            ),
            (
                r#""indicators": [{"id": "a"}, {"id": "b", "name": 5}]}"#,
                "字段 /indicators/1/name 应为文本（带引号的字符串），实际是数字 5",
            ),
            (
                r#""indicators": [{"target": true}]}"#,
                "字段 /indicators/0/target 应为指标值文本（如“≥95%”）或对象",
            ),
            (
                r#""explanations": [{}]}"#,
                "字段 /explanations/0 缺少必填字段 rule",
            ),
            (
                r#""explanations": [{"rule": "X", "path": "/x"}]}"#,
                "字段 /explanations/0 缺少必填字段 text",
            ),
            (
                r#""indicators": [{"id": "a", "target": {"op": ">=", "value": "95"}, "weight": []}]}"#,
                "字段 /indicators/0/weight 应为数字文本",
            ),
            (
                r#""check": {"findings": [{"rule": "X", "severity": "fatal", "path": "", "message": ""}]}}"#,
                "字段 /check/findings/0/severity “fatal”不是可用的取值",
            ),
        ];
        for (tail, expect) in cases {
            let err = read_err(&format!("{head}{tail}"));
            assert!(matches!(err, ReadError::Shape(_)), "{tail}: {err:?}");
            let msg = err.message();
            assert!(msg.contains(expect), "{tail}: {msg}");
            assert!(!msg.contains("invalid type"), "{tail}: {msg}");
        }
    }

    #[test]
    fn every_json_syntax_error_is_worded_in_chinese() {
        let cases: &[(&str, &str)] = &[
            (r#"{"a": tru}"#, "无法识别的词"),
            (r#"{"a": "\ud800"}"#, "单独的代理字符"),
            (r#"{"a": "\udc00"}"#, "单独的代理字符"),
            (&"[".repeat(1000), "嵌套层数过多"),
        ];
        for (text, expect) in cases {
            let msg = read_err(text).message();
            assert!(msg.contains(expect), "{text:.20}: {msg}");
            assert!(!msg.contains("JSON 语法错误"), "{text:.20}: {msg}");
        }
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let text = r#"{"format":"jixiao/v1","kind":"project-goal","portal_ref":{"batch":7},
            "project":{"name":"x","department":"d","unit":"u","extra_col":"保留"},
            "indicators":[{"id":"a","level1":"产出指标","level2":"数量指标","name":"n","target":"≥5个","flag":true}]}"#;
        let doc = Document::from_json(text).unwrap();
        let back: Value = serde_json::from_str(&doc.to_json()).unwrap();
        assert_eq!(back["portal_ref"]["batch"], 7);
        assert_eq!(back["project"]["extra_col"], "保留");
        assert_eq!(back["indicators"][0]["flag"], true);
        assert_eq!(back["indicators"][0]["target"]["op"], ">=");
    }

    #[test]
    fn years_fill_in_deadlines() {
        let text = r#"{"format":"jixiao/v1","kind":"project-goal","year":2024,
            "indicators":[{"id":"t","target":"12月底前"}]}"#;
        let doc = Document::from_json(text).unwrap();
        assert_eq!(doc.year_value(), Some(2024));
        assert_eq!(doc.indicators[0].target.to_string(), "≤2024-12");
    }
}
