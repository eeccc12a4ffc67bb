//! Indicator rows (三级指标): each has a unique id, a name and a measurable
//! target (指向明确、细化量化, 财预〔2015〕88号). A quantitative target needs a
//! comparator, a number and a unit; a 时效 row a date or a duration; a
//! qualitative target a graded level rather than a vague phrase (the
//! profile's `vague_words`); on the rows whose targets must be measurable
//! (the profile's `measurable` categories: 数量, 质量, 时效, 成本) a
//! qualitative target must name a defined level (the profile's
//! `scale_words`: 合格, 达标, 符合…标准 …). Percentages lie within 0–100,
//! 满意度 targets at or above the profile's floor, and "百分比" written as a
//! unit is better written as "%". A target typed with a comparator damaged
//! by Word, PDF or OCR conversion (`&gt;=`, `〈=`) is read, and the checks
//! say how (`IND-TARGET-READ`).
//!
//! A row's target is checked as the row means it (`Indicator::in_context`):
//! a bare number takes its unit from a trailing bracket of the name.

use std::borrow::Cow;
use std::cell::OnceCell;

use rust_decimal::Decimal;

use super::header::text_length_at;
use super::{blank, ind_path, level1, Out, RowFacts};
use crate::finding::{RuleInfo, Severity};
use crate::model::{Document, Indicator};
use crate::profile::Profile;
use crate::seen::{hash, ByHash};
use crate::target::{Target, TargetErrorKind};
use crate::text::Trimmed;
use crate::text::{category_key, normalize, settled};

pub const ID_MISSING: RuleInfo = RuleInfo {
    id: "IND-ID-MISSING",
    severity: Severity::Error,
    summary: "指标行缺少编号",
};
pub const ID_DUPLICATE: RuleInfo = RuleInfo {
    id: "IND-ID-DUPLICATE",
    severity: Severity::Error,
    summary: "指标行编号重复",
};
pub const NAME_MISSING: RuleInfo = RuleInfo {
    id: "IND-NAME-MISSING",
    severity: Severity::Error,
    summary: "三级指标名称未填写",
};
pub const TARGET_MISSING: RuleInfo = RuleInfo {
    id: "IND-TARGET-MISSING",
    severity: Severity::Error,
    summary: "指标值未填写",
};
pub const TARGET_INVALID: RuleInfo = RuleInfo {
    id: "IND-TARGET-INVALID",
    severity: Severity::Error,
    summary: "指标值无法识别",
};
pub const NO_OP: RuleInfo = RuleInfo {
    id: "IND-NO-OP",
    severity: Severity::Warning,
    summary: "定量指标值缺少比较符号",
};
pub const NO_UNIT: RuleInfo = RuleInfo {
    id: "IND-NO-UNIT",
    severity: Severity::Error,
    summary: "定量指标值缺少计量单位",
};
pub const TIME_TARGET: RuleInfo = RuleInfo {
    id: "IND-TIME-TARGET",
    severity: Severity::Warning,
    summary: "时效指标与日期型指标值不匹配",
};
pub const VAGUE: RuleInfo = RuleInfo {
    id: "IND-VAGUE",
    severity: Severity::Warning,
    summary: "定性指标值表述模糊，不可衡量",
};
pub const PERCENT_RANGE: RuleInfo = RuleInfo {
    id: "IND-PERCENT-RANGE",
    severity: Severity::Warning,
    summary: "百分比指标值超出0–100",
};
pub const SATISFACTION_FLOOR: RuleInfo = RuleInfo {
    id: "IND-SATISFACTION-FLOOR",
    severity: Severity::Warning,
    summary: "满意度指标值低于下限",
};
pub const NOT_MEASURABLE: RuleInfo = RuleInfo {
    id: "IND-NOT-MEASURABLE",
    severity: Severity::Warning,
    summary: "数量、质量、时效、成本指标的指标值没有数值，也不是明确的定性等级",
};
pub const NAME_HINT: RuleInfo = RuleInfo {
    id: "IND-NAME-HINT",
    severity: Severity::Info,
    summary: "三级指标名称中留有模板提示",
};
pub const TARGET_READ: RuleInfo = RuleInfo {
    id: "IND-TARGET-READ",
    severity: Severity::Info,
    summary: "指标值中的比较符号有转换错误，已按读出的符号检查",
};
pub const PERCENT_WORD: RuleInfo = RuleInfo {
    id: "IND-PERCENT-WORD",
    severity: Severity::Info,
    summary: "计量单位写作“百分比”",
};

