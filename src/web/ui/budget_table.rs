//! The budget table of a self-evaluation (项目资金 / 预算执行): 年初预算数,
//! 全年预算数 and 全年执行数 by source of money, with 分值, 执行率 and 得分 on
//! the total row, the rate and score coming from the scoring.

use std::rc::Rc;

use yew::prelude::*;

use super::field::Field;
use super::finding_notes::FindingNotes;
use super::header_fields::{notes_at, NotesMap};
use super::text_input::TextInput;
use super::Shared;
use crate::edit::doc_field_text;
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

const COLUMNS: [(&str, &str); 3] = [
    ("initial", "年初预算数"),
    ("adjusted", "全年预算数"),
    ("executed", "全年执行数"),
];

#[function_component(BudgetTable)]
pub fn budget_table(props: &BudgetTableProps) -> Html {
    let ids = super::use_ids();
    let head = &props.head;
    let rows: &[(&str, &str)] = if head.kind.is_unit() {
        &[
            ("total", "预算总额"),
            ("basic", "基本支出"),
            ("project", "项目支出"),
            ("fiscal", "其中：财政拨款"),
            ("other", "其他资金"),
        ]
    } else {
        &[
            ("total", "年度资金总额"),
            ("fiscal", "其中：财政拨款"),
            ("carryover", "上年结转"),
            ("other", "其他资金"),
        ]
    };
    let cell = |path: String, label: String| {
        let notes = notes_at(&props.notes, &path);
        let id = ids.input(&path);
        let notes_id = format!("{id}-notes");
        let invalid = notes.iter().any(|n| n.finding.severity == Severity::Error);
        html! {
            <td class={classes!("num", invalid.then_some("has-error"))}>
                <TextInput id={AttrValue::from(id)} path={AttrValue::from(path.clone())}
                    value={AttrValue::from(doc_field_text(head, &[], &path))}
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
            <legend>{ "项目资金（万元）与预算执行" }</legend>
            <table class="budget">
                <thead>
                    <tr>
                        <th scope="col">{ "资金来源" }</th>
                        { for COLUMNS.iter().map(|(_, l)| html! { <th scope="col">{ *l }</th> }) }
                        <th scope="col">{ "分值" }</th>
                        <th scope="col">{ "执行率" }</th>
                        <th scope="col">{ "得分" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().enumerate().map(|(i, (key, label))| html! {
                        <tr>
                            <th scope="row">{ *label }</th>
                            { for COLUMNS.iter().map(|(col, col_label)| cell(
                                format!("/budget/{col}/{key}"), format!("{label} {col_label}"))) }
                            if i == 0 {
                                { cell("/execution_weight".to_string(), "预算执行率 分值".to_string()) }
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
                <Field path="/budget/execution_reason" label="预算执行偏差说明"
                    value={AttrValue::from(doc_field_text(head, &[], "/budget/execution_reason"))}
                    notes={notes_at(&props.notes, "/budget/execution_reason")}
                    dispatch={props.dispatch.clone()} read_only={props.read_only} multiline=true
                    class={classes!("wide")} />
                <Field path="/budget/adjustment_reason" label="预算调整说明"
                    value={AttrValue::from(doc_field_text(head, &[], "/budget/adjustment_reason"))}
                    notes={notes_at(&props.notes, "/budget/adjustment_reason")}
                    dispatch={props.dispatch.clone()} read_only={props.read_only} multiline=true
                    class={classes!("wide")} />
            </div>
        </fieldset>
    }
}
