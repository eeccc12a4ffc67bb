//! The field catalogue: every field a person fills in on a form, in one
//! place — its JSON path in format v1, its Chinese label, what kind of
//! value it holds, how typed text is read into the model and how the model
//! is shown back as text.
//!
//! The editor (`crate::edit`) sets and shows fields through [`Field`], the
//! indicator grid and pasted rows (`crate::tsv`) use [`RowField`] for their
//! columns, rule messages and the page name places with [`describe_path`],
//! findings are put in the order of the form by [`path_order`], and print
//! and export take their labels from here. A field added to the model is
//! added here once, and every one of those places knows it.

use std::rc::Rc;

use crate::model::{Budget, Document, Funds, Goals, Indicator, Kind, Period, Project, UnitInfo};
use crate::num::Num;
use crate::target::{parse_target, ActualValue};
use crate::text::normalize;

/// What a field holds, and so how it is typed and laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A line of text (names, departments).
    Text,
    /// A short code or word (项目编码, 项目属性).
    Short,
    /// Several lines (goals, reasons, deviation analysis).
    LongText,
    /// Money in 万元, an exact decimal.
    Money,
    /// Points (分值, 得分), an exact decimal.
    Points,
    /// A year (`2024`).
    Year,
    /// A month (`2024-01`).
    Month,
    /// A target (指标值), parsed as typed.
    Target,
    /// An actual value (实际完成值), parsed against the target.
    Actual,
    /// A category name chosen from the profile's tree.
    Category,
    /// The rule profile tag (`sichuan@2024.1`).
    Profile,
}

impl ValueKind {
    /// True for the kinds typed as numbers (decimal keyboard, right-aligned).
    pub fn is_number(self) -> bool {
        matches!(self, ValueKind::Money | ValueKind::Points | ValueKind::Year)
    }
}

/// An amount of a funds block (资金 / 预算).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Money {
    Total,
    Fiscal,
    Other,
    Carryover,
    Basic,
    Project,
    MediumTermTotal,
}

impl Money {
    pub const ALL: [Money; 7] = [
        Money::Total,
        Money::Fiscal,
        Money::Other,
        Money::Carryover,
        Money::Basic,
        Money::Project,
        Money::MediumTermTotal,
    ];

    /// The field name in format v1.
    pub fn key(self) -> &'static str {
        match self {
            Money::Total => "total",
            Money::Fiscal => "fiscal",
            Money::Other => "other",
            Money::Carryover => "carryover",
            Money::Basic => "basic",
            Money::Project => "project",
            Money::MediumTermTotal => "medium_term_total",
        }
    }

    pub fn from_key(key: &str) -> Option<Money> {
        Money::ALL.into_iter().find(|m| m.key() == key)
    }

    /// The label on the form: a unit-wide form's total is its 预算总额.
    pub fn label(self, kind: Kind) -> &'static str {
        match self {
            Money::Total if kind.is_unit() => "预算总额",
            Money::Total => "年度资金总额",
            Money::Fiscal => "财政拨款",
            Money::Other => "其他资金",
            Money::Carryover => "上年结转",
            Money::Basic => "基本支出",
            Money::Project => "项目支出",
            Money::MediumTermTotal => "中期资金总额",
        }
    }

    /// The amounts a form of this kind shows in a funds block, in order.
    pub fn of_form(kind: Kind) -> &'static [Money] {
        match kind {
            Kind::ProjectGoal => &[
                Money::Total,
                Money::Fiscal,
                Money::Other,
                Money::MediumTermTotal,
            ],
            Kind::ProjectSelfEval => &[Money::Total, Money::Fiscal, Money::Carryover, Money::Other],
            Kind::UnitGoal | Kind::UnitSelfEval => &[
                Money::Total,
                Money::Basic,
                Money::Project,
                Money::Fiscal,
                Money::Other,
            ],
        }
    }

    /// The amounts of a unit-wide goal form's task (年度主要任务).
    pub const TASK: [Money; 3] = [Money::Total, Money::Fiscal, Money::Other];

    pub fn get(self, f: &Funds) -> Option<&Num> {
        match self {
            Money::Total => f.total.as_ref(),
            Money::Fiscal => f.fiscal.as_ref(),
            Money::Other => f.other.as_ref(),
            Money::Carryover => f.carryover.as_ref(),
            Money::Basic => f.basic.as_ref(),
            Money::Project => f.project.as_ref(),
            Money::MediumTermTotal => f.medium_term_total.as_ref(),
        }
    }

    pub fn slot(self, f: &mut Funds) -> &mut Option<Num> {
        match self {
            Money::Total => &mut f.total,
            Money::Fiscal => &mut f.fiscal,
            Money::Other => &mut f.other,
            Money::Carryover => &mut f.carryover,
            Money::Basic => &mut f.basic,
            Money::Project => &mut f.project,
            Money::MediumTermTotal => &mut f.medium_term_total,
        }
    }
}

