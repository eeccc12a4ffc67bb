//! Finding a form on worksheets by its labels: the layout reader.
//!
//! A sheet is read in passes, each marking the cells it used:
//!
//! 1. the title names the kind of form and often the year; a sheet without
//!    one continues the form of the sheet before it (or, first, starts a
//!    form whose kind is told by its columns and labels);
//! 2. the indicator table, by its heading row (the paste reader's columns,
//!    [`crate::tsv::heading`], a second heading row below merged
//!    headings, a hidden 指标编号 column of our own export), its rows until
//!    the total or the footer, blank rows skipped, merged 一级/二级 cells
//!    filled in;
//! 3. a self-evaluation's budget table (年初预算数 | 全年预算数 | 全年执行数
//!    | 分值 | 执行率 | 得分 by 年度资金总额, 财政拨款 … rows) and a unit-wide
//!    goal form's tasks table;
//! 4. every other label (项目名称, 其中：财政拨款, 年度目标 …) with its value:
//!    the next cell to the right that is not itself a label, or else the
//!    cell below; a label and its value in one cell (`项目名称：…`) too.
//!
//! Money is read in 万元; a sheet, a table or a label that states 元 has
//! its amounts divided by 10 000 exactly, and each conversion is noted.
//! Every non-empty cell that no pass used is listed as [`Unplaced`].

use crate::num::Exact;
use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::grid::{address, Grid};
use super::labels::{self, inline, key, label, title, unit_in, year_in, Label, MoneyUnit};
use super::{Form, Imported, SheetError, Unplaced, META_SHEET};
use crate::fields::{Field, Money, RowField, Stage};
use crate::model::{Document, Explanation, Funds, Indicator, Kind, Period, Task};
use crate::num::Num;
use crate::tsv::{self, Col};

/// The heading of the hidden column where an export keeps the rows' ids.
pub const ID_HEADING: &str = "指标编号";

/// Reads the forms on a workbook's visible sheets. `hidden` names the
/// hidden sheets that were not read; `meta` is the hidden sheet of our own
/// export, if the workbook has one.
pub fn read_grids(
    grids: &[Grid],
    hidden: &[String],
    meta: Option<&Grid>,
) -> Result<Imported, SheetError> {
    // Which sheets make which form: a title starts a form, a sheet without
    // one continues the form before it.
    let mut groups: Vec<(Option<Kind>, Vec<&Grid>)> = Vec::new();
    let mut orphans: Vec<&Grid> = Vec::new();
    for g in grids {
        if g.cells
            .iter()
            .all(|r| r.iter().all(|c| c.trim().is_empty()))
        {
            continue;
        }
        match find_title(g) {
            Some((kind, _, _)) => groups.push((Some(kind), vec![g])),
            None => match groups.last_mut() {
                Some((_, sheets)) => sheets.push(g),
                None if looks_like_form(g) => groups.push((None, vec![g])),
                None => orphans.push(g),
            },
        }
    }
    if groups.is_empty() {
        return Err(SheetError::NoForm);
    }
    let mut forms = Vec::new();
    for (i, (kind, mut sheets)) in groups.into_iter().enumerate() {
        if i == 0 {
            // Sheets before the first form are listed with it.
            let mut all = orphans.clone();
            all.append(&mut sheets);
            sheets = all;
        }
        let kind = kind.unwrap_or_else(|| infer_kind(&sheets));
        let mut form = FormBuilder::new(kind, meta.is_some());
        for g in &sheets {
            form.read_sheet(g);
        }
        if i == 0 {
            if let Some(meta) = meta {
                form.apply_meta(meta);
            }
            for name in hidden.iter().filter(|n| n.as_str() != META_SHEET) {
                form.notes.push(format!(
                    "隐藏的工作表“{name}”未读取（模板的下拉选项通常放在隐藏表中）。"
                ));
            }
        }
        forms.push(form.finish(&sheets));
    }
    Ok(Imported { forms })
}

/// The title cell of a sheet: the kind it names, its year, where it is.
fn find_title(g: &Grid) -> Option<(Kind, Option<i32>, (usize, usize))> {
    for (r, row) in g.cells.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.chars().count() > 60 {
                continue;
            }
            if let Some((kind, year)) = title(cell) {
                return Some((kind, year, (r, c)));
            }
        }
    }
    None
}

/// Whether a sheet without a title holds a form: an indicator table or a
/// header label.
fn looks_like_form(g: &Grid) -> bool {
    find_table(g, Kind::ProjectSelfEval).is_some()
        || g.cells.iter().flatten().any(|c| {
            matches!(
                label(c, Kind::ProjectGoal),
                Some(Label::Field(
                    Field::ProjectName | Field::UnitName | Field::ProjectUnit
                ))
            )
        })
}

