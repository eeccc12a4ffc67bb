//! Header fields (表头): 项目名称, 主管部门, 实施单位 and 年度 on project forms,
//! and 项目期 on the goal form (the self-evaluation table has no such row, so
//! there it is checked only where given); 部门（单位）名称 and 年度 on unit-wide
//! forms. Each must be present, non-blank after trimming and within the
//! profile's length limits; the year must be a plausible budget year and the
//! project period a readable range.

use super::{blank, given, Out};
use crate::finding::{RuleInfo, Severity};
use crate::model::Document;
use crate::profile::Profile;
use crate::target::PartialDate;
use crate::text::char_len;
use crate::text::Trimmed;

pub const MISSING: RuleInfo = RuleInfo {
    id: "HDR-MISSING",
    severity: Severity::Error,
    summary: "表头必填项未填写",
};
pub const TOO_LONG: RuleInfo = RuleInfo {
    id: "TEXT-TOO-LONG",
    severity: Severity::Error,
    summary: "文字超过长度上限",
};
pub const YEAR: RuleInfo = RuleInfo {
    id: "HDR-YEAR",
    severity: Severity::Error,
    summary: "年度不合理",
};
pub const PERIOD: RuleInfo = RuleInfo {
    id: "HDR-PERIOD",
    severity: Severity::Error,
    summary: "项目期无法识别或起止颠倒",
};

/// Budget years this module accepts as plausible.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

pub(super) fn check(doc: &Document, profile: &Profile, _real: &[bool], out: &mut Out) {
    let max_name = profile.thresholds.max_name_chars;
    let required = |out: &mut Out, value: Option<&str>, path: &str, label: &str| {
        if blank(value) {
            out.add(
                &MISSING,
                path.to_string(),
                format!("请填写{label}。"),
                &[("field", label.to_string())],
            );
        } else {
            text_length(out, value.unwrap_or_default(), path, label, max_name);
        }
    };
    if doc.kind.is_unit() {
        let unit = doc.unit.as_ref();
        required(
            out,
            unit.map(|u| u.name.as_str()),
            "/unit/name",
            "部门（单位）名称",
        );
        if let Some(u) = unit {
            text_length(out, &u.department, "/unit/department", "主管部门", max_name);
        }
    } else {
        let p = doc.project.as_ref();
        required(out, p.map(|p| p.name.as_str()), "/project/name", "项目名称");
        required(
            out,
            p.map(|p| p.department.as_str()),
            "/project/department",
            "主管部门",
        );
        required(out, p.map(|p| p.unit.as_str()), "/project/unit", "实施单位");
        match p.and_then(|p| p.period.as_ref()) {
            None if doc.kind.is_self_eval() => {}
            None => out.add(
                &MISSING,
                "/project/period".into(),
                "请填写项目期（起止年月）。".into(),
                &[("field", "项目期".into())],
            ),
            Some(period) => check_period(out, &period.start, &period.end),
        }
    }
    match doc.year.as_ref().filter(|n| given(Some(n))) {
        None => out.add(
            &MISSING,
            "/year".into(),
            "请填写年度。".into(),
            &[("field", "年度".into())],
        ),
        Some(n) => {
            if let Some(y) = out.num(Some(n), "/year", "年度") {
                let plausible =
                    y.fract().is_zero() && doc.year_value().is_some_and(|y| YEARS.contains(&y));
                if !plausible {
                    out.add(
                        &YEAR,
                        "/year".into(),
                        format!("年度“{y}”不是合理的预算年度，请填写四位年份，如“2024”。"),
                        &[("value", y.to_string())],
                    );
                }
            }
        }
    }
}

/// Checks one text against a length limit, in characters.
pub(super) fn text_length(out: &mut Out, text: &str, path: &str, label: &str, max: usize) {
    text_length_at(out, text, || path.to_string(), label, max);
}

/// As [`text_length`], building the path only when there is a finding.
pub(super) fn text_length_at(
    out: &mut Out,
    text: &str,
    path: impl FnOnce() -> String,
    label: &str,
    max: usize,
) {
    let len = char_len(text.trimmed());
    if max > 0 && len > max {
        out.add(
            &TOO_LONG,
            path(),
            format!("{label}共{len}字，超过上限{max}字，请精简。"),
            &[
                ("field", label.to_string()),
                ("length", len.to_string()),
                ("max", max.to_string()),
            ],
        );
    }
}

