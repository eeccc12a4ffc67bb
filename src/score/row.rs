//! One indicator row: its score by rule or by the evaluator, explained, and
//! the reconciliation of that score with the one the unit typed.
//!
//! The rules and the rounding are described in the parent module. Every
//! division here is one division of exact products (`actual × weight /
//! target`), checked, so that a huge value gives a `SCORE-ARITH` finding and
//! never an overflow.

use rust_decimal::Decimal;

use crate::num::Exact;

use super::show::{approx, exact, round_score, round_to};
use super::{
    RowScore, ScoreBand, Sink, ACTUAL, ACTUAL_KIND, ARITH, BAND, DEVIATION, EVAL_MISSING,
    FAR_ABOVE, FAR_ABOVE_EXPLAINED, FULL_ON_MISS, TARGET, TYPED_HIGH, TYPED_INVALID, TYPED_LOW,
    TYPED_LOW_EXPLAINED, TYPED_RANGE, TYPED_ROUNDED, UNIT, WEIGHT,
};
use crate::finding::RuleInfo;
use crate::model::Indicator;
use crate::num::Num;
use crate::profile::scoring::{LateRule, ReverseRule};
use crate::target::{level_against, Actual, Level, Op, PartialDate, Target, TargetErrorKind};
use crate::text::Trimmed;

/// What scoring one row gave, for the totals.
#[derive(Clone)]
pub(crate) struct RowResult {
    pub score: RowScore,
    /// The score the unit typed, when it is a readable number.
    pub typed: Option<Decimal>,
    /// A breakdown row (`其中…`, no weight): not scored, not missing.
    pub breakdown: bool,
}

/// How the row names itself in messages: `第3行“养护里程”`.
pub(crate) fn label(i: usize, ind: &Indicator) -> String {
    Label(i, ind).to_string()
}

/// The row's [`label`], written only into the messages that use it: most
/// rows have no finding, and no label needs to be built for them.
#[derive(Clone, Copy)]
struct Label<'r>(usize, &'r Indicator);

impl std::fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.1.name.trimmed();
        if name.is_empty() {
            write!(f, "第{}行", self.0 + 1)
        } else {
            write!(f, "第{}行“{}”", self.0 + 1, name)
        }
    }
}

/// A 成本 row: level 1 成本指标, or a level 2 that names 成本.
pub(crate) fn is_cost(ind: &Indicator) -> bool {
    ind.level1.trimmed() == "成本指标" || ind.level2.contains("成本")
}

/// The typed score of a row, as far as it can be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Typed {
    Absent,
    Unreadable,
    /// Readable, but below 0 or above the weight.
    OutOfRange(Decimal),
    Ok(Decimal),
}

/// The result of scoring by the row's own rule.
struct Outcome {
    score: Option<Decimal>,
    how: String,
    /// Whether the target was met, where that is known.
    met: Option<bool>,
    /// The score is the evaluator's typed score (qualitative and late rows),
    /// so there is nothing to reconcile it with.
    evaluator: bool,
    /// The band the evaluator's score must lie in (qualitative rows).
    band: Option<ScoreBand>,
}

impl Outcome {
    fn none(why: impl AsRef<str>) -> Outcome {
        Outcome {
            score: None,
            how: format!("未计分：{}", why.as_ref()),
            met: None,
            evaluator: false,
            band: None,
        }
    }

    /// Records the band a qualitative row's score must lie in.
    fn with_band(mut self, band: ScoreBand) -> Outcome {
        self.band = Some(band);
        self
    }

    /// Records whether the target was met, for a row that is not scored.
    fn with_met(mut self, met: bool) -> Outcome {
        self.met = Some(met);
        self
    }

    fn rule(score: Decimal, how: String, met: bool) -> Outcome {
        Outcome {
            score: Some(score),
            how,
            met: Some(met),
            evaluator: false,
            band: None,
        }
    }
}

