//! Importing a report: encodings, bad files that change nothing, who may import and who
//! sees what, and a decomposition notice's assignments.

use super::*;

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
