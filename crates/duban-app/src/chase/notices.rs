//! Notices as people use them: the item's timeline, a unit's list, answering (反馈) with
//! attachments, the office's hand-issued 交办单/催办单/督办单 and closing a step, and the
//! .docx of a 单 in GB/T 9704 layout.

use super::pass::{PassReport, deliver_notice};
use crate::access::chase as access;
use crate::access::visible_item;
use crate::{Actor, App, AppError, Result};
use duban_core::NoticeKind;
use duban_core::chase::{Cause, ChaseConfig, NoticeDraft, NoticeLevel};
use duban_db::notices::{self, AnswerFile, NoticeAnswer, NoticeRecord};
use duban_db::{chase as dbchase, deliveries, inbox, org};
use duban_office::official::{Block, Masthead, OfficialDoc, Table, chinese_date, to_docx};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use time::{Date, Duration};

/// The longest answer accepted.
const MAX_ANSWER_CHARS: usize = 5000;

/// A notice with its answers, as the item page and the inbox show it.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeDetail {
    pub notice: NoticeRecord,
    /// Who signed for it (签收), by display name.
    pub received_by: Option<String>,
    pub answers: Vec<NoticeAnswer>,
    pub files: Vec<AnswerFile>,
}

/// A notice the actor may see (others' look missing).
pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<NoticeDetail> {
    let mut tx = app.db.read().await?;
    let notice = notices::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    crate::access::require_plan_of(&mut tx, actor, notice.plan_id).await?;
    access::require_read_notice(actor, notice.unit_id)?;
    let answers = notices::answers(&mut tx, id).await?;
    let files = notices::answer_files(&mut tx, id).await?;
    let received_by = match notice.read_by {
        Some(u) => org::user(&mut tx, u).await?.map(|u| u.display_name),
        None => None,
    };
    Ok(NoticeDetail {
        notice,
        received_by,
        answers,
        files,
    })
}

/// The notices of an item the actor may see, oldest first (its timeline). A unit user sees
/// only those addressed to its unit.
pub async fn timeline(app: &App, actor: &Actor, item_id: i64) -> Result<Vec<NoticeRecord>> {
    let mut tx = app.db.read().await?;
    visible_item(&mut tx, actor, item_id).await?;
    let list = notices::for_item(&mut tx, item_id).await?;
    Ok(list
        .into_iter()
        .filter(|n| access::require_read_notice(actor, n.unit_id).is_ok())
        .collect())
}

/// A unit's notices, newest first (the actor's own unit for unit users).
pub async fn for_unit(
    app: &App,
    actor: &Actor,
    unit_id: i64,
    open_only: bool,
) -> Result<Vec<NoticeRecord>> {
    access::require_read_notice(actor, Some(unit_id))?;
    let mut tx = app.db.read().await?;
    let unit = org::unit(&mut tx, unit_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(g) = unit.government_id {
        crate::access::require_government(&mut tx, actor, g).await?;
    }
    Ok(notices::for_unit(&mut tx, unit_id, open_only).await?)
}

/// The addressed unit signs for a notice (签收): the office then sees that it arrived and
/// who took it. The first signature stands; signing again changes nothing. Answering signs
/// for it too.
pub async fn receive(app: &App, actor: &Actor, notice_id: i64) -> Result<NoticeDetail> {
    let mut tx = app.begin().await?;
    let n = notices::get(&mut tx, notice_id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::access::require_plan_of(&mut tx, actor, n.plan_id).await?;
    access::require_receive(actor, n.unit_id)?;
    let at = tx.at();
    if notices::receive(&mut tx, notice_id, actor.user_id).await? {
        actor
            .audit(
                &mut tx,
                "notice_receive",
                "notice",
                Some(notice_id),
                None,
                Some(serde_json::json!({ "read_at": at })),
            )
            .await?;
    }
    tx.commit().await?;
    get(app, actor, notice_id).await
}

/// An attachment to an answer.
pub struct AnswerUpload<'a> {
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

/// The unit answers a notice (反馈): the first answer closes that step, so it does not
/// escalate.
pub async fn answer(
    app: &App,
    actor: &Actor,
    notice_id: i64,
    text: &str,
    files: &[AnswerUpload<'_>],
) -> Result<NoticeDetail> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::BadInput("请填写反馈内容".into()));
    }
    if text.chars().count() > MAX_ANSWER_CHARS {
        return Err(AppError::BadInput(format!(
            "反馈内容不能超过 {MAX_ANSWER_CHARS} 字"
        )));
    }
    let mut types = Vec::with_capacity(files.len());
    for f in files {
        if f.bytes.is_empty() {
            return Err(AppError::BadInput(format!("附件 {} 是空文件", f.file_name)));
        }
        if f.bytes.len() > app.settings.max_attachment_bytes {
            return Err(AppError::BadInput(format!("附件 {} 过大", f.file_name)));
        }
        // The type comes from the extension we allow, never from what the client claims.
        types.push(super::notice_list::content_type_of(f.file_name)?);
    }
    let mut tx = app.begin().await?;
    let n = notices::get(&mut tx, notice_id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::access::require_plan_of(&mut tx, actor, n.plan_id).await?;
    access::require_answer(actor, n.unit_id)?;
    let answer_id = notices::answer(&mut tx, notice_id, text, app.today(), actor.user_id).await?;
    let dir = app.data_dir.join("attachments").join("answers");
    for (f, content_type) in files.iter().zip(types) {
        let sha = hex::encode(Sha256::digest(f.bytes));
        let stored = format!("{sha}.bin");
        std::fs::create_dir_all(&dir).map_err(AppError::internal)?;
        std::fs::write(dir.join(&stored), f.bytes).map_err(AppError::internal)?;
        notices::add_answer_file(
            &mut tx,
            &notices::NewAnswerFile {
                answer_id,
                file_name: f.file_name,
                stored_name: &stored,
                content_type,
                size_bytes: f.bytes.len() as i64,
                sha256: &sha,
                uploaded_by: actor.user_id,
            },
        )
        .await?;
    }
    actor
        .audit(
            &mut tx,
            "notice_answer",
            "notice",
            Some(notice_id),
            None,
            Some(serde_json::json!({ "answer_id": answer_id, "files": files.len() })),
        )
        .await?;
    tx.commit().await?;
    get(app, actor, notice_id).await
}

/// What the office writes on a hand-issued 单.
pub struct HandNotice<'a> {
    pub kind: NoticeKind,
    pub item_id: i64,
    /// The unit it is addressed to (default: the item's lead unit).
    pub unit_id: Option<i64>,
    /// 事项 (default: the item's title); a leader's 批示 goes here.
    pub matter: &'a str,
    /// 要求 (default: the plan's text for the kind).
    pub requirement: &'a str,
    /// 时限 (default: the plan's answer days from today).
    pub deadline: Option<Date>,
}

