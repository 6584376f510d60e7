//! Application tests: import, permissions, the reporting flow, progress import and status,
//! on the backend the run selects (both, in the test script).

use duban_app::core::status::Status;
use duban_app::core::{Period, ReportState, Role};
use duban_app::db::testing::fresh;
use duban_app::progress::{Decision, ReportInput};
use duban_app::{Actor, App, AppError, admin, auth, demo, import, items, progress, status};

mod audited;
mod carry;
mod chase;
mod city;
mod city_accounts;
mod clock;

pub(crate) use audited::assert_audited;

mod registers;

pub(crate) const SEED: &str = demo::SEED_REPORT;

pub(crate) async fn app() -> (App, duban_app::db::testing::TestDb) {
    let t = fresh().await;
    let app = App::new(t.db.clone(), t.dir.path().to_path_buf());
    (app, t)
}

/// Row counts of every table an import touches, to prove a failed import changed nothing.
async fn counts(app: &App) -> (usize, usize, i64) {
    let plans = items::plans(app).await.unwrap();
    let n_items = match plans.first() {
        Some(p) => items::list(app, &Actor::cli(), p.id, false)
            .await
            .unwrap()
            .len(),
        None => 0,
    };
    let mut tx = app.db.read().await.unwrap();
    let audit = duban_app::db::audit::count(&mut tx).await.unwrap();
    (plans.len(), n_items, audit)
}

async fn login_actor(app: &App, user: &str) -> Actor {
    auth::login(app, user, demo::DEMO_PASSWORD, None, None)
        .await
        .unwrap()
        .actor
}

#[tokio::test]
async fn gbk_and_utf8_imports_give_the_same_plan() {
    let (a, _t) = app().await;
    let (b, _u) = app().await;
    let cli = Actor::cli();
    let (gbk, _, bad) = encoding_rs::GBK.encode(SEED);
    assert!(!bad, "the seed is encodable in GBK");
    let s1 = import::import_report(&a, &cli, "山城区", Some(2024), "seed.txt", SEED.as_bytes())
        .await
        .unwrap();
    let s2 = import::import_report(&b, &cli, "山城区", Some(2024), "seed-gbk.txt", &gbk)
        .await
        .unwrap();
    assert_eq!(s1.encoding, "UTF-8");
    assert_eq!(s2.encoding, "GB18030/GBK");
    assert_audited(&a, "import_plan", "plan").await;
    assert_audited(&b, "import_plan", "plan").await;
    assert!(s1.targets > 5 && s1.tasks > 5, "{s1:?}");
    assert_eq!(
        (s1.sections, s1.targets, s1.tasks, s1.actuals),
        (s2.sections, s2.targets, s2.tasks, s2.actuals)
    );
    let strip = |v: Vec<duban_app::db::Item>| {
        v.into_iter()
            .map(|i| {
                (
                    i.kind,
                    i.title,
                    i.text,
                    i.indicator,
                    i.value,
                    i.unit,
                    i.op,
                    i.start_char,
                    i.end_char,
                )
            })
            .collect::<Vec<_>>()
    };
    let i1 = strip(items::list(&a, &cli, s1.plan_id, false).await.unwrap());
    let i2 = strip(items::list(&b, &cli, s2.plan_id, false).await.unwrap());
    assert_eq!(i1, i2);
    // Offsets point into the stored text: the span of a target is in its sentence.
    let text: Vec<char> = items::source_text(&a, s1.plan_id)
        .await
        .unwrap()
        .chars()
        .collect();
    let t = items::list(&a, &cli, s1.plan_id, false)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.value.is_some())
        .unwrap();
    let span: String = text[t.start_char.unwrap() as usize..t.end_char.unwrap() as usize]
        .iter()
        .collect();
    assert!(t.text.contains(&span), "{span} in {}", t.text);
}

