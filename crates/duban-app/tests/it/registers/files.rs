//! Register files: bad inputs change nothing; export → import round-trips.

use super::*;
use duban_app::registers::io::{self, RegisterKind};

async fn audit_count(app: &App) -> i64 {
    let mut tx = app.db.read().await.unwrap();
    duban_app::db::audit::count(&mut tx).await.unwrap()
}

#[tokio::test]
async fn bad_files_change_nothing_and_name_row_and_column() {
    let (app, _t) = app().await;
    let (g, _, _) = setup(&app).await;
    let office = actor(Role::Supervisor, None);
    let today = date!(2024 - 07 - 01);
    let before = audit_count(&app).await;
    for kind in RegisterKind::ALL {
        let empty = io::import(&app, &office, kind, g, 2024, "x.xlsx", b"", today).await;
        assert!(
            matches!(&empty, Err(AppError::BadInput(m)) if m.contains("为空")),
            "{empty:?}"
        );
        let broken = io::import(
            &app,
            &office,
            kind,
            g,
            2024,
            "x.xlsx",
            b"PK\x03\x04broken",
            today,
        )
        .await;
        assert!(
            matches!(&broken, Err(AppError::BadInput(m)) if m.contains("损坏")),
            "{broken:?}"
        );
        let wrong = io::import(&app, &office, kind, g, 2024, "x.pdf", b"%PDF-1.4", today).await;
        assert!(
            matches!(&wrong, Err(AppError::BadInput(m)) if m.contains("PDF")),
            "{wrong:?}"
        );
        let header_only = io::template(kind).unwrap();
        let none = io::import(&app, &office, kind, g, 2024, "t.xlsx", &header_only, today).await;
        assert!(
            matches!(&none, Err(AppError::BadInput(m)) if m.contains("没有数据行")),
            "{none:?}"
        );
    }
    // One good row and one bad row: nothing is written, and the message names both.
    let csv = "名称,责任单位,总投资,签约日期\n甲项目,区发改委,3.5,2024-01-10\n乙项目,不存在局,abc,2024-02-30\n";
    let err = io::import(
        &app,
        &office,
        RegisterKind::Projects,
        g,
        2024,
        "p.csv",
        csv.as_bytes(),
        today,
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("第3行“牵头单位”：单位“不存在局”不存在"),
        "{err}"
    );
    assert!(
        err.contains("第3行“总投资（亿元）”：“abc”不是数字"),
        "{err}"
    );
    assert!(err.contains("第3行“签约日期”"), "{err}");
    let q = ProjectQuery::default();
    let p = Period {
        year: 2024,
        month: 6,
    };
    assert!(
        regs::projects::list(&app, &office, g, 2024, &q, p, today)
            .await
            .unwrap()
            .is_empty()
    );
    let missing = io::import(
        &app,
        &office,
        RegisterKind::Services,
        g,
        2024,
        "s.csv",
        "名称\n某事项\n".as_bytes(),
        today,
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(missing.contains("表头缺少：实施部门"), "{missing}");
    // A unit user cannot import.
    let unit = actor(Role::Reporter, Some(1));
    assert!(
        io::import(
            &app,
            &unit,
            RegisterKind::Projects,
            g,
            2024,
            "p.csv",
            csv.as_bytes(),
            today
        )
        .await
        .is_err()
    );
    assert_eq!(audit_count(&app).await, before);
}

#[tokio::test]
async fn export_then_import_round_trips_every_register() {
    let (app, _t) = app().await;
    let (g, _, _) = setup(&app).await;
    let office = actor(Role::Supervisor, None);
    let today = date!(2024 - 07 - 01);
    let files = [
        (
            RegisterKind::Projects,
            "项目名称,牵头单位,项目级别,总投资（亿元）,年度计划投资,签约日期,落地日期,计划开工,入统日期,招商活动\n\
             甲项目,区发改委,省重点,3.5,1.2,2024-01-10,2024/3/1,2024-04-01,,春季招商\n\
             乙项目,区商务局,,0.6,,2024年2月5日,,,,\n",
        ),
        (
            RegisterKind::Proposals,
            "类别,届次,编号,案由,领衔人,承办单位,配合单位,交办日期\n\
             人大代表建议,十一届三次,1,关于增设公交线路的建议,张三、李四,区商务局,区发改委,2024-01-31\n\
             政协提案,十一届三次,1,关于支持小微企业的提案,王五,区发改委,,2024-02-20\n",
        ),
        (
            RegisterKind::Services,
            "事项名称,实施部门,最多跑一次,不见面审批,法定时限,承诺时限\n\
             食品经营许可,区商务局,是,是,20,10\n企业投资项目备案,区发改委,是,否,15,10\n",
        ),
        (
            RegisterKind::Indicators,
            "指标,单位,类型,期间,数值,来源\n\
             城镇新增就业,人,总量,2024-05,1500,统计局\n\
             城镇新增就业,人,总量,2024-06,1900,督查核实\n\
             社会消费品零售总额,%,增速,2024-06,6.2,\n",
        ),
    ];
    for (kind, csv) in files {
        let s = io::import(
            &app,
            &office,
            kind,
            g,
            2024,
            "in.csv",
            csv.as_bytes(),
            today,
        )
        .await
        .unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert_eq!(s.updated, 0, "{kind}");
        assert!(s.created >= 2, "{kind}: {s:?}");
        let first = io::export(&app, &office, kind, g, 2024).await.unwrap();
        let again = io::import(&app, &office, kind, g, 2024, "back.xlsx", &first, today)
            .await
            .unwrap();
        assert_eq!((again.created, again.updated), (0, s.created), "{kind}");
        let second = io::export(&app, &office, kind, g, 2024).await.unwrap();
        let read = |b: &[u8]| duban_office::table::read("x.xlsx", b).unwrap();
        assert_eq!(read(&first), read(&second), "{kind}");
    }
    let s = regs::summary::summary(
        &app,
        &office,
        g,
        2024,
        Period {
            year: 2024,
            month: 6,
        },
        today,
    )
    .await
    .unwrap();
    assert_eq!(
        s.services_saved.as_deref(),
        Some("缩短审批时间5至10个工作日")
    );
    assert_eq!(s.proposals.total, 2);
    let jobs = s
        .indicators
        .iter()
        .find(|i| i.indicator.name == "城镇新增就业")
        .unwrap();
    assert_eq!(jobs.latest.as_ref().map(|l| l.value), Some(1900.0));
    // Importing an indicator the seed's targets name proposes a binding.
    let csv = "指标,单位,类型,期间,数值\n城镇新增就业,人,总量,2024-06,1900\n";
    let s = io::import(
        &app,
        &office,
        RegisterKind::Indicators,
        g,
        2024,
        "i.csv",
        csv.as_bytes(),
        today,
    )
    .await
    .unwrap();
    assert!(
        s.proposed_bindings
            .iter()
            .any(|b| b.indicator_name == "城镇新增就业"),
        "{:?}",
        s.proposed_bindings
    );
}
