//! One row of the indicator grid: category pickers limited to the profile's
//! catalogue, the typed cells, the row's findings and its row buttons.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::finding_notes::FindingNotes;
use super::text_input::TextInput;
use super::{Notes, Shared, Shown};
use crate::derive::{approved_target, target_changed};
use crate::edit::Action;
use crate::fields::RowField;
use crate::finding::Severity;
use crate::model::Indicator;
use crate::target::{Op, Target};
use crate::web::state::Dispatch;

/// The level-1 categories a form may use, each with its level-2 names.
pub type Catalogue = Vec<(String, Vec<String>)>;

#[derive(Properties, PartialEq, Clone)]
pub struct GridRowProps {
    pub index: usize,
    pub row: Shared<Indicator>,
    pub columns: Shared<super::grid::Columns>,
    pub catalogue: Shared<Catalogue>,
    /// Every shown finding about this row.
    pub notes: Notes,
    /// The computed score (self-evaluations).
    #[prop_or_default]
    pub computed: Option<AttrValue>,
    /// The row continues the 一级 / 二级 group of the row above.
    #[prop_or_default]
    pub same_l1: bool,
    #[prop_or_default]
    pub same_l2: bool,
    pub last: bool,
    /// The row's place in the whole table (header = 1) when a long grid
    /// renders only some rows.
    #[prop_or_default]
    pub aria_rowindex: Option<usize>,
    pub dispatch: Dispatch,
    #[prop_or_default]
    pub read_only: bool,
}

/// What the parser read from a row's target, in words; where the unit came
/// from the indicator's name, it says so.
fn reading(ind: &Indicator) -> String {
    let t = ind.in_context(&ind.target);
    let from_name = matches!(
        (&ind.target, t.as_ref()),
        (Target::Quantity { unit, .. }, Target::Quantity { unit: u2, .. }) if unit.is_empty() && !u2.is_empty()
    );
    let read = reading_of(&t);
    if from_name {
        format!("{read}，单位取自指标名称")
    } else {
        read
    }
}

fn reading_of(t: &Target) -> String {
    match t {
        Target::Quantity { op: Some(op), .. } if op.is_reverse() => format!("{t}（反向指标）"),
        Target::Quantity {
            op: Some(Op::Eq), ..
        } => format!("{t}（等于）"),
        Target::Quantity { op: Some(_), .. } => format!("{t}（正向指标）"),
        Target::Quantity { op: None, .. } => format!("{t}（未写比较符号）"),
        Target::Date { start: Some(_), .. } => format!("{t}（期间，以结束时间为时限）"),
        Target::Date { .. } => format!("{t}（时限）"),
        Target::Band { .. } => format!("{t}（允许的偏差）"),
        Target::Qualitative { text } => format!("{text}（定性）"),
        Target::Invalid { error, .. } => error.message(),
    }
}

