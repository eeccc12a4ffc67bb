//! The header of a form: who and what it is about, the money and the
//! overall goals, laid out like the official paper form for each kind.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::budget_table::BudgetTable;
use super::field::Field as FieldInput;
use super::tasks::Tasks;
use super::{Notes, Shared};
use crate::fields::{Field, Heading, Money, ValueKind};
use crate::model::{Document, Kind};
use crate::web::state::Dispatch;

/// Findings by exact path, for the header fields.
pub type NotesMap = BTreeMap<String, Notes>;

/// The findings at a path (an empty list where there are none).
pub fn notes_at(map: &NotesMap, path: &str) -> Notes {
    thread_local! {
        static EMPTY: Notes = Rc::new(Vec::new());
    }
    map.get(path)
        .cloned()
        .unwrap_or_else(|| EMPTY.with(Rc::clone))
}

#[derive(Properties, PartialEq, Clone)]
pub struct HeaderFieldsProps {
    pub head: Shared<Document>,
    pub notes: Rc<NotesMap>,
    pub dispatch: Dispatch,
    #[prop_or_default]
    pub read_only: bool,
    /// 执行率 and 得分 of budget execution, as the scoring computed them.
    #[prop_or_default]
    pub execution: Option<(AttrValue, AttrValue)>,
}

#[function_component(HeaderFields)]
pub fn header_fields(props: &HeaderFieldsProps) -> Html {
    let head = &props.head;
    let kind = head.kind;
    // One field of the catalogue, labelled and laid out by its kind of
    // value; `before` and `after` frame the label where the form says more.
    let field_framed = |f: Field, before: &str, after: &str| {
        let path = f.path();
        let value = f.text(head, &[]);
        let vk = f.value_kind();
        html! {
            <FieldInput path={AttrValue::from(path.clone())}
                label={AttrValue::from(format!("{before}{}{after}", f.label(kind)))}
                value={AttrValue::from(value)} notes={notes_at(&props.notes, &path)}
                dispatch={props.dispatch.clone()} read_only={props.read_only}
                multiline={vk == ValueKind::LongText} number={vk.is_number()}
                hint={hint(vk)} class={class(vk)} />
        }
    };
    let field = |f: Field| field_framed(f, "", "");
    let who = if kind.is_unit() {
        html! {
            <>
                { field(Field::UnitName) }
                { field(Field::UnitCode) }
                { field(Field::UnitDepartment) }
            </>
        }
    } else {
        html! {
            <>
                { field(Field::ProjectName) }
                { field(Field::ProjectCode) }
                { field(Field::ProjectDepartment) }
                { field(Field::ProjectUnit) }
                if !kind.is_self_eval() {
                    { field(Field::ProjectAttribute) }
                    { field(Field::PeriodStart) }
                    { field(Field::PeriodEnd) }
                }
            </>
        }
    };
    let money = |m: Money| {
        let (before, after) = match m {
            Money::Fiscal => ("其中：", ""),
            Money::MediumTermTotal => ("", "（跨年度项目）"),
            _ => ("", ""),
        };
        field_framed(Field::Funds(m), before, after)
    };
    let money = match kind {
        Kind::ProjectGoal => html! {
            <fieldset class="section">
                <legend>{ Heading::Funds.label(kind) }</legend>
                <div class="fields">
                    { for Money::of_form(kind).iter().map(|m| money(*m)) }
                </div>
            </fieldset>
        },
        Kind::UnitGoal => html! {
            <>
                <fieldset class="section">
                    <legend>{ Heading::Funds.label(kind) }</legend>
                    <div class="fields">
                        { for Money::of_form(kind).iter().map(|m| money(*m)) }
                    </div>
                </fieldset>
                <Tasks head={props.head.clone()} notes={props.notes.clone()}
                    dispatch={props.dispatch.clone()} read_only={props.read_only} />
            </>
        },
        Kind::ProjectSelfEval | Kind::UnitSelfEval => html! {
            <BudgetTable head={props.head.clone()} notes={props.notes.clone()}
                dispatch={props.dispatch.clone()} read_only={props.read_only}
                execution={props.execution.clone()} />
        },
    };
    let goals = if kind.is_self_eval() {
        html! {
            <fieldset class="section">
                <legend>{ Heading::Goals.label(kind) }</legend>
                <div class="fields two">
                    { field(Field::GoalPlanned) }
                    { field(Field::GoalAchieved) }
                </div>
            </fieldset>
        }
    } else {
        html! {
            <fieldset class="section">
                <legend>{ Heading::Goals.label(kind) }</legend>
                <div class="fields two">
                    { field(Field::GoalAnnual) }
                    if kind == Kind::ProjectGoal { { field_framed(Field::GoalMediumTerm, "", "（跨年度项目）") } }
                </div>
            </fieldset>
        }
    };
    html! {
        <>
            <fieldset class="section">
                <legend>{ "基本信息" }</legend>
                <div class="fields">
                    { field(Field::Year) }
                    { who }
                </div>
            </fieldset>
            { money }
            { goals }
        </>
    }
}

/// The hint under a field, by its kind of value.
fn hint(vk: ValueKind) -> Option<AttrValue> {
    match vk {
        ValueKind::Money => Some("单位：万元".into()),
        ValueKind::Month => Some("如 2024-01".into()),
        ValueKind::Year => Some("如 2024".into()),
        _ => None,
    }
}

/// The layout class of a field, by its kind of value.
fn class(vk: ValueKind) -> Classes {
    match vk {
        ValueKind::LongText => classes!("wide"),
        ValueKind::Short | ValueKind::Money | ValueKind::Year | ValueKind::Month => {
            classes!("narrow")
        }
        _ => classes!(),
    }
}
