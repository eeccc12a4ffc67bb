//! Budget execution (预算执行率): rate = 全年执行数 / 全年预算数, score = rate ×
//! weight, capped at the weight, and its reconciliation with the typed score.
//!
//! The rate is shown to 4 decimals; the score is computed from the exact
//! amounts as `执行数 × 分值 / 预算数` (one division) and rounded like a row.

use rust_decimal::Decimal;

use crate::num::Exact;

use super::show::{approx, exact, round_score, round_to};
use super::{
    ExecutionScore, Sink, ARITH, EXEC_INITIAL, EXEC_INPUT, TYPED_HIGH, TYPED_INVALID, TYPED_LOW,
    TYPED_LOW_EXPLAINED, TYPED_RANGE, TYPED_ROUNDED, WEIGHT,
};
use crate::model::{Document, Funds};
use crate::num::Num;
use crate::text::Trimmed;

/// What scoring the execution gave, for the totals.
pub(crate) struct ExecResult {
    pub score: Option<ExecutionScore>,
    /// The execution weight in force (zero: execution is not scored).
    pub weight: Option<Decimal>,
    /// The execution score the unit typed, when readable.
    pub typed: Option<Decimal>,
    /// Execution should have been scored but could not be.
    pub unscored: bool,
}

/// Reads one amount; reports it missing, unreadable or negative.
fn amount(sink: &mut Sink, funds: Option<&Funds>, path: &str, what: &str) -> Option<Decimal> {
    match funds.and_then(|f| f.total.as_ref()) {
        None => {
            sink.emit(
                &EXEC_INPUT,
                path.to_string(),
                format!("未填写{what}，无法计算预算执行率得分；请填写{what}（万元）。"),
                &[],
            );
            None
        }
        Some(Num::Invalid { text, error }) => {
            sink.emit(
                &EXEC_INPUT,
                path.to_string(),
                format!("{what}“{text}”无法识别：{}", error.message()),
                &[("text", text.clone())],
            );
            None
        }
        Some(Num::Valid(v)) if v.is_sign_negative() && !v.is_zero() => {
            sink.emit(
                &EXEC_INPUT,
                path.to_string(),
                format!("{what} {v} 为负数，请核对。"),
                &[("value", v.to_string())],
            );
            None
        }
        Some(Num::Valid(v)) => Some(*v),
    }
}

