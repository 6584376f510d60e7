//! Notices of the escalation ladder (交办单, 催办单, 督办通知单, 约谈): issuing them numbered
//! and at most once per key, the units' answers (反馈) with attachments, closing.

use crate::{DbError, Notice, Result, Tx};
use duban_core::chase::{
    Cause, ExistingNotice, NoticeDraft, NoticeLevel, NoticeNumber, format_number,
};
use duban_core::{NoticeKind, Period};
use serde::Serialize;
use time::{Date, OffsetDateTime};

pub struct NewNotice<'a> {
    pub plan_id: Option<i64>,
    pub item_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub kind: NoticeKind,
    pub number: Option<&'a str>,
    pub title: &'a str,
    pub body: &'a str,
    pub period: Option<&'a str>,
    pub due_date: Option<Date>,
    pub issued_by: Option<i64>,
}

pub async fn insert_notice(tx: &mut Tx, n: &NewNotice<'_>) -> Result<i64> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO notices (plan_id, item_id, unit_id, kind, number, title, body, period, due_date, issued_at, issued_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"
    )
    .bind(n.plan_id)
    .bind(n.item_id)
    .bind(n.unit_id)
    .bind(n.kind.as_str())
    .bind(n.number)
    .bind(n.title)
    .bind(n.body)
    .bind(n.period)
    .bind(n.due_date)
    .bind(tx.at)
    .bind(n.issued_by)
    .fetch_one(c)
    .await?)
    })
}

/// Open notices of a unit (or of everyone), newest first.
pub async fn open_notices(tx: &mut Tx, unit_id: Option<i64>) -> Result<Vec<Notice>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Notice>(
        "SELECT id, plan_id, item_id, unit_id, kind, number, title, body, period, due_date, issued_at, issued_by, \
         resolved_at FROM notices WHERE resolved_at IS NULL AND ($1 IS NULL OR unit_id = $1) ORDER BY id DESC"
    )
    .bind(unit_id)
    .fetch_all(c)
    .await?)
    })
}

/// A notice with everything a 单 carries.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct NoticeRecord {
    pub id: i64,
    pub plan_id: Option<i64>,
    pub item_id: Option<i64>,
    pub unit_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub kind: NoticeKind,
    #[sqlx(try_from = "String")]
    pub level: NoticeLevel,
    #[sqlx(try_from = "String")]
    pub cause: Cause,
    pub chase_key: Option<String>,
    pub parent_id: Option<i64>,
    /// 编号, e.g. 山督催〔2024〕7号.
    pub number: Option<String>,
    pub title: String,
    pub body: String,
    /// 事项.
    pub matter: String,
    /// 要求.
    pub requirement: String,
    /// 责任单位 as named when issued.
    pub unit_name: Option<String>,
    /// 责任人.
    pub responsible: Option<String>,
    pub period: Option<String>,
    /// 时限.
    pub due_date: Option<Date>,
    pub issued_on: Option<Date>,
    pub issued_at: OffsetDateTime,
    pub issued_by: Option<i64>,
    /// 签收: when the addressed unit acknowledged the 单, and who did.
    pub read_at: Option<OffsetDateTime>,
    pub read_by: Option<i64>,
    pub answered_on: Option<Date>,
    pub answered_at: Option<OffsetDateTime>,
    pub closed_at: Option<OffsetDateTime>,
    pub closed_by: Option<i64>,
    pub close_comment: Option<String>,
    pub resolved_at: Option<OffsetDateTime>,
}

impl NoticeRecord {
    /// The notice as the chase planner and the scoring rules see it.
    pub fn to_existing(&self) -> ExistingNotice {
        ExistingNotice {
            id: self.id,
            kind: self.kind,
            cause: self.cause,
            item_id: self.item_id,
            unit_id: self.unit_id,
            period: self
                .period
                .as_deref()
                .and_then(|p| p.parse::<Period>().ok()),
            parent_id: self.parent_id,
            number: self.number.clone(),
            matter: if self.matter.is_empty() {
                self.title.clone()
            } else {
                self.matter.clone()
            },
            responsible: self.responsible.clone(),
            issued_on: self.issued_on.unwrap_or_else(|| self.issued_at.date()),
            deadline: self.due_date,
            answered_on: self.answered_on,
            closed: self.closed_at.is_some(),
        }
    }
}

macro_rules! notice_select {
    () => {
        "SELECT id, plan_id, item_id, unit_id, kind, level, cause, chase_key, parent_id, number, title, body, \
         matter, requirement, unit_name, responsible, period, due_date, issued_on, issued_at, issued_by, read_at, read_by, \
         answered_on, answered_at, closed_at, closed_by, close_comment, resolved_at FROM notices"
    };
}

