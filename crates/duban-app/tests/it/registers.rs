//! Registers through the app API: permissions per unit, project reports through the flow,
//! the proposal clock and feedback loop, bound targets following the register, and the
//! demo's 2023 figures.

use super::app;
use duban_app::core::registers::binding::BoundFigure;
use duban_app::core::registers::projects::ProjectLevel;
use duban_app::core::registers::proposals::{ProposalState, Rating, ReplyCategory};
use duban_app::core::{Period, ProjectStage, ProposalSource, Role};
use duban_app::progress::Decision;
use duban_app::registers::projects::{ProjectInput, ProjectQuery, ProjectReportInput};
use duban_app::registers::proposals::ProposalInput;
use duban_app::registers::{self as regs, RegisterSettings};
use duban_app::{Actor, App, AppError, admin, import, status};
use time::macros::date;

fn actor(role: Role, unit: Option<i64>) -> Actor {
    Actor {
        user_id: None,
        username: format!("{role:?}"),
        display_name: format!("{role:?}"),
        role,
        unit_id: unit,
        unit_name: None,
    }
}

/// Two departments and the seed plan; returns (government, unit A, unit B).
async fn setup(app: &App) -> (i64, i64, i64) {
    let cli = Actor::cli();
    let a = admin::add_unit(app, &cli, "区发改委", None)
        .await
        .unwrap()
        .id;
    let b = admin::add_unit(app, &cli, "区商务局", None)
        .await
        .unwrap()
        .id;
    import::import_report(
        app,
        &cli,
        "山城区",
        Some(2024),
        "seed.txt",
        super::SEED.as_bytes(),
    )
    .await
    .unwrap();
    let g = regs::government_id(app, "山城区").await.unwrap();
    (g, a, b)
}

