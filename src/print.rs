//! The printed form: a document laid out as the official paper form, for a
//! clerk to print, sign and stamp (盖章).
//!
//! [`html`] writes one HTML fragment of bordered tables, stacked so that
//! they read as one: the title and year, the header (项目名称, 主管部门 …),
//! the money (the budget table with 执行率 and 得分 on self-evaluations),
//! the overall goals, the indicator table with equal 一级/二级 cells merged
//! over their rows, the total (总分) and grade on self-evaluations, and the
//! signature lines. The page shows it only when printing
//! (`web::ui::print_view`), with the `.pv` rules of `www/style.css`: A4,
//! landscape for self-evaluations, the indicator headings repeated on every
//! page, page numbers in the page margin.
//!
//! Labels come from the field catalogue (`crate::fields`), values are the
//! texts the editor shows (as typed where they could not be read), scores
//! are the scoring's. Every text is escaped: imported text stays text.

use crate::num::Exact;
use rust_decimal::Decimal;

use crate::fields::{Field, Heading, Money, RowField, Stage};
use crate::model::{Document, Indicator, Kind};
use crate::score::Score;

/// A rate as a fraction (`0.9500`) shown as a percentage (`95.00%`).
pub fn percent(rate: Decimal) -> String {
    rate.try_mul(Decimal::ONE_HUNDRED)
        .map(|p| format!("{}%", p.round_dp(2)))
        .unwrap_or_else(|| "—".to_string())
}

/// The printed form of a document; `score` is its score (self-evaluations),
/// shown in the 得分 cells and the total. Without one the scores the unit
/// typed are shown.
pub fn html(doc: &Document, score: Option<&Score>) -> String {
    let kind = doc.kind;
    let mut o = Out {
        s: String::with_capacity(4096 + doc.indicators.len() * 400),
        doc,
    };
    o.raw(if kind.is_self_eval() {
        "<div class=\"pv pv-wide\"><h1 class=\"pv-title\">"
    } else {
        "<div class=\"pv\"><h1 class=\"pv-title\">"
    });
    o.text(kind.title());
    o.raw("</h1><p class=\"pv-year\">（");
    o.text(&Field::Year.text(doc, &[]));
    o.text(Field::Year.label(kind));
    o.raw("）</p>");
    header(&mut o);
    if kind.is_self_eval() {
        budget(&mut o, score);
    } else {
        funds(&mut o);
        tasks(&mut o);
    }
    goals(&mut o);
    grid(&mut o, score);
    o.raw("<div class=\"pv-sign\">");
    for line in Heading::signatures(kind) {
        o.raw("<p>");
        o.text(line);
        o.raw("：</p>");
    }
    o.raw("</div></div>");
    o.s
}

/// The HTML being written, and the document it shows.
struct Out<'a> {
    s: String,
    doc: &'a Document,
}

impl Out<'_> {
    fn raw(&mut self, s: &str) {
        self.s.push_str(s);
    }

    /// Text, escaped.
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            match c {
                '&' => self.raw("&amp;"),
                '<' => self.raw("&lt;"),
                '>' => self.raw("&gt;"),
                '"' => self.raw("&quot;"),
                '\'' => self.raw("&#39;"),
                c => self.s.push(c),
            }
        }
    }

    /// A `th` or `td` cell (`th` when `head`); spans of 1 and an empty
    /// class are left out.
    fn cell(&mut self, head: bool, class: &str, rows: usize, cols: usize, text: &str) {
        self.raw(if head { "<th" } else { "<td" });
        if !class.is_empty() {
            self.raw(" class=\"");
            self.raw(class);
            self.raw("\"");
        }
        for (name, n) in [(" rowspan=\"", rows), (" colspan=\"", cols)] {
            if n > 1 {
                self.raw(name);
                self.raw(&n.to_string());
                self.raw("\"");
            }
        }
        self.raw(">");
        self.text(text);
        self.raw(if head { "</th>" } else { "</td>" });
    }

    /// A heading cell.
    fn th(&mut self, text: &str) {
        self.cell(true, "", 1, 1, text);
    }

    /// A plain cell.
    fn td(&mut self, text: &str) {
        self.cell(false, "", 1, 1, text);
    }

    /// A field's label in a heading cell.
    fn label(&mut self, f: Field) {
        self.th(f.label(self.doc.kind));
    }

    /// A field's text in a cell `cols` wide.
    fn value(&mut self, class: &str, cols: usize, f: Field) {
        let text = f.text(self.doc, &[]);
        self.cell(false, class, 1, cols, &text);
    }

    /// Opens a table whose columns are as wide as `widths` say, in percent
    /// (the `width` attribute of `col`: a style attribute would need
    /// `'unsafe-inline'` under the page's CSP).
    fn table(&mut self, class: &str, widths: &[u8]) {
        self.raw("<table class=\"pv-t ");
        self.raw(class);
        self.raw("\"><colgroup>");
        for w in widths {
            self.raw("<col width=\"");
            self.s.push(char::from(b'0' + w / 10 % 10));
            self.s.push(char::from(b'0' + w % 10));
            self.raw("%\">");
        }
        self.raw("</colgroup>");
    }
}