/// Units of a duration, acceptable for a 时效 row.
const TIME_UNITS: &[&str] = &[
    "天",
    "日",
    "个工作日",
    "工作日",
    "个月",
    "月",
    "年",
    "周",
    "小时",
    "分钟",
    "季度",
    "个季度",
];

/// Units that spell out "percent" in words.
const PERCENT_WORDS: &[&str] = &["百分比", "百分率", "百分点"];

pub(crate) fn is_satisfaction_row(ind: &Indicator) -> bool {
    level1(ind).contains("满意度") || ind.name.contains("满意度") || ind.name.contains("满意率")
}

/// A qualitative target as the profile's word lists are looked for in it:
/// normalized once, with its characters, so that a word whose first
/// character is not among them is passed over without searching the text
/// (each such target is asked about every vague word and scale word).
struct Words<'t> {
    text: Cow<'t, str>,
    chars: Vec<char>,
}

impl Words<'_> {
    fn new(text: &str) -> Words<'_> {
        // Settled text is its own normalized form.
        let text = if settled(text) {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(normalize(text))
        };
        let chars = text.chars().collect();
        Words { text, chars }
    }

    /// Whether the normalized text contains a word of the profile's lists.
    fn contains(&self, word: &Word) -> bool {
        self.chars.contains(&word.first) && self.text.contains(word.text)
    }
}

/// A word of the profile's lists as the rules look for it: trimmed, with its
/// first character; the word as listed is what a finding quotes.
struct Word<'p> {
    first: char,
    text: &'p str,
    listed: &'p str,
}

/// The words of a list, worked out once per check for every row's target;
/// blank words are left out (they are never looked for).
fn word_list(list: &[String]) -> Vec<Word<'_>> {
    list.iter()
        .filter_map(|w| {
            let text = w.trimmed();
            Some(Word {
                first: text.chars().next()?,
                text,
                listed: w,
            })
        })
        .collect()
}

/// What the target checks use of the profile, worked out once per check:
/// the keys of the measurable categories and the vague and scale words.
struct Lists<'p> {
    profile: &'p Profile,
    measurable: Vec<Cow<'p, str>>,
    /// The vague words and the scale words, each prepared when first
    /// looked for (many forms have no qualitative target).
    vague: OnceCell<Vec<Word<'p>>>,
    scale: OnceCell<Vec<Word<'p>>>,
}

impl<'p> Lists<'p> {
    fn new(profile: &'p Profile) -> Lists<'p> {
        Lists {
            profile,
            measurable: profile.measurable.iter().map(|c| category_key(c)).collect(),
            vague: OnceCell::new(),
            scale: OnceCell::new(),
        }
    }
}

/// A template's hint left in a name: a bracket holding `**`, `××` or `XX`
/// where a number should have been (`(≥**个)`).
fn template_hint(name: &str) -> Option<String> {
    // Each of the marks holds `*`, `×`, `X` or `x`, or their full-width
    // forms: bytes 2A, 58, 78, C3 97 or EF …; a name without those bytes
    // (nearly every name) is not copied to be normalized.
    if !name
        .bytes()
        .any(|b| matches!(b, b'*' | b'X' | b'x' | 0xC3 | 0xEF))
    {
        return None;
    }
    let n = normalize(name);
    let open = n.rfind('(')?;
    let close = n[open..].find(')')? + open;
    let inside = &n[open..=close];
    ["**", "××", "XX", "xx"]
        .iter()
        .any(|m| inside.contains(m))
        .then(|| inside.to_string())
}

/// True when a qualitative target names a defined level: it contains one of
/// the profile's `scale_words` (合格, 达标, 符合…, 按时 …).
fn on_scale(lists: &Lists, t: &Words) -> bool {
    lists
        .scale
        .get_or_init(|| word_list(&lists.profile.scale_words))
        .iter()
        .any(|w| t.contains(w))
}

/// The profile's vague words found in a text, in the profile's order, or
/// the whole text where it is one of the profile's vague targets.
fn vague_words<'p>(lists: &Lists<'p>, t: &Words) -> Vec<&'p str> {
    let whole = t.text.trimmed();
    if let Some(target) = lists.profile.vague_targets.iter().find(|w| {
        let w = w.trimmed();
        !w.is_empty() && whole == w
    }) {
        return vec![target.as_str()];
    }
    lists
        .vague
        .get_or_init(|| word_list(&lists.profile.vague_words))
        .iter()
        .filter(|w| t.contains(w))
        .map(|w| w.listed)
        .collect()
}

