//! The reporting flow from draft to accepted (with returns), and the progress import that
//! is all or nothing and feeds the status.

use super::*;

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