/// The kind of a form without a title: a self-evaluation has actual values,
/// scores or a budget table; a unit-wide form names a 部门 rather than a 项目.
fn infer_kind(sheets: &[&Grid]) -> Kind {
    let mut self_eval = false;
    let mut unit = false;
    let mut project = false;
    for g in sheets {
        if let Some(t) = find_table(g, Kind::UnitSelfEval) {
            self_eval |= t.cols.iter().any(|c| {
                matches!(
                    c,
                    Col::Field(RowField::Actual | RowField::Score | RowField::AdjustedTarget)
                )
            });
        }
        for cell in g.cells.iter().flatten() {
            let (k, _) = key(cell);
            match k.as_str() {
                "部门名称" | "部门单位名称" => unit = true,
                "项目名称" => project = true,
                "全年执行数" | "执行数" | "实际完成情况" => self_eval = true,
                _ => {}
            }
            if k.contains("整体") {
                unit = true;
            }
        }
    }
    match (unit && !project, self_eval) {
        (true, true) => Kind::UnitSelfEval,
        (true, false) => Kind::UnitGoal,
        (false, true) => Kind::ProjectSelfEval,
        (false, false) => Kind::ProjectGoal,
    }
}

/// An indicator table found on a sheet.
struct Table {
    /// The heading row (the last one, where there are two).
    heading: usize,
    cols: Vec<Col>,
    /// The fields of columns this kind of form lacks (their cells are not
    /// read), by column.
    lacks: Vec<Option<RowField>>,
    /// The hidden column of row ids of our own export.
    id_col: Option<usize>,
}

/// The columns of a heading row, when it is one (see
/// [`tsv::is_heading_row`]): unknown headings name columns kept on the
/// rows under their heading, as a paste keeps them.
fn heading_cols(cells: &[String]) -> Option<Vec<Col>> {
    if !tsv::is_heading_row(cells) {
        return None;
    }
    Some(
        cells
            .iter()
            .map(|c| match tsv::heading(c) {
                Some(h) => h,
                None if c.trim().is_empty() => Col::Skip,
                None => Col::Extra(c.trim().to_string()),
            })
            .collect(),
    )
}

fn row_cells(g: &Grid, r: usize) -> Vec<String> {
    (0..g.cells.get(r).map_or(0, Vec::len))
        .map(|c| g.text(r, c).to_string())
        .collect()
}

/// The first heading row of an indicator table: at least two recognised
/// headings, among them 三级指标, 一级指标 or 指标值.
fn find_table(g: &Grid, kind: Kind) -> Option<Table> {
    for r in 0..g.rows() {
        let cells = row_cells(g, r);
        let Some(mut cols) = heading_cols(&cells) else {
            continue;
        };
        let names_rows = cols.iter().any(|c| {
            matches!(
                c,
                Col::Field(RowField::Name | RowField::Level1 | RowField::Target)
            )
        });
        if !names_rows {
            continue;
        }
        let mut heading = r;
        // Headings merged over two rows: the row below names the parts
        // (指标性质 | 指标值 | 度量单位 under 指标值).
        let below = row_cells(g, r + 1);
        let sub: Vec<Option<Col>> = below.iter().map(|c| tsv::heading(c)).collect();
        let filled = below.iter().filter(|c| !c.is_empty()).count();
        if filled > 0
            && below
                .iter()
                .zip(&sub)
                .all(|(c, h)| c.is_empty() || h.is_some())
        {
            if cols.len() < sub.len() {
                cols.resize(sub.len(), Col::Skip);
            }
            for (i, h) in sub.into_iter().enumerate() {
                if let Some(h) = h {
                    cols[i] = h;
                }
            }
            heading = r + 1;
        }
        let id_col = (0..g.width()).find(|&c| g.text(r, c) == ID_HEADING);
        if let Some(i) = id_col {
            if cols.len() <= i {
                cols.resize(i + 1, Col::Skip);
            }
            cols[i] = Col::Skip;
        }
        // A header label as a column heading (Sichuan's one-table form:
        // 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 …) is the
        // header's, read with its value below it by the label pass.
        for c in &mut cols {
            if matches!(c, Col::Extra(name) if label(name, kind).is_some()) {
                *c = Col::Skip;
            }
        }
        // Columns of fields this kind of form lacks are not read.
        let mut lacks = vec![None; cols.len()];
        for (c, lack) in cols.iter_mut().zip(&mut lacks) {
            if let Col::Field(f) = *c {
                if !form_keeps(kind, f) {
                    *c = Col::Skip;
                    *lack = Some(f);
                }
            }
        }
        return Some(Table {
            heading,
            cols,
            lacks,
            id_col,
        });
    }
    None
}

/// The row fields a form of this kind keeps: its columns, and the optional
/// ones any form may carry (备注, 指标值修改原因; 调整指标值 on a
/// self-evaluation).
fn form_keeps(kind: Kind, f: RowField) -> bool {
    f == RowField::Note
        || RowField::columns(kind).contains(&f)
        || f == RowField::ChangeReason
        || (f == RowField::AdjustedTarget && kind.is_self_eval())
}

/// The form being read, over one or more sheets.
struct FormBuilder {
    doc: Document,
    unplaced: Vec<Unplaced>,
    notes: Vec<String>,
    /// Our own export (it has the hidden sheet): row ids are read and
    /// blank 一级/二级 cells mean blank.
    own: bool,
    /// Where each header field was read, so a second value is listed.
    seen: Vec<(Field, String)>,
    /// Whether some amount was read without a unit stated anywhere.
    assumed_wan: bool,
    /// Row ids of the hidden column, by row index.
    ids: Vec<Option<String>>,
}

