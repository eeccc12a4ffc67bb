//! The labels of a form's cells outside the indicator table: what a cell
//! such as `其中：财政拨款`, `项目资金（万元）` or `填报日期：` names.
//!
//! Each label is the field catalogue's own (`Field::label`, `Money::label`,
//! `Stage::label`, `RowField::label` for every kind of form) or one of the
//! other wordings of the provinces' templates listed here. A cell is
//! compared loosely ([`key`]): normalised, without spaces, without a
//! leading `其中：` or `*`, without a trailing colon, and without notes in
//! brackets, whose money unit (`（万元）`, `(元)`) is kept apart.

use crate::fields::{Field, Money, RowField, Stage};
use crate::model::Kind;
use crate::text::normalize;

/// The money unit a label or a cell states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoneyUnit {
    Wan,
    Yuan,
}

/// What a label names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// A header field with a value of its own (项目名称, 年度目标 …).
    Field(Field),
    /// 项目期, read as a start and an end.
    Period,
    /// An amount: where it goes depends on the table it is in.
    Money(Money),
    /// A column of a self-evaluation's budget table.
    Stage(Stage),
    /// 执行率: computed from the budget, not kept.
    Rate,
    /// 分值 / 权重 in the budget table: the execution weight.
    Weight,
    /// 得分 in the budget table: the execution score.
    Score,
    /// 总分 / 合计.
    Total,
    /// 自评等级: computed from the total, not kept.
    Grade,
    /// A heading with no value of its own (绩效指标, 总体目标 …).
    Section,
    /// A signature line (项目负责人, 填报日期 …): the document has no
    /// place for what is written there.
    Signature,
    /// 年度主要任务's columns.
    TaskName,
    TaskContent,
    /// `单位：万元`: the money unit of the sheet.
    Unit,
}

/// A cell's text compared loosely, and the money unit its brackets state.
pub fn key(text: &str) -> (String, Option<MoneyUnit>) {
    let mut t: String = normalize(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for prefix in ["其中:", "其中", "*", "★"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.to_string();
        }
    }
    let mut unit = None;
    // Notes in brackets, anywhere but at the start: (万元), (A), (20分).
    while let Some(open) = t.rfind(['(', '[', '【']) {
        if open == 0 {
            break;
        }
        let inner = &t[open..];
        if inner.contains("万元") {
            unit = unit.or(Some(MoneyUnit::Wan));
        } else if inner.contains('元') {
            unit = unit.or(Some(MoneyUnit::Yuan));
        }
        // 部门(单位)名称 keeps its brackets out, and what follows them.
        let close = inner.find([')', ']', '】']).map(|i| open + i + 1);
        match close {
            Some(end) => t.replace_range(open..end, ""),
            None => t.truncate(open),
        }
    }
    while t.ends_with([':', '：']) {
        t.pop();
    }
    (t, unit)
}

/// Other wordings of header fields in the provinces' templates.
const FIELD_WORDS: &[(&str, Field)] = &[
    ("项目代码", Field::ProjectCode),
    ("主管单位", Field::ProjectDepartment),
    ("主管部门及代码", Field::ProjectDepartment),
    ("项目实施单位", Field::ProjectUnit),
    ("项目单位", Field::ProjectUnit),
    ("部门名称", Field::UnitName),
    ("单位名称", Field::UnitName),
    ("部门单位名称", Field::UnitName),
    ("单位代码", Field::UnitCode),
    ("部门编码", Field::UnitCode),
    ("预算年度", Field::Year),
    ("年度绩效目标", Field::GoalAnnual),
    ("年度总体目标", Field::GoalAnnual),
    ("总体目标", Field::GoalAnnual),
    ("实施期目标", Field::GoalMediumTerm),
    ("中期绩效目标", Field::GoalMediumTerm),
    ("年初目标", Field::GoalPlanned),
    ("年初设定目标", Field::GoalPlanned),
    ("全年实际完成情况", Field::GoalAchieved),
    ("实际完成目标", Field::GoalAchieved),
    ("自评总分", Field::TotalScore),
    ("偏差原因", Field::ExecutionReason),
];

const MONEY_WORDS: &[(&str, Money)] = &[
    ("资金总额", Money::Total),
    ("项目资金总额", Money::Total),
    ("总额", Money::Total),
    ("合计", Money::Total),
    ("当年财政拨款", Money::Fiscal),
    ("财政资金", Money::Fiscal),
    ("上年结转资金", Money::Carryover),
];

const STAGE_WORDS: &[(&str, Stage)] = &[
    ("年初预算", Stage::Initial),
    ("全年预算", Stage::Adjusted),
    ("调整后预算数", Stage::Adjusted),
    ("预算数", Stage::Adjusted),
    ("执行数", Stage::Executed),
    ("实际执行数", Stage::Executed),
];

const SECTION_WORDS: &[&str] = &[
    "绩效指标",
    "年度绩效指标",
    "绩效目标",
    "项目资金",
    "年度资金",
    "资金情况",
    "预算执行情况",
    "预算执行",
    "年度预算",
    "年度预算申请",
    "预算申请",
    "年度主要任务",
    "项目基本情况",
];

