//! Chasing storage: numbered notices issued once per key, signing, answers and closing;
//! extension requests, reminder marks and a plan's inputs feeding the planner and the scores
//! in [`deadlines`].

mod deadlines;

use crate::plan_fixture;
use duban_core::Role;
use duban_core::chase::{Cause, ChaseConfig, NoticeDraft, NoticeLevel, plan_day};
use duban_core::{NoticeKind, Period};
use duban_db::testing::{at, fresh};
use duban_db::{Db, DbError, notices, org};
use std::collections::HashSet;
use time::macros::date;
use time::{Date, Duration};

const JUNE: Period = Period {
    year: 2024,
    month: 6,
};

fn chase_draft(key: &str, item: i64, unit: i64, on: Date) -> NoticeDraft {
    NoticeDraft {
        key: key.into(),
        kind: NoticeKind::Chase,
        level: NoticeLevel::Blue,
        cause: Cause::Overdue,
        item_id: Some(item),
        unit_id: Some(unit),
        period: Some(JUNE),
        parent_id: None,
        matter: "城镇新增就业：2024-06 期进度逾期未报送".into(),
        requirement: "请于限期内报送".into(),
        responsible: Some("张华".into()),
        issued_on: on,
        deadline: on + Duration::days(5),
    }
}

async fn issue(db: &Db, plan: i64, d: &NoticeDraft, prefix: &str) -> Option<notices::NoticeRecord> {
    let mut tx = db.begin(at()).await.unwrap();
    let n = notices::issue(
        &mut tx,
        &notices::Issue {
            plan_id: plan,
            draft: d,
            prefix: Some(prefix),
            unit_name: Some("区人社局"),
            issued_by: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    n
}

#[tokio::test]
async fn notices_are_numbered_per_plan_kind_and_year_and_issued_once_per_key() {
    let t = fresh().await;
    let (plan, item, _, lead) = plan_fixture(&t.db).await;
    let on = date!(2024 - 06 - 26);
    let a = issue(
        &t.db,
        plan,
        &chase_draft("chase/a", item, lead, on),
        "山督催",
    )
    .await
    .unwrap();
    let b = issue(
        &t.db,
        plan,
        &chase_draft("chase/b", item, lead, on),
        "山督催",
    )
    .await
    .unwrap();
    assert_eq!(a.number.as_deref(), Some("山督催〔2024〕1号"));
    assert_eq!(b.number.as_deref(), Some("山督催〔2024〕2号"));
    assert_eq!(notices::parse_number(&b).unwrap().seq, 2);
    assert_eq!(
        (
            a.level,
            a.cause,
            a.unit_name.as_deref(),
            a.due_date,
            a.issued_on
        ),
        (
            NoticeLevel::Blue,
            Cause::Overdue,
            Some("区人社局"),
            Some(date!(2024 - 07 - 01)),
            Some(on)
        )
    );
    // The same key again: nothing new, and no number used up.
    assert!(
        issue(
            &t.db,
            plan,
            &chase_draft("chase/a", item, lead, on),
            "山督催"
        )
        .await
        .is_none()
    );
    let sup = NoticeDraft {
        kind: NoticeKind::Supervision,
        level: NoticeLevel::Orange,
        parent_id: Some(a.id),
        ..chase_draft("escalate/1", item, lead, on)
    };
    let s = issue(&t.db, plan, &sup, "山督办").await.unwrap();
    assert_eq!(s.number.as_deref(), Some("山督办〔2024〕1号"));
    let next_year = chase_draft("chase/c", item, lead, date!(2025 - 01 - 05));
    let c = issue(&t.db, plan, &next_year, "山督催").await.unwrap();
    assert_eq!(c.number.as_deref(), Some("山督催〔2025〕1号"));
    let mut tx = t.db.read().await.unwrap();
    let all = notices::for_plan(&mut tx, plan).await.unwrap();
    assert_eq!(all.len(), 4);
    let ex = all[2].to_existing();
    assert_eq!(
        (ex.parent_id, ex.period, ex.deadline),
        (Some(a.id), Some(JUNE), Some(date!(2024 - 07 - 01)))
    );
    assert_eq!(notices::for_item(&mut tx, item).await.unwrap().len(), 4);
    // The old listing still sees them as open.
    assert_eq!(
        notices::open_notices(&mut tx, Some(lead))
            .await
            .unwrap()
            .len(),
        4
    );
}

#[tokio::test]
async fn a_unit_signs_for_a_notice_once_and_an_answer_signs_for_it_too() {
    let t = fresh().await;
    let (plan, item, _, lead) = plan_fixture(&t.db).await;
    let on = date!(2024 - 06 - 26);
    let a = issue(
        &t.db,
        plan,
        &chase_draft("chase/r1", item, lead, on),
        "山督催",
    )
    .await
    .unwrap();
    let b = issue(
        &t.db,
        plan,
        &chase_draft("chase/r2", item, lead, on),
        "山督催",
    )
    .await
    .unwrap();
    assert!(a.read_at.is_none() && a.read_by.is_none());
    let at = time::macros::datetime!(2024-06-27 09:30 UTC);
    let mut tx = t.db.begin(at).await.unwrap();
    let user = |name: &'static str| org::NewUser {
        username: name,
        display_name: name,
        password_hash: "h",
        role: Role::Reporter,
        unit_id: Some(lead),
    };
    let first = org::insert_user(&mut tx, &user("tb1")).await.unwrap();
    let second = org::insert_user(&mut tx, &user("tb2")).await.unwrap();
    assert!(
        notices::receive(&mut tx, a.id, Some(first.id))
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
    // A second signature, later, changes nothing: the first one stands.
    let mut tx = t.db.begin(at + Duration::hours(3)).await.unwrap();
    assert!(
        !notices::receive(&mut tx, a.id, Some(second.id))
            .await
            .unwrap()
    );
    // Answering an unsigned notice signs for it with the answer.
    notices::answer(
        &mut tx,
        b.id,
        "已办理",
        date!(2024 - 06 - 28),
        Some(second.id),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.db.read().await.unwrap();
    let a2 = notices::get(&mut tx, a.id).await.unwrap().unwrap();
    assert_eq!(a2.read_at, Some(at));
    assert_eq!(a2.read_by, Some(first.id));
    assert!(a2.answered_at.is_none(), "signing is not answering");
    let b2 = notices::get(&mut tx, b.id).await.unwrap().unwrap();
    assert_eq!(b2.read_by, Some(second.id));
    assert_eq!(b2.read_at, b2.answered_at);
    drop(tx);
    // An answer after the signature keeps the signature.
    let mut tx = t.db.begin(at).await.unwrap();
    notices::answer(
        &mut tx,
        a.id,
        "已办理",
        date!(2024 - 06 - 29),
        Some(second.id),
    )
    .await
    .unwrap();
    let a3 = notices::get(&mut tx, a.id).await.unwrap().unwrap();
    assert_eq!((a3.read_at, a3.read_by), (Some(at), Some(first.id)));
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn an_answer_closes_the_step_and_the_planner_does_not_escalate_it() {
    let t = fresh().await;
    let (plan, item, _, lead) = plan_fixture(&t.db).await;
    let on = date!(2024 - 06 - 26);
    let a = issue(
        &t.db,
        plan,
        &chase_draft("chase/a", item, lead, on),
        "山督催",
    )
    .await
    .unwrap();
    let b = issue(
        &t.db,
        plan,
        &chase_draft("chase/b", item, lead, on),
        "山督催",
    )
    .await
    .unwrap();
    let mut tx = t.db.begin(at()).await.unwrap();
    let ans = notices::answer(
        &mut tx,
        a.id,
        "已于6月28日报送，原因是数据延迟。",
        date!(2024 - 06 - 28),
        None,
    )
    .await
    .unwrap();
    notices::add_answer_file(
        &mut tx,
        &notices::NewAnswerFile {
            answer_id: ans,
            file_name: "说明.pdf",
            stored_name: "x1",
            content_type: "application/pdf",
            size_bytes: 10,
            sha256: "ab",
            uploaded_by: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.db.read().await.unwrap();
    let a2 = notices::get(&mut tx, a.id).await.unwrap().unwrap();
    assert_eq!(a2.answered_on, Some(date!(2024 - 06 - 28)));
    assert!(a2.resolved_at.is_some());
    assert_eq!(
        notices::answers(&mut tx, a.id).await.unwrap()[0].body,
        "已于6月28日报送，原因是数据延迟。"
    );
    assert_eq!(
        notices::answer_files(&mut tx, a.id).await.unwrap()[0].file_name,
        "说明.pdf"
    );
    assert_eq!(
        notices::for_unit(&mut tx, lead, true).await.unwrap().len(),
        1
    );
    assert_eq!(
        notices::for_unit(&mut tx, lead, false).await.unwrap().len(),
        2
    );
    // The planner, fed from storage, escalates only the unanswered one.
    let existing: Vec<_> = notices::for_plan(&mut tx, plan)
        .await
        .unwrap()
        .iter()
        .map(|n| n.to_existing())
        .collect();
    drop(tx);
    let day = plan_day(
        plan,
        date!(2024 - 07 - 02),
        &ChaseConfig::default(),
        &[],
        &[],
        &existing,
        &HashSet::new(),
    );
    assert_eq!(day.notices.len(), 1);
    assert_eq!(day.notices[0].parent_id, Some(b.id));
    // Closed by the office: no answer any more, and no second close.
    let mut tx = t.db.begin(at()).await.unwrap();
    notices::close(&mut tx, b.id, None, "已当面督促")
        .await
        .unwrap();
    assert!(matches!(
        notices::close(&mut tx, b.id, None, "x").await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        notices::answer(&mut tx, b.id, "迟到的反馈", date!(2024 - 07 - 03), None).await,
        Err(DbError::Conflict(_))
    ));
    tx.commit().await.unwrap();
}
