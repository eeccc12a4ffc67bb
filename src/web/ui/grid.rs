//! The indicator grid (绩效指标): a real table in the official column order,
//! edited like a spreadsheet. Enter moves down a column, the arrow keys move
//! between cells when the caret is at the edge of the text, Tab moves across;
//! rows copied from Excel or WPS can be pasted into any cell or into the
//! paste box under the table.

use std::collections::BTreeMap;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use super::grid_row::{Catalogue, GridRow};
use super::{IdScope, Notes, Shared};
use crate::edit::{Action, PasteReport};
use crate::model::Indicator;
use crate::tsv::Column;
use crate::web::state::Dispatch;

#[derive(Properties, PartialEq, Clone)]
pub struct GridProps {
    pub rows: Rc<Vec<Rc<Indicator>>>,
    pub columns: Shared<Vec<Column>>,
    pub catalogue: Shared<Catalogue>,
    /// Shown findings of each row, by row position.
    pub row_notes: Rc<Vec<Notes>>,
    /// Computed score and explanation by row id.
    pub computed: Rc<BTreeMap<String, (AttrValue, AttrValue)>>,
    /// The last deleted row (position, name) for 撤销.
    pub deleted: Option<(usize, AttrValue)>,
    pub paste_report: Option<PasteReport>,
    pub dispatch: Dispatch,
    #[prop_or_default]
    pub read_only: bool,
}

/// Focuses the grid cell at a row and column, selecting its text as a
/// spreadsheet does; false when there is no such cell.
fn focus_cell(ids: &IdScope, row: usize, col: usize) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let grid = ids.id("grid");
    let sel = format!("#{grid} [data-row=\"{row}\"][data-col=\"{col}\"]");
    match doc.query_selector(&sel).ok().flatten() {
        Some(el) => {
            if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                let _ = input.focus();
                input.select();
            } else if let Some(h) = el.dyn_ref::<HtmlElement>() {
                let _ = h.focus();
            }
            true
        }
        None => false,
    }
}

fn attr_usize(el: &web_sys::Element, name: &str) -> Option<usize> {
    el.get_attribute(name)?.parse().ok()
}

/// Spreadsheet moves: where a key press moves focus, if anywhere.
fn on_grid_key(ids: &IdScope, e: KeyboardEvent) {
    let Some(el) = e.target_dyn_into::<web_sys::Element>() else {
        return;
    };
    let (Some(row), Some(col)) = (attr_usize(&el, "data-row"), attr_usize(&el, "data-col")) else {
        return;
    };
    let input = el.dyn_ref::<HtmlInputElement>();
    let caret = input.map(|i| {
        let len = i.value().encode_utf16().count() as u32;
        let start = i.selection_start().ok().flatten().unwrap_or(0);
        let end = i.selection_end().ok().flatten().unwrap_or(len);
        (start == 0 && end == 0, start == len && end == len)
    });
    let (dr, dc): (isize, isize) = match e.key().as_str() {
        "Enter" if e.shift_key() => (-1, 0),
        "Enter" => (1, 0),
        "ArrowDown" if input.is_some() => (1, 0),
        "ArrowUp" if input.is_some() => (-1, 0),
        "ArrowLeft" if caret.is_some_and(|(at_start, _)| at_start) => (0, -1),
        "ArrowRight" if caret.is_some_and(|(_, at_end)| at_end) => (0, 1),
        _ => return,
    };
    let (Some(r), Some(c)) = (row.checked_add_signed(dr), col.checked_add_signed(dc)) else {
        return;
    };
    if focus_cell(ids, r, c) {
        e.prevent_default();
    } else if e.key() == "Enter" {
        // At the last row Enter stays put instead of submitting anything.
        e.prevent_default();
    }
}

/// Reads the text of a paste event when it holds more than one cell.
fn multi_cell_paste(e: &Event) -> Option<String> {
    let ce = e.dyn_ref::<web_sys::ClipboardEvent>()?;
    let text = ce.clipboard_data()?.get_data("text/plain").ok()?;
    let body = text.trim_end_matches(['\r', '\n']);
    (body.contains('\t') || body.contains('\n')).then_some(text)
}

fn blur_active() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|el| el.dyn_into::<HtmlElement>().ok())
    {
        let _ = el.blur();
    }
}

