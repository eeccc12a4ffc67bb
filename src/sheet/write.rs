//! A document as an .xlsx in the official layout, with rust_xlsxwriter.
//!
//! One worksheet, named after the form: the title and the year; the header
//! as label/value cells (项目名称, 主管部门 | 实施单位 …); the funds (goal
//! forms) or the budget table (self-evaluations: 年初预算数 | 全年预算数 |
//! 全年执行数 | 分值 | 执行率 | 得分, the rate a formula); the goals; the
//! tasks of a unit-wide goal form; the indicator grid with its 一级/二级
//! cells merged over their rows; the total (a formula summing the weights,
//! and the 总分 the unit gave); the signature lines. Printed on A4, in
//! landscape when the grid has more than six columns, fit to the page
//! width, the grid's heading row repeated on every page, page numbers in
//! the footer.
//!
//! Every label is the field catalogue's. Amounts, weights and scores are
//! numbers shown with the decimals they were typed with, so that Excel can
//! add them up; a value that a spreadsheet number cannot hold exactly is
//! written as text. Row ids go to a hidden column and the rule profile and
//! written explanations to the hidden sheet [`super::META_SHEET`], so that
//! [`super::import`] gives the same document back.

use crate::num::Exact;
use std::collections::HashMap;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use super::open::number_text;
use super::read::ID_HEADING;
use super::{SheetError, META_SHEET};
use crate::fields::{Field, Money, RowField, Stage};
use crate::model::{Document, Indicator, Kind};
use crate::num::Num;

/// Writes a document as an .xlsx file's bytes.
pub fn export(doc: &Document) -> Result<Vec<u8>, SheetError> {
    let mut wb = Workbook::new();
    write_form(&mut wb, doc).map_err(|e| SheetError::Write(e.to_string()))?;
    wb.save_to_buffer()
        .map_err(|e| SheetError::Write(e.to_string()))
}

/// The cell formats of the layout.
struct Formats {
    title: Format,
    subtitle: Format,
    label: Format,
    heading: Format,
    text: Format,
    center: Format,
    sign: Format,
    percent: Format,
    /// Numbers by their decimals: `#,##0.00` for 2.
    numbers: HashMap<u32, Format>,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter)
            .set_font_size(10.5);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: Format::new().set_align(FormatAlign::Center),
            label: cell.clone().set_bold().set_align(FormatAlign::Center),
            heading: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xEDEDED)),
            text: cell.clone().set_align(FormatAlign::Left),
            center: cell.clone().set_align(FormatAlign::Center),
            sign: Format::new().set_align(FormatAlign::Left),
            percent: cell
                .clone()
                .set_num_format("0.00%")
                .set_align(FormatAlign::Right),
            numbers: HashMap::new(),
        }
    }

    fn number(&mut self, scale: u32) -> &Format {
        self.numbers.entry(scale).or_insert_with(|| {
            let decimals = "0".repeat(scale as usize);
            let code = if scale == 0 {
                "#,##0".to_string()
            } else {
                format!("#,##0.{decimals}")
            };
            Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Right)
                .set_align(FormatAlign::VerticalCenter)
                .set_font_size(10.5)
                .set_num_format(code)
        })
    }
}

/// The worksheet being written, row by row.
struct Writer<'a> {
    ws: &'a mut Worksheet,
    f: Formats,
    /// The visible columns: the indicator grid's.
    width: u16,
    row: u32,
    /// Column widths, in characters of the default font.
    widths: Vec<f64>,
    /// The lines of wrapped text each row needs, by row.
    lines: HashMap<u32, u32>,
}

/// The lines a text needs in a cell `width` characters wide: a Chinese
/// character takes about two, as in Excel's and LibreOffice's measure.
fn lines_needed(text: &str, width: f64) -> u32 {
    let usable = width.max(1.0);
    text.split('\n')
        .map(|line| {
            let w: f64 = line
                .chars()
                .map(|c| if c.is_ascii() { 1.1 } else { 2.0 })
                .sum();
            ((w / usable).ceil() as u32).max(1)
        })
        .sum::<u32>()
        .max(1)
}

