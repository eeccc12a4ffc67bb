//! Duplicate and placeholder rows: two rows with the same name in the same
//! category, and rows left over from the template (empty rows, "指标1",
//! "三级指标", "xxx", "……"), which real filed forms often still carry.

use std::borrow::Cow;

use super::{level1, level2, Out};
use crate::finding::{RuleInfo, Severity};
use crate::model::{Document, Indicator};
use crate::profile::Profile;
use crate::seen::{hash, ByHash};
use crate::target::{Target, TargetErrorKind};
use crate::text::Trimmed;
use crate::text::{normalize_char, settled};

pub const DUPLICATE: RuleInfo = RuleInfo {
    id: "IND-DUPLICATE",
    severity: Severity::Error,
    summary: "同一类别下指标名称重复",
};
pub const PLACEHOLDER: RuleInfo = RuleInfo {
    id: "IND-PLACEHOLDER",
    severity: Severity::Error,
    summary: "空行或模板占位行",
};

/// A name without white space, normalized, for comparing: the name itself
/// when that changes nothing (most names), a new string otherwise.
fn key_name(name: &str) -> Cow<'_, str> {
    if settled(name)
        || name
            .chars()
            .all(|c| normalize_char(c) == c && !c.is_whitespace())
    {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len());
    for c in name.chars().map(normalize_char) {
        if !c.is_whitespace() {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_empty_row(ind: &Indicator) -> bool {
    let empty_target = matches!(&ind.target, Target::Invalid { error, .. } if error.kind == TargetErrorKind::Empty);
    ind.level1.trimmed().is_empty()
        && ind.level2.trimmed().is_empty()
        && ind.name.trimmed().is_empty()
        && empty_target
}

/// Whether a name, given as its normalized characters without white space,
/// may be a placeholder: `None` when it has no characters.
fn may_be_placeholder(mut chars: impl Iterator<Item = char>) -> Option<bool> {
    let marker = |c: char| {
        matches!(
            c,
            'x' | 'X' | '×' | '*' | '.' | '…' | '。' | '·' | '-' | '_' | '?' | '？' | '、' | '请'
        )
    };
    let first = chars.next()?;
    Some(matches!(first, '一' | '二' | '三' | '级' | '指') || marker(first) || chars.any(marker))
}

/// True when a name is a template placeholder rather than an indicator.
fn is_placeholder_name(name: &str) -> bool {
    // Every placeholder form below starts with 一, 二, 三, 级 or 指 or
    // contains one of the other characters; most real names do neither,
    // and are done with in one pass without allocating. A settled name
    // (nearly every one) is its own normalized form without white space,
    // and its characters are read as they are.
    let may_be = if settled(name) {
        may_be_placeholder(name.chars())
    } else {
        may_be_placeholder(
            name.chars()
                .map(normalize_char)
                .filter(|c| !c.is_whitespace()),
        )
    };
    if may_be != Some(true) {
        return false;
    }
    let n = key_name(name);
    if n.is_empty() {
        return false;
    }
    if n.chars().all(|c| "xX×*.…。·-_?？、".contains(c)) {
        return true;
    }
    let is_x = |c: char| matches!(c, 'x' | 'X' | '×');
    let doubled_x = n
        .chars()
        .zip(n.chars().skip(1))
        .any(|(a, b)| is_x(a) && is_x(b));
    if doubled_x || n.contains("……") || n.contains("请填写") || n.contains("请输入") {
        return true;
    }
    // "指标1", "三级指标", "三级指标2", "指标名称", "指标一".
    let stem = n
        .trim_start_matches(['一', '二', '三'])
        .trim_start_matches('级');
    if let Some(rest) = stem.strip_prefix("指标") {
        let rest = rest.strip_prefix("名称").unwrap_or(rest);
        return rest
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    }
    false
}

/// True for an empty row or a template placeholder row.
pub(crate) fn is_placeholder(ind: &Indicator) -> bool {
    is_empty_row(ind) || is_placeholder_name(&ind.name)
}

pub(super) fn check(doc: &Document, _profile: &Profile, real: &[bool], out: &mut Out) {
    // The rows compared (real rows with a name) by the hashes of their
    // keys: a row's earlier twins are among the rows of the same hash.
    fn key(ind: &Indicator) -> (Cow<'_, str>, &str, &str) {
        (key_name(&ind.name), level1(ind), level2(ind))
    }
    let mut rows = ByHash::default();
    let mut hashes = Vec::with_capacity(doc.indicators.len());
    for (i, ind) in doc.indicators.iter().enumerate() {
        let mut h = 0;
        if real[i] && !ind.name.trimmed().is_empty() {
            let (name, l1, l2) = key(ind);
            h = hash(&[&name, l1, l2]);
            rows.add(h, i);
        }
        hashes.push(h);
    }
    rows.sort();
    for (i, ind) in doc.indicators.iter().enumerate() {
        let path = || format!("/indicators/{i}");
        if real[i] {
            // Neither empty nor a placeholder (worked out once in `check`).
        } else if is_empty_row(ind) {
            out.add(
                &PLACEHOLDER,
                path(),
                format!("第{}行指标是空行，请删除或填写完整。", i + 1),
                &[("row", (i + 1).to_string())],
            );
            continue;
        } else {
            let name = ind.name.trimmed();
            out.add(
                &PLACEHOLDER,
                path(),
                format!(
                    "第{}行“{name}”是模板占位内容，请删除该行或改为实际的指标。",
                    i + 1
                ),
                &[("value", name.to_string()), ("row", (i + 1).to_string())],
            );
            continue;
        }
        if ind.name.trimmed().is_empty() {
            continue;
        }
        let (l1, l2) = (level1(ind), level2(ind));
        let same = |j: usize| key(&doc.indicators[j]) == key(ind);
        if let Some(first) = rows.first_before(hashes[i], i, &same) {
            out.add(
                &DUPLICATE,
                super::ind_path(i, "name"),
                format!(
                    "指标“{}”与第{}行同名且同属“{}”，请合并或改为不同的指标。",
                    ind.name.trimmed(),
                    first + 1,
                    if l2.is_empty() { l1 } else { l2 }
                ),
                &[
                    ("value", ind.name.trimmed().to_string()),
                    ("row", (first + 1).to_string()),
                ],
            );
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::testutil::*;
    use super::is_placeholder_name;
    use serde_json::json;

    #[test]
    fn placeholder_names() {
        for n in [
            "指标1",
            "指标 2",
            "三级指标",
            "三级指标3",
            "指标名称",
            "指标一",
            "xxx",
            "XX项目",
            "……",
            "…",
            "***",
            "请填写指标名称",
        ] {
            assert!(is_placeholder_name(n), "{n}");
        }
        for n in [
            "养护里程",
            "指标完成率",
            "三级医院覆盖率",
            "",
            "x光机配置数",
        ] {
            assert!(!is_placeholder_name(n), "{n}");
        }
    }

    pub(crate) fn cases() -> Vec<Case> {
        let mut v = Vec::new();
        let mut d = base("project-goal");
        push_row(
            &mut d,
            json!({"id": "q9", "level1": "产出指标", "level2": "数量指标", "name": "养护 里程",
            "target": "≥100公里"}),
        );
        push_row(
            &mut d,
            json!({"id": "q10", "level1": "效益指标", "level2": "社会效益指标", "name": "养护里程",
            "target": "≥100公里"}),
        );
        v.push(case(
            "same name in the same category",
            d,
            &[("IND-DUPLICATE", "/indicators/6/name")],
        ));
        let mut d = base("project-goal");
        push_row(
            &mut d,
            json!({"id": "", "level1": "", "level2": "", "name": "", "target": ""}),
        );
        push_row(
            &mut d,
            json!({"id": "p2", "level1": "产出指标", "level2": "数量指标", "name": "指标1", "target": ""}),
        );
        push_row(&mut d, json!({}));
        v.push(case(
            "empty and placeholder rows",
            d,
            &[
                ("IND-PLACEHOLDER", "/indicators/6"),
                ("IND-PLACEHOLDER", "/indicators/7"),
                ("IND-PLACEHOLDER", "/indicators/8"),
            ],
        ));
        v
    }

    #[test]
    fn duplicate_rules() {
        run_cases(cases());
    }
}