#[function_component(Grid)]
pub fn grid(props: &GridProps) -> Html {
    let ids = super::use_ids();
    let on_key = {
        let ids = ids.clone();
        Callback::from(move |e: KeyboardEvent| on_grid_key(&ids, e))
    };
    let d = &props.dispatch;
    let n_rows = props.rows.len();
    let onpaste = {
        let d = d.clone();
        let n_cols = props.columns.len();
        Callback::from(move |e: Event| {
            let Some(text) = multi_cell_paste(&e) else {
                return;
            };
            e.prevent_default();
            let el = e.target_dyn_into::<web_sys::Element>();
            let at = el
                .as_ref()
                .and_then(|el| attr_usize(el, "data-row"))
                .unwrap_or(n_rows);
            let col = el
                .as_ref()
                .and_then(|el| attr_usize(el, "data-col"))
                .unwrap_or(0);
            blur_active();
            if col == 0 || crate::tsv::is_whole_rows(&text, n_cols) {
                // Whole rows (or pasted at the first column), header or not.
                d.dispatch(Action::PasteRows { at, text });
            } else {
                // From another column (a column of targets, say): cell by cell.
                d.dispatch(Action::PasteCells { row: at, col, text });
            }
        })
    };
    let onpaste_box = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let text = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
                .and_then(|c| c.get_data("text/plain").ok())
                .unwrap_or_default();
            e.prevent_default();
            if !text.trim().is_empty() {
                d.dispatch(Action::PasteRows { at: n_rows, text });
            }
        })
    };
    let add = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::AddRow { after: None }))
    };
    let undo = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::UndoDelete))
    };
    let dismiss = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::DismissPasteReport))
    };
    let rows = props.rows.iter().enumerate().map(|(i, r)| {
        let prev = i.checked_sub(1).map(|p| &props.rows[p]);
        let same_l1 = prev.is_some_and(|p| !r.level1.is_empty() && p.level1 == r.level1);
        let same_l2 = prev.is_some_and(|p| !r.level2.is_empty() && p.level2 == r.level2);
        html! {
            <GridRow key={r.id.clone()} index={i} row={Shared(Rc::clone(r))}
                columns={props.columns.clone()} catalogue={props.catalogue.clone()}
                notes={props.row_notes.get(i).cloned().unwrap_or_default()}
                computed={props.computed.get(&r.id).cloned()}
                same_l1={same_l1} same_l2={same_l2} last={i + 1 == n_rows}
                dispatch={d.clone()} read_only={props.read_only} />
        }
    });
    html! {
        <section class="section grid-section" aria-labelledby={ids.id("grid-title")}>
            <h3 id={ids.id("grid-title")}>{ "绩效指标" }</h3>
            <p class="hint" id={ids.id("grid-help")}>
                { "在单元格中按 Enter 移到下一行，方向键在单元格之间移动，Tab 向右移动。可以从 Excel 或 WPS 复制多行指标，直接粘贴到表格中。" }
            </p>
            <div class="grid-wrap">
                <table id={ids.id("grid")} class="grid" aria-describedby={ids.id("grid-help")} onkeydown={on_key} {onpaste}>
                    <thead>
                        <tr>
                            <th scope="col" class="rownum">{ "序号" }</th>
                            { for props.columns.iter().map(|c| html! {
                                <th scope="col" class={format!("c-{}", super::grid_row::column_field(*c))}>{ c.label() }</th>
                            }) }
                            if !props.read_only { <th scope="col" class="actions">{ "操作" }</th> }
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            if n_rows == 0 {
                <p class="empty">{ "还没有指标。请点击“添加一行”，或把 Excel/WPS 中的指标行粘贴到下面的粘贴框。" }</p>
            }
            <div class="status" role="status">
                if let Some((at, name)) = &props.deleted {
                    <p class="undo">
                        { format!("已删除第{}行", at + 1) }
                        if !name.is_empty() { { format!("“{name}”") } }
                        { "。" }
                        <button type="button" onclick={undo}>{ "撤销删除" }</button>
                    </p>
                }
                if let Some(report) = &props.paste_report {
                    <div class="paste-report">
                        <p>{ format!("已粘贴 {} 行指标。", report.rows) }
                            if !report.problems.is_empty() {
                                { format!("其中 {} 处内容无法识别，已原样保留，请修改：", report.problems.len()) }
                            }
                            <button type="button" class="link" onclick={dismiss}>{ "关闭" }</button>
                        </p>
                        if !report.problems.is_empty() {
                            <ul>{ for report.problems.iter().take(50).map(|p| html! { <li>{ p.describe() }</li> }) }</ul>
                        }
                    </div>
                }
            </div>
            if !props.read_only {
                <div class="grid-tools">
                    <button type="button" onclick={add}>{ "添加一行" }</button>
                    <label for={ids.id("paste-box")}>{ "粘贴框（从 Excel/WPS 复制指标行后在此按 Ctrl+V）" }</label>
                    <textarea id={ids.id("paste-box")} class="paste-box" rows="2" onpaste={onpaste_box}
                        placeholder="一级指标	二级指标	三级指标	指标值	分值" />
                </div>
            }
        </section>
    }
}