type Res<T = ()> = Result<T, XlsxError>;

impl Writer<'_> {
    /// Writes text over columns `c1..=c2` of a row, merged where wider.
    fn text(&mut self, r: u32, c1: u16, c2: u16, text: &str, f: &Format) -> Res {
        let width: f64 = (c1..=c2)
            .map(|c| self.widths.get(c as usize).copied().unwrap_or(10.0))
            .sum();
        let need = lines_needed(text, width);
        let lines = self.lines.entry(r).or_insert(1);
        *lines = (*lines).max(need);
        if c2 > c1 {
            self.ws.merge_range(r, c1, r, c2, text, f)?;
        } else {
            self.ws.write_string_with_format(r, c1, text, f)?;
        }
        Ok(())
    }

    /// Writes a number field: a number with its decimals where a
    /// spreadsheet number holds it exactly, else its text.
    fn num(&mut self, r: u32, c1: u16, c2: u16, n: Option<&Num>) -> Res {
        let exact = n.and_then(Num::value).and_then(|d| {
            let f = d.to_f64()?;
            (number_text(f, None) == d.normalize().to_string()).then_some((f, d.scale()))
        });
        match exact {
            Some((value, scale)) => {
                let fmt = self.f.number(scale).clone();
                if c2 > c1 {
                    self.ws.merge_range(r, c1, r, c2, "", &fmt)?;
                }
                self.ws.write_number_with_format(r, c1, value, &fmt)?;
            }
            None => {
                let text = n.map(Num::text).unwrap_or_default();
                let fmt = self.f.text.clone();
                self.text(r, c1, c2, &text, &fmt)?;
            }
        }
        Ok(())
    }

    /// A field's value over columns `c1..=c2`.
    fn value(&mut self, doc: &Document, field: Field, r: u32, c1: u16, c2: u16) -> Res {
        let num = match field {
            Field::Funds(m) => Some(doc.funds.as_ref().and_then(|f| m.get(f))),
            Field::Budget(s, m) => Some(
                doc.budget
                    .as_ref()
                    .and_then(|b| s.get(b))
                    .and_then(|f| m.get(f)),
            ),
            Field::TaskFunds(i, m) => Some(
                doc.tasks
                    .get(i)
                    .and_then(|t| t.funds.as_ref())
                    .and_then(|f| m.get(f)),
            ),
            Field::ExecutionWeight => Some(doc.execution_weight.as_ref()),
            Field::ExecutionScore => Some(doc.execution_score.as_ref()),
            Field::TotalScore => Some(doc.total_score.as_ref()),
            _ => None,
        };
        match num {
            Some(n) => self.num(r, c1, c2, n),
            None => {
                let text = field.text(doc, &[]);
                let f = self.f.text.clone();
                self.text(r, c1, c2, &text, &f)
            }
        }
    }

    /// A row of label/value pairs: one pair across the row, or two.
    fn pairs(&mut self, doc: &Document, pairs: &[(&str, Field)]) -> Res {
        let r = self.row;
        let w = self.width;
        let label = self.f.label.clone();
        match pairs {
            [(l, f)] => {
                self.text(r, 0, 0, l, &label)?;
                self.value(doc, *f, r, 1, w - 1)?;
            }
            [(l1, f1), (l2, f2)] => {
                let m = w / 2;
                self.text(r, 0, 0, l1, &label)?;
                self.value(doc, *f1, r, 1, m - 1)?;
                self.text(r, m, m, l2, &label)?;
                self.value(doc, *f2, r, m + 1, w - 1)?;
            }
            _ => {}
        }
        self.row += 1;
        Ok(())
    }

    /// A section label down the first column over `rows` rows.
    fn section(&mut self, text: &str, rows: u32) -> Res {
        let label = self.f.label.clone();
        if rows > 1 {
            self.ws
                .merge_range(self.row, 0, self.row + rows - 1, 0, text, &label)?;
        } else {
            self.ws
                .write_string_with_format(self.row, 0, text, &label)?;
        }
        Ok(())
    }
}