/// A column of a self-evaluation's budget table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// 年初预算数
    Initial,
    /// 全年预算数 (调整后预算数)
    Adjusted,
    /// 全年执行数
    Executed,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Initial, Stage::Adjusted, Stage::Executed];

    pub fn key(self) -> &'static str {
        match self {
            Stage::Initial => "initial",
            Stage::Adjusted => "adjusted",
            Stage::Executed => "executed",
        }
    }

    pub fn from_key(key: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Initial => "年初预算数",
            Stage::Adjusted => "全年预算数",
            Stage::Executed => "全年执行数",
        }
    }

    pub fn get(self, b: &Budget) -> Option<&Funds> {
        match self {
            Stage::Initial => b.initial.as_ref(),
            Stage::Adjusted => b.adjusted.as_ref(),
            Stage::Executed => b.executed.as_ref(),
        }
    }

    pub fn slot(self, b: &mut Budget) -> &mut Option<Funds> {
        match self {
            Stage::Initial => &mut b.initial,
            Stage::Adjusted => &mut b.adjusted,
            Stage::Executed => &mut b.executed,
        }
    }
}

/// A heading of the form that is not one field: a section, a computed
/// column, two fields shown in one cell. The editor and the printed form
/// take these from here, like the labels of the fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heading {
    /// 项目资金（万元）; 年度预算（万元） on unit-wide forms.
    Funds,
    /// 执行率, computed on self-evaluations.
    Rate,
    /// 总体目标; 年度总体目标 on self-evaluations.
    Goals,
    /// 年度主要任务 (unit-wide goal forms).
    Tasks,
    /// 绩效指标, the indicator table.
    Indicators,
    /// 项目期: its start and end in one cell.
    Period,
    /// 等级, the grade of a self-evaluation's total.
    Grade,
}

impl Heading {
    pub fn label(self, kind: Kind) -> &'static str {
        match self {
            Heading::Funds if kind.is_unit() => "年度预算（万元）",
            Heading::Funds => "项目资金（万元）",
            Heading::Rate => "执行率",
            Heading::Goals if kind.is_self_eval() => "年度总体目标",
            Heading::Goals => "总体目标",
            Heading::Tasks => "年度主要任务",
            Heading::Indicators => "绩效指标",
            Heading::Period => "项目期",
            Heading::Grade => "等级",
        }
    }

    /// The lines a printed form ends with, to be signed, dated and stamped
    /// (盖章): a unit-wide form has no 项目负责人.
    pub fn signatures(kind: Kind) -> &'static [&'static str] {
        const ALL: [&str; 5] = [
            "项目负责人",
            "财务负责人",
            "单位负责人（签字）",
            "填报日期",
            "单位（盖章）",
        ];
        if kind.is_unit() {
            &ALL[1..]
        } else {
            &ALL
        }
    }
}

/// A column of the indicator table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowField {
    Level1,
    Level2,
    Name,
    Target,
    AdjustedTarget,
    Actual,
    Weight,
    Score,
    Deviation,
    Note,
    ChangeReason,
}

impl RowField {
    /// Every row field, in the order of format v1 (and of the form).
    pub const ALL: [RowField; 11] = [
        RowField::Level1,
        RowField::Level2,
        RowField::Name,
        RowField::Target,
        RowField::AdjustedTarget,
        RowField::Actual,
        RowField::Weight,
        RowField::Score,
        RowField::Deviation,
        RowField::Note,
        RowField::ChangeReason,
    ];