#[tokio::test]
async fn bad_inputs_are_rejected_and_change_nothing() {
    let (app, _t) = app().await;
    let cli = Actor::cli();
    import::import_report(
        &app,
        &cli,
        "山城区",
        Some(2024),
        "seed.txt",
        SEED.as_bytes(),
    )
    .await
    .unwrap();
    let before = counts(&app).await;
    assert_audited(&app, "import_plan", "plan").await;
    let no_figures =
        "关于做好春节期间安全生产工作的通知\n各单位要高度重视，切实加强领导，认真做好各项工作。"
            .as_bytes();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", Vec::new(), "为空"),
        ("blank.txt", b"  \n\n ".to_vec(), "为空"),
        (
            "report.docx",
            b"PK\x03\x04\x14\x00\x06\x00binary".to_vec(),
            "已损坏",
        ),
        ("bad.txt", vec![0x80, 0xFF, 0x80, b'a'], "编码"),
        ("notice.txt", no_figures.to_vec(), "未在文件中找到"),
    ];
    for (name, bytes, expect) in cases {
        let err = import::import_report(&app, &cli, "山城区", Some(2025), name, &bytes)
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::BadInput(_)), "{name}: {err:?}");
        assert!(err.to_string().contains(expect), "{name}: {err}");
    }
    let err = import::import_report(
        &app,
        &cli,
        "山城区",
        Some(2024),
        "again.txt",
        SEED.as_bytes(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, AppError::Conflict(_)), "{err:?}");
    assert!(err.to_string().contains("已经导入"), "{err}");
    assert_eq!(counts(&app).await, before);
}

#[tokio::test]
async fn only_the_office_imports_and_unit_users_see_their_own_items() {
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let reporter = login_actor(&app, "fgw_tb").await;
    let err = import::import_report(
        &app,
        &reporter,
        "山城区",
        Some(2025),
        "x.txt",
        SEED.as_bytes(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, AppError::Forbidden(_)));
    let all = items::list(&app, &Actor::cli(), info.plan_id, false)
        .await
        .unwrap();
    let mine = items::list(&app, &reporter, info.plan_id, false)
        .await
        .unwrap();
    assert!(
        !mine.is_empty() && mine.len() < all.len(),
        "{} of {}",
        mine.len(),
        all.len()
    );
    let foreign = all
        .iter()
        .find(|i| !mine.iter().any(|m| m.id == i.id))
        .unwrap();
    assert!(matches!(
        items::detail(&app, &reporter, foreign.id).await,
        Err(AppError::NotFound)
    ));
    assert!(items::detail(&app, &reporter, mine[0].id).await.is_ok());
    // A leader sees everything, and can narrow to the items they are responsible for.
    let leader = login_actor(&app, "fuquzhang1").await;
    let led = items::list(&app, &leader, info.plan_id, true)
        .await
        .unwrap();
    assert!(!led.is_empty() && led.len() < all.len());
    assert!(led.iter().all(|i| i.leader_user_id == leader.user_id));
    let err = items::assign(
        &app,
        &leader,
        foreign.id,
        &items::AssignInput {
            lead_unit_id: 1,
            supporting_unit_ids: vec![],
            leader_user_id: None,
            leader_name: None,
            deadline: None,
            weight: None,
            cycle: None,
            milestones: None,
        },
    )
    .await
    .unwrap_err();
    assert!(matches!(err, AppError::Forbidden(_)));
}

