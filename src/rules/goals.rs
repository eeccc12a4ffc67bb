//! The overall goal (总体目标): the annual goal text on goal forms (年度目标)
//! and the planned and achieved goals on self-evaluations (预期目标 / 实际完成
//! 情况) are present, within the length limit, and the goal mentions what the
//! indicators measure (the goal and the indicators must match, 相应匹配).
//!
//! The "mentions" test is a heuristic, so it is only ever a warning: an
//! indicator name is cut into pairs of adjacent Chinese characters
//! ("养护里程" → 养护, 护里, 里程) after words that say nothing about the
//! subject (完成, 情况, 满意, 时间 …) are blanked out, and the goal mentions the
//! indicators when at least one remaining pair of any indicator's name
//! appears in the goal text. Names made only of generic pairs give no
//! verdict, and neither does a form without named indicators. Only the
//! first [`NAME_CHARS`] characters of a name are looked at, and the goal is
//! read once, so the rule stays linear however long the texts are.

use std::sync::OnceLock;

use super::header::text_length;
use super::{blank, Out};
use crate::finding::{RuleInfo, Severity};
use crate::model::Document;
use crate::profile::Profile;
use crate::text::Trimmed;
use crate::text::{normalize, normalize_char};

pub const MISSING: RuleInfo = RuleInfo {
    id: "GOAL-MISSING",
    severity: Severity::Error,
    summary: "年度目标未填写",
};
pub const PLANNED_MISSING: RuleInfo = RuleInfo {
    id: "GOAL-PLANNED-MISSING",
    severity: Severity::Warning,
    summary: "自评表预期目标未填写",
};
pub const ACHIEVED_MISSING: RuleInfo = RuleInfo {
    id: "GOAL-ACHIEVED-MISSING",
    severity: Severity::Warning,
    summary: "自评表实际完成情况未填写",
};
pub const ACHIEVED_COPY: RuleInfo = RuleInfo {
    id: "GOAL-ACHIEVED-COPY",
    severity: Severity::Warning,
    summary: "实际完成情况照抄预期目标或过于笼统，没有写明完成了什么",
};
pub const TEMPLATE_TEXT: RuleInfo = RuleInfo {
    id: "GOAL-TEMPLATE-TEXT",
    severity: Severity::Warning,
    summary: "总体目标栏中留有模板的填写说明",
};
pub const UNRELATED: RuleInfo = RuleInfo {
    id: "GOAL-UNRELATED",
    severity: Severity::Warning,
    summary: "年度目标未提及指标衡量的内容",
};

/// Character pairs too generic to tie a goal to an indicator.
const GENERIC_PAIRS: &[&str] = &[
    "完成", "情况", "指标", "满意", "意度", "时间", "及时", "合格", "工作", "项目", "年度", "任务",
    "数量", "质量", "成本", "效益", "服务", "对象", "覆盖", "达标", "实施", "资金", "使用", "开展",
    "提高", "提升", "保障", "管理", "建设", "增加", "人数", "次数", "个数", "比例", "程度", "水平",
];

/// How much of each indicator name is cut into pairs: a name is a few
/// words, and a longer one (already reported as too long) says what it
/// measures at its start. This keeps the rule's work and memory linear in
/// the goal's length whatever the names hold.
pub const NAME_CHARS: usize = 200;