pub(super) fn check(
    doc: &Document,
    profile: &Profile,
    real: &[bool],
    facts: &[RowFacts],
    out: &mut Out,
) {
    // The rows with an id, by the hash of their ids: a row's earlier twins
    // are among the rows of the same hash.
    let mut ids = ByHash::default();
    for (i, ind) in doc.indicators.iter().enumerate() {
        let id = ind.id.trimmed();
        if real[i] && !id.is_empty() {
            ids.add(hash(&[id]), i);
        }
    }
    ids.sort();
    let rules = Lists::new(profile);
    for (i, ind) in doc.indicators.iter().enumerate() {
        if !real[i] {
            continue;
        }
        let fact = &facts[i];
        let id = ind.id.trimmed();
        if id.is_empty() {
            out.add(
                &ID_MISSING,
                ind_path(i, "id"),
                "指标行缺少编号（id），请重新生成或填写一个表内唯一的编号。".into(),
                &[],
            );
        } else if let Some(first) =
            ids.first_before(hash(&[id]), i, &|j| doc.indicators[j].id.trimmed() == id)
        {
            out.add(
                &ID_DUPLICATE,
                ind_path(i, "id"),
                format!(
                    "指标编号“{id}”与第{}行重复，请改为表内唯一的编号。",
                    first + 1
                ),
                &[("value", id.to_string()), ("row", (first + 1).to_string())],
            );
        }
        if blank(Some(&ind.name)) {
            out.add(
                &NAME_MISSING,
                ind_path(i, "name"),
                "请填写三级指标名称。".into(),
                &[],
            );
        } else {
            text_length_at(
                out,
                &ind.name,
                || ind_path(i, "name"),
                "三级指标名称",
                profile.thresholds.max_name_chars,
            );
            if let Some(hint) = template_hint(&ind.name) {
                out.add(
                    &NAME_HINT,
                    ind_path(i, "name"),
                    format!("三级指标名称中的“{hint}”是模板的填写提示，请删去或改为实际内容。"),
                    &[("value", ind.name.trimmed().to_string()), ("hint", hint)],
                );
            }
        }
        // The text as typed; where none is kept (an object without `text`,
        // or text the writer left out because it is how the target reads),
        // the target as printed, so that a round through the writer does
        // not change what the checks see.
        let shown;
        let typed = match &ind.target_text {
            Some(text) => text.as_str(),
            None => {
                shown = ind.target.to_string();
                &shown
            }
        };
        target(
            (ind, fact),
            &ind.in_context(&ind.target),
            Some(typed),
            &|| ind_path(i, "target"),
            &rules,
            out,
        );
        if let Some(t @ Target::Invalid { .. }) = &ind.adjusted_target {
            let typed = ind.adjusted_target_text.as_deref();
            target(
                (ind, fact),
                t,
                typed,
                &|| ind_path(i, "adjusted_target"),
                &rules,
                out,
            );
        }
    }
}

/// True when the row's targets must be measurable (the profile's
/// `measurable` categories, by 二级 or, for a 一级 成本指标, by 一级);
/// `measurable` holds the keys of those categories.
pub(crate) fn is_measurable_row(fact: &RowFacts, measurable: &[Cow<str>]) -> bool {
    measurable
        .iter()
        .any(|kc| *kc == fact.key2 || *kc == fact.key1)
}