    /// The field name in format v1.
    pub fn key(self) -> &'static str {
        match self {
            RowField::Level1 => "level1",
            RowField::Level2 => "level2",
            RowField::Name => "name",
            RowField::Target => "target",
            RowField::AdjustedTarget => "adjusted_target",
            RowField::Actual => "actual",
            RowField::Weight => "weight",
            RowField::Score => "score",
            RowField::Deviation => "deviation",
            RowField::Note => "note",
            RowField::ChangeReason => "change_reason",
        }
    }

    pub fn from_key(key: &str) -> Option<RowField> {
        RowField::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The column heading. A unit-wide self-evaluation names its columns
    /// 年初指标值 / 全年完成值 / 权重, as its official form does.
    pub fn label(self, kind: Kind) -> &'static str {
        let unit_eval = kind == Kind::UnitSelfEval;
        match self {
            RowField::Level1 => "一级指标",
            RowField::Level2 => "二级指标",
            RowField::Name => "三级指标",
            RowField::Target if unit_eval => "年初指标值",
            RowField::Target if kind.is_self_eval() => "年度指标值",
            RowField::Target => "指标值",
            RowField::AdjustedTarget => "调整指标值",
            RowField::Actual if unit_eval => "全年完成值",
            RowField::Actual => "实际完成值",
            RowField::Weight if unit_eval => "权重",
            RowField::Weight => "分值",
            RowField::Score => "得分",
            RowField::Deviation => "偏差原因分析及改进措施",
            RowField::Note => "备注",
            RowField::ChangeReason => "指标值修改原因",
        }
    }

    pub fn value_kind(self) -> ValueKind {
        match self {
            RowField::Level1 | RowField::Level2 => ValueKind::Category,
            RowField::Name => ValueKind::Text,
            RowField::Target | RowField::AdjustedTarget => ValueKind::Target,
            RowField::Actual => ValueKind::Actual,
            RowField::Weight | RowField::Score => ValueKind::Points,
            RowField::Deviation | RowField::Note | RowField::ChangeReason => ValueKind::LongText,
        }
    }

    /// The headings a pasted or imported table may give this column,
    /// besides its labels (compared without spaces, a trailing note in
    /// brackets dropped: 分值(分), 指标值（%）).
    pub fn headings(self) -> &'static [&'static str] {
        match self {
            RowField::Level1 => &["一级指标"],
            RowField::Level2 => &["二级指标"],
            RowField::Name => &["三级指标", "指标名称", "具体指标"],
            RowField::Target => &[
                "指标值",
                "年度指标值",
                "年初指标值",
                "目标值",
                "年度目标值",
                "年初目标值",
                "预期指标值",
                "指标值及单位",
                "当年预期实现值",
                "预期实现值",
            ],
            RowField::AdjustedTarget => &["调整指标值", "调整后指标值"],
            RowField::Actual => &["实际完成值", "全年完成值", "全年实际值", "实际值", "完成值"],
            RowField::Weight => &["分值", "权重", "指标分值", "权重分值", "指标权重"],
            RowField::Score => &["得分", "自评得分", "指标得分"],
            RowField::Deviation => &[
                "偏差原因分析及改进措施",
                "偏差原因",
                "偏差原因分析",
                "原因分析及改进措施",
                "未完成原因分析",
                "未完成原因分析及改进措施",
                "未完成原因及拟采取的改进措施",
                "未完成原因和改进措施",
            ],
            RowField::Note => &["备注", "指标解释", "指标说明", "绩效标准", "指标值说明"],
            RowField::ChangeReason => &["指标值修改原因", "修改原因"],
        }
    }

    /// The column a heading names, if any (see [`RowField::headings`]).
    pub fn from_heading(cell: &str) -> Option<RowField> {
        let key = heading_key(cell);
        RowField::ALL
            .into_iter()
            .find(|f| f.headings().contains(&key.as_str()))
    }

    /// The grid's columns for a kind, in the official order; a paste
    /// without a heading row is read in this order.
    pub fn columns(kind: Kind) -> &'static [RowField] {
        use RowField::*;
        match kind {
            Kind::ProjectGoal | Kind::UnitGoal => &[Level1, Level2, Name, Target, Weight],
            Kind::ProjectSelfEval => &[
                Level1, Level2, Name, Target, Actual, Weight, Score, Deviation,
            ],
            Kind::UnitSelfEval => &[
                Level1,
                Level2,
                Name,
                Target,
                AdjustedTarget,
                Actual,
                Weight,
                Score,
                Deviation,
            ],
        }
    }

    /// The text the field shows: what was typed where it could not be
    /// read, the canonical form otherwise, empty where nothing was entered.
    pub fn text(self, r: &Indicator) -> String {
        let num = |n: Option<&Num>| n.map(Num::text).unwrap_or_default();
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        match self {
            RowField::Level1 => r.level1.clone(),
            RowField::Level2 => r.level2.clone(),
            RowField::Name => r.name.clone(),
            // What was typed, where it was typed (`12月底前`): the reading
            // (`≤2024-12`) is shown beside it.
            RowField::Target => match &r.target_text {
                Some(t) if !t.trim().is_empty() => t.clone(),
                _ => r.target.to_string(),
            },
            RowField::AdjustedTarget => match (&r.adjusted_target_text, &r.adjusted_target) {
                (Some(t), _) if !t.trim().is_empty() => t.clone(),
                (_, Some(t)) => t.to_string(),
                _ => String::new(),
            },
            RowField::Actual => r
                .actual
                .as_ref()
                .map(|a| a.text.clone())
                .unwrap_or_default(),
            RowField::Weight => num(r.weight.as_ref()),
            RowField::Score => num(r.score.as_ref()),
            RowField::Deviation => opt(&r.deviation),
            RowField::Note => opt(&r.note),
            RowField::ChangeReason => opt(&r.change_reason),
        }
    }

    /// Reads typed text into the field. Dates typed without a year
    /// (`12月底前`) take the form's `year` ([`Indicator::fill_years`]).
    pub fn set(self, r: &mut Indicator, text: &str, year: Option<i32>) {
        match self {
            RowField::Level1 => r.level1 = text.to_string(),
            RowField::Level2 => r.level2 = text.to_string(),
            RowField::Name => r.name = text.to_string(),
            RowField::Target => {
                r.target = parse_target(text);
                r.target_text = opt_text(text).map(str::to_string);
            }
            RowField::AdjustedTarget => {
                r.adjusted_target = opt_text(text).map(parse_target);
                r.adjusted_target_text = opt_text(text).map(str::to_string);
            }
            RowField::Actual => r.actual = opt_text(text).map(ActualValue::new),
            RowField::Weight => r.weight = opt_num(text),
            RowField::Score => r.score = opt_num(text),
            RowField::Deviation => r.deviation = opt_text(text).map(str::to_string),
            RowField::Note => r.note = opt_text(text).map(str::to_string),
            RowField::ChangeReason => r.change_reason = opt_text(text).map(str::to_string),
        }
        if matches!(self, RowField::Target | RowField::AdjustedTarget) {
            if let Some(y) = year {
                r.fill_years(y);
            }
        }
    }
}

