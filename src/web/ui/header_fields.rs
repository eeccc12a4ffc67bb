//! The header of a form: who and what it is about, the money and the
//! overall goals, laid out like the official paper form for each kind.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::budget_table::BudgetTable;
use super::field::Field;
use super::tasks::Tasks;
use super::{Notes, Shared};
use crate::edit::doc_field_text;
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
    let field = |path: &str, label: &str, kind: FieldKind| {
        let value = doc_field_text(head, &[], path);
        html! {
            <Field path={AttrValue::from(path.to_string())} label={AttrValue::from(label.to_string())}
                value={AttrValue::from(value)} notes={notes_at(&props.notes, path)}
                dispatch={props.dispatch.clone()} read_only={props.read_only}
                multiline={kind == FieldKind::Long} number={kind == FieldKind::Number}
                hint={kind.hint()} class={kind.class()} />
        }
    };
    use FieldKind::*;
    let kind = head.kind;
    let who = if kind.is_unit() {
        html! {
            <>
                { field("/unit/name", "部门（单位）名称", Text) }
                { field("/unit/code", "单位编码", Short) }
                { field("/unit/department", "主管部门", Text) }
            </>
        }
    } else {
        html! {
            <>
                { field("/project/name", "项目名称", Text) }
                { field("/project/code", "项目编码", Short) }
                { field("/project/department", "主管部门（及代码）", Text) }
                { field("/project/unit", "实施单位", Text) }
                if !kind.is_self_eval() {
                    { field("/project/attribute", "项目属性", Short) }
                    { field("/project/period/start", "项目期（开始）", Month) }
                    { field("/project/period/end", "项目期（结束）", Month) }
                }
            </>
        }
    };
    let money = match kind {
        Kind::ProjectGoal => html! {
            <fieldset class="section">
                <legend>{ "项目资金（万元）" }</legend>
                <div class="fields">
                    { field("/funds/total", "年度资金总额", Number) }
                    { field("/funds/fiscal", "其中：财政拨款", Number) }
                    { field("/funds/other", "其他资金", Number) }
                    { field("/funds/medium_term_total", "中期资金总额（跨年度项目）", Number) }
                </div>
            </fieldset>
        },
        Kind::UnitGoal => html! {
            <>
                <fieldset class="section">
                    <legend>{ "年度预算（万元）" }</legend>
                    <div class="fields">
                        { field("/funds/total", "预算总额", Number) }
                        { field("/funds/fiscal", "其中：财政拨款", Number) }
                        { field("/funds/other", "其他资金", Number) }
                        { field("/funds/basic", "基本支出", Number) }
                        { field("/funds/project", "项目支出", Number) }
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
                <legend>{ "年度总体目标" }</legend>
                <div class="fields two">
                    { field("/goals/planned", "预期目标", Long) }
                    { field("/goals/achieved", "实际完成情况", Long) }
                </div>
            </fieldset>
        }
    } else {
        html! {
            <fieldset class="section">
                <legend>{ "总体目标" }</legend>
                <div class="fields two">
                    { field("/goals/annual", "年度目标", Long) }
                    if kind == Kind::ProjectGoal { { field("/goals/medium_term", "中期目标（跨年度项目）", Long) } }
                </div>
            </fieldset>
        }
    };
    html! {
        <>
            <fieldset class="section">
                <legend>{ "基本信息" }</legend>
                <div class="fields">
                    { field("/year", "年度", Year) }
                    { who }
                </div>
            </fieldset>
            { money }
            { goals }
        </>
    }
}

/// How a header field is typed and laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FieldKind {
    Text,
    Short,
    Long,
    Number,
    Year,
    Month,
}

impl FieldKind {
    fn hint(self) -> Option<AttrValue> {
        match self {
            FieldKind::Number => Some("单位：万元".into()),
            FieldKind::Month => Some("如 2024-01".into()),
            FieldKind::Year => Some("如 2024".into()),
            _ => None,
        }
    }

    fn class(self) -> Classes {
        match self {
            FieldKind::Long => classes!("wide"),
            FieldKind::Short | FieldKind::Number | FieldKind::Year | FieldKind::Month => {
                classes!("narrow")
            }
            FieldKind::Text => classes!(),
        }
    }
}