struct Row<'r, 'p> {
    sink: &'r mut Sink<'p>,
    i: usize,
    ind: &'r Indicator,
    label: Label<'r>,
}

impl Row<'_, '_> {
    /// Records a finding about a field of the row, with the row's id
    /// among its parameters.
    fn emit(&mut self, rule: &RuleInfo, field: &str, message: String, params: &[(&str, String)]) {
        let path = crate::rules::ind_path(self.i, field);
        self.sink
            .emit_with(rule, path, message, Some(&self.ind.id), params);
    }

    fn round(&self, exact: Decimal, weight: Decimal) -> Decimal {
        round_score(exact, weight, self.sink.profile.scoring.rounding)
    }

    fn deviation_filled(&self) -> bool {
        self.ind
            .deviation
            .as_deref()
            .is_some_and(|d| !d.trimmed().is_empty())
    }

    fn overflow(&mut self, field: &str) -> Outcome {
        let msg = format!(
            "{}的数值过大，按比例计算时溢出，无法计分；请核对指标值、实际完成值和分值。",
            self.label
        );
        self.emit(&ARITH, field, msg, &[]);
        Outcome::none("数值过大，计算溢出")
    }

    /// Scores the row by its rule, or takes the evaluator's score.
    fn compute(&mut self, w: Decimal, typed: Typed, year: Option<i32>) -> Outcome {
        let ind = self.ind;
        let tfield = if ind.adjusted_target.is_some() {
            "adjusted_target"
        } else {
            "target"
        };
        let measured = ind.measured_target();
        let target = measured.as_ref();
        // Both the target and the actual are checked, so that one pass
        // reports every problem of the row.
        let mut bad_target = false;
        if let Target::Invalid { text, error, .. } = target {
            let msg = if error.kind == TargetErrorKind::Empty {
                format!("{}未填写指标值，无法计分。", self.label)
            } else {
                format!(
                    "{}的指标值“{}”无法识别：{}",
                    self.label,
                    text,
                    error.message()
                )
            };
            self.emit(&TARGET, tfield, msg, &[("text", text.clone())]);
            bad_target = true;
        }
        let actual = match &ind.actual {
            None => {
                let msg = format!("{}未填写实际完成值，无法计分。", self.label);
                self.emit(&ACTUAL, "actual", msg, &[]);
                None
            }
            Some(a) => match &a.parsed {
                Actual::Invalid(e) => {
                    let msg = if e.kind == TargetErrorKind::Empty {
                        format!("{}未填写实际完成值，无法计分。", self.label)
                    } else {
                        format!(
                            "{}的实际完成值“{}”无法识别：{}",
                            self.label,
                            a.text,
                            e.message()
                        )
                    };
                    self.emit(&ACTUAL, "actual", msg, &[("text", a.text.clone())]);
                    None
                }
                _ => Some(a),
            },
        };
        if bad_target {
            return Outcome::none("指标值无法识别");
        }
        let Some(actual) = actual else {
            return Outcome::none(match &ind.actual {
                None => "未填写实际完成值",
                Some(_) => "实际完成值无法识别",
            });
        };
        match (target, &actual.parsed) {
            (
                Target::Quantity { op, value, unit },
                Actual::Number {
                    value: a,
                    unit: aunit,
                    ..
                },
            ) => self.quantity(*op, *value, unit, *a, aunit, w),
            (
                Target::Band {
                    centre,
                    tolerance,
                    unit,
                },
                Actual::Number {
                    value: a,
                    unit: aunit,
                    ..
                },
            ) => self.band(*centre, *tolerance, unit, *a, aunit, w),
            (Target::Date { op, date, .. }, Actual::Date(ad)) => {
                self.date(*op, *date, *ad, w, typed, year, tfield)
            }
            // `按时完成` for a deadline: a level, scored in its band.
            (Target::Date { .. }, Actual::Level(level)) => self.qualitative(*level, w, typed),
            (Target::Qualitative { .. }, a) if level_against(a, target).is_some() => {
                let level = level_against(a, target).unwrap_or(Level::Met);
                self.qualitative(level, w, typed)
            }
            (Target::Qualitative { .. }, Actual::Text(text)) => self.unstated(text, w, typed),
            (t, _) => {
                let expected = match t {
                    Target::Quantity { .. } => "数值（如“118”）",
                    Target::Band { .. } => "偏差（如“3%”）",
                    Target::Date { .. } => "完成日期（如“2024-11-30”）",
                    _ => "达成等级（达成、部分达成或未达成）",
                };
                let msg = format!(
                    "{}的指标值为“{}”，实际完成值应填写{}，现为“{}”，无法计分。",
                    self.label, t, expected, actual.text
                );
                self.emit(
                    &ACTUAL_KIND,
                    "actual",
                    msg,
                    &[("text", actual.text.clone()), ("target", t.to_string())],
                );
                Outcome::none(format!("实际完成值应为{expected}"))
            }
        }
    }

