//! The demo's registers against the seed report's 2023 figures, and live 2024 status.

use super::*;

#[tokio::test]
async fn the_demo_registers_give_the_seed_reports_2023_figures() {
    use duban_app::core::registers::pct_text;
    let (app, _t) = app().await;
    duban_app::demo::seed(&app).await.unwrap();
    let g = regs::government_id(&app, &duban_app::Actor::cli(), "山城区")
        .await
        .unwrap();
    let viewer = actor(Role::Viewer, None);
    let s = regs::summary::summary(
        &app,
        &viewer,
        g,
        2023,
        Period {
            year: 2023,
            month: 12,
        },
        date!(2024 - 01 - 20),
    )
    .await
    .unwrap();
    let signed = s.funnel.stage(ProjectStage::Signed);
    assert_eq!((signed.count, signed.investment), (42, 261.2));
    let landed = s.funnel.stage(ProjectStage::Landed);
    assert_eq!((landed.count, landed.investment), (23, 142.5));
    assert_eq!(
        s.sentences[0],
        "新签约项目42个、总投资261.2亿元，新落地项目23个、总投资142.5亿元"
    );
    assert_eq!(
        (s.key_investment.projects, s.key_investment.completed),
        (15, 34.7)
    );
    assert_eq!(pct_text(s.key_investment.share_of_plan.unwrap()), "121.3%");
    assert!(
        s.sentences[1]
            .starts_with("15个省市重点项目1—12月完成投资34.7亿元，占年度投资计划的121.3%"),
        "{}",
        s.sentences[1]
    );
    assert_eq!((s.proposals.npc, s.proposals.cppcc), (96, 132));
    for r in [
        s.proposals.reply_rate,
        s.proposals.close_rate,
        s.proposals.work_satisfaction,
        s.proposals.result_satisfaction,
    ] {
        assert_eq!(r, Some(100.0));
    }
    assert_eq!(s.services.total, 1144);
    assert_eq!(
        (s.services.at_most_once_rate, s.services.no_visit_rate),
        (Some(100.0), Some(100.0))
    );
    assert_eq!(
        s.services_saved.as_deref(),
        Some("缩短审批时间5至10个工作日")
    );
    let value = |name: &str, unit: &str| {
        s.indicators
            .iter()
            .find(|i| i.indicator.name == name && i.indicator.unit == unit)
            .and_then(|i| i.latest.as_ref())
            .map(|l| l.value)
    };
    assert_eq!(value("地区生产总值", "亿元"), Some(121.3));
    assert_eq!(value("一般公共预算收入", "亿元"), Some(8.86));
    assert_eq!(value("税收占比", "%"), Some(66.4));
    assert_eq!(value("社会消费品零售总额", "%"), Some(6.1));
    assert_eq!(value("基础设施投资", "%"), Some(32.7));
    // 2024: the bound targets show live status from the registers, lag and all.
    let plan = duban_app::items::plan_by_name(&app, "山城区", 2024)
        .await
        .unwrap();
    let (_, list) = status::compute(
        &app,
        &viewer,
        plan.id,
        Period {
            year: 2024,
            month: 6,
        },
        date!(2024 - 07 - 01),
    )
    .await
    .unwrap();
    let bound: Vec<_> = list
        .iter()
        .filter(|s| {
            s.assessment.explanation.contains("台账")
                || s.assessment.explanation.contains("经济运行指标")
        })
        .collect();
    assert_eq!(
        bound.len(),
        4,
        "{:#?}",
        bound
            .iter()
            .map(|s| &s.assessment.explanation)
            .collect::<Vec<_>>()
    );
    // Binding 城镇新增就业 to its series (published a month late) says which months it judged.
    let office = actor(Role::Supervisor, None);
    let jobs = list
        .iter()
        .find(|s| s.item.value == Some(3760.0))
        .unwrap()
        .item
        .id;
    let series = regs::indicators::series(
        &app,
        &office,
        g,
        Period {
            year: 2024,
            month: 6,
        },
    )
    .await
    .unwrap();
    let ind = series
        .iter()
        .find(|s| s.indicator.name == "城镇新增就业")
        .unwrap()
        .indicator
        .id;
    regs::bindings::bind(
        &app,
        &office,
        jobs,
        &BoundFigure::Indicator {
            indicator_id: ind,
            field: duban_app::core::registers::indicators::SeriesField::Level,
        },
    )
    .await
    .unwrap();
    let (_, after) = status::compute(
        &app,
        &viewer,
        plan.id,
        Period {
            year: 2024,
            month: 6,
        },
        date!(2024 - 07 - 01),
    )
    .await
    .unwrap();
    let j = after.iter().find(|s| s.item.id == jobs).unwrap();
    assert!(
        j.assessment.explanation.starts_with(
            "统计数据滞后一个月，按1—5月数据判定，经济运行指标“城镇新增就业”（单位填报）"
        ),
        "{}",
        j.assessment.explanation
    );
    assert_eq!(j.value, Some(1580.0));
    let signed = bound
        .iter()
        .find(|s| s.item.text.contains("新签约亿元以上"))
        .unwrap();
    assert_eq!(signed.value, Some(14.0));
}