/// A heading compared loosely: normalised, without spaces, without a
/// trailing note in brackets.
fn heading_key(cell: &str) -> String {
    let n: String = normalize(cell)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // `*指标值`: a star marks a required column in some templates.
    let n = n.trim_start_matches('*');
    n.split(['(', '[']).next().unwrap_or("").to_string()
}

fn opt_text(text: &str) -> Option<&str> {
    (!text.trim().is_empty()).then_some(text)
}

fn opt_num(text: &str) -> Option<Num> {
    opt_text(text).map(Num::parse)
}

/// A field of a form document, by what it is (parsed from, and written
/// as, its JSON Pointer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Profile,
    Year,
    ProjectName,
    ProjectCode,
    ProjectDepartment,
    ProjectUnit,
    ProjectAttribute,
    PeriodStart,
    PeriodEnd,
    UnitName,
    UnitCode,
    UnitDepartment,
    /// Goal forms: the money requested.
    Funds(Money),
    /// Self-evaluations: a cell of the budget table.
    Budget(Stage, Money),
    AdjustmentReason,
    ExecutionReason,
    ExecutionWeight,
    ExecutionScore,
    TotalScore,
    GoalAnnual,
    GoalMediumTerm,
    GoalPlanned,
    GoalAchieved,
    TaskName(usize),
    TaskContent(usize),
    TaskFunds(usize, Money),
    Row(usize, RowField),
}

impl Field {
    /// The field at a JSON Pointer, if it is one a person fills in.
    pub fn parse(path: &str) -> Option<Field> {
        let seg: Vec<&str> = path.strip_prefix('/')?.split('/').collect();
        let index = |s: &str| s.parse::<usize>().ok();
        Some(match seg[..] {
            ["profile"] => Field::Profile,
            ["year"] => Field::Year,
            ["project", "name"] => Field::ProjectName,
            ["project", "code"] => Field::ProjectCode,
            ["project", "department"] => Field::ProjectDepartment,
            ["project", "unit"] => Field::ProjectUnit,
            ["project", "attribute"] => Field::ProjectAttribute,
            ["project", "period", "start"] => Field::PeriodStart,
            ["project", "period", "end"] => Field::PeriodEnd,
            ["unit", "name"] => Field::UnitName,
            ["unit", "code"] => Field::UnitCode,
            ["unit", "department"] => Field::UnitDepartment,
            ["funds", m] => Field::Funds(Money::from_key(m)?),
            ["budget", "adjustment_reason"] => Field::AdjustmentReason,
            ["budget", "execution_reason"] => Field::ExecutionReason,
            ["budget", s, m] => Field::Budget(Stage::from_key(s)?, Money::from_key(m)?),
            ["execution_weight"] => Field::ExecutionWeight,
            ["execution_score"] => Field::ExecutionScore,
            ["total_score"] => Field::TotalScore,
            ["goals", "annual"] => Field::GoalAnnual,
            ["goals", "medium_term"] => Field::GoalMediumTerm,
            ["goals", "planned"] => Field::GoalPlanned,
            ["goals", "achieved"] => Field::GoalAchieved,
            ["tasks", i, "name"] => Field::TaskName(index(i)?),
            ["tasks", i, "content"] => Field::TaskContent(index(i)?),
            ["tasks", i, "funds", m] => Field::TaskFunds(index(i)?, Money::from_key(m)?),
            ["indicators", i, f] => Field::Row(index(i)?, RowField::from_key(f)?),
            _ => return None,
        })
    }

    /// The JSON Pointer of the field.
    pub fn path(self) -> String {
        match self {
            Field::Funds(m) => format!("/funds/{}", m.key()),
            Field::Budget(s, m) => format!("/budget/{}/{}", s.key(), m.key()),
            Field::TaskName(i) => format!("/tasks/{i}/name"),
            Field::TaskContent(i) => format!("/tasks/{i}/content"),
            Field::TaskFunds(i, m) => format!("/tasks/{i}/funds/{}", m.key()),
            Field::Row(i, f) => format!("/indicators/{i}/{}", f.key()),
            other => other.fixed_path().to_string(),
        }
    }

