//! The app shell: the form's title, kind and rule profile, the toolbar, the
//! error summary, the header fields, the indicator grid, (on
//! self-evaluations) the score panel, and the printed form, which takes the
//! editor's place when the page is printed.
//!
//! Checking and scoring run over the whole document after each edit, once
//! the edit is rendered, when `crate::pace` says: in the same frame, right
//! after the typed text is painted, or once typing pauses; typing never
//! waits for them.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::error_summary::ErrorSummary;
use super::grid::{Columns, Grid};
use super::grid_row::Catalogue;
use super::header_fields::{HeaderFields, NotesMap};
use super::results::Results;
use super::score_panel::ScorePanel;
use super::{Notes, Shared, Shown};
use crate::edit::{Action, FormState};
use crate::fields::RowField;
use crate::finding::{Finding, Severity};
use crate::model::{Document, Kind};
use crate::pace::{When, PAUSE_MS};
use crate::print::percent;
use crate::profile::Profile;
use crate::score::RowCache;
use crate::web::state::EditorState;

/// What the embedding page may set; all optional.
#[derive(Properties, PartialEq, Clone, Default)]
pub struct AppProps {
    /// The kind of a new, empty form (default: 项目支出绩效目标申报表).
    #[prop_or_default]
    pub kind: Option<Kind>,
    /// A document to edit (a restored draft, a form sent back by the portal).
    /// Read once, when the editor mounts; compared by pointer, so that a
    /// parent re-rendering does not compare 500 rows.
    #[prop_or_default]
    pub initial: Option<Shared<Document>>,
    /// The rule profile tag (`national@2024.1`); the national profile by default.
    #[prop_or_default]
    pub profile: Option<String>,
    #[prop_or_default]
    pub read_only: bool,
    /// Called with the whole document after each edit, at once, before it
    /// is checked (autosave plugs in here).
    #[prop_or_default]
    pub on_change: Option<Callback<Rc<Document>>>,
    /// Shows 提交 and is called with the document when it has no errors.
    #[prop_or_default]
    pub on_submit: Option<Callback<Rc<Document>>>,
    /// Prefixes every element id, for several editors on one page.
    #[prop_or_default]
    pub id_prefix: AttrValue,
    /// Receives the self-evaluation derived from this goal form (生成自评表),
    /// so that it can open as a draft of its own; without it the form
    /// turns into the self-evaluation in place.
    #[prop_or_default]
    pub on_derive: Option<Callback<Rc<Document>>>,
    /// Given the editor's state, so that autosave can read the document as
    /// it is this instant when the page is hidden or closed: the state
    /// changes with each keystroke, before the change is rendered and
    /// `on_change` called, and rendering a long form may take several tasks.
    #[prop_or_default]
    pub live: Option<LiveDoc>,
}

/// Reads the editor's document as it is now (see [`AppProps::live`]).
#[derive(Clone, Default)]
pub struct LiveDoc(Rc<RefCell<Option<UseReducerHandle<EditorState>>>>);

impl LiveDoc {
    /// The document as the last edit left it, once an editor is shown.
    pub fn get(&self) -> Option<Document> {
        // A new handle reads the reducer's state as last dispatched; reading
        // through the stored one would keep every state it was read in.
        let state = self.0.borrow().clone()?;
        Some(state.0.document())
    }
}

