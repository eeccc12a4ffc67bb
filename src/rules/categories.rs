//! Categories (指标体系): every level-1 name comes from the profile's tree,
//! every level-2 name is filed under a level-1 it belongs to, the unit-only
//! level-1 categories (履职效能, 管理效率) appear only on unit-wide forms, and
//! every category the profile requires is present in one of its allowed
//! placements (成本 either as a level-1 category or under 产出).

use super::{ind_path, level1, level2, same_category, Out, RowFacts};
use crate::finding::{RuleInfo, Severity};
use crate::model::Document;
use crate::profile::Profile;

pub const MISSING: RuleInfo = RuleInfo {
    id: "CAT-MISSING",
    severity: Severity::Error,
    summary: "缺少必备的指标类别",
};
pub const LEVEL1: RuleInfo = RuleInfo {
    id: "CAT-LEVEL1",
    severity: Severity::Error,
    summary: "一级指标名称不在指标体系中",
};
pub const LEVEL2: RuleInfo = RuleInfo {
    id: "CAT-LEVEL2",
    severity: Severity::Error,
    summary: "二级指标归类错误",
};
pub const UNIT_ONLY: RuleInfo = RuleInfo {
    id: "CAT-UNIT-ONLY",
    severity: Severity::Error,
    summary: "整体支出专用的一级指标用在了项目表",
};

/// The level-1 name a row's printed one stands for (an alias resolved).
fn canonical_level1<'a>(fact: &RowFacts<'a>) -> &'a str {
    fact.node.map_or(fact.level1, |l| l.name.as_str())
}