#[tokio::test]
async fn the_reporting_flow_runs_from_draft_to_accepted_with_returns() {
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let reporter = login_actor(&app, "rsj_tb").await;
    let approver = login_actor(&app, "rsj_sh").await;
    let other_approver = login_actor(&app, "fgw_sh").await;
    let supervisor = login_actor(&app, "duchashi").await;
    let period = Period {
        year: 2024,
        month: 8,
    };
    let due = progress::due(&app, &reporter, info.plan_id, period)
        .await
        .unwrap();
    let line = due
        .iter()
        .find(|d| d.lead && d.item.value.is_some())
        .expect("the unit leads a target");
    assert!(line.report.is_none());
    assert!(line.previous.is_some(), "July's report pre-fills August");
    let item = line.item.id;
    let input = ReportInput {
        period: period.to_string(),
        value: Some(1234.0),
        progress: "1—8月推进顺利".into(),
        submit: false,
        ..Default::default()
    };
    let draft = progress::save(&app, &reporter, item, &input).await.unwrap();
    assert_eq!(draft.state, ReportState::Draft);
    let submitted = progress::save(
        &app,
        &reporter,
        item,
        &ReportInput {
            submit: true,
            ..input.clone()
        },
    )
    .await
    .unwrap();
    assert_eq!(submitted.state, ReportState::Submitted);
    // Submitted reports are locked for the reporter; another unit's approver cannot act.
    assert!(matches!(
        progress::save(&app, &reporter, item, &input).await,
        Err(AppError::Conflict(_))
    ));
    assert!(
        progress::review(&app, &other_approver, submitted.id, Decision::Approve, "")
            .await
            .is_err()
    );
    // A return needs a comment, and sends the report back to the reporter.
    assert!(matches!(
        progress::review(&app, &approver, submitted.id, Decision::Return, " ").await,
        Err(AppError::BadInput(_))
    ));
    let returned = progress::review(
        &app,
        &approver,
        submitted.id,
        Decision::Return,
        "请补充数据来源",
    )
    .await
    .unwrap();
    assert_eq!(returned.state, ReportState::Returned);
    assert_eq!(returned.return_comment.as_deref(), Some("请补充数据来源"));
    progress::save(
        &app,
        &reporter,
        item,
        &ReportInput {
            submit: true,
            progress: "已补充：据统计局数据".into(),
            ..input.clone()
        },
    )
    .await
    .unwrap();
    let approved = progress::review(&app, &approver, submitted.id, Decision::Approve, "")
        .await
        .unwrap();
    assert_eq!(approved.state, ReportState::Approved);
    assert!(
        progress::queue(&app, &supervisor, info.plan_id)
            .await
            .unwrap()
            .iter()
            .any(|r| r.id == approved.id)
    );
    let accepted = progress::review(&app, &supervisor, approved.id, Decision::Approve, "")
        .await
        .unwrap();
    assert_eq!(accepted.state, ReportState::Accepted);
    let e = assert_audited(&app, "report_accept", "progress_report").await;
    assert_eq!(e.entity_id, Some(accepted.id));
    let (_, history, _) = progress::report_detail(&app, &supervisor, accepted.id)
        .await
        .unwrap();
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(
        actions,
        vec!["save", "submit", "return", "submit", "approve", "accept"]
    );
    // The accepted value is what status uses for July.
    let (_, st) = status::compute(&app, &supervisor, info.plan_id, period, app.today())
        .await
        .unwrap();
    let s = st.iter().find(|s| s.item.id == item).unwrap();
    assert_eq!(s.value, Some(1234.0));
    assert_ne!(s.assessment.status, Status::NotReported);
}

