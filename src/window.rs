//! Windowing of long indicator grids: which rows to render and how high the
//! spacer rows that stand in for the others must be.
//!
//! A grid over [`WINDOW_FROM`] rows renders only the rows near the screen.
//! Rows are not all of one height (a row with a note under it is taller,
//! long names wrap), so [`RowHeights`] keeps the height the browser measured
//! for every row that has been on screen and uses the average of those for
//! the rest. The spacers and the rows to render are both computed from the
//! same heights, so a spacer is exactly as high as the rows it replaces
//! once they have been seen, and a row's place on the page does not move
//! when the window of rendered rows moves past it.
//!
//! The browser layer (`web::ui::grid`) measures and scrolls; this module is
//! plain arithmetic, tested natively.

/// Grids with more rows than this render only the rows near the screen:
/// laying out a 500-row table on every keystroke costs the browser more
/// than a frame.
pub const WINDOW_FROM: usize = 120;

/// Rows rendered above and below the visible ones, so that Tab, Enter and
/// the arrow keys find their next cell already there.
pub const OVERSCAN: usize = 20;

/// The height assumed for a row before any row has been measured, in CSS
/// pixels (a one-line row of the stylesheet).
pub const GUESS_PX: f64 = 44.0;

/// The heights of a grid's rows by position, in CSS pixels: measured where
/// the row has been rendered, the average of the measured rows elsewhere.
///
/// Heights are kept by position, not by row: after rows are inserted or
/// deleted the heights below are those of the rows that were there, which
/// is as good a guess as the average until the rows are measured again.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowHeights {
    /// The measured height of each row; 0 where it has not been measured.
    px: Vec<f64>,
    /// The sum and number of the measured heights, for the average.
    sum: f64,
    measured: usize,
}

