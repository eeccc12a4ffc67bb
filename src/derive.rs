//! A self-evaluation started from the approved goal form (自评表由目标表生成).
//!
//! [`self_eval_from_goal`] carries the header, the money requested (as 年初预算数),
//! the annual goal (as 预期目标) and every indicator row with its id, categories,
//! target and weight over to a new self-evaluation of the matching kind. Each
//! carried row also records its approved target under the extra field
//! `approved_target`, so that the editor can lock it and the checks can ask
//! for a reason (`change_reason`) when it is changed. Actual values, scores
//! and deviations start empty.

use serde_json::Value;

use crate::model::{Budget, Document, Goals, Indicator};
use crate::target::Target;

/// The extra indicator field that holds the target approved on the goal form.
pub const APPROVED_TARGET: &str = "approved_target";

/// The self-evaluation that follows from a goal document. A document that is
/// already a self-evaluation is returned unchanged.
pub fn self_eval_from_goal(goal: &Document) -> Document {
    if goal.kind.is_self_eval() {
        return goal.clone();
    }
    let mut doc = Document::new(goal.kind.counterpart());
    doc.profile = goal.profile.clone();
    doc.year = goal.year.clone();
    doc.project = goal.project.clone();
    doc.unit = goal.unit.clone();
    doc.budget = Some(Budget {
        initial: goal.funds.clone(),
        ..Budget::default()
    });
    doc.goals = Goals {
        planned: goal.goals.annual.clone(),
        ..Goals::default()
    };
    doc.indicators = goal
        .indicators
        .iter()
        .map(|g| {
            let mut ind = Indicator {
                id: g.id.clone(),
                level1: g.level1.clone(),
                level2: g.level2.clone(),
                name: g.name.clone(),
                target: g.target.clone(),
                target_text: g.target_text.clone(),
                target_extra: g.target_extra.clone(),
                weight: g.weight.clone(),
                note: g.note.clone(),
                ..Indicator::default()
            };
            if let Ok(v) = serde_json::to_value(&g.target) {
                ind.extra.insert(APPROVED_TARGET.to_string(), v);
            }
            ind
        })
        .collect();
    doc
}

/// The target approved on the goal form, for a row carried over from one.
pub fn approved_target(ind: &Indicator) -> Option<Target> {
    let v: &Value = ind.extra.get(APPROVED_TARGET)?;
    Target::read(v, &crate::json::At::ROOT).ok()
}

/// True when a carried-over row's target differs from the approved one.
pub fn target_changed(ind: &Indicator) -> bool {
    approved_target(ind).is_some_and(|t| t != ind.target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::num::Num;

    const GOAL: &str = r#"{
      "format": "jixiao/v1", "kind": "project-goal", "profile": "national@2024.1", "year": 2024,
      "project": {"name": "乡村道路养护项目", "department": "某县交通运输局", "unit": "某县公路养护中心",
                  "period": {"start": "2024-01", "end": "2024-12"}},
      "funds": {"total": "120.00", "fiscal": "100.00", "other": "20.00"},
      "goals": {"annual": "完成120公里农村公路日常养护。"},
      "explanations": [{"rule": "IND-VAGUE", "path": "/indicators/1/target", "text": "已说明"}],
      "indicators": [
        {"id": "q1", "level1": "产出指标", "level2": "数量指标", "name": "养护里程",
         "target": {"op": ">=", "value": "120", "unit": "公里"}, "weight": "20"},
        {"id": "t1", "level1": "产出指标", "level2": "时效指标", "name": "完成时间",
         "target": "12月底前"}
      ]
    }"#;

    #[test]
    fn carries_header_money_goal_and_rows() {
        let goal = Document::from_json(GOAL).unwrap();
        let se = self_eval_from_goal(&goal);
        assert_eq!(se.kind, Kind::ProjectSelfEval);
        assert_eq!(se.profile.as_deref(), Some("national@2024.1"));
        assert_eq!(se.year, goal.year);
        assert_eq!(se.project, goal.project);
        assert_eq!(se.funds, None);
        let budget = se.budget.as_ref().unwrap();
        assert_eq!(
            budget.initial.as_ref().unwrap().total,
            Some(Num::parse("120.00"))
        );
        assert_eq!(budget.adjusted, None);
        assert_eq!(
            se.goals.planned.as_deref(),
            Some("完成120公里农村公路日常养护。")
        );
        assert!(
            se.explanations.is_empty(),
            "explanations belong to the goal form"
        );
        let ids: Vec<&str> = se.indicators.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["q1", "t1"]);
        assert_eq!(se.indicators[0].weight, Some(Num::parse("20")));
        assert_eq!(se.indicators[1].target.to_string(), "≤2024-12");
        assert!(se
            .indicators
            .iter()
            .all(|i| i.actual.is_none() && i.score.is_none()));
    }

    #[test]
    fn carried_targets_are_recorded_and_survive_json() {
        let goal = Document::from_json(GOAL).unwrap();
        let se = self_eval_from_goal(&goal);
        let back = Document::from_json(&se.to_json()).unwrap();
        for (g, s) in goal.indicators.iter().zip(&back.indicators) {
            assert_eq!(approved_target(s).as_ref(), Some(&g.target));
            assert!(!target_changed(s));
        }
        let mut changed = back.indicators[0].clone();
        changed.target = crate::target::parse_target("≥100公里");
        assert!(target_changed(&changed));
        assert!(
            !target_changed(&Indicator::default()),
            "a new row has nothing approved"
        );
    }

    #[test]
    fn unit_goal_becomes_unit_self_eval() {
        let mut goal = Document::new(Kind::UnitGoal);
        goal.unit.as_mut().unwrap().name = "某县教育局".into();
        let se = self_eval_from_goal(&goal);
        assert_eq!(se.kind, Kind::UnitSelfEval);
        assert_eq!(se.unit.as_ref().unwrap().name, "某县教育局");
        assert!(se.project.is_none());
    }

    #[test]
    fn a_self_eval_is_left_alone() {
        let se = self_eval_from_goal(&Document::from_json(GOAL).unwrap());
        assert_eq!(self_eval_from_goal(&se), se);
    }
}