#[tokio::test]
async fn progress_import_is_all_or_nothing_and_feeds_status() {
    let (app, _t) = app().await;
    let cli = Actor::cli();
    let s = import::import_report(
        &app,
        &cli,
        "山城区",
        Some(2024),
        "seed.txt",
        SEED.as_bytes(),
    )
    .await
    .unwrap();
    admin::add_unit(&app, &cli, "区人社局", None).await.unwrap();
    let units = admin::units(&app).await.unwrap();
    let list = items::list(&app, &cli, s.plan_id, false).await.unwrap();
    let target = list
        .iter()
        .find(|i| {
            i.measure == Some(duban_app::core::Measure::Level)
                && i.op == Some(duban_app::core::Op::AtLeast)
                && i.value.unwrap_or(0.0) > 0.0
        })
        .unwrap();
    items::assign(
        &app,
        &cli,
        target.id,
        &items::AssignInput {
            lead_unit_id: units[0].id,
            supporting_unit_ids: vec![],
            leader_user_id: None,
            leader_name: Some("张华".into()),
            deadline: None,
            weight: None,
            cycle: None,
            milestones: None,
        },
    )
    .await
    .unwrap();
    assert_audited(&app, "assign", "item").await;
    let v = target.value.unwrap();
    let good = format!(
        "编号,单位,期间,累计完成值,进展情况,存在问题,下步措施\n{},区人社局,2024-06,{},进展顺利,无,继续推进\n",
        target.id,
        v * 0.56
    );
    let bad = format!(
        "{good}{},区人社局,2024-13,1,,,\n99999,不存在的单位,2024-06,x,,,\n",
        target.id
    );
    let err = progress::import_file(&app, &cli, "山城区", 2024, "p.csv", bad.as_bytes())
        .await
        .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("第3行") && msg.contains("第4行") && msg.contains("未导入任何数据"),
        "{msg}"
    );
    let (_, st) = status::compute(
        &app,
        &cli,
        s.plan_id,
        Period {
            year: 2024,
            month: 6,
        },
        time::macros::date!(2024 - 06 - 20),
    )
    .await
    .unwrap();
    assert_eq!(
        st.iter()
            .find(|x| x.item.id == target.id)
            .unwrap()
            .assessment
            .status,
        Status::NotStarted
    );
    let r = progress::import_file(&app, &cli, "山城区", 2024, "p.csv", good.as_bytes())
        .await
        .unwrap();
    assert_eq!((r.created, r.updated), (1, 0));
    assert_audited(&app, "import_progress", "plan").await;
    let (_, st) = status::compute(
        &app,
        &cli,
        s.plan_id,
        Period {
            year: 2024,
            month: 6,
        },
        time::macros::date!(2024 - 06 - 20),
    )
    .await
    .unwrap();
    let a = &st
        .iter()
        .find(|x| x.item.id == target.id)
        .unwrap()
        .assessment;
    // 56% done at half-year: 6 points ahead of 序时 → 达进度.
    assert_eq!(a.status, Status::OnTrack, "{a:?}");
    assert!((a.diff.unwrap() - 6.0).abs() < 1e-6);
    assert!(a.explanation.contains("序时进度50.0%"), "{}", a.explanation);
    // July is past due with no report → 未填报.
    let (_, st) = status::compute(
        &app,
        &cli,
        s.plan_id,
        Period {
            year: 2024,
            month: 7,
        },
        time::macros::date!(2024 - 08 - 01),
    )
    .await
    .unwrap();
    assert_eq!(
        st.iter()
            .find(|x| x.item.id == target.id)
            .unwrap()
            .assessment
            .status,
        Status::NotReported
    );
}

#[tokio::test]
async fn logins_lock_after_repeated_failures() {
    let (app, _t) = app().await;
    admin::add_user(
        &app,
        &Actor::cli(),
        admin::NewUser {
            username: "wang",
            display_name: None,
            role: Role::Supervisor,
            unit: None,
            password: "correct-horse",
        },
    )
    .await
    .unwrap();
    assert!(matches!(
        auth::login(&app, "nobody", "x", None, None).await,
        Err(AppError::InvalidCredentials)
    ));
    for _ in 0..app.settings.lockout_after {
        assert!(matches!(
            auth::login(&app, "wang", "wrong-pass", None, None).await,
            Err(AppError::InvalidCredentials)
        ));
    }
    // Locked: the right password gets the same answer as a wrong one.
    assert!(matches!(
        auth::login(&app, "wang", "correct-horse", None, None).await,
        Err(AppError::InvalidCredentials)
    ));
    admin::set_password(&app, &Actor::cli(), "wang", "another-pass")
        .await
        .unwrap();
    assert_audited(&app, "set_password", "user").await;
    let l = auth::login(&app, "wang", "another-pass", None, None)
        .await
        .unwrap();
    assert_eq!(
        auth::actor_for_token(&app, &l.token)
            .await
            .unwrap()
            .username,
        "wang"
    );
    auth::logout(&app, &l.token).await.unwrap();
    assert!(matches!(
        auth::actor_for_token(&app, &l.token).await,
        Err(AppError::Unauthenticated)
    ));
    // Unit roles need a unit; short passwords are refused.
    assert!(
        admin::add_user(
            &app,
            &Actor::cli(),
            admin::NewUser {
                username: "x",
                display_name: None,
                role: Role::Reporter,
                unit: None,
                password: "long-enough"
            }
        )
        .await
        .is_err()
    );
    assert!(
        admin::add_user(
            &app,
            &Actor::cli(),
            admin::NewUser {
                username: "y",
                display_name: None,
                role: Role::Viewer,
                unit: None,
                password: "short"
            }
        )
        .await
        .is_err()
    );
}