    /// A tolerance band: full marks while the deviation (from the centre,
    /// where one is given) stays within the tolerance; beyond it, the
    /// tolerance over the deviation, by proportion, as a reverse indicator.
    fn band(
        &mut self,
        centre: Option<Decimal>,
        tol: Decimal,
        tunit: &str,
        a: Decimal,
        aunit: &str,
        w: Decimal,
    ) -> Outcome {
        self.unit_differs(tunit, aunit);
        let deviation = match centre {
            Some(c) => a.try_sub(c).map(|d| d.abs()),
            None => Some(a.abs()),
        };
        let Some(d) = deviation else {
            return self.overflow("actual");
        };
        let full = self.round(w, w);
        let shown = match centre {
            Some(c) => format!("{a} 偏离 {c} {d}"),
            None => format!("偏差 {d}"),
        };
        if d <= tol {
            return Outcome::rule(
                full,
                format!("{shown}{tunit}，在 ±{tol}{tunit} 以内，得满分 {full}"),
                true,
            );
        }
        // Here d > tol ≥ 0, so d > 0.
        let Some(x) = tol.try_mul(w).and_then(|p| p.try_div(d)) else {
            return self.overflow("actual");
        };
        let s = self.round(x, w);
        let how = format!(
            "{shown}{tunit}，超出 ±{tol}{tunit}：{tol} / {d} × {w} = {}（按偏差比例计分）",
            approx(x, s)
        );
        Outcome::rule(s, how, false)
    }

    /// A qualitative row whose actual says what was done but no level
    /// (`有所提高` for `明显改善`): the evaluator's typed score, anywhere
    /// from 0 to the weight; the checks ask for the level
    /// (`EVAL-ACTUAL-LEVEL`).
    fn unstated(&mut self, text: &str, w: Decimal, typed: Typed) -> Outcome {
        match typed {
            Typed::Ok(t) => {
                let s = self.round(t, w);
                Outcome {
                    score: Some(s),
                    how: format!("完成情况“{text}”未写明达成等级；评价人打分 {t} → {s}"),
                    met: None,
                    evaluator: true,
                    band: None,
                }
            }
            Typed::Absent => {
                let msg = format!(
                    "{}为定性指标，完成情况“{}”未写明达成等级，请评价人打分并写明“达成”“部分达成”或“未达成”。",
                    self.label, text
                );
                self.emit(&EVAL_MISSING, "score", msg, &[]);
                Outcome::none("未写明达成等级，需评价人打分")
            }
            Typed::Unreadable => Outcome::none("填报的得分无法识别"),
            Typed::OutOfRange(t) => Outcome::none(format!("填报的得分 {t} 不在 0 至 {w} 之间")),
        }
    }

