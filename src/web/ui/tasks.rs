//! 年度主要任务 of a unit-wide goal form: task name, content and budget.

use std::rc::Rc;

use yew::prelude::*;

use super::header_fields::{notes_at, NotesMap};
use super::text_input::TextInput;
use super::Shared;
use crate::edit::{doc_field_text, Action};
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
    let cols = [
        ("name", "任务名称", false),
        ("content", "主要内容", false),
        ("funds/total", "预算总额（万元）", true),
        ("funds/fiscal", "财政拨款（万元）", true),
        ("funds/other", "其他资金（万元）", true),
    ];
    let add = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::AddTask))
    };
    html! {
        <fieldset class="section">
            <legend>{ "年度主要任务" }</legend>
            <table class="tasks">
                <thead><tr>
                    { for cols.iter().map(|(_, l, _)| html! { <th scope="col">{ *l }</th> }) }
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
                                { for cols.iter().map(|(f, l, num)| {
                                    let path = format!("/tasks/{i}/{f}");
                                    let notes = notes_at(&props.notes, &path);
                                    html! { <td class={classes!(num.then_some("num"), (!notes.is_empty()).then_some("has-error"))}>
                                        <TextInput id={AttrValue::from(ids.input(&path))} path={AttrValue::from(path.clone())}
                                            value={AttrValue::from(doc_field_text(head, &[], &path))}
                                            dispatch={props.dispatch.clone()}
                                            aria_label={AttrValue::from(format!("第{}项任务 {}", i + 1, l))}
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