#[tokio::test]
async fn plan_settings_change_the_rules_and_are_checked() {
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let cli = Actor::cli();
    let mut s = items::plan_settings(&app, &cli, info.plan_id)
        .await
        .unwrap();
    assert_eq!(s.due_day, 25);
    s.due_day = 31;
    assert!(matches!(
        items::set_plan_settings(&app, &cli, info.plan_id, &s).await,
        Err(AppError::BadInput(_))
    ));
    s.due_day = 10;
    s.thresholds = duban_app::core::status::Thresholds::yinchuan();
    items::set_plan_settings(&app, &cli, info.plan_id, &s)
        .await
        .unwrap();
    assert_audited(&app, "plan_settings", "plan").await;
    let back = items::plan_settings(&app, &cli, info.plan_id)
        .await
        .unwrap();
    assert_eq!(back, s);
    let viewer = login_actor(&app, "guest").await;
    assert!(matches!(
        items::set_plan_settings(&app, &viewer, info.plan_id, &s).await,
        Err(AppError::Forbidden(_))
    ));
}

#[tokio::test]
async fn default_periods_follow_the_calendar_or_the_reports() {
    use time::macros::date;
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let plan = items::plan(&app, info.plan_id).await.unwrap();
    let p = |m| Period {
        year: 2024,
        month: m,
    };
    // The demo's July reports are in the flow; June's are accepted.
    assert_eq!(
        progress::default_periods(&app, &plan, date!(2026 - 11 - 27))
            .await
            .unwrap(),
        (p(7), p(6))
    );
    assert_eq!(
        progress::default_periods(&app, &plan, date!(2024 - 03 - 10))
            .await
            .unwrap(),
        (p(3), p(2))
    );
    assert_eq!(
        progress::default_periods(&app, &plan, date!(2024 - 03 - 26))
            .await
            .unwrap(),
        (p(3), p(3))
    );
    assert_eq!(
        progress::default_periods(&app, &plan, date!(2023 - 12 - 01))
            .await
            .unwrap(),
        (p(1), p(1))
    );
}

/// A decomposition notice in the usual shape, written for this test.
const NOTICE: &str = "关于印发2024年区政府工作报告重点任务分解方案的通知\n\n\
一、主要预期目标\n（一）地区生产总值增长6%左右。\n牵头单位：区发改委；配合单位：区统计局、区财政局；完成时限：2024年12月底。\n\
（二）城镇新增就业3000人以上。\n牵头单位：区人社局；完成时限：年底前。\n\
二、重点任务\n（一）新建高标准农田1万亩。\n责任单位：区农业农村局，区自然资源局；完成时限：10月底前。\n";

#[tokio::test]
async fn a_decomposition_notice_brings_its_assignments() {
    let (app, _t) = app().await;
    let cli = Actor::cli();
    admin::add_unit(&app, &cli, "发改委", None).await.unwrap();
    let s = import::import_report(
        &app,
        &cli,
        "某区",
        Some(2024),
        "notice.txt",
        NOTICE.as_bytes(),
    )
    .await
    .unwrap();
    assert_audited(&app, "import_plan", "plan").await;
    let list = items::list(&app, &cli, s.plan_id, false).await.unwrap();
    let gdp = list
        .iter()
        .find(|i| i.indicator.as_deref() == Some("地区生产总值"))
        .unwrap();
    // "区发改委" matches the existing "发改委"; the others are created.
    assert_eq!(gdp.lead_unit_name.as_deref(), Some("发改委"));
    assert_eq!(gdp.deadline, Some(time::macros::date!(2024 - 12 - 31)));
    let detail = items::detail(&app, &cli, gdp.id).await.unwrap();
    let names: Vec<&str> = detail
        .supporting_units
        .iter()
        .map(|(_, n)| n.as_str())
        .collect();
    assert_eq!(names, vec!["区统计局", "区财政局"]);
    let farm = list
        .iter()
        .find(|i| i.unit.as_deref() == Some("亩"))
        .unwrap();
    assert_eq!(farm.lead_unit_name.as_deref(), Some("区农业农村局"));
    assert_eq!(farm.deadline, Some(time::macros::date!(2024 - 10 - 31)));
    let units = admin::units(&app).await.unwrap();
    assert!(
        units.iter().any(|u| u.name == "区人社局") && !units.iter().any(|u| u.name == "区发改委")
    );
}