    /// Says where the actual's unit is not the target's (`SCORE-UNIT`);
    /// units written in more than one way (`米` and `m`) are the same.
    fn unit_differs(&mut self, tunit: &str, aunit: &str) {
        if !aunit.is_empty()
            && !tunit.is_empty()
            && aunit != tunit
            && !crate::target::same_unit(aunit, tunit)
        {
            let msg = format!(
                "{}实际完成值的单位“{}”与指标值的单位“{}”不同；得分按两者的数值直接比较计算，如单位确有不同，请换算成指标值的单位后填写。",
                self.label, aunit, tunit
            );
            self.emit(
                &UNIT,
                "actual",
                msg,
                &[
                    ("unit", aunit.to_string()),
                    ("target_unit", tunit.to_string()),
                ],
            );
        }
    }

    fn quantity(
        &mut self,
        op: Option<Op>,
        t: Decimal,
        tunit: &str,
        a: Decimal,
        aunit: &str,
        w: Decimal,
    ) -> Outcome {
        self.unit_differs(tunit, aunit);
        if a.is_sign_negative() && !a.is_zero() {
            let msg = format!(
                "{}的实际完成值 {} 为负数，无法按比例计分；请核对实际完成值。",
                self.label, a
            );
            self.emit(&ARITH, "actual", msg, &[("actual", a.to_string())]);
            return Outcome::none("实际完成值为负数");
        }
        let cost = is_cost(self.ind);
        let reverse = match op {
            Some(Op::Le) | Some(Op::Lt) => true,
            Some(Op::Ge) | Some(Op::Gt) => false,
            Some(Op::Eq) | None => cost,
        };
        let full = self.round(w, w);
        if !reverse {
            if a >= t {
                let mut how = format!("{a} ≥ {t}，达到指标值，得满分 {full}");
                self.far_above(t, a, &mut how);
                return Outcome::rule(full, how, true);
            }
            // Here 0 ≤ a < t, so t > 0 and the division is safe.
            let Some(x) = a.try_mul(w).and_then(|p| p.try_div(t)) else {
                return self.overflow("actual");
            };
            let s = self.round(x, w);
            return Outcome::rule(s, format!("{a} / {t} × {w} = {}", approx(x, s)), false);
        }
        if a <= t {
            return Outcome::rule(full, format!("{a} ≤ {t}，达到指标值，得满分 {full}"), true);
        }
        let why = if matches!(op, Some(Op::Eq) | None) {
            "成本指标超出指标值，作反向指标"
        } else {
            "反向指标超出指标值，"
        };
        match self.sink.profile.scoring.reverse_rule {
            ReverseRule::Proportional => {
                if t.is_sign_negative() && !t.is_zero() {
                    let msg = format!(
                        "{}的指标值 {} 为负数，反向指标无法按比例计分；请核对指标值。",
                        self.label, t
                    );
                    self.emit(&ARITH, "target", msg, &[("target", t.to_string())]);
                    return Outcome::none("指标值为负数");
                }
                // Here a > t ≥ 0, so a > 0.
                let Some(x) = t.try_mul(w).and_then(|p| p.try_div(a)) else {
                    return self.overflow("actual");
                };
                let s = self.round(x, w);
                let how = format!("{t} / {a} × {w} = {}（{why}按比例计分）", approx(x, s));
                Outcome::rule(s, how, false)
            }
            ReverseRule::Linear => {
                if t <= Decimal::ZERO {
                    let msg = format!(
                        "{}的指标值为 {}，线性计分要除以指标值，无法计算；请核对指标值，或在规则配置中改用按比例计分。",
                        self.label, t
                    );
                    self.emit(&ARITH, "target", msg, &[("target", t.to_string())]);
                    return Outcome::none("指标值为 0 或负数，无法线性计分");
                }
                // (1 − (a − t) / t) × w = (2t − a) × w / t, one division.
                let x = t
                    .try_add(t)
                    .and_then(|tt| tt.try_sub(a))
                    .and_then(|d| d.try_mul(w))
                    .and_then(|p| p.try_div(t));
                let Some(x) = x else {
                    return self.overflow("actual");
                };
                let s = self.round(x, w);
                let formula = format!("(1 − ({a} − {t}) / {t}) × {w}");
                let how = if x < Decimal::ZERO {
                    format!(
                        "{formula} = {}，低于 0，得 {s}（{why}按线性计分）",
                        exact(x)
                    )
                } else {
                    format!("{formula} = {}（{why}按线性计分）", approx(x, s))
                };
                Outcome::rule(s, how, false)
            }
        }
    }

