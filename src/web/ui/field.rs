//! A labelled header field (项目名称, 主管部门 …): a visible label, the input,
//! and the findings about it.

use yew::prelude::*;

use super::finding_notes::FindingNotes;
use super::text_input::TextInput;
use super::Notes;
use crate::finding::Severity;
use crate::web::state::Dispatch;

#[derive(Properties, PartialEq, Clone)]
pub struct FieldProps {
    pub path: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub notes: Notes,
    pub dispatch: Dispatch,
    #[prop_or_default]
    pub multiline: bool,
    #[prop_or_default]
    pub number: bool,
    /// A short hint under the label (units, format).
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub read_only: bool,
    #[prop_or_default]
    pub class: Classes,
}

#[function_component(Field)]
pub fn field(props: &FieldProps) -> Html {
    let id = super::use_ids().input(&props.path);
    let notes_id = format!("{id}-notes");
    let hint_id = format!("{id}-hint");
    let mut described: Vec<String> = Vec::new();
    if props.hint.is_some() {
        described.push(hint_id.clone());
    }
    if !props.notes.is_empty() {
        described.push(notes_id.clone());
    }
    let invalid = props
        .notes
        .iter()
        .any(|n| n.finding.severity == Severity::Error);
    html! {
        <div class={classes!("field", props.class.clone(), invalid.then_some("has-error"))}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            if let Some(h) = &props.hint { <span class="hint" id={hint_id}>{ h.clone() }</span> }
            <TextInput id={AttrValue::from(id)} path={props.path.clone()} value={props.value.clone()}
                dispatch={props.dispatch.clone()} multiline={props.multiline}
                described_by={(!described.is_empty()).then(|| AttrValue::from(described.join(" ")))}
                invalid={invalid} read_only={props.read_only}
                inputmode={props.number.then_some(AttrValue::from("decimal"))} />
            <FindingNotes id={AttrValue::from(notes_id)} notes={props.notes.clone()}
                dispatch={props.dispatch.clone()} read_only={props.read_only} />
        </div>
    }
}