#[tokio::test]
async fn batch_assignment_is_all_or_nothing() {
    let (app, _t) = app().await;
    let cli = Actor::cli();
    let s = import::import_report(
        &app,
        &cli,
        "山城区",
        Some(2024),
        "seed.txt",
        SEED.as_bytes(),
    )
    .await
    .unwrap();
    let unit = admin::add_unit(&app, &cli, "区发改委", None).await.unwrap();
    let list = items::list(&app, &cli, s.plan_id, false).await.unwrap();
    let row = |lead: i64| items::AssignInput {
        lead_unit_id: lead,
        supporting_unit_ids: vec![],
        leader_user_id: None,
        leader_name: None,
        deadline: None,
        weight: None,
        cycle: None,
        milestones: None,
    };
    let rows = vec![(list[0].id, row(unit.id)), (list[1].id, row(unit.id + 999))];
    let err = items::assign_many(&app, &cli, &rows).await.unwrap_err();
    assert!(
        err.to_string().contains(&format!("事项 {}", list[1].id)),
        "{err}"
    );
    let after = items::list(&app, &cli, s.plan_id, false).await.unwrap();
    assert!(
        after[0].assignment_id.is_none(),
        "the good row was rolled back too"
    );
    let ok = vec![(list[0].id, row(unit.id)), (list[1].id, row(unit.id))];
    assert_eq!(items::assign_many(&app, &cli, &ok).await.unwrap().len(), 2);
    assert_audited(&app, "assign", "item").await;
    let after = items::list(&app, &cli, s.plan_id, false).await.unwrap();
    assert_eq!(after[1].lead_unit_name.as_deref(), Some("区发改委"));
}

#[tokio::test]
async fn the_dashboard_counts_like_a_briefing() {
    use duban_app::core::status::Light;
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let office = login_actor(&app, "duchashi").await;
    let june = Period {
        year: 2024,
        month: 6,
    };
    let d = duban_app::dashboard::build(&app, &office, info.plan_id, june, app.today(), false)
        .await
        .unwrap();
    assert!(d.total > 20);
    assert_eq!(d.by_status.iter().map(|c| c.count).sum::<usize>(), d.total);
    assert!((d.by_status.iter().map(|c| c.share).sum::<f64>() - 100.0).abs() < 1e-6);
    assert_eq!(
        d.green
            + d.yellow
            + d.red
            + d.by_status
                .iter()
                .filter(|c| c.status == Status::NotStarted)
                .map(|c| c.count)
                .sum::<usize>(),
        d.total
    );
    // June is fully accepted in the demo: nothing is 未填报.
    assert_eq!(
        d.by_status
            .iter()
            .find(|c| c.status == Status::NotReported)
            .unwrap()
            .count,
        0
    );
    // Sections are grouped at the top of the tree (the report's 八个方面 and the like).
    assert!(
        d.by_section.len() < 15,
        "{:?}",
        d.by_section.iter().map(|g| &g.name).collect::<Vec<_>>()
    );
    assert!(
        d.by_section
            .iter()
            .any(|g| g.name.starts_with("(一)") || g.name.starts_with("（一）"))
    );
    assert_eq!(d.by_section.iter().map(|g| g.total).sum::<usize>(), d.total);
    assert!(
        d.by_unit
            .windows(2)
            .all(|w| w[0].green_share >= w[1].green_share)
    );
    assert!(
        d.lagging
            .iter()
            .all(|s| matches!(s.assessment.light, Light::Yellow | Light::Red))
    );
    assert_eq!(d.lagging.len(), d.yellow + d.red);
    // July is in the flow: what is not accepted yet is 未填报 once the due date has passed.
    let july = duban_app::dashboard::build(
        &app,
        &office,
        info.plan_id,
        Period {
            year: 2024,
            month: 7,
        },
        app.today(),
        false,
    )
    .await
    .unwrap();
    assert!(
        july.by_status
            .iter()
            .find(|c| c.status == Status::NotReported)
            .unwrap()
            .count
            > 0
    );
    // A leader's own view is a subset.
    let leader = login_actor(&app, "fuquzhang2").await;
    let mine = duban_app::dashboard::build(&app, &leader, info.plan_id, june, app.today(), true)
        .await
        .unwrap();
    assert!(mine.total > 0 && mine.total < d.total);
}

mod hardening;