fn check_period(out: &mut Out, start: &str, end: &str) {
    let mut dates = [None, None];
    for (i, (text, field, label)) in [(start, "start", "开始"), (end, "end", "结束")]
        .into_iter()
        .enumerate()
    {
        let path = format!("/project/period/{field}");
        if blank(Some(text)) {
            out.add(
                &MISSING,
                path,
                format!("请填写项目期的{label}年月，如“2024-01”。"),
                &[("field", format!("项目期{label}"))],
            );
            continue;
        }
        match PartialDate::parse(text).filter(|d| d.year.is_some()) {
            Some(d) => dates[i] = Some(d),
            None => out.add(
                &PERIOD,
                path,
                format!("项目期{label}“{text}”无法识别，请写成“2024-01”或“2024-01-01”。"),
                &[("value", text.to_string())],
            ),
        }
    }
    if let [Some(s), Some(e)] = dates {
        // Compare the first day of the start with the last day of the end.
        let first = PartialDate {
            day: Some(s.day.unwrap_or(1)),
            ..s
        };
        if first.day_number() > e.day_number() {
            out.add(
                &PERIOD,
                "/project/period/end".into(),
                format!("项目期结束“{end}”早于开始“{start}”，请检查起止时间。"),
                &[("value", end.to_string()), ("start", start.to_string())],
            );
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::testutil::*;
    use serde_json::json;

    pub(crate) fn cases() -> Vec<Case> {
        let mut v = Vec::new();
        let mut d = base("project-goal");
        d["project"]["name"] = "  ".into();
        d["project"]["department"] = "　".into();
        d["project"].as_object_mut().unwrap().remove("unit");
        v.push(case(
            "blank header fields",
            d,
            &[
                ("HDR-MISSING", "/project/name"),
                ("HDR-MISSING", "/project/department"),
                ("HDR-MISSING", "/project/unit"),
            ],
        ));
        let mut d = base("project-goal");
        d.as_object_mut().unwrap().remove("year");
        d["project"].as_object_mut().unwrap().remove("period");
        v.push(case(
            "no year, no period",
            d,
            &[("HDR-MISSING", "/year"), ("HDR-MISSING", "/project/period")],
        ));
        let mut d = base("project-self-eval");
        d["project"].as_object_mut().unwrap().remove("period");
        v.push(case("self-evaluations need no period", d, &[]));
        let mut d = base("project-self-eval");
        d["project"]["period"] = json!({"start": "2024-01", "end": "2023-12"});
        v.push(case(
            "a given period is still checked",
            d,
            &[("HDR-PERIOD", "/project/period/end")],
        ));
        let mut d = base("project-goal");
        d["year"] = "24".into();
        d["project"]["period"] = json!({"start": "2024-13", "end": ""});
        v.push(case(
            "implausible year, bad period",
            d,
            &[
                ("HDR-YEAR", "/year"),
                ("HDR-PERIOD", "/project/period/start"),
                ("HDR-MISSING", "/project/period/end"),
            ],
        ));
        let mut d = base("project-goal");
        d["year"] = "二〇二四".into();
        d["project"]["period"] = json!({"start": "2024-06", "end": "2024-03"});
        v.push(case(
            "unreadable year, reversed period",
            d,
            &[
                ("NUM-INVALID", "/year"),
                ("HDR-PERIOD", "/project/period/end"),
            ],
        ));
        let mut d = base("project-goal");
        d["project"]["name"] = "养".repeat(101).into();
        v.push(case(
            "name too long",
            d,
            &[("TEXT-TOO-LONG", "/project/name")],
        ));
        let mut d = base("unit-goal");
        d["unit"]["name"] = "".into();
        d["year"] = "2024.5".into();
        v.push(case(
            "unit name blank",
            d,
            &[("HDR-YEAR", "/year"), ("HDR-MISSING", "/unit/name")],
        ));
        let mut d = base("unit-self-eval");
        d["project"] = json!({"name": ""});
        d["unit"]["department"] = "某".repeat(120).into();
        v.push(case(
            "unit forms ignore project header",
            d,
            &[("TEXT-TOO-LONG", "/unit/department")],
        ));
        let mut d = base("project-goal");
        d["project"]["period"] = json!({"start": "2024-01-15", "end": "2024-01"});
        v.push(case("period within one month", d, &[]));
        v
    }

    #[test]
    fn header_rules() {
        run_cases(cases());
    }
}