    /// The path of a field that has one place in every document.
    fn fixed_path(self) -> &'static str {
        match self {
            Field::Profile => "/profile",
            Field::Year => "/year",
            Field::ProjectName => "/project/name",
            Field::ProjectCode => "/project/code",
            Field::ProjectDepartment => "/project/department",
            Field::ProjectUnit => "/project/unit",
            Field::ProjectAttribute => "/project/attribute",
            Field::PeriodStart => "/project/period/start",
            Field::PeriodEnd => "/project/period/end",
            Field::UnitName => "/unit/name",
            Field::UnitCode => "/unit/code",
            Field::UnitDepartment => "/unit/department",
            Field::AdjustmentReason => "/budget/adjustment_reason",
            Field::ExecutionReason => "/budget/execution_reason",
            Field::ExecutionWeight => "/execution_weight",
            Field::ExecutionScore => "/execution_score",
            Field::TotalScore => "/total_score",
            Field::GoalAnnual => "/goals/annual",
            Field::GoalMediumTerm => "/goals/medium_term",
            Field::GoalPlanned => "/goals/planned",
            Field::GoalAchieved => "/goals/achieved",
            Field::Funds(_)
            | Field::Budget(..)
            | Field::TaskName(_)
            | Field::TaskContent(_)
            | Field::TaskFunds(..)
            | Field::Row(..) => "",
        }
    }

    /// The field's own label on a form of this kind (`项目名称`,
    /// `财政拨款`, `指标值`).
    pub fn label(self, kind: Kind) -> &'static str {
        match self {
            Field::Profile => "检查规则",
            Field::Year => "年度",
            Field::ProjectName => "项目名称",
            Field::ProjectCode => "项目编码",
            Field::ProjectDepartment if kind == Kind::ProjectGoal => "主管部门及代码",
            Field::ProjectDepartment => "主管部门",
            Field::ProjectUnit => "实施单位",
            Field::ProjectAttribute => "项目属性",
            Field::PeriodStart => "项目期（开始）",
            Field::PeriodEnd => "项目期（结束）",
            Field::UnitName => "部门（单位）名称",
            Field::UnitCode => "单位编码",
            Field::UnitDepartment => "主管部门",
            Field::Funds(m) | Field::Budget(_, m) | Field::TaskFunds(_, m) => m.label(kind),
            Field::AdjustmentReason => "预算调整说明",
            Field::ExecutionReason => "预算执行偏差说明",
            Field::ExecutionWeight => "预算执行率分值",
            Field::ExecutionScore => "预算执行率得分",
            Field::TotalScore => "总分",
            Field::GoalAnnual => "年度目标",
            Field::GoalMediumTerm => "中期目标",
            Field::GoalPlanned => "预期目标",
            Field::GoalAchieved => "实际完成情况",
            Field::TaskName(_) => "任务名称",
            Field::TaskContent(_) => "主要内容",
            Field::Row(_, f) => f.label(kind),
        }
    }

    /// Where the field is, in words, for messages and the error summary:
    /// `第5行 指标值`, `财政拨款 全年执行数`, `第2项任务 预算总额`.
    pub fn describe(self, kind: Kind) -> String {
        match self {
            Field::Row(i, f) => format!("第{}行 {}", row_number(i), f.label(kind)),
            // As the budget table reads: the row (the money), then the column.
            Field::Budget(s, m) => format!("{} {}", m.label(kind), s.label()),
            Field::TaskName(i) | Field::TaskContent(i) | Field::TaskFunds(i, _) => {
                format!("第{}项任务 {}", row_number(i), self.label(kind))
            }
            other => other.label(kind).to_string(),
        }
    }

    pub fn value_kind(self) -> ValueKind {
        match self {
            Field::Profile => ValueKind::Profile,
            Field::Year => ValueKind::Year,
            Field::ProjectCode | Field::ProjectAttribute | Field::UnitCode => ValueKind::Short,
            Field::PeriodStart | Field::PeriodEnd => ValueKind::Month,
            Field::Funds(_) | Field::Budget(..) | Field::TaskFunds(..) => ValueKind::Money,
            Field::ExecutionWeight | Field::ExecutionScore | Field::TotalScore => ValueKind::Points,
            Field::AdjustmentReason
            | Field::ExecutionReason
            | Field::GoalAnnual
            | Field::GoalMediumTerm
            | Field::GoalPlanned
            | Field::GoalAchieved
            | Field::TaskContent(_) => ValueKind::LongText,
            Field::Row(_, f) => f.value_kind(),
            _ => ValueKind::Text,
        }
    }

    /// The text the field shows (see [`RowField::text`]); `rows` are the
    /// indicator rows where the editor keeps them apart from the header.
    pub fn text(self, head: &Document, rows: &[Rc<Indicator>]) -> String {
        let num = |n: Option<&Num>| n.map(Num::text).unwrap_or_default();
        let opt = |s: Option<&String>| s.cloned().unwrap_or_default();
        let project = head.project.as_ref();
        let period = project.and_then(|p| p.period.as_ref());
        let unit = head.unit.as_ref();
        let budget = head.budget.as_ref();
        let goals = &head.goals;
        let task = |i: usize| head.tasks.get(i);
        match self {
            Field::Profile => opt(head.profile.as_ref()),
            Field::Year => num(head.year.as_ref()),
            Field::ProjectName => opt(project.map(|p| &p.name)),
            Field::ProjectCode => opt(project.map(|p| &p.code)),
            Field::ProjectDepartment => opt(project.map(|p| &p.department)),
            Field::ProjectUnit => opt(project.map(|p| &p.unit)),
            Field::ProjectAttribute => opt(project.and_then(|p| p.attribute.as_ref())),
            Field::PeriodStart => opt(period.map(|p| &p.start)),
            Field::PeriodEnd => opt(period.map(|p| &p.end)),
            Field::UnitName => opt(unit.map(|u| &u.name)),
            Field::UnitCode => opt(unit.map(|u| &u.code)),
            Field::UnitDepartment => opt(unit.map(|u| &u.department)),
            Field::Funds(m) => num(head.funds.as_ref().and_then(|f| m.get(f))),
            Field::Budget(s, m) => num(budget.and_then(|b| s.get(b)).and_then(|f| m.get(f))),
            Field::AdjustmentReason => opt(budget.and_then(|b| b.adjustment_reason.as_ref())),
            Field::ExecutionReason => opt(budget.and_then(|b| b.execution_reason.as_ref())),
            Field::ExecutionWeight => num(head.execution_weight.as_ref()),
            Field::ExecutionScore => num(head.execution_score.as_ref()),
            Field::TotalScore => num(head.total_score.as_ref()),
            Field::GoalAnnual => opt(goals.annual.as_ref()),
            Field::GoalMediumTerm => opt(goals.medium_term.as_ref()),
            Field::GoalPlanned => opt(goals.planned.as_ref()),
            Field::GoalAchieved => opt(goals.achieved.as_ref()),
            Field::TaskName(i) => opt(task(i).map(|t| &t.name)),
            Field::TaskContent(i) => opt(task(i).map(|t| &t.content)),
            Field::TaskFunds(i, m) => num(task(i)
                .and_then(|t| t.funds.as_ref())
                .and_then(|f| m.get(f))),
            Field::Row(i, f) => rows.get(i).map(|r| f.text(r)).unwrap_or_default(),
        }
    }

    /// Reads typed text into a header field of `head` (the document
    /// without its rows: rows are set with [`RowField::set`]). False where
    /// the field is not in the header (a row, a task that does not exist):
    /// nothing changes then.
    pub fn set_header(self, head: &mut Document, text: &str) -> bool {
        let words = || text.to_string();
        fn project(h: &mut Document) -> &mut Project {
            h.project.get_or_insert_with(Project::default)
        }
        fn unit(h: &mut Document) -> &mut UnitInfo {
            h.unit.get_or_insert_with(UnitInfo::default)
        }
        fn budget(h: &mut Document) -> &mut Budget {
            h.budget.get_or_insert_with(Budget::default)
        }
        fn goals(h: &mut Document) -> &mut Goals {
            &mut h.goals
        }
        match self {
            Field::Profile => head.profile = opt_text(text).map(str::to_string),
            Field::Year => head.year = opt_num(text),
            Field::ProjectName => project(head).name = words(),
            Field::ProjectCode => project(head).code = words(),
            Field::ProjectDepartment => project(head).department = words(),
            Field::ProjectUnit => project(head).unit = words(),
            Field::ProjectAttribute => project(head).attribute = opt_text(text).map(str::to_string),
            Field::PeriodStart | Field::PeriodEnd => {
                let p = project(head);
                let period = p.period.get_or_insert_with(Period::default);
                let end = if self == Field::PeriodStart {
                    &mut period.start
                } else {
                    &mut period.end
                };
                *end = text.trim().to_string();
                if period.start.is_empty() && period.end.is_empty() {
                    p.period = None;
                }
            }
            Field::UnitName => unit(head).name = words(),
            Field::UnitCode => unit(head).code = words(),
            Field::UnitDepartment => unit(head).department = words(),
            Field::Funds(m) => {
                *m.slot(head.funds.get_or_insert_with(Funds::default)) = opt_num(text)
            }
            Field::Budget(s, m) => {
                let f = s.slot(budget(head)).get_or_insert_with(Funds::default);
                *m.slot(f) = opt_num(text);
            }
            Field::AdjustmentReason => {
                budget(head).adjustment_reason = opt_text(text).map(str::to_string)
            }
            Field::ExecutionReason => {
                budget(head).execution_reason = opt_text(text).map(str::to_string)
            }
            Field::ExecutionWeight => head.execution_weight = opt_num(text),
            Field::ExecutionScore => head.execution_score = opt_num(text),
            Field::TotalScore => head.total_score = opt_num(text),
            Field::GoalAnnual => goals(head).annual = opt_text(text).map(str::to_string),
            Field::GoalMediumTerm => goals(head).medium_term = opt_text(text).map(str::to_string),
            Field::GoalPlanned => goals(head).planned = opt_text(text).map(str::to_string),
            Field::GoalAchieved => goals(head).achieved = opt_text(text).map(str::to_string),
            Field::TaskName(i) | Field::TaskContent(i) | Field::TaskFunds(i, _) => {
                let Some(t) = head.tasks.get_mut(i) else {
                    return false;
                };
                match self {
                    Field::TaskName(_) => t.name = words(),
                    Field::TaskContent(_) => t.content = words(),
                    Field::TaskFunds(_, m) => {
                        *m.slot(t.funds.get_or_insert_with(Funds::default)) = opt_num(text)
                    }
                    _ => {}
                }
            }
            Field::Row(..) => return false,
        }
        true
    }
}

