//! When the editor checks and scores after an edit, from how long the last
//! runs took: in the same frame as the keystroke while that is cheap, in a
//! task right after the frame that shows the typed text while it is not,
//! and only once typing pauses when it is slow (a huge form on an old PC).
//! Typing never waits for a check, and a fast form shows its results with
//! the keystroke.
//!
//! The browser layer (`web::ui::app`) times the runs and schedules them;
//! this module is the policy alone, tested natively.

/// Checks run in the same frame as the keystroke while one of the last
/// three runs took less than this (milliseconds). Measured with
/// `tests/e2e/bench.mjs` on a 500-row form: a check there takes about
/// 1.1 ms (p50), and a keystroke with it, the summary and score re-rendered
/// and the page laid out, about 6.5 ms (p95 9 ms).
pub const AT_ONCE_MS: f64 = 4.0;

/// Slower checks run right after the frame that shows the typed text while
/// one of the last three took less than this: the summary then follows each
/// keystroke a frame later, and a keystroke that comes first cancels the
/// run. Slower still, they wait for a pause in typing of [`PAUSE_MS`].
pub const AFTER_PAINT_MS: f64 = 50.0;

/// The pause in typing that slow checks wait for (milliseconds).
pub const PAUSE_MS: u32 = 150;

/// When the checks of an edit run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// In the same frame as the edit.
    AtOnce,
    /// In a task of their own after the edit's frame is painted.
    AfterPaint,
    /// Once no edit has come for [`PAUSE_MS`].
    AfterPause,
}

impl When {
    /// The policy, from how long the last three runs took (milliseconds;
    /// zero for runs that have not happened). One slow run (a garbage
    /// collection, another tab busy) does not move a fast form to a slower
    /// schedule: the fastest of the three decides. A time that is not a
    /// number counts as slow.
    pub fn of(last_three: &[f64; 3]) -> When {
        let fastest = fastest(last_three);
        if fastest < AT_ONCE_MS {
            When::AtOnce
        } else if fastest < AFTER_PAINT_MS {
            When::AfterPaint
        } else {
            When::AfterPause
        }
    }
}

/// The fastest of the last three timings (milliseconds), by which the
/// editor's schedules are chosen: one slow run (a garbage collection,
/// another tab busy) does not move a fast form to a slower schedule. A
/// time that is not a number is ignored; three of them give infinity, which
/// counts as slow.
pub fn fastest(last_three: &[f64; 3]) -> f64 {
    last_three.iter().copied().fold(f64::INFINITY, f64::min)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fastest_of_the_last_three_runs_decides() {
        let cases: &[([f64; 3], When)] = &[
            // A new editor has not run yet: at once.
            ([0.0, 0.0, 0.0], When::AtOnce),
            ([1.1, 0.9, 1.3], When::AtOnce),
            // One slow run among fast ones changes nothing.
            ([120.0, 1.0, 9.0], When::AtOnce),
            ([3.99, 80.0, 80.0], When::AtOnce),
            // All three at 4 ms or more: after the paint.
            ([4.0, 4.0, 4.0], When::AfterPaint),
            ([6.5, 10.7, 49.9], When::AfterPaint),
            // All three at 50 ms or more: after a pause in typing.
            ([50.0, 75.0, 300.0], When::AfterPause),
            // Nonsense timings do not panic; they count as slow.
            ([f64::NAN, f64::NAN, f64::NAN], When::AfterPause),
            ([f64::NAN, 2.0, f64::INFINITY], When::AtOnce),
            ([-1.0, 60.0, 60.0], When::AtOnce),
        ];
        for (costs, want) in cases {
            assert_eq!(When::of(costs), *want, "{costs:?}");
        }
    }
}
