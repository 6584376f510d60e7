//! The 督查通报 and the 年度工作回顾 generated from the demo database by `duban brief` and
//! `duban review`, read back: their figures are the records' and their layout is B11's.

use super::{env, s};
use duban_app::core::{Period, ProjectStage};
use duban_app::registers::summary::summary;
use duban_app::{Actor, App, FixedClock, demo};
use duban_office::official::inspect::{Layout, inspect};
use std::sync::Arc;
use time::macros::date;

async fn seeded(e: &super::Env) {
    let db = duban_app::db::Db::open(&e.url).await.unwrap();
    let app = App::new(db, e.dir.path().to_path_buf())
        .with_clock(Arc::new(FixedClock::on(date!(2024 - 07 - 28))));
    demo::seed(&app).await.unwrap();
    app.db.close().await;
}

fn mm(twips: u32) -> f64 {
    f64::from(twips) * 25.4 / 1440.0
}

/// Page, margins, 版心, fonts and sizes per element, page-number footers (B11).
fn assert_b11(l: &Layout, title: &str, body: &str) {
    assert!(!l.sections.is_empty());
    for s in &l.sections {
        assert_eq!((s.width, s.height), (11906, 16838), "A4");
        assert!((mm(s.top) - 37.0).abs() < 0.05, "天头 {}", mm(s.top));
        assert!((mm(s.left) - 28.0).abs() < 0.05, "订口 {}", mm(s.left));
        assert!((210.0 - mm(s.left) - mm(s.right) - 156.0).abs() < 0.1);
        assert!((297.0 - mm(s.top) - mm(s.bottom) - 225.0).abs() < 0.1);
    }
    let font = |start: &str| {
        let p = l
            .paragraph(start)
            .unwrap_or_else(|| panic!("no paragraph {start}"));
        (p.font.clone().unwrap_or_default(), p.size.unwrap_or(0))
    };
    assert_eq!(font(title), ("方正小标宋简体".into(), 44), "title 2号");
    assert_eq!(font(body), ("仿宋_GB2312".into(), 32), "body 3号");
    assert_eq!(font("一、"), ("黑体".into(), 32), "heading 1");
    let numbered: Vec<_> = l.footers.iter().filter(|f| f.page_field).collect();
    assert_eq!(numbered.len(), 2, "odd and even page numbers");
    assert!(l.even_and_odd);
    for f in &numbered {
        assert_eq!(f.text, "— 1 —");
        assert_eq!(
            (f.font.as_deref(), f.size),
            (Some("宋体"), Some(28)),
            "4号宋体"
        );
    }
    let odd = l.sections[0]
        .footers
        .iter()
        .find(|(k, _)| k == "default")
        .unwrap();
    let even = l.sections[0]
        .footers
        .iter()
        .find(|(k, _)| k == "even")
        .unwrap();
    let align = |id: &str| {
        let n = id.trim_start_matches("rIdFooter");
        l.footers
            .iter()
            .find(|f| f.part == format!("footer{n}.xml"))
            .and_then(|f| f.align.clone())
    };
    assert_eq!(align(&odd.1).as_deref(), Some("right"), "odd pages right");
    assert_eq!(align(&even.1).as_deref(), Some("left"), "even pages left");
}