const SIGNATURE_WORDS: &[&str] = &[
    "项目负责人",
    "财务负责人",
    "单位负责人",
    "部门负责人",
    "填报人",
    "填表人",
    "联系人",
    "联系电话",
    "填报日期",
    "填表日期",
    "填报单位",
    "审核人",
    "项目负责人及电话",
];

/// Header fields, by the catalogue's labels for every kind of form.
const HEADER_FIELDS: &[Field] = &[
    Field::Year,
    Field::ProjectName,
    Field::ProjectCode,
    Field::ProjectDepartment,
    Field::ProjectUnit,
    Field::ProjectAttribute,
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
];

/// What a cell's text names on a form of this kind, if it is a label.
/// Labels shared by the project and the unit-wide forms (主管部门,
/// 单位名称) are resolved by the kind.
pub fn label(text: &str, kind: Kind) -> Option<Label> {
    let (k, _) = key(text);
    if k.is_empty() || k.chars().count() > 16 {
        return None;
    }
    let k = k.as_str();
    // The kind decides between the project's and the unit's header.
    let field = |f: Field| -> Label {
        let f = match (f, kind.is_unit()) {
            (Field::ProjectDepartment, true) => Field::UnitDepartment,
            (Field::UnitDepartment, false) => Field::ProjectDepartment,
            (Field::UnitName, false) => Field::ProjectUnit,
            (Field::GoalAnnual, _) if kind.is_self_eval() => Field::GoalPlanned,
            (f, _) => f,
        };
        Label::Field(f)
    };
    if k == "项目期" || k == "项目周期" || k == "实施期限" || k == "项目起止时间" {
        return Some(Label::Period);
    }
    if ["总分", "合计得分", "总计"].contains(&k) {
        return Some(Label::Total);
    }
    if k == "自评等级" || k == "等级" {
        return Some(Label::Grade);
    }
    if k == "单位" || k == "金额单位" || k == "资金单位" {
        return Some(Label::Unit);
    }
    // 年度总体目标 heads the 预期目标 | 实际完成情况 block on a self-evaluation.
    if kind.is_self_eval() && (k == "年度总体目标" || k == "总体目标") {
        return Some(Label::Section);
    }
    for f in HEADER_FIELDS {
        if Kind::ALL.iter().any(|kd| f.label(*kd) == k) {
            return Some(field(*f));
        }
    }
    if let Some((_, f)) = FIELD_WORDS.iter().find(|(w, _)| *w == k) {
        return Some(field(*f));
    }
    if k == "任务名称" || k == Field::TaskName(0).label(kind) {
        return Some(Label::TaskName);
    }
    if k == "主要内容" || k == "任务内容" {
        return Some(Label::TaskContent);
    }
    for m in Money::ALL {
        if Kind::ALL.iter().any(|kd| m.label(*kd) == k) {
            return Some(Label::Money(m));
        }
    }
    if let Some((_, m)) = MONEY_WORDS.iter().find(|(w, _)| *w == k) {
        return Some(Label::Money(*m));
    }
    for s in Stage::ALL {
        if s.label() == k {
            return Some(Label::Stage(s));
        }
    }
    if let Some((_, s)) = STAGE_WORDS.iter().find(|(w, _)| *w == k) {
        return Some(Label::Stage(*s));
    }
    if k == "执行率" || k == "预算执行率" {
        return Some(Label::Rate);
    }
    if Kind::ALL.iter().any(|kd| RowField::Weight.label(*kd) == k) {
        return Some(Label::Weight);
    }
    if k == RowField::Score.label(kind) {
        return Some(Label::Score);
    }
    if SECTION_WORDS.contains(&k) {
        return Some(Label::Section);
    }
    if SIGNATURE_WORDS.contains(&k) {
        return Some(Label::Signature);
    }
    None
}

/// A label and its value written in one cell (`项目名称：乡村道路养护`,
/// `单位：万元`): the label and the value's text.
pub fn inline(text: &str, kind: Kind) -> Option<(Label, String)> {
    let t = text.trim();
    let (head, value) = t.split_once(['：', ':'])?;
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    label(head, kind).map(|l| (l, value.to_string()))
}

/// The kind of form a title names (`2024年度项目支出绩效自评表`), and the
/// year it carries, if any.
pub fn title(text: &str) -> Option<(Kind, Option<i32>)> {
    let (k, _) = key(text);
    // 绩效目标自评表 is a self-evaluation: 自评 is looked for first.
    let unit = k.contains("整体");
    let kind = if k.contains("自评表") && k.contains("绩效") {
        if unit {
            Kind::UnitSelfEval
        } else {
            Kind::ProjectSelfEval
        }
    } else if k.contains("绩效目标申报表") || k.contains("绩效目标表") {
        if unit {
            Kind::UnitGoal
        } else {
            Kind::ProjectGoal
        }
    } else {
        return None;
    };
    Some((kind, year_in(text)))
}

