//! The indicator grid (绩效指标): a real table in the official column order,
//! edited like a spreadsheet. Enter moves down a column, the arrow keys move
//! between cells when the caret is at the edge of the text, Tab moves across;
//! rows copied from Excel or WPS can be pasted into any cell or into the
//! paste box under the table.
//!
//! A long grid (over `window::WINDOW_FROM` rows) renders only the rows near
//! the screen, with spacer rows standing in for the others, so that a
//! keystroke does not make the browser lay out 500 rows. The rendered rows
//! are measured as the page scrolls, and the spacers and the rows to render
//! are computed from those heights (`window::RowHeights`), so rows of
//! different heights stay where they are as the window moves. The grid is
//! not printed: the printed form (`super::print_view`) renders every row
//! itself. A summary link or a key that moves to a row off screen scrolls
//! to it first (`super::focus_path`, `focus_cell`).

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use super::grid_row::{Catalogue, GridRow};
use super::results::Results;
use super::{IdScope, Notes, Shared};
use crate::edit::{Action, PasteReport};
use crate::fields::RowField;
use crate::model::Indicator;

/// The grid's columns with their headings, for the form's kind.
pub type Columns = Vec<(RowField, &'static str)>;
use crate::web::state::Dispatch;
use crate::window::{RowHeights, WINDOW_FROM};

#[derive(Properties, PartialEq, Clone)]
pub struct GridProps {
    pub rows: Rc<Vec<Rc<Indicator>>>,
    pub columns: Shared<Columns>,
    pub catalogue: Shared<Catalogue>,
    /// Shown findings of each row, by row position.
    pub row_notes: Rc<Vec<Notes>>,
    /// The last check and score: each row's computed score is shown in
    /// its 得分 cell.
    pub results: Shared<Results>,
    /// The last deleted row (position, name) for 撤销.
    pub deleted: Option<(usize, AttrValue)>,
    pub paste_report: Option<PasteReport>,
    pub dispatch: Dispatch,
    #[prop_or_default]
    pub read_only: bool,
}

/// The score computed for row `i` (`—` where it cannot be scored), if the
/// results are about the row with this id: the scores are in row order, and
/// the rows may have changed since they were computed.
fn computed_score(results: &Results, i: usize, id: &str) -> Option<AttrValue> {
    let row = results.score.indicators.get(i).filter(|s| s.id == id)?;
    Some(AttrValue::from(super::score_panel::shown_score(row)))
}

/// Focuses the grid cell at a row and column, selecting its text as a
/// spreadsheet does; false when there is no such cell. In a long grid a
/// row off screen is scrolled to first and focused once it is rendered.
fn focus_cell(ids: &IdScope, row: usize, col: usize) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let grid = ids.id("grid");
    let sel = format!("#{grid} [data-row=\"{row}\"][data-col=\"{col}\"]");
    if let Some(el) = doc.query_selector(&sel).ok().flatten() {
        return focus_element(&el);
    }
    if !reveal_row(ids, row) {
        return false;
    }
    super::retry(move || {
        doc.query_selector(&sel)
            .ok()
            .flatten()
            .is_some_and(|el| focus_element(&el))
    });
    true
}

/// Focuses a cell's input (selecting its text) or any other element.
fn focus_element(el: &web_sys::Element) -> bool {
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        input.focus().is_ok() && {
            input.select();
            true
        }
    } else {
        el.dyn_ref::<HtmlElement>()
            .is_some_and(|h| h.focus().is_ok())
    }
}

/// The event a grid body listens for to scroll row `data-reveal` into view.
const REVEAL: &str = "reveal";

/// Scrolls a long grid so that row `row` comes into view, if the grid is
/// windowed and has that row; true when it scrolled. The grid itself does
/// the scrolling (it knows its row heights), asked through an event.
pub fn reveal_row(ids: &IdScope, row: usize) -> bool {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&ids.id("grid-body")))
    else {
        return false;
    };
    let rows: usize = attr_usize(&body, "data-rows").unwrap_or(0);
    if body.get_attribute("data-windowed").as_deref() != Some("true") || row >= rows {
        return false;
    }
    let _ = body.set_attribute("data-reveal", &row.to_string());
    web_sys::Event::new(REVEAL).is_ok_and(|e| body.dispatch_event(&e).is_ok())
}