/// A row or task number as people count (from 1), saturating.
fn row_number(i: usize) -> usize {
    i.saturating_add(1)
}

/// Where a path is, in words, for the error summary and messages:
/// `/indicators/4/target` → `第5行 指标值`. Paths of whole sections name
/// the section; `""` is the whole form.
pub fn describe_path(path: &str, kind: Kind) -> String {
    if let Some(f) = Field::parse(path) {
        return f.describe(kind);
    }
    let seg: Vec<&str> = path.split('/').skip(1).collect();
    match seg[..] {
        [] => "整张表".to_string(),
        ["indicators"] => "绩效指标".to_string(),
        ["indicators", i, ..] => match i.parse::<usize>() {
            Ok(i) => format!("第{}行", row_number(i)),
            Err(_) => "绩效指标".to_string(),
        },
        ["tasks"] => "年度主要任务".to_string(),
        ["tasks", i, ..] => match i.parse::<usize>() {
            Ok(i) => format!("第{}项任务", row_number(i)),
            Err(_) => "年度主要任务".to_string(),
        },
        ["project", ..] => "项目信息".to_string(),
        ["unit", ..] => "单位信息".to_string(),
        ["funds", ..] => if kind.is_unit() {
            "年度预算"
        } else {
            "项目资金"
        }
        .to_string(),
        ["budget", s, ..] => match Stage::from_key(s) {
            Some(s) => s.label().to_string(),
            None => "预算执行".to_string(),
        },
        ["budget"] => "预算执行".to_string(),
        ["goals", ..] => "总体目标".to_string(),
        ["kind"] => "表单类型".to_string(),
        ["explanations", ..] => "情况说明".to_string(),
        _ => path.to_string(),
    }
}