/// The grid's columns for this document: the form's, and the optional
/// ones its rows fill in.
fn grid_columns(doc: &Document) -> Vec<RowField> {
    let kind = doc.kind;
    let mut cols: Vec<RowField> = RowField::columns(kind).to_vec();
    let any = |f: RowField| doc.indicators.iter().any(|r| !f.text(r).is_empty());
    if kind.is_self_eval()
        && !cols.contains(&RowField::AdjustedTarget)
        && any(RowField::AdjustedTarget)
    {
        let at = cols
            .iter()
            .position(|c| *c == RowField::Target)
            .map_or(cols.len(), |i| i + 1);
        cols.insert(at, RowField::AdjustedTarget);
    }
    for f in [RowField::Note, RowField::ChangeReason] {
        if any(f) {
            cols.push(f);
        }
    }
    cols
}

fn column_width(f: RowField) -> f64 {
    match f {
        RowField::Level1 => 11.0,
        RowField::Level2 => 12.0,
        RowField::Name => 26.0,
        RowField::Target | RowField::AdjustedTarget | RowField::Actual => 13.0,
        RowField::Weight | RowField::Score => 7.5,
        RowField::Deviation => 22.0,
        RowField::Note | RowField::ChangeReason => 16.0,
    }
}

fn write_form(wb: &mut Workbook, doc: &Document) -> Res {
    let kind = doc.kind;
    let cols = grid_columns(doc);
    let width = cols.len() as u16;
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(kind))?;
    let mut widths: Vec<f64> = cols.iter().map(|c| column_width(*c)).collect();
    // The first column also holds the header's labels.
    widths[0] = widths[0].max(13.0);
    let mut w = Writer {
        ws,
        f: Formats::new(),
        width,
        row: 0,
        widths,
        lines: HashMap::new(),
    };
    for (i, width) in w.widths.clone().into_iter().enumerate() {
        w.ws.set_column_width(i as u16, width)?;
    }

    // The title and the year.
    let title = w.f.title.clone();
    w.text(0, 0, width - 1, kind.title(), &title)?;
    w.row = 1;
    if let Some(year) = doc.year.as_ref().map(Num::text).filter(|y| !y.is_empty()) {
        let sub = w.f.subtitle.clone();
        w.text(1, 0, width - 1, &format!("（{year}年度）"), &sub)?;
        w.row = 2;
    }

    header(&mut w, doc)?;
    if kind.is_self_eval() {
        budget_table(&mut w, doc)?;
    } else {
        funds_block(&mut w, doc)?;
    }
    goals(&mut w, doc)?;
    if kind == Kind::UnitGoal {
        tasks(&mut w, doc)?;
    }
    let heading_row = indicator_grid(&mut w, doc, &cols)?;
    reasons(&mut w, doc)?;
    signatures(&mut w, kind)?;

    // Rows as high as their wrapped text needs: spreadsheets do not grow
    // rows for text written by a program.
    let mut lines: Vec<(u32, u32)> = w.lines.iter().map(|(r, l)| (*r, *l)).collect();
    lines.sort_unstable();
    for (r, n) in lines {
        if r > 0 && n > 1 {
            w.ws.set_row_height(r, 13.5 * f64::from(n) + 3.0)?;
        }
    }
    w.ws.set_row_height(0, 30)?;

    // Page setup: A4, landscape for wide grids, one page wide, the grid's
    // heading row on every page, page numbers.
    let ws = &mut *w.ws;
    ws.set_paper_size(9);
    if width > 6 {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(heading_row, heading_row)?;
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C第 &P 页，共 &N 页");

    // What the layout has no place for, for import to give it back.
    let meta = wb.add_worksheet();
    meta.set_name(META_SHEET)?;
    meta.write_string(0, 0, "format")?;
    meta.write_string(0, 1, crate::model::FORMAT_V1)?;
    meta.write_string(1, 0, "kind")?;
    meta.write_string(1, 1, kind.as_str())?;
    meta.write_string(2, 0, "profile")?;
    meta.write_string(2, 1, doc.profile.as_deref().unwrap_or(""))?;
    meta.write_string(3, 0, "explanations")?;
    let explanations = serde_json::to_string(&doc.explanations).unwrap_or_default();
    meta.write_string(3, 1, &explanations)?;
    meta.set_hidden(true);
    Ok(())
}

