//! The findings shown next to a field, each with its severity in words, and
//! for a warning (提示性审核) a box to write the explanation that allows upload.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{severity_class, Notes, Shown};
use crate::edit::Action;
use crate::finding::Severity;
use crate::web::state::Dispatch;

#[derive(Properties, PartialEq, Clone)]
pub struct FindingNotesProps {
    /// The element id the field's `aria-describedby` points at.
    pub id: AttrValue,
    pub notes: Notes,
    pub dispatch: Dispatch,
    #[prop_or_default]
    pub read_only: bool,
}

#[function_component(FindingNotes)]
pub fn finding_notes(props: &FindingNotesProps) -> Html {
    if props.notes.is_empty() {
        return html! {};
    }
    html! {
        <ul class="notes" id={props.id.clone()}>
            { for props.notes.iter().enumerate().map(|(i, s)| html! {
                <Note key={format!("{}{}", s.finding.rule, i)} shown={s.clone()}
                    dispatch={props.dispatch.clone()} read_only={props.read_only} />
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq, Clone)]
struct NoteProps {
    shown: Shown,
    dispatch: Dispatch,
    read_only: bool,
}

#[function_component(Note)]
fn note(props: &NoteProps) -> Html {
    let ids = super::use_ids();
    let f = &props.shown.finding;
    let text_ref = use_node_ref();
    let editing = use_state_eq(|| false);
    let ack = {
        let dispatch = props.dispatch.clone();
        let text_ref = text_ref.clone();
        let (rule, path) = (f.rule.clone(), f.path.clone());
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| {
            let text = text_ref
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            dispatch.dispatch(Action::Acknowledge {
                rule: rule.clone(),
                path: path.clone(),
                text,
            });
            editing.set(false);
        })
    };
    let ack_box = if f.severity != Severity::Warning || props.read_only {
        html! {}
    } else {
        match (&props.shown.explanation, *editing) {
            (Some(e), false) => {
                let editing = editing.clone();
                html! {
                    <p class="explained">{ "已说明：" }{ e.clone() }{ " " }
                        <button type="button" class="link"
                            onclick={Callback::from(move |_| editing.set(true))}>{ "修改说明" }</button>
                    </p>
                }
            }
            _ => {
                let box_id = format!("{}ack-{}-{}", ids.0, crate::edit::input_id(&f.path), f.rule);
                html! {
                    <details class="ack" open={*editing}>
                        <summary>{ "填写说明后仍可上报" }</summary>
                        <label for={box_id.clone()}>{ "说明（为什么这样填写）" }</label>
                        <textarea id={box_id} ref={text_ref.clone()} rows="2"
                            value={props.shown.explanation.clone().unwrap_or_default()} />
                        <button type="button" onclick={ack}>{ "确认说明" }</button>
                    </details>
                }
            }
        }
    };
    html! {
        <li class={classes!("note", severity_class(f.severity))}>
            <span class="sev">{ f.severity.label() }{ "：" }</span>{ f.message.clone() }
            { ack_box }
        </li>
    }
}