/// One sheet being read.
struct SheetRead<'g> {
    g: &'g Grid,
    used: Vec<Vec<bool>>,
    /// Why a cell was not placed, where that is known.
    reasons: BTreeMap<(usize, usize), String>,
    /// The money unit the sheet states (金额单位：元), if it does.
    unit: Option<MoneyUnit>,
}

impl<'g> SheetRead<'g> {
    fn new(g: &'g Grid) -> SheetRead<'g> {
        let used = g.cells.iter().map(|r| vec![false; r.len()]).collect();
        let mut unit = None;
        for cell in g.cells.iter().flatten() {
            let (k, bracket) = key(cell);
            // 金额单位：元, a title (…（金额单位:元）), or a section label
            // such as 项目资金（万元）.
            let stated = k.contains("单位")
                || title(cell).is_some()
                || matches!(label(cell, Kind::ProjectGoal), Some(Label::Section));
            if stated && cell.chars().count() <= 60 {
                if let Some(u) = unit_in(cell).or(bracket) {
                    unit = Some(u);
                    break;
                }
            }
        }
        SheetRead {
            g,
            used,
            reasons: BTreeMap::new(),
            unit,
        }
    }

    fn text(&self, r: usize, c: usize) -> &'g str {
        self.g.text(r, c)
    }

    fn is_used(&self, r: usize, c: usize) -> bool {
        self.used
            .get(r)
            .and_then(|x| x.get(c))
            .copied()
            .unwrap_or(true)
    }

    fn mark(&mut self, r: usize, c: usize) {
        if let Some(x) = self.used.get_mut(r).and_then(|x| x.get_mut(c)) {
            *x = true;
        }
    }

    fn free(&self, r: usize, c: usize) -> bool {
        !self.text(r, c).is_empty() && !self.is_used(r, c)
    }

    /// The value of the label at (r, c): the next free cell to its right
    /// before another label, or the free cell below it.
    fn value_of(&self, r: usize, c: usize, kind: Kind) -> Option<(usize, usize)> {
        let width = self.g.cells.get(r).map_or(0, Vec::len);
        for cc in self.g.right_edge(r, c) + 1..width {
            let t = self.text(r, cc);
            if t.is_empty() {
                continue;
            }
            if self.is_used(r, cc) || label(t, kind).is_some() {
                break;
            }
            return Some((r, cc));
        }
        // Below: a column heading over its value. Not where the cell below
        // follows a label of its own row (it is that label's value).
        let below = self.g.bottom_edge(r, c) + 1;
        let t = self.text(below, c);
        let after_label = c > 0 && label(self.text(below, c - 1), kind).is_some();
        (self.free(below, c) && !after_label && label(t, kind).is_none() && title(t).is_none())
            .then_some((below, c))
    }

    /// The money unit of an amount: stated by its text, its label, the
    /// labels to the left of it in its row, or the sheet.
    fn unit_for(&self, label_at: (usize, usize), extra: &[(usize, usize)]) -> Option<MoneyUnit> {
        let (r, c) = label_at;
        let mut places: Vec<(usize, usize)> = vec![(r, c)];
        places.extend_from_slice(extra);
        for cc in (0..c).rev() {
            // A section label merged down over this row speaks for it.
            match self.g.merge_over(r, cc) {
                Some(m) => places.push((m.top, m.left)),
                None => places.push((r, cc)),
            }
        }
        for (pr, pc) in places {
            if let (_, Some(u)) = key(self.text(pr, pc)) {
                return Some(u);
            }
        }
        self.unit
    }
}

impl FormBuilder {
    fn new(kind: Kind, own: bool) -> FormBuilder {
        FormBuilder {
            doc: Document::new(kind),
            unplaced: Vec::new(),
            notes: Vec::new(),
            own,
            seen: Vec::new(),
            assumed_wan: false,
            ids: Vec::new(),
        }
    }

    fn kind(&self) -> Kind {
        self.doc.kind
    }

    fn read_sheet(&mut self, g: &Grid) {
        let mut s = SheetRead::new(g);
        if let Some((_, year, (r, c))) = find_title(g) {
            s.mark(r, c);
            if let Some(y) = year {
                self.set_field(&mut s, Field::Year, &y.to_string(), (r, c));
            }
        }
        self.read_table(&mut s);
        self.read_budget_tables(&mut s);
        self.read_tasks(&mut s);
        self.read_labels(&mut s);
        self.read_bare_years(&mut s);
        self.warn_bare_numbers(&s);
        for r in 0..g.rows() {
            for c in 0..g.cells[r].len() {
                if s.free(r, c) {
                    let reason = s
                        .reasons
                        .get(&(r, c))
                        .cloned()
                        .unwrap_or_else(|| "没有对应的栏目".to_string());
                    self.unplaced.push(Unplaced {
                        sheet: g.name.clone(),
                        cell: address(r, c),
                        text: g.text(r, c).to_string(),
                        reason,
                    });
                }
            }
        }
    }

