//! One text input (or textarea) bound to a field path.
//!
//! While the person types, the input shows exactly what they typed (a draft)
//! and each keystroke is sent to the model, which parses it at once; when
//! they leave the field it shows the model's normalized text (`≧95 %` becomes
//! `≥95%`) and the field counts as touched, so its findings may be shown.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::edit::Action;
use crate::web::state::Dispatch;

#[derive(Properties, PartialEq, Clone)]
pub struct TextInputProps {
    pub id: AttrValue,
    /// The JSON Pointer of the field this input edits.
    pub path: AttrValue,
    /// The model's text for the field.
    pub value: AttrValue,
    pub dispatch: Dispatch,
    #[prop_or_default]
    pub multiline: bool,
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
    #[prop_or_default]
    pub invalid: bool,
    #[prop_or_default]
    pub read_only: bool,
    /// `decimal` for numbers: the phone keypad shows digits.
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    /// Grid position, for spreadsheet-style keyboard moves.
    #[prop_or_default]
    pub row: Option<usize>,
    #[prop_or_default]
    pub col: Option<usize>,
    /// Shows what the model read while typing (for targets).
    #[prop_or_default]
    pub reading: Option<AttrValue>,
}

#[function_component(TextInput)]
pub fn text_input(props: &TextInputProps) -> Html {
    let draft = use_state_eq(|| None::<String>);
    let oninput = {
        let draft = draft.clone();
        let dispatch = props.dispatch.clone();
        let path = props.path.clone();
        let multiline = props.multiline;
        Callback::from(move |e: InputEvent| {
            let text = if multiline {
                e.target_unchecked_into::<HtmlTextAreaElement>().value()
            } else {
                e.target_unchecked_into::<HtmlInputElement>().value()
            };
            draft.set(Some(text.clone()));
            dispatch.dispatch(Action::SetField {
                path: path.to_string(),
                text,
            });
        })
    };
    let onblur = {
        let draft = draft.clone();
        let dispatch = props.dispatch.clone();
        let path = props.path.clone();
        Callback::from(move |_: FocusEvent| {
            draft.set(None);
            dispatch.dispatch(Action::Touch(path.to_string()));
        })
    };
    let value: AttrValue = match &*draft {
        Some(d) => AttrValue::from(d.clone()),
        None => props.value.clone(),
    };
    let row = props.row.map(|r| r.to_string());
    let col = props.col.map(|c| c.to_string());
    let invalid = props.invalid.then_some("true");
    // How the text reads, wherever it reads otherwise than it is written
    // (`9月底前交付使用` → `≤2024-09（时限）`), so that a misreading shows.
    let shown = value.trim().to_string();
    let reading = match &props.reading {
        Some(r) if !shown.is_empty() && !r.as_str().starts_with(shown.as_str()) => html! {
            <span class="reading" aria-live="polite">{ "读作：" }{ r.clone() }</span>
        },
        _ => html! {},
    };
    let input = if props.multiline {
        html! {
            <textarea id={props.id.clone()} class={props.class.clone()} value={value}
                aria-label={props.aria_label.clone()} aria-describedby={props.described_by.clone()}
                aria-invalid={invalid} readonly={props.read_only}
                data-row={row} data-col={col} rows="2" {oninput} {onblur} />
        }
    } else {
        html! {
            <input type="text" id={props.id.clone()} class={props.class.clone()} value={value}
                aria-label={props.aria_label.clone()} aria-describedby={props.described_by.clone()}
                aria-invalid={invalid} readonly={props.read_only}
                inputmode={props.inputmode.clone()} autocomplete="off"
                data-row={row} data-col={col} {oninput} {onblur} />
        }
    };
    html! { <>{ input }{ reading }</> }
}