/// The height of the browser window in CSS pixels.
fn viewport_px() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(800.0)
}

/// The rows of a long grid to render now, from where its body is on screen.
fn rows_in_view(body: &NodeRef, heights: &RowHeights) -> (usize, usize) {
    match body.cast::<web_sys::Element>() {
        Some(el) => heights.rows_in_view(el.get_bounding_client_rect().top(), viewport_px()),
        None => (0, heights.len().min(WINDOW_FROM)),
    }
}

/// Scrolls the window so that row `row` of a grid body is a third of the
/// way down the screen.
fn scroll_to_row(body: &NodeRef, heights: &RowHeights, row: usize) {
    let (Some(window), Some(el)) = (web_sys::window(), body.cast::<web_sys::Element>()) else {
        return;
    };
    let top = el.get_bounding_client_rect().top() + window.scroll_y().unwrap_or(0.0);
    let y = top + heights.offset(row) - viewport_px() / 3.0;
    window.scroll_to_with_x_and_y(0.0, y.max(0.0));
}

/// Sets an element's height through the CSSOM (a `style` attribute would
/// need `'unsafe-inline'` under the strict CSP), to a hundredth of a pixel,
/// unless `last` says it has that height already: a style write, even of
/// the same value, costs the browser a style recalculation. (Comparing with
/// the element's own `height` does not work: the browser hands it back
/// rounded to six digits.)
fn set_height(node: &NodeRef, px: f64, last: &mut i64) {
    // Formatted from an integer (float printing is large in wasm). Heights
    // are never negative.
    let centi = (px.max(0.0) * 100.0).round() as i64;
    if centi == *last {
        return;
    }
    if let Some(el) = node.cast::<HtmlElement>() {
        let value = format!("{}.{:02}px", centi / 100, centi % 100);
        if el.style().set_property("height", &value).is_ok() {
            *last = centi;
        }
    }
}

/// What a long grid keeps between renders: its row heights and which rows
/// are rendered now.
struct Windowing {
    heights: RowHeights,
    rendered: (usize, usize),
    /// The heights last given to the two spacers, in hundredths of a pixel
    /// (-1: not set on the spacers there are now).
    spacers: [i64; 2],
}

impl Default for Windowing {
    fn default() -> Windowing {
        Windowing {
            heights: RowHeights::default(),
            rendered: (0, 0),
            spacers: [-1, -1],
        }
    }
}

impl Windowing {
    /// Measures the rows rendered now (the grid body's children after the
    /// top spacer). Called from scroll events and before scrolling to a
    /// row, never after a render: then the browser has laid the page out
    /// already, and reading it costs no layout of its own.
    fn measure(&mut self, body: &NodeRef) {
        let Some(el) = body.cast::<web_sys::Element>() else {
            return;
        };
        let children = el.children();
        let (start, end) = self.rendered;
        for row in start..end {
            if let Some(tr) = children.item((row - start + 1) as u32) {
                self.heights
                    .measure(row, tr.get_bounding_client_rect().height());
            }
        }
    }
}