/// The top-level sections and fields in the order of the form (and of
/// format v1), then the fields within them: what [`path_order`] sorts by.
const ORDER: &[&str] = &[
    "format",
    "kind",
    "profile",
    "year",
    "project",
    "name",
    "code",
    "department",
    // Both the project's 实施单位 and the unit-wide forms' header: a form
    // has only one of `project` and `unit`, so one place serves both.
    "unit",
    "attribute",
    "period",
    "start",
    "end",
    "funds",
    "budget",
    "initial",
    "adjusted",
    "executed",
    "adjustment_reason",
    "execution_reason",
    "execution_weight",
    "execution_score",
    "goals",
    "annual",
    "medium_term",
    "planned",
    "achieved",
    "tasks",
    "content",
    "indicators",
    "id",
    "explanations",
    "total_score",
];

/// Where a name sorts among the fields: the catalogue's own order for row
/// fields and amounts, [`ORDER`] for the rest, unknown names last.
fn name_rank(name: &str) -> usize {
    if let Some(i) = ORDER.iter().position(|n| *n == name) {
        return i;
    }
    let base = ORDER.len();
    if let Some(f) = RowField::from_key(name) {
        return base + RowField::ALL.iter().position(|x| *x == f).unwrap_or(0);
    }
    if let Some(m) = Money::from_key(name) {
        return base + RowField::ALL.len() + Money::ALL.iter().position(|x| *x == m).unwrap_or(0);
    }
    base + RowField::ALL.len() + Money::ALL.len()
}

/// The sort key of a JSON Pointer in the order a person reads the form:
/// array indices numerically, names by the catalogue, a parent before its
/// children.
pub fn path_order(path: &str) -> Vec<(usize, String)> {
    path.split('/')
        .skip(1)
        .map(|seg| match seg.parse::<usize>() {
            Ok(n) => (n, String::new()),
            Err(_) => (name_rank(seg), seg.to_string()),
        })
        .collect()
}