#[tokio::test]
async fn brief_of_the_demo_half_year_follows_b8_and_b11() {
    let e = env().await;
    seeded(&e).await;
    let out = e.dir.path().join("brief.docx");
    e.ok(
        &[
            "brief",
            "--period",
            "2024-06",
            "--number",
            "7",
            "--out",
            s(&out),
        ],
        None,
    );
    let bytes = std::fs::read(&out).unwrap();
    let l = inspect(&bytes).unwrap();
    assert_b11(&l, "关于2024年政府工作报告重点任务", "为推动2024年");
    assert_eq!(l.sections.len(), 2, "main part and 版记");
    let text: String = l.paragraphs.iter().map(|p| p.text.as_str()).collect();
    for want in [
        "第7期",
        "山城区人民政府督查室",
        "序时进度50.0%",
        "纳入本次调度的重点任务共",
        "达进度",
        "欠进度",
        "未达到序时进度的事项",
        "牵头单位：",
        "总体评价",
        "下一步工作要求",
        "一是压实工作责任",
        "每月25日前",
        "附件：山城区2024年政府工作报告重点任务落实情况表（1—6月）",
        "印发",
    ] {
        assert!(text.contains(want), "missing {want}");
    }
    // The shares add up to the total the text states.
    let total: usize = text
        .split("纳入本次调度的重点任务共")
        .nth(1)
        .and_then(|t| t.split('项').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    let table_rows = l.paragraphs.iter().filter(|p| p.in_table).count();
    assert!(total > 10 && table_rows > total, "{total} {table_rows}");
    // A second heading is 楷体.
    let h2 = l
        .paragraphs
        .iter()
        .find(|p| p.text.starts_with("（一）"))
        .unwrap();
    assert_eq!(h2.font.as_deref(), Some("楷体_GB2312"));
    assert!(
        e.err(&["brief", "--period", "2023-06", "--out", s(&out)])
            .contains("不在计划年度")
    );
}

#[tokio::test]
async fn review_2023_states_the_registers_figures_and_says_no_data_for_the_rest() {
    let e = env().await;
    seeded(&e).await;
    // What the demo registers hold, through the app.
    let db = duban_app::db::Db::open(&e.url).await.unwrap();
    let app = App::new(db, e.dir.path().to_path_buf());
    let g = duban_app::registers::government_id(&app, &duban_app::Actor::cli(), "山城区")
        .await
        .unwrap();
    let sum = summary(
        &app,
        &Actor::cli(),
        g,
        2023,
        Period {
            year: 2023,
            month: 12,
        },
        date!(2024 - 07 - 28),
    )
    .await
    .unwrap();
    app.db.close().await;
    let signed = sum.funnel.stage(ProjectStage::Signed);
    let landed = sum.funnel.stage(ProjectStage::Landed);
    assert_eq!((signed.count, landed.count), (42, 23));
    assert_eq!(sum.key_investment.projects, 15);
    assert_eq!((sum.proposals.npc, sum.proposals.cppcc), (96, 132));
    assert_eq!(sum.services.total, 1144);

    let md = e.ok(&["review", "--year", "2023"], None);
    for want in [
        "全年完成地区生产总值121.3亿元、增长5.2%",
        "一般公共预算收入8.86亿元",
        "税收占比66.4%",
        "新签约项目42个、总投资261.2亿元",
        "新落地项目23个、总投资142.5亿元",
        "15个省市重点项目完成投资34.7亿元，占年度投资计划的121.3%",
        "办理人大代表建议96件、政协提案132件",
        "承接1144项政务服务事项",
        "规模以上工业增加值",
        "暂无数据",
        "数据来源表",
        "经济运行指标“地区生产总值”·2023-12·统计部门",
    ] {
        assert!(md.contains(want), "missing {want}:\n{md}");
    }
    // Nothing about 2023 targets is made up: no 2023 plan was imported.
    assert!(md.contains("2023年政府工作报告目标任务完成情况：暂无数据"));
    // Every 暂无数据 row of the source table is one the records lack.
    assert!(!md.contains("规模以上工业增加值增长"));

    let out = e.dir.path().join("review.docx");
    e.ok(
        &[
            "review",
            "--year",
            "2023",
            "--format",
            "docx",
            "--out",
            s(&out),
        ],
        None,
    );
    let l = inspect(&std::fs::read(&out).unwrap()).unwrap();
    assert_b11(&l, "山城区2023年工作回顾", "全年完成地区生产总值");
    let cells: Vec<&str> = l
        .paragraphs
        .iter()
        .filter(|p| p.in_table)
        .map(|p| p.text.as_str())
        .collect();
    for want in ["来源", "261.2亿元", "121.3%", "1144项", "暂无数据"] {
        assert!(cells.contains(&want), "source table lacks {want}");
    }
    assert!(
        e.err(&["review", "--year", "2023", "--government", "无此区"])
            .contains("没有名为")
    );
}

#[tokio::test]
async fn reconcile_sets_units_figures_beside_next_years_report() {
    let e = env().await;
    let r2023 = "2023年山城区政府工作报告\n\n二、2023年主要目标任务\n\n2023年经济社会发展的主要预期目标是：地区生产总值达到120亿元，一般公共预算收入达到9亿元，社会消费品零售总额同比增长6%。\n";
    let p = e.write("r2023.txt", r2023.as_bytes());
    let g = ["--government", "山城区", "--year", "2023"];
    e.ok(&[&["import", s(&p)][..], &g].concat(), None);
    assert!(
        e.err(&[&["reconcile"][..], &g].concat())
            .contains("尚未导入山城区2024年政府工作报告")
    );
    let items: Vec<serde_json::Value> =
        serde_json::from_str(&e.ok(&[&["items"][..], &g, &["--format", "json"]].concat(), None))
            .unwrap();
    let id = |ind: &str| {
        items
            .iter()
            .find(|i| i["indicator"] == ind)
            .unwrap_or_else(|| panic!("{ind}"))["id"]
            .as_i64()
            .unwrap()
            .to_string()
    };
    let (gdp, revenue) = (id("地区生产总值"), id("一般公共预算收入"));
    e.ok(&["unit", "add", "区统计局"], None);
    e.ok(&["unit", "add", "区财政局"], None);
    e.ok(&["assign", &gdp, "--lead", "区统计局"], None);
    e.ok(&["assign", &revenue, "--lead", "区财政局"], None);
    let csv = format!(
        "编号,单位,期间,累计完成值,进展情况,存在问题,下步措施\n{gdp},区统计局,2023-12,121.3,全年完成,,\n{revenue},区财政局,2023-12,9.2,全年完成,,\n"
    );
    let p = e.write("progress.csv", csv.as_bytes());
    e.ok(&[&["progress", "import", s(&p)][..], &g].concat(), None);
    let seed = e.write("seed.txt", super::SEED.as_bytes());
    e.ok(
        &[
            "import",
            s(&seed),
            "--government",
            "山城区",
            "--year",
            "2024",
        ],
        None,
    );
    let out = e.ok(&[&["reconcile"][..], &g].concat(), None);
    let line = |ind: &str| {
        out.lines()
            .find(|l| l.contains(&format!("\t{ind}（")))
            .unwrap_or_else(|| panic!("{ind}: {out}"))
            .to_string()
    };
    assert!(
        line("地区生产总值").ends_with("\t120\t121.3\t121.3\t一致"),
        "{out}"
    );
    assert!(
        line("一般公共预算收入").ends_with("\t9\t9.2\t8.86\t不一致（相差0.34）"),
        "{out}"
    );
    assert!(
        line("社会消费品零售总额").ends_with("\t6\t—\t6.1\t单位未报送"),
        "{out}"
    );
    assert!(out.contains("共 3 项量化指标，1 项不一致"), "{out}");
}