/// 项目名称 (or 部门名称), 主管部门, 实施单位, and on goal forms 项目属性 and
/// 项目期, as label and value cells two to a row.
fn header(o: &mut Out) {
    let doc = o.doc;
    let kind = doc.kind;
    let t = |f: Field| f.text(doc, &[]);
    o.table("pv-head", &[14, 36, 14, 36]);
    let (name, code) = if kind.is_unit() {
        (Field::UnitName, Field::UnitCode)
    } else {
        (Field::ProjectName, Field::ProjectCode)
    };
    o.raw("<tr>");
    o.label(name);
    if t(code).is_empty() {
        o.value("", 3, name);
    } else {
        o.value("", 1, name);
        o.label(code);
        o.value("", 1, code);
    }
    if kind.is_unit() {
        if !t(Field::UnitDepartment).is_empty() {
            o.raw("</tr><tr>");
            o.label(Field::UnitDepartment);
            o.value("", 3, Field::UnitDepartment);
        }
    } else {
        o.raw("</tr><tr>");
        for f in [Field::ProjectDepartment, Field::ProjectUnit] {
            o.label(f);
            o.value("", 1, f);
        }
        if !kind.is_self_eval() {
            o.raw("</tr><tr>");
            o.label(Field::ProjectAttribute);
            o.value("", 1, Field::ProjectAttribute);
            o.th(Heading::Period.label(kind));
            let (start, end) = (t(Field::PeriodStart), t(Field::PeriodEnd));
            o.raw("<td>");
            o.text(&start);
            if !(start.is_empty() && end.is_empty()) {
                o.raw(" 至 ");
            }
            o.text(&end);
            o.raw("</td>");
        }
    }
    o.raw("</tr></table>");
}

/// The label of an amount as a row of a money table (`其中：财政拨款`).
fn money_label(o: &mut Out, m: Money) {
    let label = m.label(o.doc.kind);
    if m == Money::Fiscal {
        o.th(&["其中：", label].concat());
    } else {
        o.th(label);
    }
}

/// A goal form's money: one row per amount (中期资金总额 only when given).
fn funds(o: &mut Out) {
    let doc = o.doc;
    let mut rows = Money::of_form(doc.kind);
    if rows.last() == Some(&Money::MediumTermTotal)
        && Field::Funds(Money::MediumTermTotal)
            .text(doc, &[])
            .is_empty()
    {
        rows = &rows[..rows.len() - 1];
    }
    o.table("pv-funds", &[14, 36, 50]);
    o.raw("<tr>");
    o.cell(true, "", rows.len(), 1, Heading::Funds.label(doc.kind));
    for m in rows {
        money_label(o, *m);
        o.value("", 1, Field::Funds(*m));
        o.raw("</tr><tr>");
    }
    o.raw("</tr></table>");
}