/// A worksheet's name (at most 31 characters, none of `[]:*?/\`).
fn sheet_name(kind: Kind) -> &'static str {
    match kind {
        Kind::ProjectGoal => "项目支出绩效目标申报表",
        Kind::ProjectSelfEval => "项目支出绩效自评表",
        Kind::UnitGoal => "整体支出绩效目标申报表",
        Kind::UnitSelfEval => "整体支出绩效自评表",
    }
}

fn header(w: &mut Writer, doc: &Document) -> Res {
    let k = doc.kind;
    let l = |f: Field| f.label(k);
    if k.is_unit() {
        w.pairs(doc, &[(l(Field::UnitName), Field::UnitName)])?;
        w.pairs(
            doc,
            &[
                (l(Field::UnitDepartment), Field::UnitDepartment),
                (l(Field::UnitCode), Field::UnitCode),
            ],
        )?;
        return Ok(());
    }
    w.pairs(doc, &[(l(Field::ProjectName), Field::ProjectName)])?;
    w.pairs(
        doc,
        &[
            (l(Field::ProjectDepartment), Field::ProjectDepartment),
            (l(Field::ProjectUnit), Field::ProjectUnit),
        ],
    )?;
    let filled = |f: Field| !f.text(doc, &[]).is_empty();
    let code = filled(Field::ProjectCode);
    // The goal form's 项目属性 and 项目期; a self-evaluation shows them
    // where the document has them.
    if k == Kind::ProjectGoal
        || filled(Field::ProjectAttribute)
        || filled(Field::PeriodStart)
        || filled(Field::PeriodEnd)
    {
        w.pairs(
            doc,
            &[
                (l(Field::ProjectAttribute), Field::ProjectAttribute),
                (l(Field::ProjectCode), Field::ProjectCode),
            ],
        )?;
        // 项目期: one cell, `2024-01 至 2026-12`.
        let r = w.row;
        let label = w.f.label.clone();
        let text = w.f.text.clone();
        w.text(r, 0, 0, "项目期", &label)?;
        let p = doc.project.as_ref().and_then(|p| p.period.as_ref());
        let value = match p {
            Some(p) if !p.end.is_empty() => format!("{} 至 {}", p.start, p.end),
            Some(p) => p.start.clone(),
            None => String::new(),
        };
        w.text(r, 1, w.width - 1, &value, &text)?;
        w.row += 1;
    } else if code {
        w.pairs(doc, &[(l(Field::ProjectCode), Field::ProjectCode)])?;
    }
    Ok(())
}

/// Goal forms: the money requested, as label/value pairs beside a section
/// label. On a project goal form 中期资金总额 stands in a column of its own.
fn funds_block(w: &mut Writer, doc: &Document) -> Res {
    let k = doc.kind;
    let money: Vec<Money> = Money::of_form(k).to_vec();
    let (left, right): (Vec<Money>, Vec<Money>) = if k == Kind::ProjectGoal {
        (
            money
                .iter()
                .copied()
                .filter(|m| *m != Money::MediumTermTotal)
                .collect(),
            vec![Money::MediumTermTotal],
        )
    } else {
        let half = money.len().div_ceil(2);
        (money[..half].to_vec(), money[half..].to_vec())
    };
    let rows = left.len().max(right.len()) as u32;
    let section = if k.is_unit() {
        "年度预算（万元）"
    } else {
        "项目资金（万元）"
    };
    w.section(section, rows)?;
    let label = w.f.label.clone();
    let last = w.width - 1;
    for i in 0..rows as usize {
        let r = w.row;
        if let Some(m) = left.get(i) {
            w.text(r, 1, 1, m.label(k), &label)?;
            w.value(doc, Field::Funds(*m), r, 2, 2)?;
        }
        if let Some(m) = right.get(i) {
            w.text(r, 3, 3, m.label(k), &label)?;
            w.value(doc, Field::Funds(*m), r, 4, last)?;
        } else {
            let f = w.f.text.clone();
            w.text(r, 3, last, "", &f)?;
        }
        w.row += 1;
    }
    Ok(())
}