impl RowHeights {
    /// Heights for `n` rows, none measured yet.
    pub fn new(n: usize) -> RowHeights {
        RowHeights {
            px: vec![0.0; n],
            sum: 0.0,
            measured: 0,
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.px.len()
    }

    /// Whether the grid has no rows.
    pub fn is_empty(&self) -> bool {
        self.px.is_empty()
    }

    /// Follows the grid to `n` rows, keeping the heights of the rows that
    /// remain.
    pub fn resize(&mut self, n: usize) {
        for &h in self.px.get(n..).unwrap_or_default() {
            if h > 0.0 {
                self.sum -= h;
                self.measured -= 1;
            }
        }
        self.px.resize(n, 0.0);
        if self.measured == 0 {
            self.sum = 0.0;
        }
    }

    /// Records the measured height of row `row`; true when it changed.
    /// Heights under one pixel, non-finite ones and rows out of range are
    /// ignored (a row in a hidden or detached table measures 0).
    pub fn measure(&mut self, row: usize, px: f64) -> bool {
        let Some(slot) = self.px.get_mut(row) else {
            return false;
        };
        if !px.is_finite() || px < 1.0 || *slot == px {
            return false;
        }
        if *slot > 0.0 {
            self.sum -= *slot;
        } else {
            self.measured += 1;
        }
        *slot = px;
        self.sum += px;
        true
    }

    /// The height assumed for a row not measured yet: the average of the
    /// measured rows, or [`GUESS_PX`] before any.
    pub fn estimate(&self) -> f64 {
        if self.measured == 0 {
            GUESS_PX
        } else {
            self.sum / self.measured as f64
        }
    }

    /// The height of row `row`, measured or estimated.
    pub fn height(&self, row: usize) -> f64 {
        match self.px.get(row) {
            Some(&h) if h > 0.0 => h,
            _ => self.estimate(),
        }
    }

    /// The distance from the top of the first row to the top of row `row`;
    /// `offset(len())` is the height of all rows.
    pub fn offset(&self, row: usize) -> f64 {
        let estimate = self.estimate();
        self.px[..row.min(self.px.len())]
            .iter()
            .map(|&h| if h > 0.0 { h } else { estimate })
            .sum()
    }

    /// The row that covers the point `y` pixels below the top of the first
    /// row (`len()` when `y` is past the last row, 0 when above the first).
    pub fn row_at(&self, y: f64) -> usize {
        if y.is_nan() || y <= 0.0 {
            return 0;
        }
        let estimate = self.estimate();
        let mut bottom = 0.0;
        for (i, &h) in self.px.iter().enumerate() {
            bottom += if h > 0.0 { h } else { estimate };
            if bottom > y {
                return i;
            }
        }
        self.px.len()
    }

    /// The rows `[start, end)` to render when the top of the first row is
    /// `top` pixels from the top of a window `viewport` pixels high: the
    /// rows on screen and [`OVERSCAN`] more on either side. Nonsense sizes
    /// (NaN, infinite, negative) render from the top.
    pub fn rows_in_view(&self, top: f64, viewport: f64) -> (usize, usize) {
        let n = self.px.len();
        let top = if top.is_finite() { top } else { 0.0 };
        let viewport = if viewport.is_finite() && viewport > 0.0 {
            viewport
        } else {
            0.0
        };
        let first = self.row_at(-top).min(n);
        let last = self.row_at(viewport - top).min(n.saturating_sub(1));
        let start = first.min(n.saturating_sub(1)).saturating_sub(OVERSCAN);
        let end = last.saturating_add(1).saturating_add(OVERSCAN).min(n);
        (start.min(end), end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Heights for `n` rows of which the first `measured` are measured:
    /// every `period`-th row `tall` pixels high, the others `short`.
    fn heights(n: usize, measured: usize, period: usize, tall: f64, short: f64) -> RowHeights {
        let mut h = RowHeights::new(n);
        for row in 0..measured {
            h.measure(row, if row % period == 0 { tall } else { short });
        }
        h
    }

    #[test]
    fn rows_in_view_cover_the_screen_and_the_overscan() {
        // (rows, top, viewport) -> (start, end), every row 44 px (the guess).
        type Case = ((usize, f64, f64), (usize, usize));
        let cases: &[Case] = &[
            // The grid starts 300 px down an 800 px window: 500 px of rows,
            // rows 0..=11 on screen.
            ((500, 300.0, 800.0), (0, 32)),
            // Scrolled 4400 px into the rows: row 100 is at the top, row 118
            // at the bottom.
            ((500, -4400.0, 800.0), (80, 139)),
            // Near the end: clamped to the rows there are.
            ((500, -21_500.0, 800.0), (468, 500)),
            // Scrolled past the end of the grid: the last rows.
            ((500, -90_000.0, 800.0), (479, 500)),
            // Nonsense sizes do not panic and render from the top.
            ((500, f64::NAN, f64::INFINITY), (0, 21)),
            ((500, -1e300, 800.0), (479, 500)),
            ((500, f64::NEG_INFINITY, -5.0), (0, 21)),
            ((0, -4000.0, 800.0), (0, 0)),
            ((1, -4000.0, 800.0), (0, 1)),
        ];
        for &((n, top, vh), want) in cases {
            assert_eq!(
                RowHeights::new(n).rows_in_view(top, vh),
                want,
                "rows_in_view({n} rows, top {top}, viewport {vh})"
            );
        }
    }

    #[test]
    fn measured_rows_count_at_their_height_and_set_the_estimate() {
        // Rows 0..10 measured: even rows 100 px, odd rows 50 px.
        let h = heights(20, 10, 2, 100.0, 50.0);
        assert_eq!(h.estimate(), 75.0);
        assert_eq!(h.height(0), 100.0);
        assert_eq!(h.height(1), 50.0);
        assert_eq!(h.height(15), 75.0);
        // offset(n) = the measured rows plus the estimated ones.
        for (row, want) in [(10, 750.0), (12, 900.0), (20, 1500.0), (99, 1500.0)] {
            assert_eq!(h.offset(row), want, "offset({row})");
        }
        // row_at walks the same heights: 100 px is the top of row 1.
        let at: &[(f64, usize)] = &[
            (99.0, 0),
            (100.0, 1),
            (749.0, 9),
            (750.0, 10),
            (1499.0, 19),
            (1500.0, 20),
            (-3.0, 0),
            (f64::NAN, 0),
        ];
        for &(y, want) in at {
            assert_eq!(h.row_at(y), want, "row_at({y})");
        }
    }

    #[test]
    fn a_row_keeps_its_place_when_the_window_moves_past_it() {
        // The invariant the grid relies on: the top of a rendered row is the
        // top spacer (offset of the first rendered row) plus the rendered
        // rows above it, and that is offset(row) whatever the window is.
        // Rows 0..300 measured: every fourth 114 px (a note under it), the
        // others 67 px.
        let h = heights(500, 300, 4, 114.0, 67.0);
        for start in [0, 100, 230, 249] {
            let rendered: f64 = (start..249).map(|i| h.height(i)).sum();
            assert_eq!(
                h.offset(start) + rendered,
                h.offset(249),
                "window from {start}"
            );
        }
        // And the window computed for a scroll position shows that row.
        let top = -(h.offset(249) - 300.0);
        let (start, end) = h.rows_in_view(top, 768.0);
        assert!(start <= 249 && 249 < end, "{start}..{end}");
    }

    #[test]
    fn measure_ignores_nonsense_and_resize_forgets_rows_gone() {
        let mut h = RowHeights::new(4);
        for bad in [0.0, 0.5, -3.0, f64::NAN, f64::INFINITY] {
            assert!(!h.measure(0, bad), "{bad}");
        }
        assert!(!h.measure(4, 50.0), "out of range");
        assert!(h.measure(0, 50.0));
        assert!(!h.measure(0, 50.0), "unchanged");
        assert!(h.measure(3, 150.0));
        assert_eq!(h.estimate(), 100.0);
        assert!(h.measure(3, 90.0));
        assert_eq!(h.estimate(), 70.0);
        h.resize(2);
        assert_eq!((h.len(), h.estimate()), (2, 50.0));
        h.resize(0);
        assert!(h.is_empty());
        assert_eq!(h.estimate(), GUESS_PX);
        h.resize(3);
        assert_eq!(h.offset(3), 3.0 * GUESS_PX);
    }
}
