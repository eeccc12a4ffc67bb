//! The score panel of a self-evaluation: budget execution, each row's score
//! with how it was computed, the total and the grade — all as the scoring
//! module computed them, updated as the form is edited.

use yew::prelude::*;

use super::results::Results;
use super::Shared;
use crate::print::percent;
use crate::score::RowScore;

#[derive(Properties, PartialEq, Clone)]
pub struct ScorePanelProps {
    /// Re-rendered only when a new check and score arrive.
    pub results: Shared<Results>,
}

/// A row's score as the panel shows it: the score, or for a qualitative row
/// still to be scored the band its level allows (`8–10（达成）`).
pub fn shown_score(r: &RowScore) -> String {
    match (&r.score, &r.band) {
        (Some(s), _) => s.to_string(),
        (None, Some(b)) => format!("{}–{}（{}）", b.min.normalize(), b.max.normalize(), b.level),
        (None, None) => "—".to_string(),
    }
}

#[function_component(ScorePanel)]
pub fn score_panel(props: &ScorePanelProps) -> Html {
    let ids = super::use_ids();
    let s = &props.results.score;
    // Rows are labelled `3. 养护里程`; the scores are in row order.
    let rows = props
        .results
        .doc
        .as_ref()
        .map(|d| d.indicators.as_slice())
        .unwrap_or_default();
    let name_of = |i: usize, id: &str| -> String {
        match rows.get(i).filter(|r| r.id == id) {
            Some(r) if !r.name.trim().is_empty() => format!("{}. {}", i + 1, r.name),
            Some(_) => format!("{}. （未命名）", i + 1),
            None => id.to_string(),
        }
    };
    let nothing = s.execution.is_none() && s.indicators.is_empty();
    let long = s.indicators.len() > crate::window::WINDOW_FROM;
    // Whether the folded breakdown of a long form is open.
    let open = use_state_eq(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                open.set(el.has_attribute("open"));
            }
        })
    };
    let table = || {
        html! {
            <table class="scores">
                <thead><tr>
                    <th scope="col">{ "项目" }</th>
                    <th scope="col">{ "得分" }</th>
                    <th scope="col">{ "计算方法" }</th>
                </tr></thead>
                <tbody>
                    if let Some(e) = &s.execution {
                        <tr>
                            <th scope="row">{ format!("预算执行率 {}", percent(e.rate)) }</th>
                            <td class="num">{ e.score.to_string() }</td>
                            <td>{ e.how.clone() }</td>
                        </tr>
                    }
                    { for s.indicators.iter().enumerate().map(|(i, r)| html! {
                        <tr>
                            <th scope="row">{ name_of(i, &r.id) }</th>
                            <td class="num">{ shown_score(r) }</td>
                            <td>{ r.how.clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        }
    };
    html! {
        <section class="section score-panel" aria-labelledby={ids.id("score-title")}>
            <h3 id={ids.id("score-title")}>{ "自评得分" }</h3>
            if nothing {
                <p class="hint">{ "填写预算执行数、实际完成值和分值后，这里将显示按规则计算的得分。" }</p>
            }
            <p class="total" aria-live="polite">
                { "总分：" }<strong id={ids.id("score-total")}>{ s.total.to_string() }</strong>
                { "　等级：" }<strong id={ids.id("score-grade")}>{ if s.grade.is_empty() { "—".to_string() } else { s.grade.clone() } }</strong>
            </p>
            if long {
                // A long breakdown stays folded until asked for, and is not
                // even built while folded, so that a keystroke does not
                // rebuild and compare 500 rows nobody sees. Each row's score
                // is in the grid anyway.
                <details class="scores-long" {ontoggle}>
                    <summary>{ format!("各行得分及计算方法（共 {} 行，点击展开）", s.indicators.len()) }</summary>
                    if *open { { table() } }
                </details>
            } else {
                { table() }
            }
        </section>
    }
}