/// Self-evaluations: the budget table, amounts by stage, with the
/// execution weight, rate and score on the total row.
fn budget_table(w: &mut Writer, doc: &Document) -> Res {
    let k = doc.kind;
    let money = Money::of_form(k);
    let section = if k.is_unit() {
        "预算执行（万元）"
    } else {
        "项目资金（万元）"
    };
    w.section(section, money.len() as u32 + 1)?;
    let heading = w.f.heading.clone();
    let r0 = w.row;
    w.text(r0, 1, 1, "", &heading)?;
    for (i, s) in Stage::ALL.iter().enumerate() {
        w.text(r0, 2 + i as u16, 2 + i as u16, s.label(), &heading)?;
    }
    w.text(r0, 5, 5, RowField::Weight.label(k), &heading)?;
    w.text(r0, 6, 6, "执行率", &heading)?;
    w.text(r0, 7, w.width - 1, RowField::Score.label(k), &heading)?;
    w.row += 1;
    let label = w.f.label.clone();
    for m in money {
        let r = w.row;
        w.text(r, 1, 1, m.label(k), &label)?;
        for (i, s) in Stage::ALL.iter().enumerate() {
            w.value(doc, Field::Budget(*s, *m), r, 2 + i as u16, 2 + i as u16)?;
        }
        // The rate is computed: 全年执行数 / 全年预算数.
        let amount = |s: Stage| {
            doc.budget
                .as_ref()
                .and_then(|b| s.get(b))
                .and_then(|f| m.get(f))
                .and_then(Num::value)
        };
        let rate = match (amount(Stage::Executed), amount(Stage::Adjusted)) {
            (Some(e), Some(a)) if !a.is_zero() => e.try_div(a).map(|d| d.round_dp(6)),
            _ => None,
        };
        let formula = Formula::new(format!("=IFERROR(E{0}/D{0},\"\")", r + 1))
            .set_result(rate.map(|d| d.normalize().to_string()).unwrap_or_default());
        let pct = w.f.percent.clone();
        w.ws.write_formula_with_format(r, 6, formula, &pct)?;
        if *m == Money::Total {
            w.value(doc, Field::ExecutionWeight, r, 5, 5)?;
            w.value(doc, Field::ExecutionScore, r, 7, w.width - 1)?;
        } else {
            let c = w.f.center.clone();
            w.text(r, 5, 5, "", &c)?;
            w.text(r, 7, w.width - 1, "", &c)?;
        }
        w.row += 1;
    }
    Ok(())
}

/// The overall goals: 年度目标 | 中期目标 on a project goal form,
/// 预期目标 | 实际完成情况 on a self-evaluation, 年度总体目标 on a
/// unit-wide goal form.
fn goals(w: &mut Writer, doc: &Document) -> Res {
    let k = doc.kind;
    let (a, b) = match k {
        Kind::UnitGoal => {
            let r = w.row;
            let label = w.f.label.clone();
            w.text(r, 0, 0, "年度总体目标", &label)?;
            w.value(doc, Field::GoalAnnual, r, 1, w.width - 1)?;
            w.row += 1;
            return Ok(());
        }
        Kind::ProjectGoal => (Field::GoalAnnual, Field::GoalMediumTerm),
        _ => (Field::GoalPlanned, Field::GoalAchieved),
    };
    let section = if k.is_self_eval() {
        "年度总体目标"
    } else {
        "总体目标"
    };
    w.section(section, 2)?;
    let m = w.width / 2;
    let heading = w.f.heading.clone();
    let r = w.row;
    w.text(r, 1, m, a.label(k), &heading)?;
    w.text(r, m + 1, w.width - 1, b.label(k), &heading)?;
    w.value(doc, a, r + 1, 1, m)?;
    w.value(doc, b, r + 1, m + 1, w.width - 1)?;
    w.row += 2;
    Ok(())
}

