//! The error summary at the top of the form (GOV.UK style): how many
//! problems there are, each one listed (errors first) with a link that moves
//! focus to the field it is about, on whatever row.

use yew::prelude::*;

use super::{focus_path, severity_class, Shown};
use crate::fields::describe_path;
use crate::finding::Severity;
use crate::model::Kind;
use crate::seen::Seen;

#[derive(Properties, PartialEq, Clone)]
pub struct ErrorSummaryProps {
    /// The findings shown, errors first.
    pub shown: std::rc::Rc<Vec<Shown>>,
    /// Findings not shown yet (about fields nobody has touched).
    pub hidden: usize,
    pub checked: bool,
    /// The form's kind: it names some places (年初指标值, 预算总额).
    pub kind: Kind,
}

#[function_component(ErrorSummary)]
pub fn error_summary(props: &ErrorSummaryProps) -> Html {
    let ids = super::use_ids();
    let count = |s: Severity| {
        props
            .shown
            .iter()
            .filter(|x| x.finding.severity == s)
            .count()
    };
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let n = props.shown.len();
    let hidden_note = if props.hidden > 0 && !props.checked {
        html! { <p class="hint">{ format!("另有 {} 个问题在尚未填写的栏目中，点击“检查”可全部列出。", props.hidden) }</p> }
    } else {
        html! {}
    };
    if n == 0 {
        return html! {
            <div class="summary-ok" id={ids.id("error-summary")} role="status" tabindex="-1">
                if props.checked && props.hidden == 0 {
                    <p>{ "检查完毕，未发现问题。" }</p>
                }
                { hidden_note }
            </div>
        };
    }
    // One keyed component per finding, so that a keystroke which changes
    // one finding re-renders that item, not the whole list. The same rule
    // may report the same field twice; the count keeps keys unique.
    let mut seen = Seen::new();
    let items = props.shown.iter().map(|s| {
        // Rule ids are letters and dashes and paths start with `/`, so
        // the two side by side are unambiguous.
        let base = format!("{}{}", s.finding.rule, s.finding.path);
        let n = seen.count(base.clone());
        let key = format!("{base}#{n}");
        html! { <SummaryItem {key} shown={s.clone()} kind={props.kind} /> }
    });
    html! {
        // An alert once 检查 was pressed; before that a plain region, so that a
        // screen reader is not interrupted at every keystroke of live checking.
        <div class="error-summary" id={ids.id("error-summary")} role={if props.checked { "alert" } else { "region" }}
            aria-labelledby={ids.id("summary-title")} tabindex="-1">
            <h3 id={ids.id("summary-title")}>{ format!("发现 {n} 个问题") }</h3>
            <p class="counts">
                { format!("错误 {errors} 项（须改正后才能上报）；提示 {warnings} 项（可填写说明后上报）；说明 {infos} 项。") }
            </p>
            <ul>{ items.collect::<Html>() }</ul>
            { hidden_note }
        </div>
    }
}

#[derive(Properties, PartialEq, Clone)]
struct SummaryItemProps {
    kind: Kind,
    shown: Shown,
}

/// One finding in the summary: a link to its field, its severity in words.
#[function_component(SummaryItem)]
fn summary_item(props: &SummaryItemProps) -> Html {
    let ids = super::use_ids();
    let f = &props.shown.finding;
    let onclick = {
        let (scope, path) = (ids.clone(), f.path.clone());
        Callback::from(move |e: MouseEvent| {
            if focus_path(&scope, &path) {
                e.prevent_default();
            }
        })
    };
    html! {
        <li class={severity_class(f.severity)}>
            <a href={format!("#{}", ids.input(&f.path))} {onclick}>
                <span class="sev">{ f.severity.label() }</span>
                { " " }<span class="where">{ describe_path(&f.path, props.kind) }</span>{ "：" }{ f.message.clone() }
            </a>
            if props.shown.explanation.is_some() { <span class="explained-tag">{ "（已说明）" }</span> }
        </li>
    }
}