/// Two characters as one number, for a sorted list of pairs.
fn pair(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether two characters make one of [`GENERIC_PAIRS`]: a search of
/// their codes, sorted once, not a decoding of every listed word for
/// every pair of every name.
fn is_generic(a: char, b: char) -> bool {
    static CODES: OnceLock<Vec<u64>> = OnceLock::new();
    let codes = CODES.get_or_init(|| {
        let mut v: Vec<u64> = GENERIC_PAIRS
            .iter()
            .filter_map(|g| {
                let mut cs = g.chars();
                Some(pair(cs.next()?, cs.next()?))
            })
            .collect();
        v.sort_unstable();
        v
    });
    codes.binary_search(&pair(a, b)).is_ok()
}

/// Adds the distinctive character pairs of an indicator name (its first
/// [`NAME_CHARS`] characters, normalized) to `pairs`: generic words are
/// blanked out first, so that "完成情况" leaves nothing (not "成情").
fn add_key_pairs(name: &str, pairs: &mut Vec<u64>) {
    // A pair is kept when both its characters are Chinese and neither is
    // part of a generic word, that is, of a generic pair with the character
    // before or after it. The name is read once, without copying it: each
    // pair is decided when the character after it is known.
    let mut chars = name.chars().take(NAME_CHARS).map(normalize_char);
    let (Some(mut a), Some(mut b)) = (chars.next(), chars.next()) else {
        return;
    };
    // Whether the pair before (…, a), the pair (a, b) and the one after
    // (b, …) are generic words.
    let mut before = false;
    let mut this = is_generic(a, b);
    loop {
        let next = chars.next();
        let after = next.is_some_and(|c| is_generic(b, c));
        if is_cjk(a) && is_cjk(b) && !before && !this && !after {
            pairs.push(pair(a, b));
        }
        let Some(c) = next else {
            return;
        };
        (before, this, a, b) = (this, after, b, c);
    }
}

/// `Some(true)` when the goal mentions an indicator, `Some(false)` when it
/// mentions none, `None` when the names give nothing to look for.
///
/// A goal of ordinary length (up to [`GOAL_BYTES`]) is cut into its pairs
/// first, and each name's pairs are looked up in them as the name is read:
/// a goal mostly mentions the first indicators, and the first pair found
/// ends the search. A longer goal is read once against the names' pairs
/// instead, so that the work stays linear in its length.
pub(crate) fn mentions_indicators<'a>(
    goal: &str,
    names: impl Iterator<Item = &'a str>,
) -> Option<bool> {
    if goal.len() <= GOAL_BYTES {
        by_goal_pairs(goal, names)
    } else {
        by_name_pairs(goal, names)
    }
}

/// The longest goal, in bytes, whose pairs are listed and sorted: ten
/// times the length a goal may have (`max_text_chars`, 2000 characters).
pub const GOAL_BYTES: usize = 60_000;

/// [`mentions_indicators`] for a goal of ordinary length: the goal's pairs
/// sorted, the names' pairs looked up in them one name after another.
fn by_goal_pairs<'a>(goal: &str, names: impl Iterator<Item = &'a str>) -> Option<bool> {
    let mut in_goal: Vec<u64> = Vec::new();
    let mut chars = goal.chars().map(normalize_char);
    if let Some(mut prev) = chars.next() {
        for c in chars {
            in_goal.push(pair(prev, c));
            prev = c;
        }
    }
    in_goal.sort_unstable();
    let mut pairs = Vec::new();
    let mut any = false;
    for name in names {
        pairs.clear();
        add_key_pairs(name, &mut pairs);
        any |= !pairs.is_empty();
        if pairs.iter().any(|p| in_goal.binary_search(p).is_ok()) {
            return Some(true);
        }
    }
    any.then_some(false)
}

/// [`mentions_indicators`] for a long goal: the names' pairs go into one
/// sorted list, and the goal is read once, pair by pair, until one is in
/// the list: linear in the goal's length and in the names' (bounded)
/// lengths, with no text copied.
fn by_name_pairs<'a>(goal: &str, names: impl Iterator<Item = &'a str>) -> Option<bool> {
    let mut pairs = Vec::new();
    for name in names {
        add_key_pairs(name, &mut pairs);
    }
    if pairs.is_empty() {
        return None;
    }
    pairs.sort_unstable();
    pairs.dedup();
    let mut goal = goal.chars().map(normalize_char);
    let Some(mut prev) = goal.next() else {
        return Some(false);
    };
    for c in goal {
        if pairs.binary_search(&pair(prev, c)).is_ok() {
            return Some(true);
        }
        prev = c;
    }
    Some(false)
}