/// Scores the budget execution of a self-evaluation.
pub(crate) fn score_execution(sink: &mut Sink, doc: &Document) -> ExecResult {
    let typed = match &doc.execution_score {
        None => None,
        Some(Num::Invalid { text, error }) => {
            sink.emit(
                &TYPED_INVALID,
                "/execution_score".to_string(),
                format!("填报的预算执行率得分“{text}”无法识别：{}", error.message()),
                &[("typed", text.clone())],
            );
            None
        }
        Some(Num::Valid(t)) => Some(*t),
    };
    let failed = |weight| ExecResult {
        score: None,
        weight,
        typed,
        unscored: true,
    };
    let w = match &doc.execution_weight {
        None => sink.profile.weights.execution,
        Some(Num::Valid(w)) if !w.is_sign_negative() || w.is_zero() => *w,
        Some(Num::Valid(w)) => {
            sink.emit(
                &WEIGHT,
                "/execution_weight".to_string(),
                format!("预算执行率的分值 {w} 为负数，请填写 0 或正数。"),
                &[("weight", w.to_string())],
            );
            return failed(None);
        }
        Some(Num::Invalid { text, error }) => {
            sink.emit(
                &WEIGHT,
                "/execution_weight".to_string(),
                format!("预算执行率的分值“{text}”无法识别：{}", error.message()),
                &[("text", text.clone())],
            );
            return failed(None);
        }
    };
    if w.is_zero() {
        // This profile (or form) gives no points for budget execution.
        return ExecResult {
            score: None,
            weight: Some(w),
            typed,
            unscored: false,
        };
    }

    let budget = doc.budget.as_ref();
    let executed = amount(
        sink,
        budget.and_then(|b| b.executed.as_ref()),
        "/budget/executed/total",
        "全年执行数",
    );
    let adjusted = budget.and_then(|b| b.adjusted.as_ref());
    let initial = budget.and_then(|b| b.initial.as_ref());
    let mut prefix = "";
    let (budgeted, bpath) = if adjusted.and_then(|f| f.total.as_ref()).is_some()
        || initial.and_then(|f| f.total.as_ref()).is_none()
    {
        let path = "/budget/adjusted/total";
        (amount(sink, adjusted, path, "全年预算数"), path)
    } else {
        let path = "/budget/initial/total";
        let b = amount(sink, initial, path, "年初预算数");
        if let Some(b) = b {
            sink.emit(
                &EXEC_INITIAL,
                "/budget/adjusted/total".to_string(),
                format!("未填写全年预算数（调整后预算数），预算执行率按年初预算数 {b} 计算；如预算有调整，请填写全年预算数。"),
                &[("initial", b.to_string())],
            );
            prefix = "按年初预算数计算：";
        }
        (b, path)
    };
    let (Some(e), Some(b)) = (executed, budgeted) else {
        return failed(Some(w));
    };
    if b.is_zero() {
        sink.emit(
            &ARITH,
            bpath.to_string(),
            "预算数为 0，无法计算预算执行率；请核对全年预算数。".to_string(),
            &[],
        );
        return failed(Some(w));
    }
    let rate = e.try_div(b);
    let x = e.try_mul(w).and_then(|p| p.try_div(b));
    let (Some(rate), Some(x)) = (rate, x) else {
        sink.emit(
            &ARITH,
            "/budget/executed/total".to_string(),
            "金额过大，计算预算执行率时溢出；请核对全年预算数和全年执行数。".to_string(),
            &[],
        );
        return failed(Some(w));
    };
    let rounding = sink.profile.scoring.rounding;
    let rate4 = round_to(rate, 4);
    let s = round_score(x, w, rounding);
    let score_part = if x > w {
        format!("{} > {w}，超过分值，得 {s}", exact(x))
    } else {
        approx(x, s)
    };
    let how = format!(
        "{prefix}执行率 = {e} / {b} = {}；得分 = {e} / {b} × {w} = {score_part}",
        approx(rate, rate4)
    );

    if let Some(t) = typed {
        // The score of the rate as printed, rounded to a whole percent.
        let printed = round_to(rate, 2)
            .try_mul(w)
            .map(|x| round_score(x, w, sink.profile.scoring.rounding));
        reconcile(sink, doc, t, s, w, printed, &how);
    }
    ExecResult {
        score: Some(ExecutionScore {
            rate: rate4,
            score: s,
            how,
        }),
        weight: Some(w),
        typed,
        unscored: false,
    }
}

fn reconcile(
    sink: &mut Sink,
    doc: &Document,
    t: Decimal,
    s: Decimal,
    w: Decimal,
    printed: Option<Decimal>,
    how: &str,
) {
    let path = "/execution_score".to_string();
    let params = [("typed", t.to_string()), ("computed", s.to_string())];
    if t < Decimal::ZERO || t > w {
        sink.emit(
            &TYPED_RANGE,
            path,
            format!("填报的预算执行率得分 {t} 不在 0 至分值 {w} 之间。"),
            &params,
        );
        return;
    }
    if t == s {
        return;
    }
    let diff = (t - s).abs();
    if t == round_to(s, 0) || printed == Some(t) {
        sink.emit(
            &TYPED_ROUNDED,
            path,
            format!("填报的预算执行率得分 {t} 是按规则计算的得分 {s}（{how}）取整、或按取整后的执行率计算的结果；得分按 {s} 计。"),
            &params,
        );
        return;
    }
    let explained = doc
        .budget
        .as_ref()
        .and_then(|b| b.execution_reason.as_deref())
        .is_some_and(|r| !r.trimmed().is_empty());
    if t > s {
        sink.emit(
            &TYPED_HIGH,
            path,
            format!("填报的预算执行率得分 {t} 高于按规则计算的得分 {s}（{how}），多出 {diff} 分；请改为 {s}。"),
            &params,
        );
    } else if explained {
        sink.emit(
            &TYPED_LOW_EXPLAINED,
            path,
            format!("填报的预算执行率得分 {t} 低于按规则计算的得分 {s}（{how}），扣 {diff} 分，已填写执行情况说明。"),
            &params,
        );
    } else {
        sink.emit(
            &TYPED_LOW,
            path,
            format!("填报的预算执行率得分 {t} 低于按规则计算的得分 {s}（{how}），扣 {diff} 分；请在预算执行偏差说明中写明扣分理由。"),
            &params,
        );
    }
}