/// Checks one target; `typed` is the text it was typed as, if any; `path`
/// builds its JSON Pointer when there is a finding; `lists` holds the
/// profile with what the checks use of it, worked out once per check.
fn target(
    (ind, fact): (&Indicator, &RowFacts),
    t: &Target,
    typed: Option<&str>,
    path: &dyn Fn() -> String,
    lists: &Lists,
    out: &mut Out,
) {
    let profile = lists.profile;
    let name = ind.name.trimmed();
    if let (Some(text), false) = (typed, matches!(t, Target::Invalid { .. })) {
        if let Some(bad) = crate::target::lookalike_comparator(text) {
            out.add(
                &TARGET_READ,
                path(),
                format!(
                    "指标值“{}”读作“{t}”：其中的“{bad}”是比较符号转换出错（常见于从 Word、PDF 或扫描件复制），已按“{}”检查，请改正。",
                    text.trimmed(),
                    t.op().map(|o| o.symbol()).unwrap_or("")
                ),
                &[("value", text.to_string()), ("read", t.to_string()), ("symbol", bad.to_string())],
            );
        }
        for word in PERCENT_WORDS {
            if t.unit() == Some("%") && text.contains(word) {
                out.add(
                    &PERCENT_WORD,
                    path(),
                    format!("计量单位“{word}”建议写作“%”。"),
                    &[("value", text.to_string()), ("unit", word.to_string())],
                );
                break;
            }
        }
    }
    match t {
        Target::Invalid { text, error, .. } => {
            if error.kind == TargetErrorKind::Empty {
                out.add(
                    &TARGET_MISSING,
                    path(),
                    format!("请填写指标“{name}”的指标值，如“≥95%”“≤120万元”或“2024年12月31日前”。"),
                    &[],
                );
            } else {
                out.add(
                    &TARGET_INVALID,
                    path(),
                    format!("指标值“{text}”无法识别：{}", error.message()),
                    &[
                        ("value", text.clone()),
                        ("position", (error.pos + 1).to_string()),
                    ],
                );
            }
        }
        Target::Quantity { op, value, unit } => {
            let unit = unit.trimmed();
            if op.is_none() {
                out.add(
                    &NO_OP,
                    path(),
                    format!(
                        "指标值“{t}”缺少比较符号，请写明是“≥{t}”（不低于）、“≤{t}”（不高于）还是“={t}”。"
                    ),
                    &[("value", t.to_string())],
                );
            }
            if unit.is_empty() {
                out.add(
                    &NO_UNIT,
                    path(),
                    format!("指标值“{t}”缺少计量单位，请补充单位，如“%”“个”“人次”“公里”。"),
                    &[("value", t.to_string())],
                );
            } else if PERCENT_WORDS.contains(&unit) {
                out.add(
                    &PERCENT_WORD,
                    path(),
                    format!("计量单位“{unit}”建议写作“%”。"),
                    &[("value", t.to_string()), ("unit", unit.to_string())],
                );
            }
            let is_percent = unit == "%" || PERCENT_WORDS.contains(&unit);
            if is_percent && (*value < Decimal::ZERO || *value > Decimal::ONE_HUNDRED) {
                // `290%` for a 满意度 or 合格率 row is most often `≥90%` whose
                // `≥` became a `2` in conversion from PDF or a scan.
                let hint = match (op, value.to_string().strip_prefix('2')) {
                    (None, Some(rest))
                        if rest
                            .parse::<Decimal>()
                            .is_ok_and(|r| r <= Decimal::ONE_HUNDRED && !rest.is_empty()) =>
                    {
                        format!("（是否为“≥{rest}%”，“≥”被转换成了“2”？）")
                    }
                    _ => String::new(),
                };
                out.add(
                    &PERCENT_RANGE,
                    path(),
                    format!("百分比指标值“{t}”超出0–100%{hint}，请核对数值或改用其他计量单位。"),
                    &[("value", t.to_string())],
                );
            }
            if is_percent && is_satisfaction_row(ind) {
                let floor = profile.thresholds.satisfaction_floor;
                if op.is_some_and(|o| o.is_reverse()) {
                    out.add(
                        &SATISFACTION_FLOOR,
                        path(),
                        format!("满意度是正向指标，指标值“{t}”应写作“≥”，如“≥{floor}%”。"),
                        &[("value", t.to_string()), ("floor", floor.to_string())],
                    );
                } else if *value < floor {
                    out.add(
                        &SATISFACTION_FLOOR,
                        path(),
                        format!("满意度指标值“{t}”低于{floor}%，请设定不低于{floor}%的目标。"),
                        &[("value", t.to_string()), ("floor", floor.to_string())],
                    );
                }
            }
            if fact.time && !unit.is_empty() && !is_percent && !TIME_UNITS.contains(&unit) {
                out.add(
                    &TIME_TARGET,
                    path(),
                    format!(
                        "时效指标“{name}”的指标值“{t}”不是时间，请填写完成时限（如“2024年12月31日前”）或时长（如“≤30天”）。"
                    ),
                    &[("value", t.to_string())],
                );
            }
        }
        Target::Band { unit, .. } => {
            if unit.trimmed().is_empty() {
                out.add(
                    &NO_UNIT,
                    path(),
                    format!("指标值“{t}”缺少计量单位，请补充单位，如“±5%”。"),
                    &[("value", t.to_string())],
                );
            }
        }
        Target::Date { .. } => {
            if !fact.time && !fact.level2.is_empty() {
                out.add(
                    &TIME_TARGET,
                    path(),
                    format!("指标值“{t}”是日期，日期型指标请列入“时效指标”。"),
                    &[("value", t.to_string())],
                );
            }
        }
        Target::Qualitative { text } => {
            let loose = Words::new(text);
            let words = vague_words(lists, &loose);
            if !words.is_empty() {
                out.add(
                    &VAGUE,
                    path(),
                    format!(
                        "指标值“{text}”含有“{}”等模糊表述，不可衡量，请改为可量化的目标值或明确的定性等级（如“达到××标准”“等级为优”）。",
                        words.join("、")
                    ),
                    &[("value", text.clone()), ("words", words.join("、"))],
                );
            } else if fact.time {
                out.add(
                    &TIME_TARGET,
                    path(),
                    format!(
                        "时效指标“{name}”的指标值“{text}”没有时限，请填写完成时限（如“2024年12月31日前”）或时长（如“≤30天”）。"
                    ),
                    &[("value", text.clone())],
                );
            } else if is_measurable_row(fact, &lists.measurable) && !on_scale(lists, &loose) {
                let category = if fact.level2.is_empty() {
                    fact.level1
                } else {
                    fact.level2
                };
                out.add(
                    &NOT_MEASURABLE,
                    path(),
                    format!(
                        "{category}“{name}”的指标值“{text}”没有数值，也不是明确的定性等级：请填写数值和单位（如“≥12个”“≤120万元”），或写明要达到的标准（如“合格”“符合××标准”）。"
                    ),
                    &[("value", text.clone())],
                );
            }
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
        d["indicators"][0]["id"] = "".into();
        d["indicators"][3]["id"] = "q2".into();
        d["indicators"][1]["name"] = " ".into();
        v.push(case(
            "ids and names",
            d,
            &[
                ("IND-ID-MISSING", "/indicators/0/id"),
                ("IND-NAME-MISSING", "/indicators/1/name"),
                ("IND-ID-DUPLICATE", "/indicators/3/id"),
            ],
        ));
        let mut d = base("project-goal");
        d["indicators"][0]["target"] = "".into();
        d["indicators"][1]["target"] = "约85%".into();
        d["indicators"][5]["target"] = "90-95%".into();
        v.push(case(
            "missing and unreadable targets",
            d,
            &[
                ("IND-TARGET-MISSING", "/indicators/0/target"),
                ("IND-TARGET-INVALID", "/indicators/1/target"),
                ("IND-TARGET-INVALID", "/indicators/5/target"),
            ],
        ));
        let mut d = base("project-goal");
        d["indicators"][0]["target"] = "120".into();
        d["indicators"][1]["target"] = "85%".into();
        v.push(case(
            "bare numbers",
            d,
            &[
                ("IND-NO-OP", "/indicators/0/target"),
                ("IND-NO-UNIT", "/indicators/0/target"),
                ("IND-NO-OP", "/indicators/1/target"),
            ],
        ));
        let mut d = base("project-goal");
        d["indicators"][1]["target"] = json!({"op": ">=", "value": "100", "unit": "百分比"});
        d["indicators"][5]["target"] = "≥120%".into();
        v.push(case(
            "percent word and range",
            d,
            &[
                ("IND-PERCENT-WORD", "/indicators/1/target"),
                ("IND-PERCENT-RANGE", "/indicators/5/target"),
            ],
        ));
        let mut d = base("project-goal");
        d["indicators"][1]["target"] = "≤-1%".into();
        d["indicators"][5]["target"] = "≥75%".into();
        v.push(case(
            "negative percent, low satisfaction",
            d,
            &[
                ("IND-PERCENT-RANGE", "/indicators/1/target"),
                ("IND-SATISFACTION-FLOOR", "/indicators/5/target"),
            ],
        ));
        let mut d = base("project-goal");
        d["indicators"][5]["target"] = "≤95%".into();
        v.push(case(
            "reverse satisfaction",
            d,
            &[("IND-SATISFACTION-FLOOR", "/indicators/5/target")],
        ));
        let mut d = base("project-goal");
        d["indicators"][4]["target"] = json!({"qualitative": "群众出行条件明显改善，进一步提升"});
        v.push(case(
            "vague phrase",
            d,
            &[("IND-VAGUE", "/indicators/4/target")],
        ));
        let mut d = base("project-goal");
        d["indicators"][2]["target"] = "≤30天".into();
        d["indicators"][1]["target"] = "2024年10月底前".into();
        v.push(case(
            "duration on a time row, date on a quality row",
            d,
            &[("IND-TIME-TARGET", "/indicators/1/target")],
        ));
        let mut d = base("project-goal");
        d["indicators"][2]["target"] = "≥120公里".into();
        push_row(
            &mut d,
            json!({"id": "t2", "level1": "产出指标", "level2": "时效指标", "name": "资金拨付",
            "target": {"qualitative": "及时"}}),
        );
        push_row(
            &mut d,
            json!({"id": "t3", "level1": "产出指标", "level2": "时效指标", "name": "养护及时率",
            "target": "≥95%"}),
        );
        v.push(case(
            "time rows without a time",
            d,
            &[
                ("IND-TIME-TARGET", "/indicators/2/target"),
                ("IND-TIME-TARGET", "/indicators/6/target"),
            ],
        ));
        // A measurable row needs a number or a defined level: "高中低"
        // is neither; "符合国家标准" names a standard to meet.
        let mut d = base("project-goal");
        d["indicators"][1]["target"] = "高中低".into();
        d["indicators"][3]["target"] = "符合国家标准".into();
        v.push(case(
            "measurable rows with words",
            d,
            &[("IND-NOT-MEASURABLE", "/indicators/1/target")],
        ));
        // A template's hint left in a name.
        let mut d = base("project-goal");
        d["indicators"][0]["name"] = "养护里程( ≥**公里 )".into();
        v.push(case(
            "template hints in names",
            d,
            &[("IND-NAME-HINT", "/indicators/0/name")],
        ));
        // Comparators damaged by conversion are read and reported; a unit in
        // the name's trailing bracket serves a bare number.
        let mut d = base("project-goal");
        d["indicators"][0]["target"] = "&gt;=120公里".into();
        d["indicators"][1]["name"] = "新建村级服务站（处）".into();
        d["indicators"][1]["target"] = "12".into();
        v.push(case(
            "targets read in context",
            d,
            &[
                ("IND-TARGET-READ", "/indicators/0/target"),
                ("IND-NO-OP", "/indicators/1/target"),
            ],
        ));
        let mut d = base("project-goal");
        d["indicators"][0]["name"] = "里".repeat(101).into();
        v.push(case(
            "name too long",
            d,
            &[("TEXT-TOO-LONG", "/indicators/0/name")],
        ));
        let mut d = base("project-goal");
        d["indicators"][0]["target"] = "≥ 1,200 公里".into();
        d["indicators"][1]["target"] = "不低于８５％".into();
        d["indicators"][5]["target"] = "≧90 %".into();
        v.push(case("targets as typed in tables", d, &[]));
        let mut d = base("unit-self-eval");
        d["indicators"][0]["adjusted_target"] = "≥".into();
        v.push(case(
            "adjusted target unreadable",
            d,
            &[("IND-TARGET-INVALID", "/indicators/0/adjusted_target")],
        ));
        v
    }

    #[test]
    fn indicator_rules() {
        run_cases(cases());
    }

    #[test]
    fn vague_words_are_listed_in_params() {
        let mut d = base("project-goal");
        d["indicators"][4]["target"] = json!({"qualitative": "效果明显，逐步改善"});
        let f = run(&d, crate::profile::Profile::national());
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].params["words"], "明显、逐步");
        assert_eq!(f[0].params["value"], "效果明显，逐步改善");
        assert!(f[0].message.contains("明显、逐步"));
    }
}
