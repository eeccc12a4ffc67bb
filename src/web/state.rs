//! The form state as a Yew reducer: a thin wrapper over the pure
//! `crate::edit::apply`, so that every edit is tested natively.

use std::rc::Rc;

use yew::prelude::*;

use crate::edit::{apply, Action, FormState};

/// The editor state held by `use_reducer`.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorState(pub FormState);

impl Reducible for EditorState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = apply(&self.0, action);
        let same = next.revision == self.0.revision
            && Rc::ptr_eq(&next.touched, &self.0.touched)
            && next.checked == self.0.checked
            && next.paste_report == self.0.paste_report;
        if same {
            // Nothing changed (e.g. touching a field twice): keep the same
            // state, so that nothing re-renders.
            return self;
        }
        Rc::new(EditorState(next))
    }
}

/// The dispatcher handed to components; it is stable across renders, so
/// props holding it compare equal and unchanged rows are not re-rendered.
pub type Dispatch = UseReducerDispatcher<EditorState>;
