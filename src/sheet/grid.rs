//! A worksheet as the reader sees it: a rectangle of cell texts, with the
//! merged ranges and where each cell is (`B7`).
//!
//! Whatever the file format, a sheet becomes a [`Grid`] first (`open.rs`
//! turns calamine's cells into text: numbers in their shortest form, a
//! percentage as `95%`, a date as `2024-03-31`), so that the layout reader
//! (`read.rs`) is plain code over strings, tested without files.

/// A rectangle of cells, 0-based and inclusive: a merged range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    pub top: usize,
    pub left: usize,
    pub bottom: usize,
    pub right: usize,
}

impl Rect {
    pub fn contains(&self, row: usize, col: usize) -> bool {
        (self.top..=self.bottom).contains(&row) && (self.left..=self.right).contains(&col)
    }
}

/// One worksheet: its name, its cells' text by row and column, and its
/// merged ranges (empty where the format does not tell them).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    pub name: String,
    pub cells: Vec<Vec<String>>,
    pub merges: Vec<Rect>,
    /// Whether the file tells merged ranges at all (.xlsx and .xls do; .ods
    /// through calamine does not, and a merge then reads as a blank).
    pub merges_known: bool,
    /// Cells that held a number shown as a plain number although the file
    /// cannot say whether it was formatted as a percentage (.xls and .ods
    /// through calamine): `(row, col)`. The reader warns where such a cell
    /// lands in a target or an actual value.
    pub bare_numbers: Vec<(usize, usize)>,
}

impl Grid {
    /// A grid from tab-separated lines (tests, and pasted tables).
    pub fn from_tsv(name: &str, text: &str) -> Grid {
        Grid {
            name: name.to_string(),
            cells: text
                .lines()
                .map(|l| l.split('\t').map(str::to_string).collect())
                .collect(),
            merges: Vec::new(),
            merges_known: false,
            bare_numbers: Vec::new(),
        }
    }

    pub fn rows(&self) -> usize {
        self.cells.len()
    }

    /// The widest row's number of cells.
    pub fn width(&self) -> usize {
        self.cells.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The cell's text, trimmed; empty outside the grid.
    pub fn text(&self, row: usize, col: usize) -> &str {
        self.cells
            .get(row)
            .and_then(|r| r.get(col))
            .map(|s| s.trim())
            .unwrap_or("")
    }

    /// The merged range whose top-left cell this is, if any.
    pub fn merge_at(&self, row: usize, col: usize) -> Option<&Rect> {
        self.merges.iter().find(|m| m.top == row && m.left == col)
    }

    /// The merged range covering this cell, if any.
    pub fn merge_over(&self, row: usize, col: usize) -> Option<&Rect> {
        self.merges.iter().find(|m| m.contains(row, col))
    }

    /// The last column a cell spans: its merged range's right edge, or itself.
    pub fn right_edge(&self, row: usize, col: usize) -> usize {
        self.merge_at(row, col).map_or(col, |m| m.right)
    }

    /// The last row a cell spans.
    pub fn bottom_edge(&self, row: usize, col: usize) -> usize {
        self.merge_at(row, col).map_or(row, |m| m.bottom)
    }
}

/// A cell's address as spreadsheets print it: column letters and the row
/// number from 1 (`(6, 1)` → `B7`).
pub fn address(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.reverse();
    let mut out: String = letters.into_iter().collect();
    out.push_str(&(row + 1).to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_as_spreadsheets_print_them() {
        assert_eq!(address(0, 0), "A1");
        assert_eq!(address(6, 1), "B7");
        assert_eq!(address(9, 25), "Z10");
        assert_eq!(address(0, 26), "AA1");
        assert_eq!(address(99, 701), "ZZ100");
        assert_eq!(address(0, 702), "AAA1");
    }

    #[test]
    fn merges_span_cells() {
        let mut g = Grid::from_tsv("s", "a\tb\tc\nd\te\tf");
        g.merges.push(Rect {
            top: 0,
            left: 0,
            bottom: 1,
            right: 1,
        });
        assert_eq!(g.right_edge(0, 0), 1);
        assert_eq!(g.bottom_edge(0, 0), 1);
        assert_eq!(g.right_edge(0, 2), 2);
        assert!(g.merge_over(1, 1).is_some());
        assert!(g.merge_over(1, 2).is_none());
        assert_eq!((g.rows(), g.width()), (2, 3));
        assert_eq!(g.text(5, 5), "");
    }
}