/// Makes the spacers of a windowed grid as high as the rows they stand in
/// for: those above `start` and those from `end` on.
fn set_spacers(spacers: &(NodeRef, NodeRef), w: &mut Windowing, start: usize, end: usize) {
    let h = &w.heights;
    let (above, below) = (h.offset(start), h.offset(h.len()) - h.offset(end));
    set_height(&spacers.0, above, &mut w.spacers[0]);
    set_height(&spacers.1, below, &mut w.spacers[1]);
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

    // Windowing of long grids: which rows are rendered, kept in step with
    // scrolling.
    let body = use_node_ref();
    let top_spacer = use_node_ref();
    let bottom_spacer = use_node_ref();
    let windowed = n_rows > WINDOW_FROM;
    let range = use_state_eq(|| (0, n_rows.min(WINDOW_FROM)));
    let win = use_mut_ref(Windowing::default);
    win.borrow_mut().heights.resize(n_rows);
    {
        let range = range.clone();
        let body = body.clone();
        let win = win.clone();
        use_effect_with(n_rows, move |&n| {
            let mut listeners = Vec::new();
            if n > WINDOW_FROM {
                range.set(rows_in_view(&body, &win.borrow().heights));
                if let Some(window) = web_sys::window() {
                    let passive = EventListenerOptions::default();
                    for event in ["scroll", "resize"] {
                        let (range, body, win) = (range.clone(), body.clone(), win.clone());
                        listeners.push(EventListener::new_with_options(
                            &window,
                            event,
                            passive,
                            move |_| {
                                let mut w = win.borrow_mut();
                                w.measure(&body);
                                range.set(rows_in_view(&body, &w.heights));
                            },
                        ));
                    }
                    if let Some(el) = body.cast::<web_sys::Element>() {
                        let (body, win) = (body.clone(), win.clone());
                        listeners.push(EventListener::new(&el.clone(), REVEAL, move |_| {
                            if let Some(row) = attr_usize(&el, "data-reveal") {
                                let mut w = win.borrow_mut();
                                w.measure(&body);
                                scroll_to_row(&body, &w.heights, row);
                            }
                        }));
                    }
                }
            }
            move || drop(listeners)
        });
    }
    let (start, end) = if windowed {
        let (s, e) = *range;
        (s.min(n_rows), e.min(n_rows).max(s.min(n_rows)))
    } else {
        (0, n_rows)
    };
    {
        // After each render the spacers stand in for the rows not rendered,
        // from the heights known. Rows rendered for the first time count at
        // the average height until the next scroll measures them; where
        // they are above the screen, the browser's scroll anchoring keeps
        // the rows on screen in place meanwhile. Nothing here reads the
        // layout, so a keystroke costs no extra layout.
        let spacers = (top_spacer.clone(), bottom_spacer.clone());
        let win = win.clone();
        use_effect(move || {
            let mut w = win.borrow_mut();
            if windowed {
                w.rendered = (start, end);
                set_spacers(&spacers, &mut w, start, end);
            } else {
                // The spacers are gone (the grid got short); the next ones
                // start without a height.
                w.spacers = [-1, -1];
            }
        });
    }
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
    // Row number, the columns and 操作: what a spacer row spans.
    let span = props.columns.len() + 1 + usize::from(!props.read_only);
    let rows = props.rows[start..end].iter().enumerate().map(|(k, r)| {
        let i = start + k;
        let prev = i.checked_sub(1).map(|p| &props.rows[p]);
        let same_l1 = prev.is_some_and(|p| !r.level1.is_empty() && p.level1 == r.level1);
        let same_l2 = prev.is_some_and(|p| !r.level2.is_empty() && p.level2 == r.level2);
        html! {
            <GridRow key={r.id.clone()} index={i} row={Shared(Rc::clone(r))}
                aria_rowindex={windowed.then_some(i + 2)}
                columns={props.columns.clone()} catalogue={props.catalogue.clone()}
                notes={props.row_notes.get(i).cloned().unwrap_or_default()}
                computed={computed_score(&props.results, i, &r.id)}
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
                <table id={ids.id("grid")} class="grid" aria-describedby={ids.id("grid-help")} onkeydown={on_key} {onpaste}
                    aria-rowcount={windowed.then(|| (n_rows + 1).to_string())}>
                    <thead>
                        <tr>
                            <th scope="col" class="rownum">{ "序号" }</th>
                            { for props.columns.iter().map(|c| html! {
                                <th scope="col" class={format!("c-{}", c.0.key())}>{ c.1 }</th>
                            }) }
                            if !props.read_only { <th scope="col" class="actions">{ "操作" }</th> }
                        </tr>
                    </thead>
                    <tbody id={ids.id("grid-body")} ref={body.clone()} data-rows={n_rows.to_string()}
                        data-windowed={if windowed { "true" } else { "false" }}>
                        if windowed {
                            <tr class="spacer" aria-hidden="true" ref={top_spacer.clone()}><td colspan={span.to_string()}></td></tr>
                        }
                        // One keyed list of its own: mixed with the unkeyed
                        // spacers, Yew would match rows by position and
                        // re-create every row (losing focus) when the
                        // window moves.
                        { rows.collect::<Html>() }
                        if windowed {
                            <tr class="spacer" aria-hidden="true" ref={bottom_spacer.clone()}><td colspan={span.to_string()}></td></tr>
                        }
                    </tbody>
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
                        <p>
                            // No row read: an edit refused (the row limit),
                            // or a paste with nothing in it; the list says why.
                            if report.rows > 0 { { format!("已粘贴 {} 行指标。", report.rows) } }
                            if report.rows > 0 && !report.problems.is_empty() {
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