/// A year written in a text: four digits followed by 年 (`（2024年度）`).
pub fn year_in(text: &str) -> Option<i32> {
    let t = normalize(text);
    let chars: Vec<char> = t.chars().collect();
    for i in 0..chars.len().saturating_sub(4) {
        let digits = &chars[i..i + 4];
        if digits.iter().all(char::is_ascii_digit)
            && chars.get(i + 4) == Some(&'年')
            && (i == 0 || !chars[i - 1].is_ascii_digit())
        {
            let y: String = digits.iter().collect();
            return y.parse().ok().filter(|y| (1990..=2100).contains(y));
        }
    }
    None
}

/// The money unit a text states anywhere (`金额单位：元`, `（万元）`).
pub fn unit_in(text: &str) -> Option<MoneyUnit> {
    let t = normalize(text);
    if t.contains("万元") {
        Some(MoneyUnit::Wan)
    } else if t.contains("单位:元") || t.contains("(元)") || t.trim() == "元" {
        Some(MoneyUnit::Yuan)
    } else {
        None
    }
}

/// A cell that only marks "nothing here": `—`, `/`, `-`, `无`.
pub fn is_placeholder(text: &str) -> bool {
    let t = normalize(text);
    let t = t.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '-' | '/' | '\\' | '一' | '―'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_compared_loosely() {
        let k = Kind::ProjectSelfEval;
        assert_eq!(label("项目名称", k), Some(Label::Field(Field::ProjectName)));
        assert_eq!(
            label(" 项目名称： ", k),
            Some(Label::Field(Field::ProjectName))
        );
        assert_eq!(
            label("其中：财政拨款", k),
            Some(Label::Money(Money::Fiscal))
        );
        assert_eq!(
            label("其中:当年财政拨款", k),
            Some(Label::Money(Money::Fiscal))
        );
        assert_eq!(
            label("年初预算数（万元）", k),
            Some(Label::Stage(Stage::Initial))
        );
        assert_eq!(
            label("全年执行数(B)", k),
            Some(Label::Stage(Stage::Executed))
        );
        assert_eq!(label("执行率(B/A)", k), Some(Label::Rate));
        assert_eq!(
            label("主管部门", k),
            Some(Label::Field(Field::ProjectDepartment))
        );
        assert_eq!(
            label("主管部门", Kind::UnitGoal),
            Some(Label::Field(Field::UnitDepartment))
        );
        assert_eq!(
            label("部门（单位）名称", Kind::UnitGoal),
            Some(Label::Field(Field::UnitName))
        );
        assert_eq!(
            label("单位名称", Kind::ProjectGoal),
            Some(Label::Field(Field::ProjectUnit))
        );
        assert_eq!(label("项目资金（万元）", k), Some(Label::Section));
        assert_eq!(label("填报日期：", k), Some(Label::Signature));
        assert_eq!(label("年度总体目标", k), Some(Label::Section));
        assert_eq!(
            label("年度总体目标", Kind::ProjectGoal),
            Some(Label::Field(Field::GoalAnnual))
        );
        assert_eq!(
            label("中期目标（2023年-2025年）", Kind::ProjectGoal),
            Some(Label::Field(Field::GoalMediumTerm))
        );
        assert_eq!(label("乡村道路养护", k), None);
        assert_eq!(label("产出指标", k), None);
    }

    #[test]
    fn units_come_from_brackets() {
        assert_eq!(key("项目资金（万元）").1, Some(MoneyUnit::Wan));
        assert_eq!(key("预算数(元)").1, Some(MoneyUnit::Yuan));
        assert_eq!(key("项目名称").1, None);
        assert_eq!(unit_in("金额单位：元"), Some(MoneyUnit::Yuan));
        assert_eq!(unit_in("单位：万元"), Some(MoneyUnit::Wan));
        assert_eq!(unit_in("元/亩"), None);
    }

    #[test]
    fn titles_name_the_kind_and_year() {
        assert_eq!(
            title("2024年度项目支出绩效自评表"),
            Some((Kind::ProjectSelfEval, Some(2024)))
        );
        assert_eq!(
            title("部门（单位）整体支出绩效目标申报表"),
            Some((Kind::UnitGoal, None))
        );
        assert_eq!(
            title("部门预算项目绩效目标申报表(2023年度)（金额单位:元）"),
            Some((Kind::ProjectGoal, Some(2023)))
        );
        assert_eq!(
            title("岳阳楼区价格认证鉴定中心2023年度整体绩效目标表"),
            Some((Kind::UnitGoal, Some(2023)))
        );
        assert_eq!(
            title("绩效目标自评表(2023年度)"),
            Some((Kind::ProjectSelfEval, Some(2023)))
        );
        assert_eq!(title("一级指标"), None);
    }

    #[test]
    fn inline_labels_carry_their_value() {
        assert_eq!(
            inline("项目名称：乡村道路养护", Kind::ProjectGoal),
            Some((Label::Field(Field::ProjectName), "乡村道路养护".to_string()))
        );
        assert_eq!(
            inline("单位：万元", Kind::ProjectGoal),
            Some((Label::Unit, "万元".to_string()))
        );
        assert_eq!(inline("填报日期：", Kind::ProjectGoal), None);
        assert!(is_placeholder("—"));
        assert!(is_placeholder(" / "));
        assert!(!is_placeholder("无"));
    }
}
