//! 年度主要任务 of a unit-wide goal form: task name, content and budget.

use std::rc::Rc;

use yew::prelude::*;

use super::header_fields::{notes_at, NotesMap};
use super::text_input::TextInput;
use super::Shared;
use crate::edit::Action;
use crate::fields::{Field, Heading, Money, ValueKind};
use crate::model::Document;
use crate::web::state::Dispatch;

#[derive(Properties, PartialEq, Clone)]
pub struct TasksProps {
    pub head: Shared<Document>,
    pub notes: Rc<NotesMap>,
    pub dispatch: Dispatch,
    #[prop_or_default]
    pub read_only: bool,
}

#[function_component(Tasks)]
pub fn tasks(props: &TasksProps) -> Html {
    let ids = super::use_ids();
    let head = &props.head;
    let kind = head.kind;
    // The columns of a task row: its name and content, then its money.
    let cols = |i: usize| {
        [Field::TaskName(i), Field::TaskContent(i)]
            .into_iter()
            .chain(Money::TASK.into_iter().map(move |m| Field::TaskFunds(i, m)))
    };
    let add = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::AddTask))
    };
    html! {
        <fieldset class="section">
            <legend>{ Heading::Tasks.label(kind) }</legend>
            <table class="tasks">
                <thead><tr>
                    { for cols(0).map(|f| {
                        let unit = if f.value_kind() == ValueKind::Money { "（万元）" } else { "" };
                        html! { <th scope="col">{ f.label(kind) }{ unit }</th> }
                    }) }
                    if !props.read_only { <th scope="col">{ "操作" }</th> }
                </tr></thead>
                <tbody>
                    { for head.tasks.iter().enumerate().map(|(i, _)| {
                        let del = {
                            let d = props.dispatch.clone();
                            Callback::from(move |_: MouseEvent| d.dispatch(Action::DeleteTask { index: i }))
                        };
                        html! {
                            <tr>
                                { for cols(i).map(|f| {
                                    let path = f.path();
                                    let num = f.value_kind().is_number();
                                    let notes = notes_at(&props.notes, &path);
                                    html! { <td class={classes!(num.then_some("num"), (!notes.is_empty()).then_some("has-error"))}>
                                        <TextInput id={AttrValue::from(ids.input(&path))} path={AttrValue::from(path.clone())}
                                            value={AttrValue::from(f.text(head, &[]))}
                                            dispatch={props.dispatch.clone()}
                                            aria_label={AttrValue::from(f.describe(kind))}
                                            read_only={props.read_only}
                                            inputmode={num.then_some(AttrValue::from("decimal"))} />
                                    </td> }
                                }) }
                                if !props.read_only {
                                    <td><button type="button" onclick={del}
                                        aria-label={format!("删除第{}项任务", i + 1)}>{ "删除" }</button></td>
                                }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            if !props.read_only {
                <button type="button" onclick={add}>{ "添加任务" }</button>
            }
        </fieldset>
    }
}