pub(super) fn check(doc: &Document, profile: &Profile, real: &[bool], out: &mut Out) {
    let max = profile.thresholds.max_text_chars;
    let (field, text) = if doc.kind.is_self_eval() {
        ("planned", doc.goals.planned.as_deref())
    } else {
        ("annual", doc.goals.annual.as_deref())
    };
    let path = format!("/goals/{field}");
    if blank(text) {
        if doc.kind.is_self_eval() {
            out.add(
                &PLANNED_MISSING,
                path,
                "请填写年度总体目标的预期目标（可从批复的绩效目标表复制）。".into(),
                &[],
            );
        } else {
            out.add(
                &MISSING,
                path,
                "请填写年度目标：写明本年度要完成的主要产出和预期效果，并与下方绩效指标对应。"
                    .into(),
                &[],
            );
        }
    } else {
        let text = text.unwrap_or_default();
        text_length(out, text, &path, "年度目标", max);
        if out.enabled(&UNRELATED) {
            let names = doc
                .indicators
                .iter()
                .zip(real)
                .filter(|(_, r)| **r)
                .map(|(i, _)| i.name.as_str());
            if mentions_indicators(text, names) == Some(false) {
                let example = doc
                    .indicators
                    .iter()
                    .zip(real)
                    .filter(|(i, r)| **r && !i.name.trimmed().is_empty())
                    .map(|(i, _)| i.name.trimmed())
                    .next()
                    .unwrap_or_default();
                out.add(
                    &UNRELATED,
                    path,
                    format!(
                        "年度目标没有提到绩效指标衡量的内容（如“{example}”），请在目标中写明主要产出和效果，使目标与指标相互对应。"
                    ),
                    &[("value", text.trimmed().to_string()), ("example", example.to_string())],
                );
            }
        }
    }
    if let Some(t) = doc.goals.medium_term.as_deref() {
        text_length(out, t, "/goals/medium_term", "中期目标", max);
    }
    if doc.kind.is_self_eval() {
        match doc.goals.achieved.as_deref() {
            t if blank(t) => out.add(
                &ACHIEVED_MISSING,
                "/goals/achieved".into(),
                "请填写年度总体目标的实际完成情况。".into(),
                &[],
            ),
            t => {
                let t = t.unwrap_or_default();
                text_length(out, t, "/goals/achieved", "实际完成情况", max);
                if let Some(why) = achieved_says_nothing(text.unwrap_or_default(), t) {
                    out.add(
                        &ACHIEVED_COPY,
                        "/goals/achieved".into(),
                        format!("实际完成情况{why}，请写明实际完成的数量、质量和效果，与预期目标逐项对照。"),
                        &[("value", t.trimmed().to_string())],
                    );
                }
            }
        }
    }
    for (field, text) in [
        ("annual", &doc.goals.annual),
        ("planned", &doc.goals.planned),
        ("achieved", &doc.goals.achieved),
    ] {
        if let Some(t) = text.as_deref().filter(|t| is_template_text(t)) {
            out.add(
                &TEMPLATE_TEXT,
                format!("/goals/{field}"),
                format!(
                    "“{}”是模板中的填写说明，请改为本项目的实际内容。",
                    t.trimmed()
                ),
                &[("value", t.trimmed().to_string())],
            );
        }
    }
}