impl PartialEq for LiveDoc {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Runs `f` in a task after the next frame is painted (a zero timeout set
/// from an animation frame callback), unless `stale` is set by then. A
/// hidden page paints no frames, so there (and should the browser refuse
/// the frame callback) it runs after a zero timeout.
fn after_paint(stale: Rc<Cell<bool>>, f: impl FnOnce() + 'static) {
    let run = move || {
        if !stale.get() {
            f();
        }
    };
    let window = web_sys::window();
    let visible = window
        .as_ref()
        .and_then(|w| w.document())
        .is_some_and(|d| !d.hidden());
    let Some(window) = window.filter(|_| visible) else {
        Timeout::new(0, run).forget();
        return;
    };
    // Shared with the fallback, so that `run` is not lost with a refused
    // callback.
    let once = Rc::new(Cell::new(Some(run)));
    let in_frame = Rc::clone(&once);
    let frame = Closure::once_into_js(move || {
        if let Some(run) = in_frame.take() {
            Timeout::new(0, run).forget();
        }
    });
    if window
        .request_animation_frame(frame.unchecked_ref())
        .is_err()
    {
        if let Some(run) = once.take() {
            Timeout::new(0, run).forget();
        }
    }
}

/// Milliseconds with two decimals (`"1.25"`), for the benchmark's
/// `data-took`. Formatted through an integer: `{:.2}` on an `f64` brings
/// float printing and its tables into the module for this one attribute.
fn micros_as_ms(ms: f64) -> String {
    let hundredths = (ms * 100.0).round() as i64;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// The index of the row a path is about, if any.
fn row_of(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("/indicators/")?;
    rest.split('/').next()?.parse().ok()
}

/// The shown findings, placed: for the summary, by header path, by row.
#[derive(PartialEq)]
struct Placed {
    summary: Rc<Vec<Shown>>,
    hidden: usize,
    header: Rc<NotesMap>,
    rows: Rc<Vec<Notes>>,
}

fn place_findings(s: &FormState, results: &Results) -> Placed {
    let explanation = |f: &Finding| {
        f.explanation.clone().or_else(|| {
            s.head
                .explanations
                .iter()
                .find(|e| e.rule == f.rule && e.path == f.path)
                .map(|e| e.text.clone())
        })
    };
    let mut summary: Vec<Shown> = Vec::new();
    let mut hidden = 0usize;
    // Built as the map it is kept as (`Rc::make_mut` on a list not yet
    // shared changes it in place), so that one map type serves both.
    let mut header = NotesMap::new();
    let mut rows: Vec<Vec<Shown>> = vec![Vec::new(); s.rows.len()];
    for f in &results.findings {
        if !s.is_shown(&f.path) {
            hidden += 1;
            continue;
        }
        let shown = Shown {
            finding: Rc::clone(f),
            explanation: explanation(f),
        };
        match row_of(&f.path).and_then(|i| rows.get_mut(i)) {
            Some(list) => list.push(shown.clone()),
            None => Rc::make_mut(header.entry(f.path.clone()).or_default()).push(shown.clone()),
        }
        summary.push(shown);
    }
    let empty: Notes = Rc::new(Vec::new());
    Placed {
        summary: Rc::new(summary),
        hidden,
        header: Rc::new(header),
        rows: Rc::new(
            rows.into_iter()
                .map(|l| {
                    if l.is_empty() {
                        Rc::clone(&empty)
                    } else {
                        Rc::new(l)
                    }
                })
                .collect(),
        ),
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let ids = super::IdScope(props.id_prefix.clone());
    let state = {
        let initial = props.initial.clone();
        let kind = props.kind.unwrap_or(Kind::ProjectGoal);
        use_reducer(move || {
            let doc = initial
                .map(|d| (*d.0).clone())
                .unwrap_or_else(|| Document::new(kind));
            EditorState(FormState::new(doc))
        })
    };
    {
        // The handle reads the reducer's state as dispatched, not as
        // rendered, so it is handed over once.
        let state = state.clone();
        use_effect_with(props.live.clone(), move |live| {
            if let Some(live) = live {
                *live.0.borrow_mut() = Some(state);
            }
        });
    }
    let s = &state.0;
    // The element the printed form is put in while the page prints.
    let print_host = use_node_ref();
    // The profile the embedding page imposes, else the one the form names
    // (chosen in the 检查规则 picker, which is shown only in that case), by
    // the one policy of `profile::resolve`. A profile that cannot be
    // resolved is the same error as in the JS API and the command line:
    // nothing is checked until one is chosen.
    let resolved = crate::profile::resolve(props.profile.as_deref(), s.head.profile.as_deref());
    let profile_error = resolved.as_ref().err().map(|e| e.message());
    let profile = resolved.ok();
    let pick_profile = props.profile.is_none() && !props.read_only;
    let kind = s.head.kind;
    let results = use_state(|| Rc::new(Results::default()));
    // How long the last three runs took (ms): one slow run (a garbage
    // collection, another tab) must not move a fast form to a slower
    // schedule (`crate::pace`).
    let costs = use_mut_ref(|| [0.0f64; 3]);
    // The rows scored last time: a keystroke rescores the row it changed.
    let score_cache = use_mut_ref(RowCache::default);
    {
        let state = state.clone();
        let results = results.clone();
        let on_change = props.on_change.clone();
        let print_host = print_host.clone();
        use_effect_with(s.revision, move |rev| {
            let rev = *rev;
            // The document goes out at once, before checking: a window closed
            // right after a keystroke must still autosave that keystroke.
            let doc = Rc::new(state.0.document());
            if rev > 0 {
                if let Some(cb) = on_change {
                    cb.emit(Rc::clone(&doc));
                }
            }
            // Printing now prints this revision, until the next one listens.
            let printing = super::print_view::listen(&print_host, &doc, profile);
            // The next edit makes a pending run stale.
            let stale = Rc::new(Cell::new(false));
            let timeout = match profile {
                None => {
                    results.set(Rc::new(Results {
                        revision: rev,
                        ..Results::default()
                    }));
                    None
                }
                Some(profile) => {
                    let when = When::of(&costs.borrow());
                    let run = move || {
                        let r = Results::evaluate(doc, profile, rev, &mut score_cache.borrow_mut());
                        let mut c = costs.borrow_mut();
                        c.rotate_right(1);
                        c[0] = r.took_ms;
                        results.set(Rc::new(r));
                    };
                    match when {
                        When::AtOnce => {
                            run();
                            None
                        }
                        When::AfterPaint => {
                            after_paint(Rc::clone(&stale), run);
                            None
                        }
                        When::AfterPause => Some(Timeout::new(PAUSE_MS, run)),
                    }
                }
            };
            move || {
                stale.set(true);
                drop((timeout, printing))
            }
        });
    }
    let columns = use_memo(kind, |k| {
        RowField::columns(*k)
            .iter()
            .map(|f| (*f, f.label(*k)))
            .collect::<Columns>()
    });
    // The category lists of the grid: the national tree while no profile
    // is chosen, so that the form can still be filled in.
    let tree = profile.unwrap_or_else(Profile::national);
    let catalogue = use_memo((kind, tree.tag()), |(k, _)| {
        tree.categories
            .tree
            .iter()
            .filter(|l1| k.is_unit() || !l1.unit_only)
            .map(|l1| (l1.name.clone(), l1.level2.clone()))
            .collect::<Catalogue>()
    });

    // Which findings are shown, and where: recomputed only when the results,
    // the touched fields, 检查, the header or the order of rows change, so
    // that a keystroke does not rebuild them for every row.
    let layout = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for r in &s.rows {
            r.id.hash(&mut h);
        }
        h.finish()
    };
    let shown = {
        let st = s.clone();
        use_memo(
            (
                Shared((*results).clone()),
                Shared(Rc::clone(&s.touched)),
                s.checked,
                Shared(Rc::clone(&s.head)),
                layout,
            ),
            move |(results, ..)| place_findings(&st, results),
        )
    };
    let score = &results.score;
    let execution = score.execution.as_ref().map(|e| {
        (
            AttrValue::from(percent(e.rate)),
            AttrValue::from(e.score.to_string()),
        )
    });
    let rows: Rc<Vec<Rc<_>>> = Rc::new(s.rows.clone());
    let deleted = s
        .deleted
        .as_ref()
        .map(|(at, r)| (*at, AttrValue::from(r.name.clone())));
    let d = state.dispatcher();

    let on_check = {
        let d = d.clone();
        let summary_id = ids.id("error-summary");
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::CheckAll);
            let summary_id = summary_id.clone();
            Timeout::new(0, move || {
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|doc| doc.get_element_by_id(&summary_id))
                {
                    use wasm_bindgen::JsCast;
                    if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = h.focus();
                    }
                }
            })
            .forget();
        })
    };
    let on_derive = {
        let d = d.clone();
        let state = state.clone();
        let to = props.on_derive.clone();
        Callback::from(move |_: MouseEvent| match &to {
            Some(cb) => cb.emit(Rc::new(crate::derive::self_eval_from_goal(
                &state.0.document(),
            ))),
            None => d.dispatch(Action::DeriveSelfEval),
        })
    };
    let on_submit = props.on_submit.clone().map(|cb| {
        let d = d.clone();
        let state = state.clone();
        let has_errors = results
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error);
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::CheckAll);
            if !has_errors {
                cb.emit(Rc::new(state.0.document()));
            }
        })
    });
    let on_profile = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                d.dispatch(Action::SetField {
                    path: "/profile".into(),
                    text: select.value(),
                });
            }
        })
    };
    let name = s.head.display_name().to_string();

    html! {
        <ContextProvider<super::IdScope> context={ids.clone()}>
            <div class={classes!("jixiao", props.read_only.then_some("read-only"))}>
                <header class="app-header">
                    <div class="title">
                        <h1 class="brand">{ "jixiao 预算绩效表单" }</h1>
                        <h2 class="form-title">{ kind.title() }</h2>
                        <p class="meta">
                            if !name.is_empty() { <span class="doc-name">{ name }</span>{ "　" } }
                            if pick_profile {
                                <label for={ids.id("profile")}>{ "检查规则：" }</label>
                                <select id={ids.id("profile")} onchange={on_profile}
                                    aria-invalid={profile_error.is_some().then_some("true")}>
                                    if profile.is_none() {
                                        <option value="" selected=true>{ "请选择检查规则" }</option>
                                    }
                                    { for crate::profile::builtins().iter().map(|p| html! {
                                        <option value={p.tag()} selected={profile.is_some_and(|q| q.id == p.id)}>{ p.name.clone() }</option>
                                    }) }
                                </select>
                            } else if let Some(profile) = profile {
                                <span>{ "规则：" }{ profile.name.clone() }{ "（" }{ profile.tag() }{ "）" }</span>
                            }
                        </p>
                        if let Some(message) = profile_error.clone() {
                            <p class="note sev-error" role="alert" id={ids.id("profile-error")}>{ message }</p>
                        }
                    </div>
                    <div class="toolbar" role="toolbar" aria-label="表单操作">
                        <button type="button" class="primary" id={ids.id("btn-check")} onclick={on_check}>{ "检查" }</button>
                        if !kind.is_self_eval() && !props.read_only {
                            <button type="button" id={ids.id("btn-derive")} onclick={on_derive}
                                title="用本表已批复的指标和分值生成绩效自评表">{ "生成自评表" }</button>
                        }
                        if let Some(on_submit) = on_submit {
                            <button type="button" id={ids.id("btn-submit")} onclick={on_submit}>{ "提交" }</button>
                        }
                        // The drafts layer puts 导出 / 导入 / 草稿 buttons here.
                        <span class="toolbar-slot" id={ids.id("toolbar-slot")}></span>
                    </div>
                </header>
                <main class="form">
                    <ErrorSummary shown={Rc::clone(&shown.summary)} hidden={shown.hidden} checked={s.checked} {kind} />
                    <HeaderFields head={Shared(Rc::clone(&s.head))} notes={Rc::clone(&shown.header)}
                        dispatch={d.clone()} read_only={props.read_only} execution={execution} />
                    <Grid rows={Rc::clone(&rows)} columns={Shared(columns)} catalogue={Shared(catalogue)}
                        row_notes={Rc::clone(&shown.rows)} results={Shared((*results).clone())} deleted={deleted}
                        paste_report={s.paste_report.clone()} dispatch={d.clone()} read_only={props.read_only} />
                    if kind.is_self_eval() {
                        <ScorePanel results={Shared((*results).clone())} />
                    }
                </main>
                <div class="pv-host" ref={print_host}></div>
                <p class="perf" hidden=true id={ids.id("perf")} data-revision={results.revision.to_string()}
                    data-took={micros_as_ms(results.took_ms)}></p>
            </div>
        </ContextProvider<super::IdScope>>
    }
}