/// 年度主要任务 of a unit-wide goal form, when it has any: its name and
/// content, then its money in 万元.
fn tasks(o: &mut Out) {
    let doc = o.doc;
    let n = doc.tasks.len();
    if n == 0 {
        return;
    }
    o.table("pv-tasks", &[14, 16, 34, 12, 12, 12]);
    o.raw("<tr>");
    o.cell(true, "", n + 1, 1, Heading::Tasks.label(doc.kind));
    o.label(Field::TaskName(0));
    o.label(Field::TaskContent(0));
    for m in Money::TASK {
        o.th(&[m.label(doc.kind), "（万元）"].concat());
    }
    for i in 0..n {
        o.raw("</tr><tr>");
        o.value("l", 1, Field::TaskName(i));
        o.value("l", 1, Field::TaskContent(i));
        for m in Money::TASK {
            o.value("", 1, Field::TaskFunds(i, m));
        }
    }
    o.raw("</tr></table>");
}

/// A self-evaluation's budget table: 年初预算数 | 全年预算数 | 全年执行数 by
/// source of money, 分值 | 执行率 | 得分 on the total row, and the reasons
/// given for deviations.
fn budget(o: &mut Out, score: Option<&Score>) {
    let doc = o.doc;
    let kind = doc.kind;
    let rows = Money::of_form(kind);
    o.table("pv-budget", &[14, 16, 12, 12, 12, 10, 12, 12]);
    o.raw("<tr>");
    o.cell(true, "", rows.len() + 1, 1, Heading::Funds.label(kind));
    o.th("");
    for s in Stage::ALL {
        o.th(s.label());
    }
    o.th(RowField::Weight.label(kind));
    o.th(Heading::Rate.label(kind));
    o.th(RowField::Score.label(kind));
    for (i, m) in rows.iter().enumerate() {
        o.raw("</tr><tr>");
        money_label(o, *m);
        for s in Stage::ALL {
            o.value("", 1, Field::Budget(s, *m));
        }
        if i > 0 {
            o.raw("<td>—</td><td>—</td><td>—</td>");
            continue;
        }
        o.value("", 1, Field::ExecutionWeight);
        match score.and_then(|s| s.execution.as_ref()) {
            Some(e) => {
                o.td(&percent(e.rate));
                o.td(&e.score.to_string());
            }
            None => {
                o.td("");
                o.value("", 1, Field::ExecutionScore);
            }
        }
    }
    for f in [Field::ExecutionReason, Field::AdjustmentReason] {
        if !f.text(doc, &[]).is_empty() {
            o.raw("</tr><tr>");
            o.cell(true, "", 1, 2, f.label(kind));
            o.value("l", 6, f);
        }
    }
    o.raw("</tr></table>");
}

/// The overall goals: 年度目标 (and 中期目标 where given) on goal forms,
/// 预期目标 | 实际完成情况 on self-evaluations.
fn goals(o: &mut Out) {
    let doc = o.doc;
    let kind = doc.kind;
    let fields: &[Field] = if kind.is_self_eval() {
        &[Field::GoalPlanned, Field::GoalAchieved]
    } else if kind == Kind::ProjectGoal && !Field::GoalMediumTerm.text(doc, &[]).is_empty() {
        &[Field::GoalAnnual, Field::GoalMediumTerm]
    } else {
        &[Field::GoalAnnual]
    };
    o.table(
        "pv-goals",
        if fields.len() == 2 {
            &[14, 43, 43]
        } else {
            &[14, 86]
        },
    );
    o.raw("<tr>");
    o.cell(true, "", 2, 1, Heading::Goals.label(kind));
    for f in fields {
        o.label(*f);
    }
    o.raw("</tr><tr>");
    for f in fields {
        o.value("l", 1, *f);
    }
    o.raw("</tr></table>");
}