/// 年度主要任务: 任务名称 | 主要内容 | 预算总额 | 财政拨款 | 其他资金.
fn tasks(w: &mut Writer, doc: &Document) -> Res {
    let k = doc.kind;
    let heading = w.f.heading.clone();
    let label = w.f.label.clone();
    let last = w.width - 1;
    w.text(w.row, 0, last, "年度主要任务（万元）", &label)?;
    w.row += 1;
    let r = w.row;
    w.text(r, 0, 0, Field::TaskName(0).label(k), &heading)?;
    w.text(r, 1, 1, Field::TaskContent(0).label(k), &heading)?;
    for (i, m) in Money::TASK.iter().enumerate() {
        let c = (2 + i as u16).min(last);
        w.text(r, c, c, m.label(k), &heading)?;
    }
    w.row += 1;
    for (i, _) in doc.tasks.iter().enumerate() {
        let r = w.row;
        w.value(doc, Field::TaskName(i), r, 0, 0)?;
        w.value(doc, Field::TaskContent(i), r, 1, 1)?;
        for (j, m) in Money::TASK.iter().enumerate() {
            let c = (2 + j as u16).min(last);
            w.value(doc, Field::TaskFunds(i, *m), r, c, c)?;
        }
        w.row += 1;
    }
    Ok(())
}

/// The indicator grid; returns its heading row (repeated on every page).
fn indicator_grid(w: &mut Writer, doc: &Document, cols: &[RowField]) -> Res<u32> {
    let k = doc.kind;
    let heading = w.f.heading.clone();
    let r0 = w.row;
    for (i, f) in cols.iter().enumerate() {
        w.text(r0, i as u16, i as u16, f.label(k), &heading)?;
    }
    // Row ids, in a hidden column.
    let id_col = cols.len() as u16;
    w.ws.write_string(r0, id_col, ID_HEADING)?;
    w.ws.set_column_hidden(id_col)?;
    w.row += 1;
    let first = w.row;
    let rows = &doc.indicators;
    for (i, ind) in rows.iter().enumerate() {
        let r = first + i as u32;
        for (c, f) in cols.iter().enumerate() {
            let c = c as u16;
            match f {
                RowField::Weight => w.num(r, c, c, ind.weight.as_ref())?,
                RowField::Score => w.num(r, c, c, ind.score.as_ref())?,
                RowField::Level1 | RowField::Level2 => {}
                _ => {
                    let fmt = if matches!(
                        f,
                        RowField::Target | RowField::AdjustedTarget | RowField::Actual
                    ) {
                        w.f.center.clone()
                    } else {
                        w.f.text.clone()
                    };
                    w.text(r, c, c, &f.text(ind), &fmt)?;
                }
            }
        }
        w.ws.write_string(r, id_col, &ind.id)?;
    }
    // 一级/二级 merged over their runs of rows.
    let center = w.f.center.clone();
    for (c, f) in cols.iter().enumerate() {
        let level = match f {
            RowField::Level1 => 1,
            RowField::Level2 => 2,
            _ => continue,
        };
        for (start, end) in runs(rows, level) {
            let text = if level == 1 {
                &rows[start].level1
            } else {
                &rows[start].level2
            };
            let (a, b) = (first + start as u32, first + end as u32);
            if b > a {
                w.ws.merge_range(a, c as u16, b, c as u16, text, &center)?;
            } else {
                let text = text.clone();
                w.text(a, c as u16, c as u16, &text, &center)?;
            }
        }
    }
    w.row = first + rows.len() as u32;
    // The total: the weights summed by a formula, and 总分 as the unit gave it.
    if let Some(wc) = cols.iter().position(|f| *f == RowField::Weight) {
        let r = w.row;
        let label = w.f.label.clone();
        let total_label = if k.is_self_eval() { "总分" } else { "合计" };
        w.text(r, 0, (wc as u16).saturating_sub(1), total_label, &label)?;
        let sum = rows
            .iter()
            .filter_map(|ind| ind.weight.as_ref().and_then(Num::value))
            .try_fold(Decimal::ZERO, |a, b| a.try_add(b));
        let col = column_letter(wc);
        let formula = if rows.is_empty() {
            Formula::new("=0").set_result("0")
        } else {
            Formula::new(format!(
                "=SUM({col}{}:{col}{})",
                first + 1,
                first + rows.len() as u32
            ))
            .set_result(sum.map(|d| d.normalize().to_string()).unwrap_or_default())
        };
        let scale = rows
            .iter()
            .filter_map(|ind| ind.weight.as_ref().and_then(Num::value))
            .map(|d| d.scale())
            .max()
            .unwrap_or(0);
        let fmt = w.f.number(scale).clone();
        w.ws.write_formula_with_format(r, wc as u16, formula, &fmt)?;
        let score_col = cols.iter().position(|f| *f == RowField::Score);
        for c in wc + 1..cols.len() {
            if Some(c) == score_col {
                w.value(doc, Field::TotalScore, r, c as u16, c as u16)?;
            } else {
                let f = w.f.text.clone();
                w.text(r, c as u16, c as u16, "", &f)?;
            }
        }
        w.row += 1;
    }
    Ok(r0)
}

