//! The printed form (`crate::print`) in the page: an empty element of the
//! editor is filled with the form when the browser is about to print
//! (`beforeprint`, which Ctrl+P, the print menu and Chromium's print to PDF
//! all fire) and emptied after (`afterprint`), so that typing never pays
//! for it. The print styles show it in place of the editor.
//!
//! It holds every row: the editor's grid shows only the rows near the
//! screen when it is long. The editor listens anew for each revision of
//! the document (two listeners, no work until a print), and the scores are
//! computed at print time, so a print right after a keystroke prints that
//! keystroke and its score. The form is set as escaped HTML text, without
//! Yew: no component, no virtual DOM of 500 rows, and little in the first
//! download.

use std::rc::Rc;

use gloo_events::EventListener;
use yew::NodeRef;

use crate::model::Document;
use crate::profile::Profile;

/// Fills `host` with the printed form of `doc` while the page prints,
/// scored under `profile` (the editor's; without one, the scores the unit
/// typed print). Dropping the listeners stops it.
pub fn listen(
    host: &NodeRef,
    doc: &Rc<Document>,
    profile: Option<&'static Profile>,
) -> Option<[EventListener; 2]> {
    let window = web_sys::window()?;
    Some(
        [("beforeprint", true), ("afterprint", false)].map(|(event, fill)| {
            let (host, doc) = (host.clone(), Rc::clone(doc));
            EventListener::new(&window, event, move |_| {
                let Some(el) = host.cast::<web_sys::Element>() else {
                    return;
                };
                let html = match profile {
                    _ if !fill => String::new(),
                    Some(p) if doc.kind.is_self_eval() => {
                        let report = crate::evaluate::evaluate(&doc, p);
                        crate::print::html(&doc, report.score.as_ref())
                    }
                    _ => crate::print::html(&doc, None),
                };
                el.set_inner_html(&html);
            })
        }),
    )
}