/// The columns printed for a document: the form's columns, without 分值
/// on a goal form where no row has one (the official goal form has no
/// 分值; some provinces add it).
pub fn columns(doc: &Document) -> &'static [RowField] {
    let cols = RowField::columns(doc.kind);
    match cols.split_last() {
        Some((RowField::Weight, rest))
            if !doc.kind.is_self_eval() && doc.indicators.iter().all(|r| r.weight.is_none()) =>
        {
            rest
        }
        _ => cols,
    }
}

/// How wide the `n` columns of a kind of form's grid print, in percent, in
/// the order of [`RowField::columns`]: a goal form's 一级 | 二级 | 三级 |
/// 指标值 (| 分值), a self-evaluation's up to 偏差原因分析及改进措施.
fn widths(kind: Kind, n: usize) -> &'static [u8] {
    match kind {
        Kind::ProjectGoal | Kind::UnitGoal if n == 4 => &[16, 18, 40, 26],
        Kind::ProjectGoal | Kind::UnitGoal => &[15, 17, 34, 24, 10],
        Kind::ProjectSelfEval => &[9, 10, 19, 12, 12, 6, 6, 26],
        Kind::UnitSelfEval => &[8, 9, 16, 11, 11, 11, 6, 6, 22],
    }
}

/// The rowspan of each row's 一级 cell (its 二级 cell with `within`, the
/// runs of 一级) where equal neighbours merge: `n > 0` where a run of `n`
/// rows starts, `0` where the cell is part of the run above. Empty cells
/// never merge, and a run never crosses the start of a run of `within`.
pub fn runs(rows: &[Indicator], within: Option<&[usize]>) -> Vec<usize> {
    let key = |i: usize| {
        let r = &rows[i];
        if within.is_some() {
            &r.level2
        } else {
            &r.level1
        }
    };
    let mut out = vec![0; rows.len()];
    let mut start = 0;
    while start < rows.len() {
        let mut end = start + 1;
        if !key(start).trim().is_empty() {
            while end < rows.len()
                && key(end) == key(start)
                && within.is_none_or(|w| w.get(end) == Some(&0))
            {
                end += 1;
            }
        }
        out[start] = end - start;
        start = end;
    }
    out
}

/// The sum of the points: budget execution and every row; `None` where one
/// of them cannot be read (or the sum overflows). Summed by the weight
/// rules' own function, which the module has anyway.
fn points(doc: &Document) -> Option<Decimal> {
    let mut all = Vec::new();
    let weights = doc.indicators.iter().map(|r| r.weight.as_ref());
    for w in weights.chain([doc.execution_weight.as_ref()]).flatten() {
        all.push(w.value()?);
    }
    crate::rules::weights::checked_sum(&all)
}

