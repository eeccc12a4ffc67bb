//! The budget table of a self-evaluation (项目资金 / 预算执行): 年初预算数,
//! 全年预算数 and 全年执行数 by source of money, with 分值, 执行率 and 得分 on
//! the total row, the rate and score coming from the scoring.

use std::rc::Rc;

use yew::prelude::*;

use super::field::Field as FieldInput;
use super::finding_notes::FindingNotes;
use super::header_fields::{notes_at, NotesMap};
use super::text_input::TextInput;
use super::Shared;
use crate::fields::{Field, Heading, Money, RowField, Stage};
use crate::finding::Severity;
use crate::model::Document;
use crate::web::state::Dispatch;

#[derive(Properties, PartialEq, Clone)]
pub struct BudgetTableProps {
    pub head: Shared<Document>,
    pub notes: Rc<NotesMap>,
    pub dispatch: Dispatch,
    #[prop_or_default]
    pub read_only: bool,
    /// 执行率 and 得分 as computed, when the scoring gave them.
    #[prop_or_default]
    pub execution: Option<(AttrValue, AttrValue)>,
}

#[function_component(BudgetTable)]
pub fn budget_table(props: &BudgetTableProps) -> Html {
    let ids = super::use_ids();
    let head = &props.head;
    let kind = head.kind;
    // The rows of the table: the amounts of this kind of form, by source.
    let rows = Money::of_form(kind);
    let row_label = |m: Money| match m {
        Money::Fiscal => format!("其中：{}", m.label(kind)),
        _ => m.label(kind).to_string(),
    };
    let cell = |f: Field| {
        let path = f.path();
        let label = f.describe(kind);
        let notes = notes_at(&props.notes, &path);
        let id = ids.input(&path);
        let notes_id = format!("{id}-notes");
        let invalid = notes.iter().any(|n| n.finding.severity == Severity::Error);
        html! {
            <td class={classes!("num", invalid.then_some("has-error"))}>
                <TextInput id={AttrValue::from(id)} path={AttrValue::from(path.clone())}
                    value={AttrValue::from(f.text(head, &[]))}
                    dispatch={props.dispatch.clone()} aria_label={AttrValue::from(label)}
                    described_by={(!notes.is_empty()).then(|| AttrValue::from(notes_id.clone()))}
                    invalid={invalid} read_only={props.read_only}
                    inputmode={AttrValue::from("decimal")} />
                <FindingNotes id={AttrValue::from(notes_id)} notes={notes}
                    dispatch={props.dispatch.clone()} read_only={props.read_only} />
            </td>
        }
    };
    let (rate, score) = props
        .execution
        .clone()
        .unwrap_or_else(|| ("—".into(), "—".into()));
    html! {
        <fieldset class="section">
            <legend>{ Heading::Funds.label(kind) }{ "与预算执行" }</legend>
            <table class="budget">
                <thead>
                    <tr>
                        <th scope="col">{ "资金来源" }</th>
                        { for Stage::ALL.iter().map(|s| html! { <th scope="col">{ s.label() }</th> }) }
                        <th scope="col">{ RowField::Weight.label(kind) }</th>
                        <th scope="col">{ Heading::Rate.label(kind) }</th>
                        <th scope="col">{ RowField::Score.label(kind) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().enumerate().map(|(i, m)| html! {
                        <tr>
                            <th scope="row">{ row_label(*m) }</th>
                            { for Stage::ALL.iter().map(|s| cell(Field::Budget(*s, *m))) }
                            if i == 0 {
                                { cell(Field::ExecutionWeight) }
                                <td class="num calc" id={ids.id("execution-rate")}>{ rate.clone() }</td>
                                <td class="num calc" id={ids.id("execution-score")}>{ score.clone() }</td>
                            } else {
                                <td class="na" colspan="3"></td>
                            }
                        </tr>
                    }) }
                </tbody>
            </table>
            <div class="fields two">
                { for [Field::ExecutionReason, Field::AdjustmentReason].into_iter().map(|f| {
                    let path = f.path();
                    html! {
                        <FieldInput path={AttrValue::from(path.clone())} label={f.label(kind)}
                            value={AttrValue::from(f.text(head, &[]))}
                            notes={notes_at(&props.notes, &path)}
                            dispatch={props.dispatch.clone()} read_only={props.read_only} multiline=true
                            class={classes!("wide")} />
                    }
                }) }
            </div>
        </fieldset>
    }
}