/// A notice to issue: a planner's draft, or one the office writes by hand.
pub struct Issue<'a> {
    pub plan_id: i64,
    pub draft: &'a NoticeDraft,
    /// The 编号 prefix of the kind (`None`: no number, e.g. a reminder).
    pub prefix: Option<&'a str>,
    /// The 责任单位's name, kept as issued.
    pub unit_name: Option<&'a str>,
    pub issued_by: Option<i64>,
}

/// Issues a notice with the next number of its plan, kind and year. Returns `None` when a
/// notice with the same key exists already (issued by an earlier or concurrent pass).
/// A hand-written notice should carry a fresh key (e.g. `manual/<uuid>`).
pub async fn issue(tx: &mut Tx, n: &Issue<'_>) -> Result<Option<NoticeRecord>> {
    let d = n.draft;
    let year = d.issued_on.year();
    let seq: Option<i64> = match n.prefix {
        None => None,
        Some(_) => Some(with_conn!(tx, |c| {
            sqlx::query_scalar::<_, i64>(
                "SELECT COALESCE(MAX(number_seq), 0) + 1 FROM notices \
                 WHERE plan_id = $1 AND kind = $2 AND number_year = $3",
            )
            .bind(n.plan_id)
            .bind(d.kind.as_str())
            .bind(i64::from(year))
            .fetch_one(c)
            .await?
        })),
    };
    let number = match (n.prefix, seq) {
        (Some(p), Some(s)) => Some(format_number(p, year, s as u32)),
        _ => None,
    };
    let title = match &number {
        Some(no) => format!("{}（{no}）", d.kind.label()),
        None => d.kind.label().to_string(),
    };
    let period = d.period.map(|p| p.to_string());
    let id: Option<i64> = with_conn!(tx, |c| {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO notices (plan_id, item_id, unit_id, kind, level, cause, chase_key, parent_id, number, \
             number_year, number_seq, title, body, matter, requirement, unit_name, responsible, period, due_date, \
             issued_on, issued_at, issued_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) \
             ON CONFLICT (chase_key) DO NOTHING RETURNING id",
        )
        .bind(n.plan_id)
        .bind(d.item_id)
        .bind(d.unit_id)
        .bind(d.kind.as_str())
        .bind(d.level.as_str())
        .bind(d.cause.as_str())
        .bind(&d.key)
        .bind(d.parent_id)
        .bind(&number)
        .bind(seq.map(|_| i64::from(year)))
        .bind(seq)
        .bind(&title)
        .bind(&d.requirement)
        .bind(&d.matter)
        .bind(&d.requirement)
        .bind(n.unit_name)
        .bind(&d.responsible)
        .bind(&period)
        .bind(d.deadline)
        .bind(d.issued_on)
        .bind(tx.at)
        .bind(n.issued_by)
        .fetch_optional(c)
        .await?
    });
    match id {
        Some(id) => get(tx, id).await,
        None => Ok(None),
    }
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Option<NoticeRecord>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, NoticeRecord>(concat!(
        notice_select!(),
        " WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await?))
}

/// Every notice of a plan, oldest first (the planner's input: one query).
pub async fn for_plan(tx: &mut Tx, plan_id: i64) -> Result<Vec<NoticeRecord>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, NoticeRecord>(concat!(
        notice_select!(),
        " WHERE plan_id = $1 ORDER BY id"
    ))
    .bind(plan_id)
    .fetch_all(c)
    .await?))
}

/// An item's notices, oldest first (its timeline).
pub async fn for_item(tx: &mut Tx, item_id: i64) -> Result<Vec<NoticeRecord>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, NoticeRecord>(concat!(
        notice_select!(),
        " WHERE item_id = $1 ORDER BY id"
    ))
    .bind(item_id)
    .fetch_all(c)
    .await?))
}

/// A unit's notices, newest first; only the open ones if `open_only`.
pub async fn for_unit(tx: &mut Tx, unit_id: i64, open_only: bool) -> Result<Vec<NoticeRecord>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, NoticeRecord>(concat!(
        notice_select!(),
        " WHERE unit_id = $1 AND ($2 = FALSE OR resolved_at IS NULL) ORDER BY id DESC"
    ))
    .bind(unit_id)
    .bind(open_only)
    .fetch_all(c)
    .await?))
}

/// A unit's answer (反馈).
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct NoticeAnswer {
    pub id: i64,
    pub notice_id: i64,
    pub body: String,
    pub answered_on: Date,
    pub answered_at: OffsetDateTime,
    pub answered_by: Option<i64>,
}