/// Runs of consecutive rows with the same non-empty 一级 (level 1) or the
/// same 一级 and 二级 (level 2), as (first, last) row indices.
fn runs(rows: &[Indicator], level: u8) -> Vec<(usize, usize)> {
    let key = |r: &Indicator| -> (String, String) {
        if level == 1 {
            (r.level1.clone(), String::new())
        } else {
            (r.level1.clone(), r.level2.clone())
        }
    };
    fn value(r: &Indicator, level: u8) -> &str {
        if level == 1 {
            &r.level1
        } else {
            &r.level2
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        if !value(&rows[i], level).is_empty() {
            while j + 1 < rows.len() && key(&rows[j + 1]) == key(&rows[i]) {
                j += 1;
            }
        }
        out.push((i, j));
        i = j + 1;
    }
    out
}

/// Column letters of a 0-based column.
fn column_letter(col: usize) -> String {
    let a = super::grid::address(0, col);
    a.trim_end_matches(|c: char| c.is_ascii_digit()).to_string()
}

/// 预算调整说明 / 预算执行偏差说明, where the unit wrote them.
fn reasons(w: &mut Writer, doc: &Document) -> Res {
    let k = doc.kind;
    for f in [Field::AdjustmentReason, Field::ExecutionReason] {
        if !f.text(doc, &[]).is_empty() {
            w.pairs(doc, &[(f.label(k), f)])?;
        }
    }
    Ok(())
}

/// The signature lines under the form.
fn signatures(w: &mut Writer, kind: Kind) -> Res {
    w.row += 1;
    let lead = if kind.is_unit() {
        "单位负责人："
    } else {
        "项目负责人："
    };
    let sign = w.f.sign.clone();
    let third = (w.width / 3).max(1);
    let r = w.row;
    let spots = [
        (0, third - 1, lead),
        (third, 2 * third - 1, "财务负责人："),
        (2 * third, w.width - 1, "填报日期："),
    ];
    for (a, b, text) in spots {
        w.text(r, a, b.max(a), text, &sign)?;
    }
    w.row += 1;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_group_equal_categories() {
        let row = |a: &str, b: &str| Indicator {
            level1: a.into(),
            level2: b.into(),
            ..Default::default()
        };
        let rows = [
            row("产出指标", "数量指标"),
            row("产出指标", "数量指标"),
            row("产出指标", "质量指标"),
            row("", ""),
            row("效益指标", "社会效益指标"),
        ];
        assert_eq!(runs(&rows, 1), [(0, 2), (3, 3), (4, 4)]);
        assert_eq!(runs(&rows, 2), [(0, 1), (2, 2), (3, 3), (4, 4)]);
        assert_eq!(column_letter(27), "AB");
    }
}