/// Text compared loosely: without white space and punctuation.
fn loose(text: &str) -> String {
    normalize(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Why the achieved text says nothing the planned one did not: it repeats
/// it, or says only that it was done (`完成年度目标。`) where the plan
/// gave figures.
fn achieved_says_nothing(planned: &str, achieved: &str) -> Option<&'static str> {
    let (p, a) = (loose(planned), loose(achieved));
    if a.is_empty() {
        return None;
    }
    if a == p && a.chars().count() >= 8 {
        return Some("与预期目标一字不差");
    }
    let has_digits = |s: &str| s.chars().any(|c| c.is_ascii_digit());
    if has_digits(&p) && !has_digits(&a) && a.chars().count() <= 12 {
        return Some("只写了“完成”而没有数据");
    }
    None
}

/// True for the instructions a template prints in a box
/// (`对照年度目标，说明相关任务目标的完成情况（100字以内）`).
fn is_template_text(text: &str) -> bool {
    let t = normalize(text);
    t.contains("字以内")
        || t.contains("字以下")
        || (t.contains("对照") && t.contains("说明"))
        || t.contains("请填写")
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::testutil::*;
    use super::*;

    #[test]
    fn mentions() {
        let names = ["养护里程", "路况优良率"];
        assert_eq!(
            mentions_indicators("完成120公里日常养护", names.into_iter()),
            Some(true)
        );
        assert_eq!(
            mentions_indicators("做好全年各项工作", names.into_iter()),
            Some(false)
        );
        assert_eq!(
            mentions_indicators("做好全年各项工作", ["完成情况", "满意度"].into_iter()),
            None
        );
        assert_eq!(mentions_indicators("x", std::iter::empty()), None);
    }

    /// The pairs as first written: the name copied, its generic words
    /// marked, then its pairs taken.
    fn pairs_by_copy(name: &str) -> Vec<u64> {
        let chars: Vec<char> = name.chars().take(NAME_CHARS).map(normalize_char).collect();
        let mut generic = vec![false; chars.len()];
        for (i, w) in chars.windows(2).enumerate() {
            if is_generic(w[0], w[1]) {
                generic[i] = true;
                generic[i + 1] = true;
            }
        }
        let mut pairs = Vec::new();
        for (i, w) in chars.windows(2).enumerate() {
            if is_cjk(w[0]) && is_cjk(w[1]) && !generic[i] && !generic[i + 1] {
                pairs.push(pair(w[0], w[1]));
            }
        }
        pairs
    }

    #[test]
    fn pairs_skip_generic_words() {
        let names = [
            "",
            "养",
            "养护",
            "完成",
            "完成情况",
            "养护完成情况",
            "完成养护里程",
            "养护里程完成率",
            "群众满意度",
            "服务对象满意度",
            "时间节点及时完成率",
            "ａ养护Ｂ里程ｃ",
            "养 护里程",
            "第12段农村公路养护指标",
        ];
        for name in names {
            let mut pairs = Vec::new();
            add_key_pairs(name, &mut pairs);
            assert_eq!(pairs, pairs_by_copy(name), "{name}");
        }
        let mut pairs = Vec::new();
        add_key_pairs("养护完成情况", &mut pairs);
        assert_eq!(pairs, [pair('养', '护')]);
        let long = "养护里程".repeat(NAME_CHARS);
        let mut pairs = Vec::new();
        add_key_pairs(&long, &mut pairs);
        assert_eq!(pairs, pairs_by_copy(&long));
        assert_eq!(pairs.len(), NAME_CHARS - 1);
    }

    #[test]
    fn short_and_long_goals_are_read_alike() {
        let names = [
            "养护里程",
            "路况优良率",
            "完成情况",
            "满意度",
            "ａ养护Ｂ",
            "",
            "第12段农村公路养护指标",
        ];
        let goals = [
            "",
            "x",
            "完成120公里日常养护",
            "做好全年各项工作",
            "路况优良率不低于85%",
            "完成情况良好，群众满意度高",
            "农村公路",
            "养护",
        ];
        // Every goal against every run of consecutive names.
        for goal in goals {
            for from in 0..names.len() {
                for to in from..=names.len() {
                    let names = || names[from..to].iter().copied();
                    assert_eq!(
                        by_goal_pairs(goal, names()),
                        by_name_pairs(goal, names()),
                        "{goal} / {:?}",
                        names().collect::<Vec<_>>()
                    );
                }
            }
        }
        // A goal just over the limit takes the other way, to the same answer.
        let long = format!("{}养护", "好".repeat(GOAL_BYTES / 3));
        assert!(long.len() > GOAL_BYTES);
        assert_eq!(mentions_indicators(&long, names.into_iter()), Some(true));
        assert_eq!(by_goal_pairs(&long, names.into_iter()), Some(true));
    }

    #[test]
    fn long_names_and_goals_are_read_in_bounded_time() {
        // A 2 MB name: its first pairs count, the rest is not looked at.
        let name = format!("养护里程{}", "x".repeat(2 * 1024 * 1024));
        let goal = format!("{}里程", "好".repeat(1024 * 1024));
        assert_eq!(
            mentions_indicators(&goal, [name.as_str()].into_iter()),
            Some(true)
        );
        assert_eq!(
            mentions_indicators(&"好".repeat(1024 * 1024), [name.as_str()].into_iter()),
            Some(false)
        );
        // What a name says after its first NAME_CHARS characters is not
        // used: this one gives nothing to look for.
        let late = format!("{}养护里程", "x".repeat(NAME_CHARS));
        assert_eq!(
            mentions_indicators("完成养护里程", [late.as_str()].into_iter()),
            None
        );
        let early = format!("{}养护里程", "x".repeat(NAME_CHARS - 4));
        assert_eq!(
            mentions_indicators("完成养护里程", [early.as_str()].into_iter()),
            Some(true)
        );
    }

    pub(crate) fn cases() -> Vec<Case> {
        let mut v = Vec::new();
        // The achieved text copies the plan, or says only "done"; a
        // template's instructions are left in a box.
        let mut d = base("project-self-eval");
        d["goals"]["achieved"] = d["goals"]["planned"].clone();
        v.push(case(
            "achieved copies planned",
            d,
            &[("GOAL-ACHIEVED-COPY", "/goals/achieved")],
        ));
        let mut d = base("project-self-eval");
        d["goals"]["planned"] = "完成120公里农村公路养护，路况优良率不低于85%。".into();
        d["goals"]["achieved"] = "完成年度目标。".into();
        v.push(case(
            "achieved says only done",
            d,
            &[("GOAL-ACHIEVED-COPY", "/goals/achieved")],
        ));
        let mut d = base("project-self-eval");
        d["goals"]["achieved"] = "对照年度目标，说明相关任务目标的完成情况（100字以内）".into();
        v.push(case(
            "template instructions",
            d,
            &[("GOAL-TEMPLATE-TEXT", "/goals/achieved")],
        ));
        let mut d = base("project-goal");
        d["goals"]["annual"] = "  ".into();
        v.push(case(
            "no annual goal",
            d,
            &[("GOAL-MISSING", "/goals/annual")],
        ));
        let mut d = base("project-goal");
        d["goals"]["annual"] = "认真落实上级决策部署，全面做好本年度各项工作。".into();
        v.push(case(
            "goal unrelated to the indicators",
            d,
            &[("GOAL-UNRELATED", "/goals/annual")],
        ));
        let mut d = base("project-self-eval");
        d["goals"] = serde_json::json!({});
        v.push(case(
            "self-eval goals blank",
            d,
            &[
                ("GOAL-PLANNED-MISSING", "/goals/planned"),
                ("GOAL-ACHIEVED-MISSING", "/goals/achieved"),
            ],
        ));
        let mut d = base("unit-goal");
        d["goals"]["annual"] = "好".repeat(2001).into();
        v.push(case(
            "goal too long",
            d,
            &[
                ("TEXT-TOO-LONG", "/goals/annual"),
                ("GOAL-UNRELATED", "/goals/annual"),
            ],
        ));
        v
    }

    #[test]
    fn goal_rules() {
        run_cases(cases());
    }
}