    /// Warns where a positive row's actual is far above its target.
    fn far_above(&mut self, t: Decimal, a: Decimal, how: &mut String) {
        let ratio = self.sink.profile.thresholds.far_above_ratio;
        if t <= Decimal::ZERO || ratio <= Decimal::ZERO {
            return;
        }
        let Some(limit) = t.try_mul(ratio) else {
            return;
        };
        if a < limit {
            return;
        }
        // The multiple, where it can be computed (a tiny target under a huge
        // actual overflows the division).
        let times = a.try_div(t).map(|x| round_to(x, 2).to_string());
        // Where the deviation text is filled, the explanation asked for is
        // there: the finding stays, as information for the evaluator.
        let (rule, ask) = if self.deviation_filled() {
            (
                &FAR_ABOVE_EXPLAINED,
                "已填写偏差原因，评价人可据此酌情扣分。",
            )
        } else {
            (
                &FAR_ABOVE,
                "按规则得满分，评价人可视偏差情况扣分；请在偏差原因分析中说明原因。",
            )
        };
        let how_far = match &times {
            Some(x) => format!("是指标值 {t} 的 {x} 倍"),
            None => format!("远超指标值 {t}，倍数过大无法计算"),
        };
        let msg = format!(
            "{}实际完成值 {a} {how_far}（达到 {ratio} 倍及以上），可能是指标值定得过低；{ask}",
            self.label
        );
        let mut params = vec![
            ("actual", a.to_string()),
            ("target", t.to_string()),
            ("threshold", ratio.to_string()),
        ];
        if let Some(x) = &times {
            params.push(("ratio", x.clone()));
        }
        let params: Vec<(&str, String)> = params;
        self.emit(rule, "actual", msg, &params);
        how.push_str(&match &times {
            Some(x) => format!("；实际完成值为指标值的 {x} 倍，需说明原因"),
            None => "；实际完成值远超指标值，需说明原因".to_string(),
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn date(
        &mut self,
        op: Op,
        td: PartialDate,
        ad: PartialDate,
        w: Decimal,
        typed: Typed,
        year: Option<i32>,
        tfield: &str,
    ) -> Outcome {
        let Some(tn) = td.day_number() else {
            let msg = format!(
                "{}的完成期限“{}”没有年份，无法判断是否按期；请写成完整日期（如“2024年12月31日前”）或填写表头的年度。",
                self.label, td
            );
            self.emit(&TARGET, tfield, msg, &[("text", td.to_string())]);
            return Outcome::none("完成期限缺少年份");
        };
        let ad = PartialDate {
            year: ad.year.or(year).or(td.year),
            ..ad
        };
        let Some(an) = ad.day_number() else {
            return Outcome::none("完成日期缺少年份");
        };
        let after = matches!(op, Op::Ge | Op::Gt);
        let met = if after { an >= tn } else { an <= tn };
        let full = self.round(w, w);
        if met {
            let word = if after { "不早于" } else { "不晚于" };
            return Outcome::rule(
                full,
                format!("完成于 {ad}，{word}期限 {td}，得满分 {full}"),
                true,
            );
        }
        let days = (an - tn).abs();
        let missed = format!(
            "完成于 {ad}，{}期限 {td} {days} 天",
            if after { "早于" } else { "晚于" }
        );
        match self.sink.profile.scoring.late_rule {
            LateRule::Evaluator => match typed {
                Typed::Absent => {
                    let msg = format!(
                        "{}未按期完成（{}），按规则由评价人打分：请在得分栏填写低于分值 {} 的得分，并填写偏差原因。",
                        self.label, missed, w
                    );
                    self.emit(&EVAL_MISSING, "score", msg, &[("days", days.to_string())]);
                    Outcome::none(format!("{missed}，需评价人打分")).with_met(false)
                }
                Typed::Unreadable => {
                    Outcome::none(format!("{missed}，填报的得分无法识别")).with_met(false)
                }
                Typed::OutOfRange(t) => {
                    Outcome::none(format!("{missed}，填报的得分 {t} 不在 0 至 {w} 之间"))
                        .with_met(false)
                }
                Typed::Ok(t) if t >= w => {
                    let msg = format!(
                        "{}未按期完成（{}），却填报了满分 {}；未完成指标不能得满分，请按完成情况打分（低于 {}）。",
                        self.label, missed, t, w
                    );
                    self.emit(
                        &FULL_ON_MISS,
                        "score",
                        msg,
                        &[("typed", t.to_string()), ("weight", w.to_string())],
                    );
                    Outcome::none(format!("{missed}，未按期完成不能得满分")).with_met(false)
                }
                Typed::Ok(t) => {
                    let s = self.round(t, w);
                    Outcome {
                        score: Some(s),
                        how: format!("{missed}；评价人打分 {t} → {s}"),
                        met: Some(false),
                        evaluator: true,
                        band: None,
                    }
                }
            },
            LateRule::DaysLate { percent_per_day: p } => {
                // w × (1 − days × p%) = w × (100 − days × p) / 100.
                let x = Decimal::from(days)
                    .try_mul(p)
                    .and_then(|d| Decimal::ONE_HUNDRED.try_sub(d))
                    .and_then(|r| r.try_mul(w))
                    .and_then(|x| x.try_div(Decimal::ONE_HUNDRED));
                let Some(x) = x else {
                    return self.overflow("actual");
                };
                let s = self.round(x, w);
                let formula = format!("{missed}；{w} × (1 − {days} × {p}%)");
                let how = if x < Decimal::ZERO {
                    format!("{formula} = {}，低于 0，得 {s}", exact(x))
                } else {
                    format!("{formula} = {}", approx(x, s))
                };
                Outcome::rule(s, how, false)
            }
        }
    }

    fn qualitative(&mut self, level: Level, w: Decimal, typed: Typed) -> Outcome {
        let bands = &self.sink.profile.scoring.bands;
        let band = match level {
            Level::Met => bands.met,
            Level::Partial => bands.partial,
            Level::NotMet => bands.not_met,
        };
        let bound = |pct: Decimal| w.try_mul(pct).and_then(|x| x.try_div(Decimal::ONE_HUNDRED));
        let (Some(lo), Some(hi)) = (bound(band[0]), bound(band[1])) else {
            return self.overflow("weight");
        };
        let hi_included = band[1] >= Decimal::ONE_HUNDRED;
        let range = format!(
            "{} ≤ 得分 {} {}",
            exact(lo),
            if hi_included { "≤" } else { "<" },
            exact(hi)
        );
        let name = level.name();
        let band = ScoreBand {
            level: name.to_string(),
            min: round_to(lo, 2),
            max: round_to(hi, 2),
        };
        self.qualitative_scored(level, w, typed, lo, hi, hi_included, &range)
            .with_band(band)
    }

    /// The qualitative row's outcome, its band worked out by
    /// [`Row::qualitative`].
    #[allow(clippy::too_many_arguments)]
    fn qualitative_scored(
        &mut self,
        level: Level,
        w: Decimal,
        typed: Typed,
        lo: Decimal,
        hi: Decimal,
        hi_included: bool,
        range: &str,
    ) -> Outcome {
        let range = range.to_string();
        let name = level.name();
        match typed {
            Typed::Absent => {
                let msg = format!(
                    "{}为定性指标，评为“{}”，请评价人在 {} 的区间内打分。",
                    self.label, name, range
                );
                self.emit(
                    &EVAL_MISSING,
                    "score",
                    msg,
                    &[("level", name.to_string()), ("range", range.clone())],
                );
                Outcome::none(format!("定性指标评为“{name}”，需评价人在 {range} 内打分"))
                    .with_met(level == Level::Met)
            }
            Typed::Unreadable => Outcome::none("填报的得分无法识别").with_met(level == Level::Met),
            Typed::OutOfRange(t) => Outcome::none(format!("填报的得分 {t} 不在 0 至 {w} 之间"))
                .with_met(level == Level::Met),
            Typed::Ok(t) => {
                let inside = t >= lo && (t < hi || (hi_included && t <= hi));
                if !inside {
                    let msg = format!(
                        "{}评为“{}”，该等级的得分应在 {} 的区间内，填报的得分 {} 不在区间内；请调整得分或达成等级。",
                        self.label, name, range, t
                    );
                    self.emit(
                        &BAND,
                        "score",
                        msg,
                        &[
                            ("level", name.to_string()),
                            ("range", range.clone()),
                            ("typed", t.to_string()),
                        ],
                    );
                    return Outcome::none(format!("评为“{name}”，打分 {t} 不在 {range} 内"))
                        .with_met(level == Level::Met);
                }
                let s = self.round(t, w);
                Outcome {
                    score: Some(s),
                    how: format!("评为“{name}”（{range}），评价人打分 {t} → {s}"),
                    met: Some(level == Level::Met),
                    evaluator: true,
                    band: None,
                }
            }
        }
    }

    /// Compares a rule score with the score the unit typed.
    fn reconcile(
        &mut self,
        computed: Decimal,
        typed: Decimal,
        w: Decimal,
        met: Option<bool>,
        how: &str,
    ) {
        if typed == computed {
            return;
        }
        let params = [
            ("typed", typed.to_string()),
            ("computed", computed.to_string()),
        ];
        if met == Some(false) && typed >= w {
            let msg = format!(
                "{}未完成指标值，按规则得分 {}（{}），却填报了满分 {}；请改为 {}。",
                self.label, computed, how, typed, computed
            );
            self.emit(&FULL_ON_MISS, "score", msg, &params);
            return;
        }
        let diff = (typed - computed).abs();
        if typed == round_to(computed, 0) {
            let msg = format!(
                "{}填报的得分 {} 是按规则计算的得分 {}（{}）取整的结果；本规则保留两位小数，得分按 {} 计。",
                self.label, typed, computed, how, computed
            );
            self.emit(&TYPED_ROUNDED, "score", msg, &params);
        } else if typed > computed {
            let msg = format!(
                "{}填报的得分 {} 高于按规则计算的得分 {}（{}），多出 {} 分；请改为 {}。",
                self.label, typed, computed, how, diff, computed
            );
            self.emit(&TYPED_HIGH, "score", msg, &params);
        } else if self.deviation_filled() {
            let msg = format!(
                "{}填报的得分 {} 低于按规则计算的得分 {}（{}），扣 {} 分，已在偏差原因分析中说明。",
                self.label, typed, computed, how, diff
            );
            self.emit(&TYPED_LOW_EXPLAINED, "score", msg, &params);
        } else {
            let msg = format!(
                "{}填报的得分 {} 低于按规则计算的得分 {}（{}），扣 {} 分；请在偏差原因分析中说明扣分理由。",
                self.label, typed, computed, how, diff
            );
            self.emit(&TYPED_LOW, "score", msg, &params);
        }
    }
}

/// Scores one row (index `i`), reporting its findings into `sink`.
pub(crate) fn score_row(
    sink: &mut Sink,
    i: usize,
    ind: &Indicator,
    year: Option<i32>,
) -> RowResult {
    let mut row = Row {
        sink,
        i,
        ind,
        label: Label(i, ind),
    };
    let typed_value = match &ind.score {
        None => None,
        Some(Num::Invalid { text, error }) => {
            let msg = format!(
                "{}填报的得分“{}”无法识别：{}",
                row.label,
                text,
                error.message()
            );
            row.emit(&TYPED_INVALID, "score", msg, &[("typed", text.clone())]);
            None
        }
        Some(Num::Valid(t)) => Some(*t),
    };
    let unscored = |how: &str| RowResult {
        score: RowScore {
            id: ind.id.clone(),
            score: None,
            how: format!("未计分：{how}"),
            band: None,
        },
        typed: typed_value,
        breakdown: false,
    };
    // A row with a readable weight is never a breakdown row (and most
    // rows have one: the name need not be looked at).
    if !matches!(ind.weight, Some(Num::Valid(_))) && ind.is_breakdown() {
        return RowResult {
            score: RowScore {
                id: ind.id.clone(),
                score: None,
                how: "分项（其中），随上一行计分".to_string(),
                band: None,
            },
            typed: None,
            breakdown: true,
        };
    }
    let w = match &ind.weight {
        None => {
            let msg = format!(
                "{}未填写分值（权重），无法计分；请填写该行的分值。",
                row.label
            );
            row.emit(&WEIGHT, "weight", msg, &[]);
            return unscored("未填写分值");
        }
        Some(Num::Invalid { text, error }) => {
            let msg = format!("{}的分值“{}”无法识别：{}", row.label, text, error.message());
            row.emit(&WEIGHT, "weight", msg, &[("text", text.clone())]);
            return unscored("分值无法识别");
        }
        Some(Num::Valid(w)) if *w < Decimal::ZERO => {
            let msg = format!("{}的分值 {} 为负数，请填写 0 或正数。", row.label, w);
            row.emit(&WEIGHT, "weight", msg, &[("weight", w.to_string())]);
            return unscored("分值为负数");
        }
        Some(Num::Valid(w)) => *w,
    };
    let typed = match (&ind.score, typed_value) {
        (None, _) => Typed::Absent,
        (Some(_), None) => Typed::Unreadable,
        (Some(_), Some(t)) if t < Decimal::ZERO || t > w => {
            let msg = if t > w {
                format!(
                    "{}填报的得分 {} 高于该行分值 {}，得分不能超过分值。",
                    row.label, t, w
                )
            } else {
                format!(
                    "{}填报的得分 {} 为负数，得分应在 0 至 {} 之间。",
                    row.label, t, w
                )
            };
            row.emit(
                &TYPED_RANGE,
                "score",
                msg,
                &[("typed", t.to_string()), ("weight", w.to_string())],
            );
            Typed::OutOfRange(t)
        }
        (Some(_), Some(t)) => Typed::Ok(t),
    };

    let outcome = row.compute(w, typed, year);

    if let (false, Some(c), Typed::Ok(t)) = (outcome.evaluator, outcome.score, typed) {
        row.reconcile(c, t, w, outcome.met, &outcome.how);
    }
    let below = outcome.score.is_some_and(|s| s < w) || outcome.met == Some(false);
    if below && !row.deviation_filled() {
        let why = match outcome.score {
            Some(s) if s < w => format!("得分 {s} 低于分值 {w}"),
            _ => "未完成指标值".to_string(),
        };
        let msg = format!("{}{}，请填写偏差原因分析及改进措施。", row.label, why);
        row.emit(&DEVIATION, "deviation", msg, &[("weight", w.to_string())]);
    }
    RowResult {
        score: RowScore {
            id: ind.id.clone(),
            score: outcome.score,
            how: outcome.how,
            band: outcome.band,
        },
        typed: typed_value,
        breakdown: false,
    }
}