#[function_component(GridRow)]
pub fn grid_row(props: &GridRowProps) -> Html {
    let ids = super::use_ids();
    let i = props.index;
    let ind = &props.row;
    let unlocked = use_state_eq(|| false);
    let approved = approved_target(ind);
    let locked = approved.is_some() && !*unlocked && !target_changed(ind);
    let n = i + 1;
    let d = &props.dispatch;
    let cb = |a: Action| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a.clone()))
    };
    let field_notes = |field: &str| -> Notes {
        let p = format!("/indicators/{i}/{field}");
        Rc::new(
            props
                .notes
                .iter()
                .filter(|s| s.finding.path == p)
                .cloned()
                .collect(),
        )
    };
    let shown_fields: Vec<&str> = props.columns.iter().map(|(f, _)| f.key()).collect();
    let row_notes: Notes = Rc::new(
        props
            .notes
            .iter()
            .filter(|s: &&Shown| {
                let rest = s
                    .finding
                    .path
                    .trim_start_matches(&format!("/indicators/{i}"));
                let f = rest.trim_start_matches('/');
                !shown_fields.contains(&f)
            })
            .cloned()
            .collect(),
    );
    let cells = props.columns.iter().enumerate().map(|(c, (col, heading))| {
        let field = col.key();
        let path = format!("/indicators/{i}/{field}");
        let id = ids.input(&path);
        let label = format!("第{n}行 {heading}");
        let notes = field_notes(field);
        let notes_id = format!("{id}-notes");
        let invalid = notes.iter().any(|s| s.finding.severity == Severity::Error);
        let described = (!notes.is_empty()).then(|| AttrValue::from(notes_id.clone()));
        let note_list = html! {
            <FindingNotes id={AttrValue::from(notes_id.clone())} notes={notes.clone()}
                dispatch={d.clone()} read_only={props.read_only} />
        };
        let td_class = classes!(
            format!("c-{field}"),
            invalid.then_some("has-error"),
            (!notes.is_empty()).then_some("has-note")
        );
        match col {
            RowField::Level1 | RowField::Level2 => {
                let (current, options): (&str, Vec<String>) = if *col == RowField::Level1 {
                    (&ind.level1, props.catalogue.iter().map(|(l1, _)| l1.clone()).collect())
                } else {
                    let l2 = props
                        .catalogue
                        .iter()
                        .find(|(l1, _)| *l1 == ind.level1)
                        .map(|(_, l2)| l2.clone())
                        .unwrap_or_default();
                    (&ind.level2, l2)
                };
                let unknown = !current.is_empty() && !options.iter().any(|o| o == current);
                let onchange = {
                    let d = d.clone();
                    let path = path.clone();
                    Callback::from(move |e: Event| {
                        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                        d.dispatch(Action::SetField { path: path.clone(), text: v });
                        d.dispatch(Action::Touch(path.clone()));
                    })
                };
                let cont = if *col == RowField::Level1 { props.same_l1 } else { props.same_l1 && props.same_l2 };
                html! {
                    <td class={classes!(td_class, cont.then_some("cont"))}>
                        <select id={id} aria-label={label} aria-describedby={described}
                            aria-invalid={invalid.then_some("true")} disabled={props.read_only}
                            data-row={i.to_string()} data-col={c.to_string()} {onchange}>
                            <option value="" selected={current.is_empty()}>{ "请选择" }</option>
                            { for options.iter().map(|o| html! {
                                <option value={o.clone()} selected={o == current}>{ o.clone() }</option>
                            }) }
                            if unknown {
                                <option value={current.to_string()} selected=true>
                                    { format!("{current}（不在指标目录中）") }
                                </option>
                            }
                        </select>
                        { note_list }
                    </td>
                }
            }
            _ => {
                let value = col.text(ind);
                let is_target = *col == RowField::Target;
                let read_only = props.read_only || (is_target && locked);
                let unlock = if is_target && locked && !props.read_only {
                    let unlocked = unlocked.clone();
                    html! {
                        <button type="button" class="link" aria-label={format!("修改第{n}行已批复的指标值")}
                            onclick={Callback::from(move |_| unlocked.set(true))}>{ "修改" }</button>
                    }
                } else {
                    html! {}
                };
                let change_reason = if is_target && approved.is_some() && (*unlocked || target_changed(ind)) {
                    let rp = format!("/indicators/{i}/change_reason");
                    let rid = ids.input(&rp);
                    html! {
                        <div class="change-reason">
                            <span class="hint">{ "已批复：" }{ approved.as_ref().map(ToString::to_string).unwrap_or_default() }</span>
                            <label for={rid.clone()}>{ "修改原因（必填）" }</label>
                            <TextInput id={AttrValue::from(rid)} path={AttrValue::from(rp)}
                                value={AttrValue::from(ind.change_reason.clone().unwrap_or_default())}
                                dispatch={d.clone()} read_only={props.read_only} />
                        </div>
                    }
                } else {
                    html! {}
                };
                let computed = if *col == RowField::Score {
                    match &props.computed {
                        Some(s) => html! { <span class="computed">{ "计算得分 " }{ s.clone() }</span> },
                        None => html! {},
                    }
                } else {
                    html! {}
                };
                let extra_notes = if *col == RowField::Name && !row_notes.is_empty() {
                    html! {
                        <FindingNotes id={AttrValue::from(format!("{id}-row-notes"))} notes={row_notes.clone()}
                            dispatch={d.clone()} read_only={props.read_only} />
                    }
                } else {
                    html! {}
                };
                let numeric = col.value_kind().is_number();
                html! {
                    <td class={classes!(td_class, numeric.then_some("num"), locked.then_some("locked"))}>
                        <TextInput id={AttrValue::from(id)} path={AttrValue::from(path.clone())}
                            value={AttrValue::from(value)} dispatch={d.clone()}
                            aria_label={AttrValue::from(label)} described_by={described}
                            invalid={invalid} read_only={read_only} row={Some(i)} col={Some(c)}
                            inputmode={numeric.then_some(AttrValue::from("decimal"))}
                            reading={is_target.then(|| AttrValue::from(reading(ind)))} />
                        { unlock }{ change_reason }{ computed }{ note_list }{ extra_notes }
                    </td>
                }
            }
        }
    });
    html! {
        <tr class={classes!(props.same_l1.then_some("cont-row"))}
            aria-rowindex={props.aria_rowindex.map(|i| i.to_string())}>
            <th scope="row" class="rownum">{ n }</th>
            { for cells }
            if !props.read_only {
                <td class="actions">
                    <button type="button" aria-label={format!("第{n}行上移")} disabled={i == 0}
                        onclick={cb(Action::MoveRow { row: i, up: true })}>{ "上移" }</button>
                    <button type="button" aria-label={format!("第{n}行下移")} disabled={props.last}
                        onclick={cb(Action::MoveRow { row: i, up: false })}>{ "下移" }</button>
                    <button type="button" aria-label={format!("复制第{n}行")}
                        onclick={cb(Action::DuplicateRow { row: i })}>{ "复制" }</button>
                    <button type="button" aria-label={format!("在第{n}行下方插入一行")}
                        onclick={cb(Action::AddRow { after: Some(i) })}>{ "插入" }</button>
                    <button type="button" class="danger" aria-label={format!("删除第{n}行")}
                        onclick={cb(Action::DeleteRow { row: i })}>{ "删除" }</button>
                </td>
            }
        </tr>
    }
}