    /// Sets a header field, unless it was set already (then the cell is
    /// listed, with where the first value came from).
    fn set_field(&mut self, s: &mut SheetRead, f: Field, text: &str, at: (usize, usize)) -> bool {
        let here = format!("工作表“{}” {}", s.g.name, address(at.0, at.1));
        if let Some((_, first)) = self.seen.iter().find(|(x, _)| *x == f) {
            if f.text(&self.doc, &[]) != text.trim() {
                s.reasons
                    .insert(at, format!("“{}”已从 {first} 读取", f.label(self.kind())));
                return false;
            }
            s.mark(at.0, at.1);
            return true;
        }
        if f.set_header(&mut self.doc, text.trim()) {
            self.seen.push((f, here));
            s.mark(at.0, at.1);
            true
        } else {
            false
        }
    }

    /// Reads an amount into a field, converting 元 to 万元.
    fn set_money(
        &mut self,
        s: &mut SheetRead,
        f: Field,
        at: (usize, usize),
        unit: Option<MoneyUnit>,
    ) {
        let raw = s.text(at.0, at.1).to_string();
        let norm = crate::text::normalize(&raw);
        let (body, stated) = if let Some(b) = norm.trim().strip_suffix("万元") {
            (b.to_string(), Some(MoneyUnit::Wan))
        } else if let Some(b) = norm.trim().strip_suffix('元') {
            (b.to_string(), Some(MoneyUnit::Yuan))
        } else {
            (raw.clone(), None)
        };
        let unit = stated.or(unit);
        let text = match (unit, Num::parse(&body)) {
            (Some(MoneyUnit::Yuan), Num::Valid(d)) => match d.try_div(Decimal::from(10_000)) {
                Some(w) => {
                    let w = w.normalize().to_string();
                    self.notes.push(format!(
                        "{}：{} 元已换算为 {} 万元（工作表“{}” {}）。",
                        f.describe(self.kind()),
                        raw.trim(),
                        w,
                        s.g.name,
                        address(at.0, at.1)
                    ));
                    w
                }
                None => raw.clone(),
            },
            (None, Num::Valid(_)) => {
                self.assumed_wan = true;
                raw.clone()
            }
            _ => raw.clone(),
        };
        self.set_field(s, f, &text, at);
    }