/// The office issues a 交办单/催办单/督办单 by hand for any item (or a leader's 批示).
pub async fn issue_by_hand(app: &App, actor: &Actor, h: &HandNotice<'_>) -> Result<NoticeRecord> {
    access::require_office(actor)?;
    if !matches!(
        h.kind,
        NoticeKind::Assignment | NoticeKind::Chase | NoticeKind::Supervision
    ) {
        return Err(AppError::BadInput(
            "只能手工签发交办单、催办单或督办单".into(),
        ));
    }
    let today = app.today();
    let mut tx = app.begin().await?;
    let item = visible_item(&mut tx, actor, h.item_id).await?;
    let (cfg, _): (ChaseConfig, _) = dbchase::settings(&mut tx, item.plan_id).await?;
    let unit_id = h
        .unit_id
        .or(item.lead_unit_id)
        .ok_or_else(|| AppError::BadInput("该事项尚未分解到责任单位".into()))?;
    let government = duban_db::city::plan_government(&mut tx, item.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::access::require_units(&mut tx, government, [unit_id]).await?;
    let unit = org::unit(&mut tx, unit_id)
        .await?
        .ok_or_else(|| AppError::BadInput("责任单位不存在".into()))?;
    let deadline = h
        .deadline
        .unwrap_or(today + Duration::days(i64::from(cfg.answer_days(h.kind))));
    if deadline < today {
        return Err(AppError::BadInput("时限不能早于今天".into()));
    }
    let matter = if h.matter.trim().is_empty() {
        item.title.clone()
    } else {
        h.matter.trim().to_string()
    };
    let requirement = if h.requirement.trim().is_empty() {
        cfg.requirement(h.kind).to_string()
    } else {
        h.requirement.trim().to_string()
    };
    let n: u64 = rand::random();
    let draft = NoticeDraft {
        key: format!("manual/{n:016x}"),
        kind: h.kind,
        level: NoticeLevel::of(h.kind),
        cause: Cause::Manual,
        item_id: Some(item.id),
        unit_id: Some(unit_id),
        period: None,
        parent_id: None,
        matter,
        requirement,
        responsible: item.leader_name.clone(),
        issued_on: today,
        deadline,
    };
    let issue = notices::Issue {
        plan_id: item.plan_id,
        draft: &draft,
        prefix: cfg.prefixes.of(h.kind),
        unit_name: Some(&unit.name),
        issued_by: actor.user_id,
    };
    let rec = notices::issue(&mut tx, &issue)
        .await?
        .ok_or_else(|| AppError::Conflict("该通知已签发".into()))?;
    let mut recipients: HashMap<i64, Vec<i64>> = HashMap::new();
    for (u, user) in inbox::unit_recipients(&mut tx).await? {
        recipients.entry(u).or_default().push(user);
    }
    let endpoints: Vec<_> = deliveries::endpoints(&mut tx)
        .await?
        .into_iter()
        .filter(|e| e.enabled)
        .collect();
    let path = format!("/notices/{}", rec.id);
    let msg = duban_notify::notice_message(
        &format!("notice/{}", rec.id),
        &duban_notify::NoticeView {
            kind: rec.kind,
            level: rec.level,
            number: rec.number.as_deref(),
            matter: &rec.matter,
            requirement: &rec.requirement,
            unit_name: &unit.name,
            responsible: rec.responsible.as_deref(),
            deadline: rec.due_date,
            link: &app.settings.link(&path),
        },
    );
    let mut report = PassReport::default();
    deliver_notice(&mut tx, &rec, &msg, &recipients, &endpoints, &mut report).await?;
    actor
        .audit(
            &mut tx,
            "notice_issue",
            "notice",
            Some(rec.id),
            None,
            serde_json::to_value(&rec).ok(),
        )
        .await?;
    tx.commit().await?;
    // Sending is best effort and happens after the answer: an endpoint that is down
    // retries with back-off, which must not hold up the office's request. What is left
    // pending the next pass retries.
    let bg = app.clone();
    tokio::spawn(async move {
        if let Err(e) = super::send_pending(&bg).await {
            tracing::warn!(error = %e, "sending a hand-issued notice failed");
        }
    });
    Ok(rec)
}

/// The office closes a step (办结 or 撤销) with a comment.
pub async fn close(app: &App, actor: &Actor, notice_id: i64, comment: &str) -> Result<()> {
    access::require_office(actor)?;
    let mut tx = app.begin().await?;
    let n = notices::get(&mut tx, notice_id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::access::require_plan_of(&mut tx, actor, n.plan_id).await?;
    notices::close(&mut tx, notice_id, actor.user_id, comment.trim()).await?;
    actor
        .audit(
            &mut tx,
            "notice_close",
            "notice",
            Some(notice_id),
            None,
            Some(serde_json::json!({ "comment": comment.trim() })),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The 单 as a .docx in GB/T 9704 layout: (file name, bytes).
pub async fn docx(app: &App, actor: &Actor, notice_id: i64) -> Result<(String, Vec<u8>)> {
    let d = get(app, actor, notice_id).await?;
    let n = &d.notice;
    let mut tx = app.db.read().await?;
    let organ = match n.plan_id {
        Some(p) => duban_db::plans::get(&mut tx, p)
            .await?
            .map(|p| format!("{}人民政府督查室", p.government_name))
            .unwrap_or_else(|| "人民政府督查室".into()),
        None => "人民政府督查室".into(),
    };
    drop(tx);
    let on = n.issued_on.unwrap_or_else(|| n.issued_at.date());
    let date = |d: Date| chinese_date(d.year(), u8::from(d.month()), d.day());
    let rows = vec![
        vec!["工作事项".to_string(), n.matter.clone()],
        vec!["工作要求".to_string(), n.requirement.clone()],
        vec![
            "责任单位".to_string(),
            n.unit_name.clone().unwrap_or_default(),
        ],
        vec![
            "责任人".to_string(),
            n.responsible.clone().unwrap_or_else(|| "—".into()),
        ],
        vec![
            "时限要求".to_string(),
            n.due_date
                .map(|d| format!("{}前", date(d)))
                .unwrap_or_else(|| "—".into()),
        ],
    ];
    let mut table = Table::new(vec!["项目".into(), "内容".into()], rows);
    table.widths = vec![1, 4];
    let mut body = vec![Block::Table(table)];
    body.push(Block::Paragraph(
        "请责任单位在时限内通过督办系统反馈办理情况。".into(),
    ));
    let doc = OfficialDoc {
        masthead: Some(Masthead {
            organ: organ.clone(),
            number: n.number.clone(),
            issuer: None,
            date: None,
        }),
        title: n.kind.label().to_string(),
        recipients: n.unit_name.as_ref().map(|u| format!("{u}：")),
        body,
        signature: Some(organ),
        date: Some(date(on)),
        appendices: Vec::new(),
        colophon: None,
    };
    let bytes = to_docx(&doc).map_err(AppError::internal)?;
    let name = format!(
        "{}{}.docx",
        n.kind.label(),
        n.number
            .as_deref()
            .map(|s| format!("（{s}）"))
            .unwrap_or_default()
    );
    Ok((name, bytes))
}
