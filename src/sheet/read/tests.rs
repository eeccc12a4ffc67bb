use super::*;

fn read(tsv: &str) -> Form {
    let g = Grid::from_tsv("表1", tsv);
    let mut imported = read_grids(&[g], &[], None).expect("a form");
    imported.forms.remove(0)
}

#[test]
fn a_plain_goal_form_is_read_by_its_labels() {
    let form = read(
        "项目支出绩效目标申报表\n\
         （2024年度）\n\
         项目名称\t乡村道路养护\n\
         主管部门及代码\t县交通运输局\t实施单位\t县公路中心\n\
         项目资金（万元）\t年度资金总额\t120\t中期资金总额\t360\n\
         \t其中：财政拨款\t100\t其中：财政拨款\t300\n\
         \t其他资金\t20\n\
         \n\
         一级指标\t二级指标\t三级指标\t指标值\t分值\n\
         产出指标\t数量指标\t养护里程\t≥120公里\t20\n\
         \t\t桥梁检查\t≥12座\t10\n\
         \n\
         效益指标\t社会效益指标\t出行条件\t明显改善\t30\n\
         项目负责人：\t张三\t填报日期：\n",
    );
    let d = &form.document;
    assert_eq!(d.kind, Kind::ProjectGoal);
    assert_eq!(d.year_value(), Some(2024));
    let p = d.project.as_ref().unwrap();
    assert_eq!(p.name, "乡村道路养护");
    assert_eq!(p.department, "县交通运输局");
    assert_eq!(p.unit, "县公路中心");
    let f = d.funds.as_ref().unwrap();
    assert_eq!(f.total.as_ref().map(Num::text).as_deref(), Some("120"));
    assert_eq!(f.fiscal.as_ref().map(Num::text).as_deref(), Some("100"));
    assert_eq!(f.other.as_ref().map(Num::text).as_deref(), Some("20"));
    assert_eq!(
        f.medium_term_total.as_ref().map(Num::text).as_deref(),
        Some("360")
    );
    assert_eq!(d.indicators.len(), 3);
    assert_eq!(d.indicators[1].level1, "产出指标");
    assert_eq!(d.indicators[1].level2, "数量指标");
    assert_eq!(d.indicators[2].target.to_string(), "明显改善");
    let ids: Vec<&str> = d.indicators.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["r1", "r2", "r3"]);
    // The medium-term fiscal amount has no field, and the signature no place.
    let unplaced: Vec<String> = form
        .unplaced
        .iter()
        .map(|u| format!("{} {}", u.cell, u.text))
        .collect();
    assert_eq!(unplaced, ["E6 300", "B14 张三"], "{:?}", form.unplaced);
    assert!(form.unplaced[0].reason.contains("中期资金"));
    assert!(form.unplaced[1].reason.contains("项目负责人"));
}

#[test]
fn yuan_is_converted_and_said() {
    let form = read(
        "部门预算项目绩效目标申报表(2023年度)（金额单位:元）\n\
         单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重\t指标方向性\n\
         820001-井研县马踏镇人民政府\t村组干部报酬\t3,309,840.00\t按时发放村组干部报酬\t效益指标\t社会效益指标\t维护社会稳定\t≥\t95\t%\t10\t正向指标\n",
    );
    let d = &form.document;
    assert_eq!(d.year_value(), Some(2023));
    let f = d.funds.as_ref().unwrap();
    assert_eq!(f.total.as_ref().map(Num::text).as_deref(), Some("330.984"));
    assert!(
        form.notes
            .iter()
            .any(|n| n.contains("3,309,840.00 元已换算为 330.984 万元")),
        "{:?}",
        form.notes
    );
    assert_eq!(d.indicators[0].target.to_string(), "≥95%");
}