    /// The indicator table: its rows, the total, the ids.
    fn read_table(&mut self, s: &mut SheetRead) {
        let kind = self.kind();
        let Some(t) = find_table(s.g, kind) else {
            return;
        };
        let g = s.g;
        let first_heading = if t.heading > 0 && !tsv::is_heading_row(&row_cells(g, t.heading)) {
            t.heading - 1
        } else {
            t.heading
        };
        // The heading cells: those of columns read are used; a column this
        // kind of form lacks is listed, heading and cells.
        let lacks = |c: usize| t.lacks.get(c).copied().flatten();
        let lack_reason = |f: RowField| format!("本表没有“{}”这一列，该列未读取", f.label(kind));
        for r in first_heading..=t.heading {
            for (c, col) in t.cols.iter().enumerate() {
                let text = s.text(r, c);
                if text.is_empty() {
                    continue;
                }
                if let Some(f) = lacks(c) {
                    s.reasons.insert((r, c), lack_reason(f));
                } else if *col != Col::Skip || tsv::heading(text).is_some() || text == ID_HEADING {
                    s.mark(r, c);
                }
            }
        }
        // Merged 一级/二级 cells are filled in from their merge where the
        // file tells merges (and, in our own export, only there); else a
        // blank below a value repeats it, as a paste reads them.
        let level_cols: Vec<usize> = t
            .cols
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c, Col::Field(RowField::Level1 | RowField::Level2)))
            .map(|(i, _)| i)
            .collect();
        let by_merge = g.merges_known
            && (self.own
                || g.merges.iter().any(|m| {
                    m.top > t.heading && level_cols.iter().any(|&c| m.left <= c && c <= m.right)
                }));
        let mut rows: Vec<Indicator> = Vec::new();
        let mut ids: Vec<Option<String>> = Vec::new();
        // Cells of columns the form has no field for, kept on the rows:
        // how many, and the first, by heading.
        let mut extras: BTreeMap<String, (usize, String, String)> = BTreeMap::new();
        let mut weights = Decimal::ZERO;
        for r in t.heading + 1..g.rows() {
            let cells = row_cells(g, r);
            let Some(c0) = cells.iter().position(|c| !c.is_empty()) else {
                continue;
            };
            let first = cells[c0].as_str();
            if is_total(first) {
                s.mark(r, c0);
                self.read_total_row(s, r, &t.cols, weights);
                break;
            }
            if ends_table(first, kind) || tsv::is_heading_row(&cells) {
                break;
            }
            // A note written across the table (填表说明 …) ends it.
            let filled = cells.iter().filter(|c| !c.is_empty()).count();
            if filled == 1
                && g.merge_at(r, c0).is_some_and(|m| m.right >= c0 + 2)
                && !matches!(t.cols.get(c0), Some(Col::Field(RowField::Name)))
            {
                break;
            }
            if filled == 1
                && (first.starts_with("注")
                    || first.starts_with("说明")
                    || first.starts_with("填表说明"))
            {
                break;
            }
            let prev = if by_merge { None } else { rows.last() };
            let read = tsv::read_row(&cells, &t.cols, prev);
            let mut row = read.row;
            for (c, used) in read.used.iter().enumerate() {
                if *used {
                    s.mark(r, c);
                }
            }
            if by_merge {
                for &c in &level_cols {
                    let value = match t.cols[c] {
                        Col::Field(RowField::Level1) => &mut row.level1,
                        Col::Field(RowField::Level2) => &mut row.level2,
                        _ => continue,
                    };
                    if value.is_empty() {
                        if let Some(m) = g.merge_over(r, c).filter(|m| m.top < r) {
                            *value = g.text(m.top, m.left).to_string();
                        }
                    }
                }
            }
            for (c, col) in t.cols.iter().enumerate() {
                if *col == Col::Skip && !cells.get(c).is_none_or(|x| x.is_empty()) {
                    let reason = match lacks(c) {
                        Some(f) => lack_reason(f),
                        None => "不在表格的任何一列下".to_string(),
                    };
                    s.reasons.insert((r, c), reason);
                }
                if let (Col::Extra(name), true) = (col, read.used.get(c) == Some(&true)) {
                    let e =
                        extras
                            .entry(name.clone())
                            .or_insert((0, address(r, c), cells[c].clone()));
                    e.0 += 1;
                }
            }
            for c in t.cols.len()..cells.len() {
                s.reasons.insert((r, c), "在指标表格的列之外".to_string());
            }
            let id = t
                .id_col
                .map(|c| s.text(r, c).to_string())
                .filter(|id| !id.is_empty());
            if let Some(c) = t.id_col {
                s.mark(r, c);
            }
            if read.used.iter().any(|u| *u) || id.is_some() {
                if let Some(w) = row.weight.as_ref().and_then(Num::value) {
                    weights = weights.try_add(w).unwrap_or(weights);
                }
                rows.push(row);
                ids.push(id);
            }
        }
        for (name, (n, first_at, first_text)) in extras {
            self.notes.push(format!(
                "“{name}”不是本表的栏目：该列的 {n} 个单元格已原样保存在各行中（表单中不显示，导出的表单文件里保留），如工作表“{}” {first_at}“{first_text}”。",
                g.name
            ));
        }
        self.doc.indicators.extend(rows);
        self.ids.extend(ids);
    }

    /// The total row of the indicator table: 总分 in the score column.
    fn read_total_row(&mut self, s: &mut SheetRead, r: usize, cols: &[Col], weights: Decimal) {
        let kind = self.kind();
        for (c, col) in cols.iter().enumerate() {
            if !s.free(r, c) {
                continue;
            }
            let text = s.text(r, c).to_string();
            match col {
                Col::Field(RowField::Score) if kind.is_self_eval() => {
                    self.set_field(s, Field::TotalScore, &text, (r, c));
                }
                Col::Field(RowField::Weight) => {
                    // The sum of the weights: the checks add them up.
                    s.mark(r, c);
                    if Num::parse(&text).value() != Some(weights) {
                        self.notes.push(format!(
                            "总分行的分值合计为 {text}，各行分值之和为 {weights}（工作表“{}” {}）；以各行分值为准。",
                            s.g.name,
                            address(r, c)
                        ));
                    }
                }
                _ => {}
            }
        }
    }

    /// Budget tables: a row with two or more of 年初预算数 / 全年预算数 /
    /// 全年执行数 heads columns, the rows below it name the amounts.
    fn read_budget_tables(&mut self, s: &mut SheetRead) {
        let kind = self.kind();
        let g = s.g;
        for r in 0..g.rows() {
            let mut stages: Vec<(usize, Stage)> = Vec::new();
            let mut weight_col = None;
            let mut score_col = None;
            let mut rate_col = None;
            for c in 0..g.cells[r].len() {
                if !s.free(r, c) {
                    continue;
                }
                match label(s.text(r, c), kind) {
                    Some(Label::Stage(st)) => stages.push((c, st)),
                    Some(Label::Weight) => weight_col = Some(c),
                    Some(Label::Score) => score_col = Some(c),
                    Some(Label::Rate) => rate_col = Some(c),
                    _ => {}
                }
            }
            if stages.len() < 2 {
                continue;
            }
            // A table only where the row below names an amount.
            let first_col = stages[0].0;
            let money_in = |s: &SheetRead, rr: usize| -> Option<(usize, Money)> {
                (0..first_col).find_map(|c| match label(g.text(rr, c), kind) {
                    Some(Label::Money(m)) if !s.is_used(rr, c) => Some((c, m)),
                    _ => None,
                })
            };
            if money_in(s, r + 1).is_none() {
                continue;
            }
            for &(c, _) in &stages {
                s.mark(r, c);
            }
            for c in [weight_col, score_col, rate_col].into_iter().flatten() {
                s.mark(r, c);
            }
            let heading_cells: Vec<(usize, usize)> =
                (0..g.cells[r].len()).map(|c| (r, c)).collect();
            let mut rr = r + 1;
            while let Some((lc, money)) = money_in(s, rr) {
                s.mark(rr, lc);
                let unit = s.unit_for((rr, lc), &heading_cells);
                for &(c, stage) in &stages {
                    if !s.free(rr, c) {
                        continue;
                    }
                    if self.kind().is_self_eval() {
                        self.set_money(s, Field::Budget(stage, money), (rr, c), unit);
                    }
                }
                for (col, field) in [
                    (weight_col, Field::ExecutionWeight),
                    (score_col, Field::ExecutionScore),
                ] {
                    let Some(c) = col.filter(|&c| s.free(rr, c)) else {
                        continue;
                    };
                    if labels::is_placeholder(s.text(rr, c)) {
                        s.mark(rr, c);
                    } else if kind.is_self_eval() {
                        let t = s.text(rr, c).to_string();
                        self.set_field(s, field, &t, (rr, c));
                    }
                }
                if let Some(c) = rate_col.filter(|&c| s.free(rr, c)) {
                    // The execution rate is computed from the amounts.
                    s.mark(rr, c);
                }
                rr += 1;
            }
        }
    }

    /// 年度主要任务 of a unit-wide goal form: 任务名称 | 主要内容 | amounts.
    fn read_tasks(&mut self, s: &mut SheetRead) {
        let kind = self.kind();
        if kind != Kind::UnitGoal {
            return;
        }
        let g = s.g;
        for r in 0..g.rows() {
            let mut name_col = None;
            let mut content_col = None;
            let mut money: Vec<(usize, Money)> = Vec::new();
            for c in 0..g.cells[r].len() {
                if !s.free(r, c) {
                    continue;
                }
                match label(s.text(r, c), kind) {
                    Some(Label::TaskName) => name_col = Some(c),
                    Some(Label::TaskContent) => content_col = Some(c),
                    Some(Label::Money(m)) if Money::TASK.contains(&m) => money.push((c, m)),
                    _ => {}
                }
            }
            let Some(name_col) = name_col else {
                continue;
            };
            let heading_cells: Vec<(usize, usize)> =
                (0..g.cells[r].len()).map(|c| (r, c)).collect();
            for c in [Some(name_col), content_col]
                .into_iter()
                .flatten()
                .chain(money.iter().map(|(c, _)| *c))
            {
                s.mark(r, c);
            }
            let mut rr = r + 1;
            while rr < g.rows() {
                let name = s.text(rr, name_col);
                let row_empty = (0..g.cells[rr].len()).all(|c| s.text(rr, c).is_empty());
                if row_empty {
                    rr += 1;
                    continue;
                }
                // The indicator table, read already, or another section.
                if !name.is_empty() && !s.free(rr, name_col) {
                    break;
                }
                if label(name, kind).is_some() || is_total(name) {
                    // 金额合计 and the next section end the tasks.
                    if is_total(name)
                        || matches!(label(name, kind), Some(Label::Money(Money::Total)))
                    {
                        s.mark(rr, name_col);
                        for &(c, _) in &money {
                            if s.free(rr, c) {
                                s.mark(rr, c);
                            }
                        }
                    }
                    break;
                }
                if name.is_empty() && content_col.is_none_or(|c| s.text(rr, c).is_empty()) {
                    break;
                }
                let i = self.doc.tasks.len();
                self.doc.tasks.push(Task::default());
                let name = name.to_string();
                self.set_field(s, Field::TaskName(i), &name, (rr, name_col));
                if let Some(c) = content_col.filter(|&c| s.free(rr, c)) {
                    let t = s.text(rr, c).to_string();
                    self.set_field(s, Field::TaskContent(i), &t, (rr, c));
                }
                let unit = s.unit_for((rr, name_col), &heading_cells);
                for &(c, m) in &money {
                    if s.free(rr, c) {
                        self.set_money(s, Field::TaskFunds(i, m), (rr, c), unit);
                    }
                }
                if self.doc.tasks[i]
                    .funds
                    .as_ref()
                    .is_some_and(|f| *f == Funds::default())
                {
                    self.doc.tasks[i].funds = None;
                }
                rr += 1;
            }
        }
    }

    /// Every other label, with its value.
    fn read_labels(&mut self, s: &mut SheetRead) {
        let kind = self.kind();
        let g = s.g;
        // The column of 中期资金总额: amounts under it are its breakdown.
        let mut medium_col: Option<usize> = None;
        for r in 0..g.rows() {
            for c in 0..g.cells[r].len() {
                if !s.free(r, c) {
                    continue;
                }
                let text = s.text(r, c);
                if let Some((lab, value)) = inline(text, kind) {
                    self.apply_inline(s, lab, &value, (r, c));
                    continue;
                }
                let Some(lab) = label(text, kind) else {
                    continue;
                };
                match lab {
                    Label::Section | Label::Unit => s.mark(r, c),
                    Label::Signature => {
                        s.mark(r, c);
                        if let Some(v) = s.value_of(r, c, kind) {
                            s.reasons.insert(
                                v,
                                format!("“{}”一栏的内容，表单中没有这一项", key(text).0),
                            );
                        }
                    }
                    Label::Grade | Label::Rate => {
                        s.mark(r, c);
                        if let Some(v) = s.value_of(r, c, kind) {
                            s.mark(v.0, v.1);
                            self.notes.push(format!(
                                "“{}”{} 由表单计算得出，未导入（工作表“{}” {}）。",
                                key(text).0,
                                s.text(v.0, v.1),
                                g.name,
                                address(v.0, v.1)
                            ));
                        }
                    }
                    Label::Field(f) => {
                        s.mark(r, c);
                        if let Some(v) = s.value_of(r, c, kind) {
                            let t = s.text(v.0, v.1).to_string();
                            let t = if f == Field::Year {
                                year_in(&format!("{t}年")).map_or(t, |y| y.to_string())
                            } else {
                                t
                            };
                            self.set_field(s, f, &t, v);
                        }
                    }
                    Label::Period => {
                        s.mark(r, c);
                        if let Some(v) = s.value_of(r, c, kind) {
                            self.set_period(s, v);
                        }
                    }
                    Label::Total => {
                        s.mark(r, c);
                        if let Some(v) = s.value_of(r, c, kind) {
                            if kind.is_self_eval() {
                                let t = s.text(v.0, v.1).to_string();
                                self.set_field(s, Field::TotalScore, &t, v);
                            }
                        }
                    }
                    Label::Money(m) => {
                        s.mark(r, c);
                        if m == Money::MediumTermTotal {
                            medium_col = Some(c);
                        }
                        let Some(v) = s.value_of(r, c, kind) else {
                            continue;
                        };
                        if kind.is_self_eval() {
                            s.reasons.insert(
                                v,
                                format!("“{}”不在预算执行表格中，无法确定是哪一栏", key(text).0),
                            );
                        } else if medium_col == Some(c) && m != Money::MediumTermTotal {
                            s.reasons.insert(
                                v,
                                format!("中期资金的“{}”，表单中只有中期资金总额", m.label(kind)),
                            );
                        } else {
                            let unit = s.unit_for((r, c), &[]);
                            self.set_money(s, Field::Funds(m), v, unit);
                        }
                    }
                    Label::Stage(stage) => {
                        // A stage outside a table: 预算数 34.64 | 执行数 34.64;
                        // on a goal form, the budget requested.
                        s.mark(r, c);
                        if let Some(v) = s.value_of(r, c, kind) {
                            let unit = s.unit_for((r, c), &[]);
                            let field = if kind.is_self_eval() {
                                Field::Budget(stage, Money::Total)
                            } else {
                                Field::Funds(Money::Total)
                            };
                            self.set_money(s, field, v, unit);
                        }
                    }
                    Label::Weight | Label::Score => {
                        // 分值 / 得分 beside the budget figures.
                        let field = if lab == Label::Weight {
                            Field::ExecutionWeight
                        } else {
                            Field::ExecutionScore
                        };
                        if let Some(v) = s.value_of(r, c, kind) {
                            if kind.is_self_eval() {
                                s.mark(r, c);
                                let t = s.text(v.0, v.1).to_string();
                                self.set_field(s, field, &t, v);
                            }
                        }
                    }
                    Label::TaskName | Label::TaskContent => {}
                }
            }
        }
    }

    /// A label and its value in one cell.
    fn apply_inline(&mut self, s: &mut SheetRead, lab: Label, value: &str, at: (usize, usize)) {
        let kind = self.kind();
        match lab {
            Label::Field(f) => {
                let v = if f == Field::Year {
                    year_in(&format!("{value}年")).map_or(value.to_string(), |y| y.to_string())
                } else {
                    value.to_string()
                };
                self.set_field(s, f, &v, at);
            }
            Label::Unit => s.mark(at.0, at.1),
            Label::Period => {
                let (start, end) = period(value);
                let p = self
                    .doc
                    .project
                    .get_or_insert_with(Default::default)
                    .period
                    .get_or_insert_with(Period::default);
                p.start = start;
                p.end = end;
                s.mark(at.0, at.1);
            }
            Label::Signature => {
                s.reasons
                    .insert(at, "签字栏的内容，表单中没有这一项".to_string());
            }
            Label::Total if kind.is_self_eval() => {
                self.set_field(s, Field::TotalScore, value, at);
            }
            _ => {}
        }
    }

    /// 项目期: `2024-01 至 2024-12`, `2024年1月—2024年12月`.
    fn set_period(&mut self, s: &mut SheetRead, at: (usize, usize)) {
        if self.kind().is_unit() {
            return;
        }
        let (start, end) = period(s.text(at.0, at.1));
        let p = self.doc.project.get_or_insert_with(Default::default);
        p.period = Some(Period { start, end });
        s.mark(at.0, at.1);
    }

    /// A cell that is only a year (`（2024年度）`) under the title.
    fn read_bare_years(&mut self, s: &mut SheetRead) {
        for r in 0..s.g.rows() {
            for c in 0..s.g.cells[r].len() {
                if !s.free(r, c) {
                    continue;
                }
                // `（2024年度）`, or as typed where it is no number (`2O24`).
                let t = crate::text::normalize(s.text(r, c));
                let Some(inner) = t
                    .trim()
                    .strip_prefix('(')
                    .and_then(|x| x.strip_suffix(')'))
                    .and_then(|x| x.strip_suffix("年度"))
                else {
                    continue;
                };
                let inner = inner.trim();
                if (1..=8).contains(&inner.chars().count())
                    && inner.chars().any(|ch| ch.is_ascii_digit())
                {
                    let inner = inner.to_string();
                    self.set_field(s, Field::Year, &inner, (r, c));
                }
            }
        }
    }

    /// Numbers in target and actual columns of a file that does not keep
    /// percentage formats (.xls, .ods): 95% may have been read as 0.95.
    fn warn_bare_numbers(&mut self, s: &SheetRead) {
        if s.g.bare_numbers.is_empty() {
            return;
        }
        let Some(t) = find_table(s.g, self.kind()) else {
            return;
        };
        let mut cells = Vec::new();
        for &(r, c) in &s.g.bare_numbers {
            let in_col = matches!(
                t.cols.get(c),
                Some(Col::Field(
                    RowField::Target | RowField::Actual | RowField::AdjustedTarget
                ))
            );
            let small = s
                .text(r, c)
                .parse::<Decimal>()
                .is_ok_and(|d| d > Decimal::ZERO && d <= Decimal::ONE);
            if r > t.heading && in_col && small {
                cells.push(address(r, c));
            }
        }
        if !cells.is_empty() {
            self.notes.push(format!(
                "这种文件格式（.xls / .ods）读不出单元格的百分比格式：工作表“{}”的 {} 按数字读取，如果原表显示的是百分数（如 95% 读成 0.95），请改正。",
                s.g.name,
                cells.join("、")
            ));
        }
    }

    /// The hidden sheet of our own export: the rule profile and the
    /// written explanations.
    fn apply_meta(&mut self, meta: &Grid) {
        for r in 0..meta.rows() {
            let value = meta.text(r, 1);
            match meta.text(r, 0) {
                "profile" if !value.is_empty() => self.doc.profile = Some(value.to_string()),
                "explanations" => {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(value) {
                        if let Some(list) = v.as_array() {
                            let list_at = crate::json::At::ROOT.key("explanations");
                            for (i, e) in list.iter().enumerate() {
                                let at = list_at.index(i);
                                if let Ok(e) = Explanation::read(e, &at) {
                                    self.doc.explanations.push(e);
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn finish(mut self, sheets: &[&Grid]) -> Form {
        // Row ids: the hidden column's where given and unique, else fresh.
        let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut pending = Vec::new();
        for (i, row) in self.doc.indicators.iter_mut().enumerate() {
            match self.ids.get(i).cloned().flatten() {
                Some(id) if taken.insert(id.clone()) => row.id = id,
                _ => pending.push(i),
            }
        }
        let mut n = 1u64;
        for i in pending {
            let id = loop {
                let id = format!("r{n}");
                n += 1;
                if !taken.contains(&id) {
                    break id;
                }
            };
            taken.insert(id.clone());
            self.doc.indicators[i].id = id;
        }
        if self.assumed_wan {
            self.notes.push(
                "表中没有写明金额单位，金额按万元读取；如原表以元为单位，请改正。".to_string(),
            );
        }
        self.doc.resolve_years();
        Form {
            document: self.doc,
            unplaced: self.unplaced,
            notes: self.notes,
            sheets: sheets.iter().map(|g| g.name.clone()).collect(),
        }
    }
}

/// 总分 / 合计: the total row of the indicator table.
fn is_total(text: &str) -> bool {
    let (k, _) = key(text);
    matches!(
        k.as_str(),
        "总分" | "合计" | "总计" | "得分合计" | "自评总分" | "合计得分"
    )
}

/// A label that cannot be an indicator row's first cell: the footer or
/// another section has begun.
fn ends_table(text: &str, kind: Kind) -> bool {
    matches!(
        label(text, kind),
        Some(
            Label::Signature
                | Label::Field(_)
                | Label::Section
                | Label::Period
                | Label::Unit
                | Label::Total
                | Label::Grade
        )
    )
}

/// A period's start and end as `YYYY-MM`, from the ways people write it;
/// what cannot be read is kept as written in `start`.
fn period(text: &str) -> (String, String) {
    let t = crate::text::normalize(text);
    let chars: Vec<char> = t.chars().collect();
    let mut found: Vec<String> = Vec::new();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let four: String = chars[i..i + 4].iter().collect();
        let is_year = four.chars().all(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if !is_year {
            i += 1;
            continue;
        }
        let mut j = i + 4;
        // A separator, then one or two digits of the month.
        if matches!(chars.get(j), Some('年' | '-' | '.' | '/')) {
            j += 1;
        }
        let month: String = chars[j..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .take(2)
            .collect();
        match month.parse::<u32>() {
            Ok(m) if (1..=12).contains(&m) && j > i + 4 => {
                found.push(format!("{four}-{m:02}"));
                i = j + month.len();
            }
            _ => {
                found.push(four.clone());
                i += 4;
            }
        }
    }
    match found.as_slice() {
        [start, end] => (start.clone(), end.clone()),
        _ => (text.trim().to_string(), String::new()),
    }
}

#[cfg(test)]
mod tests;