fn project(name: &str, unit: i64, signed: time::Date, inv: f64) -> ProjectInput {
    ProjectInput {
        name: name.into(),
        lead_unit_id: Some(unit),
        level: Some(ProjectLevel::Province),
        total_investment: inv,
        annual_plan_investment: Some(2.0),
        signed_on: Some(signed),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_unit_reads_and_changes_only_its_own_entries() {
    let (app, _t) = app().await;
    let (g, a, b) = setup(&app).await;
    let office = actor(Role::Supervisor, None);
    let p = regs::projects::create(
        &app,
        &office,
        g,
        2024,
        &project("甲项目", a, date!(2024 - 01 - 10), 3.0),
    )
    .await
    .unwrap();
    let other = actor(Role::Reporter, Some(b));
    let mine = actor(Role::Reporter, Some(a));
    let period = Period {
        year: 2024,
        month: 6,
    };
    let today = date!(2024 - 06 - 30);
    let q = ProjectQuery::default();
    assert!(
        regs::projects::list(&app, &other, g, 2024, &q, period, today)
            .await
            .unwrap()
            .is_empty()
    );
    // Asking for unit A's list does not widen a unit user's scope.
    let widen = ProjectQuery {
        unit_id: Some(a),
        ..Default::default()
    };
    assert!(
        regs::projects::list(&app, &other, g, 2024, &widen, period, today)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        regs::projects::get(&app, &other, p.id).await,
        Err(AppError::NotFound)
    ));
    let mut edit = project("甲项目", a, date!(2024 - 01 - 10), 4.0);
    assert!(matches!(
        regs::projects::update(&app, &other, p.id, &edit).await,
        Err(AppError::NotFound)
    ));
    let report = ProjectReportInput {
        period: "2024-01".into(),
        completed: Some(0.2),
        ..Default::default()
    };
    assert!(
        regs::projects::save_report(&app, &other, p.id, &report)
            .await
            .is_err()
    );
    // A unit user cannot create an entry for another unit.
    assert!(
        regs::projects::create(
            &app,
            &other,
            g,
            2024,
            &project("乙", a, date!(2024 - 01 - 10), 1.0)
        )
        .await
        .is_err()
    );
    // Its own unit may edit it, but not hand it to another unit.
    edit.lead_unit_id = Some(b);
    let changed = regs::projects::update(&app, &mine, p.id, &edit)
        .await
        .unwrap();
    assert_eq!(
        (changed.total_investment, changed.lead_unit_id),
        (4.0, Some(a))
    );
    let leader = actor(Role::Leader, None);
    assert_eq!(
        regs::projects::list(&app, &leader, g, 2024, &q, period, today)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        regs::projects::update(&app, &leader, p.id, &edit)
            .await
            .is_err()
    );
    // Service items and proposals follow the same rule.
    let s = regs::services::create(
        &app,
        &mine,
        g,
        &regs::services::ServiceInput {
            name: "企业投资项目备案".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(s.unit_id, Some(a));
    assert!(matches!(
        regs::services::get(&app, &other, s.id).await,
        Err(AppError::NotFound)
    ));
    assert!(regs::services::delete(&app, &other, s.id).await.is_err());
    assert!(
        regs::services::list(&app, &other, g)
            .await
            .unwrap()
            .is_empty()
    );
    let prop = regs::proposals::create(&app, &office, g, 2024, &proposal(a, date!(2024 - 01 - 31)))
        .await
        .unwrap();
    assert!(matches!(
        regs::proposals::get(&app, &other, prop.proposal.id).await,
        Err(AppError::NotFound)
    ));
    assert!(
        regs::proposals::list(&app, &other, g, 2024, &Default::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        regs::proposals::create(&app, &mine, g, 2024, &proposal(a, date!(2024 - 01 - 31)))
            .await
            .is_err()
    );
}

fn proposal(unit: i64, on: time::Date) -> ProposalInput {
    ProposalInput {
        source: Some(ProposalSource::Npc),
        at_session: true,
        session: "十一届三次".into(),
        number: format!("{}", on.ordinal()),
        title: "关于加强社区养老服务的建议".into(),
        proposers: vec!["张三".into(), "李四".into()],
        lead_unit_id: Some(unit),
        assigned_at: Some(on),
        ..Default::default()
    }
}

#[tokio::test]
async fn project_reports_go_through_the_flow_and_feed_the_figures() {
    let (app, _t) = app().await;
    let (g, a, _) = setup(&app).await;
    let office = actor(Role::Supervisor, None);
    let p = regs::projects::create(
        &app,
        &office,
        g,
        2024,
        &project("甲项目", a, date!(2024 - 01 - 10), 3.0),
    )
    .await
    .unwrap();
    let reporter = actor(Role::Reporter, Some(a));
    let approver = actor(Role::Approver, Some(a));
    let input = ProjectReportInput {
        period: "2024-06".into(),
        completed: Some(1.5),
        progress: "主体完工".into(),
        submit: true,
        ..Default::default()
    };
    let r = regs::projects::save_report(&app, &reporter, p.id, &input)
        .await
        .unwrap();
    let period = Period {
        year: 2024,
        month: 6,
    };
    let today = date!(2024 - 06 - 30);
    let done = |app: &App| {
        let app = app.clone();
        let office = office.clone();
        async move {
            regs::summary::summary(&app, &office, g, 2024, period, today)
                .await
                .unwrap()
                .key_investment
                .completed
        }
    };
    // Not accepted yet: nothing counts.
    assert_eq!(done(&app).await, 0.0);
    assert!(
        regs::projects::review_report(&app, &office, r.id, Decision::Approve, "")
            .await
            .is_err()
    );
    regs::projects::review_report(&app, &approver, r.id, Decision::Approve, "")
        .await
        .unwrap();
    assert_eq!(
        regs::projects::queue(&app, &office, g, 2024)
            .await
            .unwrap()
            .len(),
        1
    );
    let r = regs::projects::review_report(&app, &office, r.id, Decision::Approve, "")
        .await
        .unwrap();
    assert_eq!(r.state, duban_app::core::ReportState::Accepted);
    let s = regs::summary::summary(&app, &office, g, 2024, period, today)
        .await
        .unwrap();
    assert_eq!(s.key_investment.completed, 1.5);
    assert!(
        s.key_investment
            .explanation
            .contains("占年度投资计划的75%，超过时间进度25.0个百分点"),
        "{}",
        s.key_investment.explanation
    );
    assert_eq!(s.funnel.stage(ProjectStage::Signed).count, 1);
    let h = regs::projects::report_history(&app, &office, r.id)
        .await
        .unwrap();
    assert_eq!(
        h.iter().map(|h| h.action.as_str()).collect::<Vec<_>>(),
        ["submit", "approve", "accept"]
    );
    // An accepted report is closed to the unit.
    assert!(
        regs::projects::save_report(&app, &reporter, p.id, &input)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn proposal_clock_return_extension_and_the_unsatisfied_loop() {
    let (app, _t) = app().await;
    let (g, a, b) = setup(&app).await;
    let office = actor(Role::Supervisor, None);
    let mut settings = RegisterSettings::default();
    // 2024 清明: 4月4–6日 off, Sunday 4月7日 worked.
    settings.calendar.holidays.extend([
        date!(2024 - 04 - 04),
        date!(2024 - 04 - 05),
        date!(2024 - 04 - 06),
    ]);
    settings.calendar.workdays.insert(date!(2024 - 04 - 07));
    regs::set_settings(&app, &office, g, &settings)
        .await
        .unwrap();
    // 交办 on 31 Jan 2024: due on the last day of April; a leap February in between.
    let d = regs::proposals::create(&app, &office, g, 2024, &proposal(a, date!(2024 - 01 - 31)))
        .await
        .unwrap();
    assert_eq!(d.proposal.due_date, Some(date!(2024 - 04 - 30)));
    let id = d.proposal.id;
    let ua = actor(Role::Reporter, Some(a));
    let ub = actor(Role::Reporter, Some(b));
    // The wrong-assignee window has closed long ago.
    assert!(
        regs::proposals::return_item(&app, &ua, id, "非本单位职责", date!(2024 - 03 - 01))
            .await
            .is_err()
    );
    // A second item, 交办 2 April: 5 working days across 清明 end on 10 April.
    let d2 = regs::proposals::create(&app, &office, g, 2024, &proposal(a, date!(2024 - 04 - 02)))
        .await
        .unwrap();
    assert_eq!(d2.clock.unwrap().return_by, date!(2024 - 04 - 10));
    assert!(
        regs::proposals::return_item(&app, &ub, d2.proposal.id, "x", date!(2024 - 04 - 10))
            .await
            .is_err()
    );
    let back = regs::proposals::return_item(
        &app,
        &ua,
        d2.proposal.id,
        "属区商务局职责",
        date!(2024 - 04 - 10),
    )
    .await
    .unwrap();
    assert_eq!(back.proposal.state, ProposalState::Returned.as_str());
    let re = regs::proposals::reassign(
        &app,
        &office,
        d2.proposal.id,
        b,
        &[a],
        date!(2024 - 04 - 12),
    )
    .await
    .unwrap();
    assert_eq!(
        (re.proposal.lead_unit_id, re.proposal.due_date),
        (Some(b), Some(date!(2024 - 07 - 12)))
    );
    // The former lead still sees it as a supporting unit and sends its opinion.
    regs::proposals::opinion(
        &app,
        &ua,
        d2.proposal.id,
        "同意主办单位意见",
        date!(2024 - 05 - 01),
    )
    .await
    .unwrap();
    assert_eq!(re.clock.unwrap().support_due_on, date!(2024 - 06 - 12));
    // Extension: at most 6 months after 交办.
    assert!(
        regs::proposals::extend(&app, &office, id, date!(2024 - 08 - 01), "情况复杂")
            .await
            .is_err()
    );
    assert!(
        regs::proposals::extend(&app, &ua, id, date!(2024 - 06 - 30), "情况复杂")
            .await
            .is_err()
    );
    let ext = regs::proposals::extend(&app, &office, id, date!(2024 - 07 - 31), "情况复杂")
        .await
        .unwrap();
    assert_eq!(ext.proposal.due_date, Some(date!(2024 - 07 - 31)));
    // Reply B → 跟踪办理; one proposer 不满意 → 重新办理 within a month.
    let r = regs::proposals::reply(
        &app,
        &ua,
        id,
        ReplyCategory::B,
        "正在推进",
        Some(regs::proposals::Letter {
            file_name: "答复函.pdf",
            bytes: b"%PDF-1.4 reply",
        }),
        date!(2024 - 05 - 20),
    )
    .await
    .unwrap();
    assert_eq!(r.proposal.state, ProposalState::Tracking.as_str());
    let (name, bytes) = regs::proposals::reply_letter(&app, &ua, id).await.unwrap();
    assert_eq!(
        (name.as_str(), bytes.as_slice()),
        ("答复函.pdf", b"%PDF-1.4 reply".as_slice())
    );
    assert!(matches!(
        regs::proposals::reply_letter(&app, &ub, id).await,
        Err(AppError::NotFound)
    ));
    let [p1, p2] = [r.proposers[0].id, r.proposers[1].id];
    regs::proposals::feedback(
        &app,
        &office,
        id,
        p1,
        Rating::Satisfied,
        Rating::Satisfied,
        date!(2024 - 05 - 31),
    )
    .await
    .unwrap();
    let redo = regs::proposals::feedback(
        &app,
        &office,
        id,
        p2,
        Rating::Basic,
        Rating::Unsatisfied,
        date!(2024 - 05 - 31),
    )
    .await
    .unwrap();
    assert_eq!(redo.proposal.state, ProposalState::Redo.as_str());
    assert_eq!(
        (redo.proposal.due_date, redo.proposal.redo_count),
        (Some(date!(2024 - 06 - 30)), 1)
    );
    let today = date!(2024 - 07 - 05);
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
        s.proposals.overdue.iter().map(|e| e.id).collect::<Vec<_>>(),
        [id]
    );
    assert_eq!(s.proposals.reply_rate, Some(0.0));
    // Answered again A, both satisfied → 办结.
    let again = regs::proposals::reply(
        &app,
        &ua,
        id,
        ReplyCategory::A,
        "已解决",
        None,
        date!(2024 - 06 - 25),
    )
    .await
    .unwrap();
    assert!(
        again.proposers.iter().all(|p| p.work_rating.is_none()),
        "a new reply asks for new feedback"
    );
    regs::proposals::feedback(
        &app,
        &office,
        id,
        p1,
        Rating::Satisfied,
        Rating::Satisfied,
        today,
    )
    .await
    .unwrap();
    let closed = regs::proposals::feedback(
        &app,
        &office,
        id,
        p2,
        Rating::Satisfied,
        Rating::Basic,
        today,
    )
    .await
    .unwrap();
    assert_eq!(closed.proposal.state, ProposalState::Closed.as_str());
    let s = regs::summary::summary(
        &app,
        &office,
        g,
        2024,
        Period {
            year: 2024,
            month: 7,
        },
        today,
    )
    .await
    .unwrap();
    assert_eq!((s.proposals.closed, s.proposals.total), (1, 2));
    assert_eq!(s.proposals.close_rate, Some(50.0));
    assert_eq!(s.proposals.result_satisfaction, Some(100.0));
}

#[tokio::test]
async fn a_bound_target_follows_the_register_with_no_report() {
    let (app, _t) = app().await;
    let (g, a, _) = setup(&app).await;
    let office = actor(Role::Supervisor, None);
    let plan = duban_app::items::plan_by_name(&app, "山城区", 2024)
        .await
        .unwrap();
    let items = duban_app::items::list(&app, &office, plan.id, false)
        .await
        .unwrap();
    let target = items
        .iter()
        .find(|i| i.value == Some(26.0) && i.text.contains("新签约亿元以上项目"))
        .unwrap_or_else(|| {
            panic!(
                "{:#?}",
                items
                    .iter()
                    .map(|i| (&i.indicator, i.value))
                    .collect::<Vec<_>>()
            )
        });
    regs::bindings::bind(
        &app,
        &office,
        target.id,
        &BoundFigure::ProjectCount {
            stage: ProjectStage::Signed,
            over_100m_only: true,
        },
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    for i in 0..13 {
        let p = project(
            &format!("项目{i}"),
            a,
            date!(2024 - 01 - 05) + time::Duration::days(i * 10),
            2.0,
        );
        ids.push(
            regs::projects::create(&app, &office, g, 2024, &p)
                .await
                .unwrap()
                .id,
        );
    }
    let period = Period {
        year: 2024,
        month: 6,
    };
    let today = date!(2024 - 07 - 01);
    let status_of = |app: App| async move {
        let (_, list) = status::compute(&app, &Actor::cli(), plan.id, period, today)
            .await
            .unwrap();
        list.into_iter().find(|s| s.item.id == target.id).unwrap()
    };
    let s = status_of(app.clone()).await;
    assert_eq!(
        s.assessment.status,
        duban_app::core::status::Status::OnTrack,
        "{:?}",
        s.assessment
    );
    assert!(
        s.assessment
            .explanation
            .starts_with("重点项目台账：签约亿元以上项目个数"),
        "{}",
        s.assessment.explanation
    );
    // One project turns out to be below 1亿元: 12 of 26 is behind 序时 in June.
    let mut small = project("项目0", a, date!(2024 - 01 - 05), 0.8);
    small.over_100m = None;
    regs::projects::update(&app, &office, ids[0], &small)
        .await
        .unwrap();
    let s = status_of(app.clone()).await;
    assert_eq!(s.value, Some(12.0));
    assert_eq!(
        s.assessment.status,
        duban_app::core::status::Status::Behind,
        "{:?}",
        s.assessment
    );
    regs::bindings::unbind(&app, &office, target.id)
        .await
        .unwrap();
    assert!(
        regs::bindings::list(&app, plan.id)
            .await
            .unwrap()
            .is_empty()
    );
}

mod files {
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
                matches!(&broken, Err(AppError::BadInput(m)) if m.contains("Excel")),
                "{broken:?}"
            );
            let wrong = io::import(&app, &office, kind, g, 2024, "x.pdf", b"%PDF-1.4", today).await;
            assert!(
                matches!(&wrong, Err(AppError::BadInput(m)) if m.contains("不支持")),
                "{wrong:?}"
            );
            let header_only = io::template(kind).unwrap();
            let none =
                io::import(&app, &office, kind, g, 2024, "t.xlsx", &header_only, today).await;
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
}

#[tokio::test]
async fn the_demo_registers_give_the_seed_reports_2023_figures() {
    use duban_app::core::registers::pct_text;
    let (app, _t) = app().await;
    duban_app::demo::seed(&app).await.unwrap();
    let g = regs::government_id(&app, "山城区").await.unwrap();
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