pub(super) fn check(
    doc: &Document,
    profile: &Profile,
    real: &[bool],
    facts: &[RowFacts],
    out: &mut Out,
) {
    let tree = &profile.categories.tree;
    for (i, fact) in facts.iter().enumerate() {
        if !real[i] {
            continue;
        }
        let (l1, l2) = (fact.level1, fact.level2);
        if profile.categories.levels_optional && l1.is_empty() && l2.is_empty() {
            continue;
        }
        let Some(node) = fact.node else {
            let (msg, path) = if l1.is_empty() {
                ("请填写一级指标。".to_string(), ind_path(i, "level1"))
            } else if let Some(parent) = tree
                .iter()
                .find(|n| n.level2.iter().any(|x| same_category(x, l1)))
            {
                (
                    format!(
                        "“{l1}”是二级指标，请将一级指标改为“{}”，二级指标填“{l1}”。",
                        parent.name
                    ),
                    ind_path(i, "level1"),
                )
            } else {
                let names: Vec<&str> = tree
                    .iter()
                    .filter(|n| !n.unit_only || doc.kind.is_unit())
                    .map(|n| n.name.as_str())
                    .collect();
                (
                    format!(
                        "一级指标“{l1}”不在指标体系中，请从“{}”中选择。",
                        names.join("、")
                    ),
                    ind_path(i, "level1"),
                )
            };
            out.add(&LEVEL1, path, msg, &[("value", l1.to_string())]);
            continue;
        };
        if node.unit_only && !doc.kind.is_unit() {
            out.add(
                &UNIT_ONLY,
                ind_path(i, "level1"),
                format!(
                    "“{}”仅用于部门（单位）整体支出绩效表，项目表请改用产出、效益等指标。",
                    node.name
                ),
                &[("value", l1.to_string())],
            );
            continue;
        }
        if node.level2.is_empty() || node.level2.iter().any(|x| fact.is_level2(x)) {
            continue;
        }
        let msg = if l2.is_empty() {
            format!(
                "请填写二级指标（“{}”下可选：{}）。",
                node.name,
                node.level2.join("、")
            )
        } else if let Some(other) = tree
            .iter()
            .find(|n| n.level2.iter().any(|x| same_category(x, l2)))
        {
            format!(
                "二级指标“{l2}”属于“{}”，不属于“{}”，请调整一级指标或二级指标。",
                other.name, node.name
            )
        } else {
            format!(
                "二级指标“{l2}”不在“{}”之下，请从“{}”中选择。",
                node.name,
                node.level2.join("、")
            )
        };
        out.add(
            &LEVEL2,
            ind_path(i, "level2"),
            msg,
            &[("value", l2.to_string()), ("level1", node.name.clone())],
        );
    }
    if profile.categories.levels_optional
        && doc
            .indicators
            .iter()
            .all(|ind| level1(ind).is_empty() && level2(ind).is_empty())
    {
        // A layout without categories: nothing to require.
        return;
    }
    for req in &profile.categories.required {
        let present = facts
            .iter()
            .zip(real)
            .filter(|(_, r)| **r)
            .any(|(fact, _)| {
                req.any_of.iter().any(|p| {
                    same_category(&p.level1, canonical_level1(fact))
                        && p.level2.as_deref().is_none_or(|l2| fact.is_level2(l2))
                })
            });
        if !present {
            let places: Vec<String> = req
                .any_of
                .iter()
                .map(|p| match &p.level2 {
                    Some(l2) => format!("{}—{}", p.level1, l2),
                    None => p.level1.clone(),
                })
                .collect();
            out.add(
                &MISSING,
                "/indicators".into(),
                format!(
                    "缺少“{}”，请至少填写一项（可列于：{}）。",
                    req.label,
                    places.join(" 或 ")
                ),
                &[("category", req.label.clone())],
            );
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::testutil::*;
    use serde_json::json;

    pub(crate) fn cases() -> Vec<Case> {
        let mut v = Vec::new();
        let mut d = base("project-goal");
        d["indicators"][3] = json!({"id": "c1", "level1": "产出指标", "level2": "成本指标",
            "name": "每公里养护成本", "target": "≤1万元/公里"});
        v.push(case("cost under output is fine", d, &[]));
        let mut d = base("project-goal");
        remove_row(&mut d, 3);
        v.push(case(
            "no cost indicator",
            d,
            &[("CAT-MISSING", "/indicators")],
        ));
        let mut d = base("project-goal");
        remove_row(&mut d, 5);
        remove_row(&mut d, 2);
        v.push(case(
            "no satisfaction, no timeliness",
            d,
            &[
                ("CAT-MISSING", "/indicators"),
                ("CAT-MISSING", "/indicators"),
            ],
        ));
        let mut d = base("project-goal");
        d["indicators"][1]["level1"] = "质量指标".into();
        d["indicators"][4]["level1"] = "影响指标".into();
        d["indicators"][0]["level1"] = "".into();
        v.push(case(
            "bad level-1 names",
            d,
            &[
                ("CAT-MISSING", "/indicators"),
                ("CAT-MISSING", "/indicators"),
                ("CAT-MISSING", "/indicators"),
                ("CAT-LEVEL1", "/indicators/0/level1"),
                ("CAT-LEVEL1", "/indicators/1/level1"),
                ("CAT-LEVEL1", "/indicators/4/level1"),
            ],
        ));
        let mut d = base("project-goal");
        d["indicators"][4]["level2"] = "数量指标".into();
        d["indicators"][1]["level2"] = "质量".into();
        d["indicators"][0]["level2"] = "规模指标".into();
        d["indicators"][5]["level2"] = "".into();
        v.push(case(
            "bad level-2 names",
            d,
            &[
                ("CAT-MISSING", "/indicators"),
                ("CAT-MISSING", "/indicators"),
                ("CAT-LEVEL2", "/indicators/0/level2"),
                ("CAT-LEVEL2", "/indicators/4/level2"),
                ("CAT-LEVEL2", "/indicators/5/level2"),
            ],
        ));
        let mut d = base("project-goal");
        push_row(
            &mut d,
            json!({"id": "x1", "level1": "履职效能", "level2": "", "name": "重点工作完成率", "target": "≥95%"}),
        );
        v.push(case(
            "unit-only category on a project form",
            d,
            &[("CAT-UNIT-ONLY", "/indicators/6/level1")],
        ));
        v
    }

    #[test]
    fn category_rules() {
        run_cases(cases());
    }
}