/// Sorts findings into the order of the form; a stable sort keeps the
/// order of findings about the same field.
pub fn sort_findings(findings: &mut [crate::finding::Finding]) {
    findings.sort_by_cached_key(|f| path_order(&f.path));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field path a form of each kind shows, as the header and grid
    /// lay them out: each parses back to its field, has a label, and is
    /// described in Chinese.
    #[test]
    fn every_field_parses_back_and_has_a_label() {
        let mut fields = vec![
            Field::Profile,
            Field::Year,
            Field::ProjectName,
            Field::ProjectCode,
            Field::ProjectDepartment,
            Field::ProjectUnit,
            Field::ProjectAttribute,
            Field::PeriodStart,
            Field::PeriodEnd,
            Field::UnitName,
            Field::UnitCode,
            Field::UnitDepartment,
            Field::AdjustmentReason,
            Field::ExecutionReason,
            Field::ExecutionWeight,
            Field::ExecutionScore,
            Field::TotalScore,
            Field::GoalAnnual,
            Field::GoalMediumTerm,
            Field::GoalPlanned,
            Field::GoalAchieved,
            Field::TaskName(1),
            Field::TaskContent(0),
        ];
        for m in Money::ALL {
            fields.push(Field::Funds(m));
            fields.push(Field::TaskFunds(2, m));
            for s in Stage::ALL {
                fields.push(Field::Budget(s, m));
            }
        }
        for f in RowField::ALL {
            fields.push(Field::Row(3, f));
        }
        for f in fields {
            assert_eq!(Field::parse(&f.path()), Some(f), "{}", f.path());
            for kind in Kind::ALL {
                assert!(!f.label(kind).is_empty(), "{f:?}");
                let d = f.describe(kind);
                assert!(d.chars().any(|c| c > '\u{2e80}'), "{f:?}: {d}");
            }
        }
    }

    /// The places the issue found described wrongly or not at all.
    #[test]
    fn paths_are_described_in_words() {
        let cases: &[(&str, Kind, &str)] = &[
            ("/indicators/4/target", Kind::ProjectGoal, "第5行 指标值"),
            (
                "/indicators/0/target",
                Kind::UnitSelfEval,
                "第1行 年初指标值",
            ),
            ("/indicators/2/note", Kind::ProjectGoal, "第3行 备注"),
            (
                "/indicators/2/change_reason",
                Kind::ProjectSelfEval,
                "第3行 指标值修改原因",
            ),
            ("/indicators/7", Kind::ProjectGoal, "第8行"),
            ("/funds/project", Kind::UnitGoal, "项目支出"),
            ("/funds/total", Kind::UnitGoal, "预算总额"),
            ("/funds/total", Kind::ProjectGoal, "年度资金总额"),
            (
                "/budget/executed/fiscal",
                Kind::ProjectSelfEval,
                "财政拨款 全年执行数",
            ),
            ("/tasks/1/funds/total", Kind::UnitGoal, "第2项任务 预算总额"),
            ("/unit/name", Kind::UnitGoal, "部门（单位）名称"),
            ("/project/period/end", Kind::ProjectGoal, "项目期（结束）"),
            ("/execution_score", Kind::ProjectSelfEval, "预算执行率得分"),
            ("/indicators", Kind::ProjectGoal, "绩效指标"),
            ("", Kind::ProjectGoal, "整张表"),
            // A row number too large to add one to still reads as a number.
            (
                "/indicators/18446744073709551615/target",
                Kind::ProjectGoal,
                "第18446744073709551615行 指标值",
            ),
        ];
        for (path, kind, want) in cases {
            assert_eq!(describe_path(path, *kind), *want, "{path}");
        }
    }

    #[test]
    fn headings_find_their_columns() {
        let cases: &[(&str, Option<RowField>)] = &[
            ("三级指标", Some(RowField::Name)),
            (" 年度指标值 ", Some(RowField::Target)),
            ("分值（分）", Some(RowField::Weight)),
            ("调整后指标值", Some(RowField::AdjustedTarget)),
            ("全年完成值", Some(RowField::Actual)),
            ("指标解释", Some(RowField::Note)),
            ("序号", None),
        ];
        for (cell, want) in cases {
            assert_eq!(RowField::from_heading(cell), *want, "{cell}");
        }
        // Every label a form shows reads back as its own column.
        for kind in Kind::ALL {
            for f in RowField::columns(kind) {
                assert_eq!(
                    RowField::from_heading(f.label(kind)),
                    Some(*f),
                    "{kind:?} {f:?}"
                );
            }
        }
    }

    #[test]
    fn fields_round_trip_through_their_text() {
        let mut head = Document::new(Kind::UnitGoal);
        head.tasks.push(Default::default());
        let cases: &[(&str, &str)] = &[
            ("/year", "2024"),
            ("/unit/name", "某县教育局"),
            ("/funds/project", "1200.50"),
            ("/tasks/0/funds/fiscal", "30"),
            ("/tasks/0/content", "改造校舍"),
            ("/goals/annual", "完成12所学校改造"),
            ("/profile", "sichuan@2024.1"),
        ];
        for (path, text) in cases {
            let f = Field::parse(path).unwrap();
            assert!(f.set_header(&mut head, text), "{path}");
            assert_eq!(f.text(&head, &[]), *text, "{path}");
        }
        assert!(!Field::TaskName(5).set_header(&mut head, "x"));
        assert!(!Field::Row(0, RowField::Name).set_header(&mut head, "x"));
    }

    #[test]
    fn a_year_fills_both_targets() {
        let mut r = Indicator::default();
        RowField::Target.set(&mut r, "12月底前", Some(2024));
        RowField::AdjustedTarget.set(&mut r, "11月底前", Some(2024));
        assert_eq!(r.target.to_string(), "≤2024-12");
        assert_eq!(r.adjusted_target.as_ref().unwrap().to_string(), "≤2024-11");
        // The field shows what was typed; the reading is shown beside it.
        assert_eq!(RowField::Target.text(&r), "12月底前");
        assert_eq!(RowField::AdjustedTarget.text(&r), "11月底前");
    }

    #[test]
    fn findings_sort_in_the_order_of_the_form() {
        let mut paths = vec![
            "/total_score",
            "/indicators/10/target",
            "/indicators/2/weight",
            "/indicators/2/id",
            "/indicators/2/deviation",
            "/goals/annual",
            "/budget/executed/total",
            "/funds/total",
            "/project/name",
            "/indicators",
            "/year",
        ];
        paths.sort_by_key(|p| path_order(p));
        assert_eq!(
            paths,
            [
                "/year",
                "/project/name",
                "/funds/total",
                "/budget/executed/total",
                "/goals/annual",
                "/indicators",
                "/indicators/2/id",
                "/indicators/2/weight",
                "/indicators/2/deviation",
                "/indicators/10/target",
                "/total_score",
            ]
        );
    }
}