/// Records an answer; the first one answers the notice (and closes its step). A notice
/// already closed by the office takes no answer.
pub async fn answer(
    tx: &mut Tx,
    notice_id: i64,
    body: &str,
    on: Date,
    by: Option<i64>,
) -> Result<i64> {
    let n = get(tx, notice_id).await?.ok_or(DbError::NotFound)?;
    if n.closed_at.is_some() {
        return Err(DbError::Conflict("该通知已办结，不能再反馈".into()));
    }
    let at = tx.at;
    with_conn!(tx, |c| {
        sqlx::query(
            "UPDATE notices SET answered_on = COALESCE(answered_on, $2), answered_at = COALESCE(answered_at, $3), \
             resolved_at = COALESCE(resolved_at, $3), read_by = CASE WHEN read_at IS NULL THEN $4 ELSE read_by END, \
             read_at = COALESCE(read_at, $3) WHERE id = $1",
        )
        .bind(notice_id)
        .bind(on)
        .bind(at)
        .bind(by)
        .execute(&mut *c)
        .await?;
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO notice_answers (notice_id, body, answered_on, answered_at, answered_by) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(notice_id)
        .bind(body)
        .bind(on)
        .bind(at)
        .bind(by)
        .fetch_one(c)
        .await?)
    })
}

pub async fn answers(tx: &mut Tx, notice_id: i64) -> Result<Vec<NoticeAnswer>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, NoticeAnswer>(
        "SELECT id, notice_id, body, answered_on, answered_at, answered_by FROM notice_answers \
         WHERE notice_id = $1 ORDER BY id"
    )
    .bind(notice_id)
    .fetch_all(c)
    .await?))
}

pub struct NewAnswerFile<'a> {
    pub answer_id: i64,
    pub file_name: &'a str,
    pub stored_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub uploaded_by: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct AnswerFile {
    pub id: i64,
    pub answer_id: i64,
    pub file_name: String,
    pub stored_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: Option<i64>,
    pub uploaded_at: OffsetDateTime,
}

pub async fn add_answer_file(tx: &mut Tx, f: &NewAnswerFile<'_>) -> Result<i64> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO notice_answer_files (answer_id, file_name, stored_name, content_type, size_bytes, sha256, \
         uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
    )
    .bind(f.answer_id)
    .bind(f.file_name)
    .bind(f.stored_name)
    .bind(f.content_type)
    .bind(f.size_bytes)
    .bind(f.sha256)
    .bind(f.uploaded_by)
    .bind(tx.at)
    .fetch_one(c)
    .await?)
    })
}

/// The files of every answer to a notice.
pub async fn answer_files(tx: &mut Tx, notice_id: i64) -> Result<Vec<AnswerFile>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, AnswerFile>(
        "SELECT f.id, f.answer_id, f.file_name, f.stored_name, f.content_type, f.size_bytes, f.sha256, \
         f.uploaded_by, f.uploaded_at FROM notice_answer_files f JOIN notice_answers a ON a.id = f.answer_id \
         WHERE a.notice_id = $1 ORDER BY f.id"
    )
    .bind(notice_id)
    .fetch_all(c)
    .await?)
    })
}

/// 签收: the addressed unit acknowledges the 单 at `at`. Only the first signature counts;
/// false when it was signed already (nothing changes).
pub async fn receive(tx: &mut Tx, notice_id: i64, by: Option<i64>) -> Result<bool> {
    let n = with_conn!(tx, |c| sqlx::query(
        "UPDATE notices SET read_at = $2, read_by = $3 WHERE id = $1 AND read_at IS NULL"
    )
    .bind(notice_id)
    .bind(tx.at)
    .bind(by)
    .execute(c)
    .await?
    .rows_affected());
    Ok(n > 0)
}

/// The office closes a step (办结 or 撤销) with a comment: a closed step does not escalate.
pub async fn close(tx: &mut Tx, notice_id: i64, by: Option<i64>, comment: &str) -> Result<()> {
    let at = tx.at;
    let n = with_conn!(tx, |c| sqlx::query(
        "UPDATE notices SET closed_at = $2, closed_by = $3, close_comment = $4, \
         resolved_at = COALESCE(resolved_at, $2) WHERE id = $1 AND closed_at IS NULL"
    )
    .bind(notice_id)
    .bind(at)
    .bind(by)
    .bind(comment)
    .execute(c)
    .await?
    .rows_affected());
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Reads the parts of a stored 编号.
pub fn parse_number(n: &NoticeRecord) -> Option<NoticeNumber> {
    n.number.as_deref().and_then(NoticeNumber::parse)
}