/// The indicator table: the headings (repeated on every page), one row per
/// indicator with 一级/二级 merged over their runs, and on self-evaluations
/// the total row.
fn grid(o: &mut Out, score: Option<&Score>) {
    let doc = o.doc;
    let kind = doc.kind;
    let cols = columns(doc);
    let rows = &doc.indicators;
    o.table("pv-grid", widths(kind, cols.len()));
    o.raw("<thead><tr>");
    o.cell(
        true,
        "pv-sec",
        1,
        cols.len(),
        Heading::Indicators.label(kind),
    );
    o.raw("</tr><tr>");
    for f in cols {
        o.th(f.label(kind));
    }
    o.raw("</tr></thead><tbody>");
    let span1 = runs(rows, None);
    let span2 = runs(rows, Some(&span1));
    for (i, r) in rows.iter().enumerate() {
        o.raw("<tr>");
        for f in cols {
            let (class, span) = match f {
                RowField::Level1 => ("", span1[i]),
                RowField::Level2 => ("", span2[i]),
                RowField::Weight | RowField::Score => ("", 1),
                _ => ("l", 1),
            };
            if span == 0 {
                // Merged into the cell above.
                continue;
            }
            // The scoring's score where it gave one for this row, else
            // what the unit typed.
            let computed = score
                .filter(|_| *f == RowField::Score)
                .and_then(|s| s.indicators.get(i))
                .filter(|s| s.id == r.id)
                .and_then(|s| s.score);
            let text = match computed {
                Some(d) => d.to_string(),
                None => f.text(r),
            };
            o.cell(false, class, span, 1, &text);
        }
        o.raw("</tr>");
    }
    if kind.is_self_eval() {
        // 总分 over the columns before 分值, then the points, the total and
        // the grade (a self-evaluation's last columns are 分值 | 得分 |
        // 偏差原因分析及改进措施).
        o.raw("<tr class=\"pv-total\">");
        o.cell(true, "", 1, cols.len() - 3, Field::TotalScore.label(kind));
        o.td(&points(doc).map(|d| d.to_string()).unwrap_or_default());
        match score {
            Some(s) => {
                o.td(&s.total.to_string());
                let grade = [Heading::Grade.label(kind), "：", &s.grade].concat();
                o.td(if s.grade.is_empty() { "" } else { &grade });
            }
            None => {
                o.value("", 1, Field::TotalScore);
                o.td("");
            }
        }
        o.raw("</tr>");
    }
    o.raw("</tbody></table>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::evaluate;
    use crate::profile::Profile;

    fn doc(json: &str) -> Document {
        Document::from_json(json).unwrap()
    }

    /// Rows with these 一级 and 二级 names.
    fn rows(names: &[(&str, &str)]) -> Vec<Indicator> {
        names
            .iter()
            .map(|(l1, l2)| Indicator {
                level1: l1.to_string(),
                level2: l2.to_string(),
                ..Indicator::default()
            })
            .collect()
    }

    #[test]
    fn runs_merge_equal_neighbours_within_their_parent() {
        let r = rows(&[
            ("A", "x"),
            ("A", "x"),
            ("B", "x"),
            ("B", "y"),
            ("B", "y"),
            ("", ""),
            ("", ""),
        ]);
        let l1 = runs(&r, None);
        assert_eq!(l1, [2, 0, 3, 0, 0, 1, 1]);
        // The same 二级 name under two 一级 cells is two cells; empty
        // cells stay apart.
        assert_eq!(runs(&r, Some(&l1)), [2, 0, 1, 2, 0, 1, 1]);
        assert_eq!(runs(&[], None), Vec::<usize>::new());
    }

    const SELF_EVAL: &str = r#"{
      "format": "jixiao/v1", "kind": "project-self-eval", "year": 2024,
      "project": {"name": "乡村道路<养护>", "department": "某县交通运输局", "unit": "某县公路养护中心"},
      "budget": {"initial": {"total": "100", "fiscal": "80"}, "adjusted": {"total": "100"},
                 "executed": {"total": "95"}},
      "execution_weight": "10",
      "goals": {"planned": "完成养护120公里", "achieved": "完成养护118公里"},
      "indicators": [
        {"id": "a", "level1": "产出指标", "level2": "数量指标", "name": "养护里程",
         "target": "≥120公里", "actual": "118公里", "weight": "30", "deviation": "雨季延误"},
        {"id": "b", "level1": "产出指标", "level2": "数量指标", "name": "桥梁检查",
         "target": "≥10座", "actual": "10座", "weight": "30"},
        {"id": "c", "level1": "效益指标", "level2": "社会效益指标", "name": "通行时间缩短",
         "target": "有效缩短", "actual": "达成", "weight": "20", "score": "18"},
        {"id": "d", "level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度",
         "target": "≥90%", "actual": "93%", "weight": "10"}
      ]
    }"#;

    #[test]
    fn a_self_evaluation_prints_every_cell_with_its_scores() {
        let d = doc(SELF_EVAL);
        let report = evaluate(&d, Profile::national());
        let score = report.score.unwrap();
        let h = html(&d, Some(&score));
        // Title and year, header labels and values, escaped.
        assert!(h.contains("<h1 class=\"pv-title\">项目支出绩效自评表</h1>"));
        assert!(h.contains("（2024年度）"));
        assert!(h.contains("乡村道路&lt;养护&gt;"));
        assert!(!h.contains("<养护>"));
        for label in [
            "项目名称",
            "主管部门",
            "实施单位",
            "年初预算数",
            "执行率",
            "实际完成情况",
        ] {
            assert!(h.contains(label), "{label}");
        }
        // Every column of the grid, in order, 三级指标 with its names.
        let heads: Vec<&str> = RowField::columns(d.kind)
            .iter()
            .map(|f| f.label(d.kind))
            .collect();
        let grid = &h[h.find("pv-grid").unwrap()..];
        let at: Vec<usize> = heads.iter().map(|l| grid.find(l).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{heads:?}");
        for r in &d.indicators {
            assert!(h.contains(&format!(">{}<", r.name)), "{}", r.name);
        }
        // 产出指标 once over two rows, and so 数量指标.
        assert!(h.contains("<td rowspan=\"2\">产出指标</td>"));
        assert!(h.contains("<td rowspan=\"2\">数量指标</td>"));
        assert_eq!(h.matches(">产出指标<").count(), 1);
        // The scoring's scores, the execution rate, the total and grade.
        let e = score.execution.as_ref().unwrap();
        assert!(h.contains(&format!(">{}<", percent(e.rate))));
        for s in &score.indicators {
            assert!(h.contains(&format!(">{}<", s.score.unwrap())), "{s:?}");
        }
        let total = &h[h.find("pv-total").unwrap()..h.find("pv-sign").unwrap()];
        assert!(total.contains(&format!(">{}<", score.total)), "{total}");
        assert!(total.contains(&format!("等级：{}", score.grade)), "{total}");
        // 分值 adds up the points of execution and every row.
        assert!(total.contains(">100<"), "{total}");
        // The signature lines, last.
        let sign = h.find("pv-sign").unwrap();
        for line in Heading::signatures(d.kind) {
            assert!(h[sign..].contains(&format!("{line}：")), "{line}");
        }
        assert!(h.contains("pv-wide"));
    }

    #[test]
    fn without_a_score_the_typed_scores_print() {
        let d = doc(SELF_EVAL);
        let h = html(&d, None);
        assert!(h.contains(">18<"));
    }

    #[test]
    fn a_goal_form_prints_portrait_without_empty_columns() {
        let d = doc(
            r#"{"format": "jixiao/v1", "kind": "project-goal", "year": "2025",
              "project": {"name": "校舍维修", "department": "教育局", "unit": "一中",
                          "attribute": "新增", "period": {"start": "2025-01", "end": "2025-12"}},
              "funds": {"total": "50", "fiscal": "50"},
              "goals": {"annual": "维修校舍2栋"},
              "indicators": [{"id": "a", "level1": "产出指标", "level2": "数量指标",
                              "name": "维修栋数", "target": "≥2栋"}]}"#,
        );
        let h = html(&d, None);
        assert!(!h.contains("pv-wide"));
        assert!(h.contains("2025-01 至 2025-12"));
        assert!(h.contains(">项目属性<") && h.contains(">新增<"));
        // No weights typed: no 分值 column; no 中期资金总额 row.
        assert_eq!(columns(&d).len(), 4);
        assert!(!h.contains("分值"));
        assert!(!h.contains("中期资金总额"));
        assert!(h.contains("其中：财政拨款"));
        assert!(h.contains("项目负责人："));
    }

    #[test]
    fn a_unit_goal_form_prints_its_tasks_and_no_project_lines() {
        let d = doc(
            r#"{"format": "jixiao/v1", "kind": "unit-goal", "year": 2025,
              "unit": {"name": "某县文化局", "department": ""},
              "funds": {"total": "300"},
              "tasks": [{"name": "文物保护", "content": "修缮3处", "funds": {"total": "40"}}],
              "goals": {"annual": "提升公共文化服务"},
              "indicators": []}"#,
        );
        let h = html(&d, None);
        assert!(h.contains(">部门（单位）名称<"));
        assert!(h.contains("年度主要任务") && h.contains(">修缮3处<") && h.contains(">40<"));
        assert!(!h.contains("项目负责人"));
        assert!(!h.contains("主管部门"));
    }
}
