//! The error summary at the top of the form (GOV.UK style): how many
//! problems there are, each one listed (errors first) with a link that moves
//! focus to the field it is about, on whatever row.

use yew::prelude::*;

use super::{focus_path, severity_class, Shown};
use crate::edit::input_id;
use crate::finding::Severity;

#[derive(Properties, PartialEq, Clone)]
pub struct ErrorSummaryProps {
    /// The findings shown, errors first.
    pub shown: std::rc::Rc<Vec<Shown>>,
    /// Findings not shown yet (about fields nobody has touched).
    pub hidden: usize,
    pub checked: bool,
}

/// Where a path is, in words: `/indicators/4/target` → `第5行 指标值`.
pub fn describe_path(path: &str) -> String {
    let seg: Vec<&str> = path.split('/').skip(1).collect();
    let field = |f: &str| -> &'static str {
        match f {
            "level1" => "一级指标",
            "level2" => "二级指标",
            "name" => "三级指标",
            "target" => "指标值",
            "adjusted_target" => "调整指标值",
            "actual" => "实际完成值",
            "weight" => "分值",
            "score" => "得分",
            "deviation" => "偏差原因分析及改进措施",
            "change_reason" => "修改原因",
            "project" => "项目信息",
            "unit" => "单位信息",
            "funds" => "资金",
            "budget" => "预算",
            "goals" => "总体目标",
            "year" => "年度",
            "indicators" => "绩效指标",
            "execution_weight" => "预算执行率分值",
            "total_score" => "总分",
            "tasks" => "年度主要任务",
            "initial" => "年初预算数",
            "adjusted" => "全年预算数",
            "executed" => "全年执行数",
            "total" => "总额",
            "fiscal" => "财政拨款",
            "other" => "其他资金",
            "carryover" => "上年结转",
            "basic" => "基本支出",
            "annual" => "年度目标",
            "planned" => "预期目标",
            "achieved" => "实际完成情况",
            "department" => "主管部门",
            "period" => "项目期",
            _ => "",
        }
    };
    match seg[..] {
        ["indicators", i, ref rest @ ..] => {
            let n = i.parse::<usize>().map(|n| n + 1).unwrap_or(0);
            let f = rest.first().map(|f| field(f)).unwrap_or("");
            format!("第{n}行 {f}").trim_end().to_string()
        }
        ["project", f] | ["unit", f] => {
            let what = match f {
                "name" if seg[0] == "unit" => "部门（单位）名称",
                "name" => "项目名称",
                "code" if seg[0] == "unit" => "单位编码",
                "code" => "项目编码",
                "department" => "主管部门",
                "unit" => "实施单位",
                "attribute" => "项目属性",
                "period" => "项目期",
                _ => "",
            };
            if what.is_empty() {
                field(seg[0]).to_string()
            } else {
                what.to_string()
            }
        }
        ["funds", "total"] => "年度资金总额".to_string(),
        ["tasks", i, ..] => format!("第{}项任务", i.parse::<usize>().map(|n| n + 1).unwrap_or(0)),
        [] => "整张表".to_string(),
        _ => seg
            .iter()
            .map(|s| field(s))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

#[function_component(ErrorSummary)]
pub fn error_summary(props: &ErrorSummaryProps) -> Html {
    let count = |s: Severity| {
        props
            .shown
            .iter()
            .filter(|x| x.finding.severity == s)
            .count()
    };
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let n = props.shown.len();
    let hidden_note = if props.hidden > 0 && !props.checked {
        html! { <p class="hint">{ format!("另有 {} 个问题在尚未填写的栏目中，点击“检查”可全部列出。", props.hidden) }</p> }
    } else {
        html! {}
    };
    if n == 0 {
        return html! {
            <div class="summary-ok" id="error-summary" role="status" tabindex="-1">
                if props.checked && props.hidden == 0 {
                    <p>{ "检查完毕，未发现问题。" }</p>
                }
                { hidden_note }
            </div>
        };
    }
    let items = props.shown.iter().map(|s| {
        let f = &s.finding;
        let path = f.path.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            if focus_path(&path) {
                e.prevent_default();
            }
        });
        html! {
            <li class={severity_class(f.severity)}>
                <a href={format!("#{}", input_id(&f.path))} {onclick}>
                    <span class="sev">{ f.severity.label() }</span>
                    { " " }<span class="where">{ describe_path(&f.path) }</span>{ "：" }{ f.message.clone() }
                </a>
                if s.explanation.is_some() { <span class="explained-tag">{ "（已说明）" }</span> }
            </li>
        }
    });
    html! {
        <div class="error-summary" id="error-summary" role="alert" aria-labelledby="summary-title" tabindex="-1">
            <h3 id="summary-title">{ format!("发现 {n} 个问题") }</h3>
            <p class="counts">
                { format!("错误 {errors} 项（须改正后才能上报）；提示 {warnings} 项（可填写说明后上报）；说明 {infos} 项。") }
            </p>
            <ul>{ for items }</ul>
            { hidden_note }
        </div>
    }
}
