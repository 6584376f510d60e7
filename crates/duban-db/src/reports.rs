//! Progress reports (进度填报), their history and attachments.

use crate::{Attachment, ProgressReport, ReportHistory, Result, Tx};
use duban_core::ReportState;

macro_rules! report_columns {
    () => {
        "SELECT r.id, r.item_id, r.unit_id, u.name AS unit_name, r.period, r.value, r.milestone_done, r.progress, \
         r.problems, r.next_steps, r.state, r.is_late, r.is_contribution, r.provenance, r.return_comment, r.version, \
         r.created_by, r.created_at, r.updated_at, r.submitted_at, r.approved_at, r.accepted_at"
    };
}

macro_rules! report_select {
    () => {
        concat!(
            report_columns!(),
            " FROM progress_reports r JOIN units u ON u.id = r.unit_id"
        )
    };
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Option<ProgressReport>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, ProgressReport>(concat!(
        report_select!(),
        " WHERE r.id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await?))
}

pub async fn find(
    tx: &mut Tx,
    item_id: i64,
    unit_id: i64,
    period: &str,
) -> Result<Option<ProgressReport>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, ProgressReport>(concat!(
        report_select!(),
        " WHERE r.item_id = $1 AND r.unit_id = $2 AND r.period = $3"
    ))
    .bind(item_id)
    .bind(unit_id)
    .bind(period)
    .fetch_optional(c)
    .await?))
}

/// All reports on an item, oldest period first.
pub async fn for_item(tx: &mut Tx, item_id: i64) -> Result<Vec<ProgressReport>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, ProgressReport>(concat!(
        report_select!(),
        " WHERE r.item_id = $1 ORDER BY r.period, r.is_contribution, r.id"
    ))
    .bind(item_id)
    .fetch_all(c)
    .await?))
}

/// The reports of a plan up to and including `period` (YYYY-MM sorts as text), optionally
/// only those in one state. One query for a whole dashboard.
pub async fn for_plan_until(
    tx: &mut Tx,
    plan_id: i64,
    period: &str,
    state: Option<ReportState>,
) -> Result<Vec<ProgressReport>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, ProgressReport>(concat!(
        report_select!(),
        " JOIN items i ON i.id = r.item_id WHERE i.plan_id = $1 AND r.period <= $2 AND ($3 IS NULL OR r.state = $3) \
          ORDER BY r.item_id, r.period, r.id"
    ))
    .bind(plan_id)
    .bind(period)
    .bind(state.map(|s| s.as_str()))
    .fetch_all(c)
    .await?)
    })
}

/// The lead unit's accepted reports on each assigned item of a plan, up to and including
/// `period`, oldest first: what status by rule reads (the unique (item, unit, period) index
/// gives each item's rows; other units' reports are not read).
pub async fn lead_accepted_until(
    tx: &mut Tx,
    plan_id: i64,
    period: &str,
) -> Result<Vec<ProgressReport>> {
    with_conn!(tx, |c| {
        // CROSS JOIN keeps SQLite's join order (the plan's items, then each item's rows of
        // the unique index) instead of walking every accepted report of the database by
        // the state index; PostgreSQL plans it like an inner join.
        Ok(sqlx::query_as::<_, ProgressReport>(concat!(
        report_columns!(),
        " FROM items i CROSS JOIN assignments a CROSS JOIN progress_reports r JOIN units u ON u.id = r.unit_id \
          WHERE i.plan_id = $1 AND a.item_id = i.id AND r.item_id = i.id AND r.unit_id = a.lead_unit_id \
          AND r.period <= $2 AND r.state = 'accepted' ORDER BY r.item_id, r.period, r.id"
    ))
    .bind(plan_id)
    .bind(period)
    .fetch_all(c)
    .await?)
    })
}

/// One unit's reports on the items of a plan up to and including `period` (本期待报: this
/// period's report and the one before it).
pub async fn unit_until(
    tx: &mut Tx,
    plan_id: i64,
    unit_id: i64,
    period: &str,
) -> Result<Vec<ProgressReport>> {
    with_conn!(tx, |c| {
        // The plan's items first (CROSS JOIN, as above), then the unit's rows of each.
        Ok(sqlx::query_as::<_, ProgressReport>(concat!(
            report_columns!(),
            " FROM items i CROSS JOIN progress_reports r JOIN units u ON u.id = r.unit_id \
          WHERE i.plan_id = $1 AND r.item_id = i.id AND r.unit_id = $2 AND r.period <= $3 \
          ORDER BY r.item_id, r.period, r.id"
        ))
        .bind(plan_id)
        .bind(unit_id)
        .bind(period)
        .fetch_all(c)
        .await?)
    })
}

/// Reports waiting for someone: a unit's reports in `state` (approver's queue) or every
/// unit's (supervisor's queue).
pub async fn in_state(
    tx: &mut Tx,
    plan_id: i64,
    state: ReportState,
    unit_id: Option<i64>,
) -> Result<Vec<ProgressReport>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, ProgressReport>(concat!(
        report_select!(),
        " JOIN items i ON i.id = r.item_id WHERE i.plan_id = $1 AND r.state = $2 AND ($3 IS NULL OR r.unit_id = $3) \
          ORDER BY r.period, r.item_id"
    ))
    .bind(plan_id)
    .bind(state.as_str())
    .bind(unit_id)
    .fetch_all(c)
    .await?)
    })
}

pub struct ReportFields<'a> {
    pub value: Option<f64>,
    pub milestone_done: Option<bool>,
    pub progress: &'a str,
    pub problems: &'a str,
    pub next_steps: &'a str,
}

pub struct NewReport<'a> {
    pub item_id: i64,
    pub unit_id: i64,
    pub period: &'a str,
    pub fields: ReportFields<'a>,
    pub state: ReportState,
    pub is_late: bool,
    pub is_contribution: bool,
    pub provenance: &'a str,
    pub created_by: Option<i64>,
}

pub async fn insert(tx: &mut Tx, r: &NewReport<'_>) -> Result<i64> {
    let t = tx.at;
    let accepted = (r.state == ReportState::Accepted).then_some(t);
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO progress_reports (item_id, unit_id, period, value, milestone_done, progress, problems, next_steps, \
         state, is_late, is_contribution, provenance, version, created_by, created_at, updated_at, accepted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $14, $14, $15) RETURNING id"
    )
    .bind(r.item_id)
    .bind(r.unit_id)
    .bind(r.period)
    .bind(r.fields.value)
    .bind(r.fields.milestone_done)
    .bind(r.fields.progress)
    .bind(r.fields.problems)
    .bind(r.fields.next_steps)
    .bind(r.state.as_str())
    .bind(r.is_late)
    .bind(r.is_contribution)
    .bind(r.provenance)
    .bind(r.created_by)
    .bind(t)
    .bind(accepted)
    .fetch_one(c)
    .await?)
    })
}

/// Changes a report's content; bumps its version.
pub async fn update_fields(tx: &mut Tx, id: i64, f: &ReportFields<'_>) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
        "UPDATE progress_reports SET value = $1, milestone_done = $2, progress = $3, problems = $4, next_steps = $5, \
         version = version + 1, updated_at = $6 WHERE id = $7"
    )
    .bind(f.value)
    .bind(f.milestone_done)
    .bind(f.progress)
    .bind(f.problems)
    .bind(f.next_steps)
    .bind(tx.at)
    .bind(id)
    .execute(c)
    .await?
    .rows_affected()
    });
    Ok(())
}

/// Moves a report to `state`, stamping the matching time and keeping a return comment.
pub async fn set_state(
    tx: &mut Tx,
    id: i64,
    state: ReportState,
    comment: Option<&str>,
    is_late: Option<bool>,
) -> Result<()> {
    let t = tx.at;
    let sql = match state {
        ReportState::Submitted => {
            "UPDATE progress_reports SET state = $1, return_comment = $2, updated_at = $3, submitted_at = $3, \
             is_late = COALESCE($4, is_late) WHERE id = $5"
        }
        ReportState::Approved => {
            "UPDATE progress_reports SET state = $1, return_comment = $2, updated_at = $3, approved_at = $3, \
             is_late = COALESCE($4, is_late) WHERE id = $5"
        }
        ReportState::Accepted => {
            "UPDATE progress_reports SET state = $1, return_comment = $2, updated_at = $3, accepted_at = $3, \
             is_late = COALESCE($4, is_late) WHERE id = $5"
        }
        ReportState::Draft | ReportState::Returned => {
            "UPDATE progress_reports SET state = $1, return_comment = $2, updated_at = $3, \
             is_late = COALESCE($4, is_late) WHERE id = $5"
        }
    };
    with_conn!(tx, |c| sqlx::query(sql)
        .bind(state.as_str())
        .bind(comment)
        .bind(t)
        .bind(is_late)
        .bind(id)
        .execute(c)
        .await?
        .rows_affected());
    Ok(())
}

pub struct NewHistory<'a> {
    pub report_id: i64,
    pub user_id: Option<i64>,
    pub action: &'a str,
    pub state_from: Option<ReportState>,
    pub state_to: ReportState,
    pub comment: Option<&'a str>,
    pub snapshot: String,
}

pub async fn add_history(tx: &mut Tx, h: &NewHistory<'_>) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
        "INSERT INTO report_history (report_id, at, user_id, action, state_from, state_to, comment, snapshot) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(h.report_id)
    .bind(tx.at)
    .bind(h.user_id)
    .bind(h.action)
    .bind(h.state_from.map(|s| s.as_str()))
    .bind(h.state_to.as_str())
    .bind(h.comment)
    .bind(&h.snapshot)
    .execute(c)
    .await?
    .rows_affected()
    });
    Ok(())
}

pub async fn history(tx: &mut Tx, report_id: i64) -> Result<Vec<ReportHistory>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, ReportHistory>(
        "SELECT h.id, h.report_id, h.at, h.user_id, u.display_name AS user_name, h.action, h.state_from, h.state_to, \
         h.comment, h.snapshot FROM report_history h LEFT JOIN users u ON u.id = h.user_id \
         WHERE h.report_id = $1 ORDER BY h.id"
    )
    .bind(report_id)
    .fetch_all(c)
    .await?)
    })
}

/// The history of every report on an item, each report's oldest first (an item page in
/// one query instead of one per report).
pub async fn history_of_item(tx: &mut Tx, item_id: i64) -> Result<Vec<ReportHistory>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, ReportHistory>(
        "SELECT h.id, h.report_id, h.at, h.user_id, u.display_name AS user_name, h.action, h.state_from, h.state_to, \
         h.comment, h.snapshot FROM progress_reports r JOIN report_history h ON h.report_id = r.id \
         LEFT JOIN users u ON u.id = h.user_id WHERE r.item_id = $1 ORDER BY h.report_id, h.id"
    )
    .bind(item_id)
    .fetch_all(c)
    .await?)
    })
}

pub struct NewAttachment<'a> {
    pub report_id: i64,
    pub file_name: &'a str,
    pub stored_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub uploaded_by: Option<i64>,
}

pub async fn add_attachment(tx: &mut Tx, a: &NewAttachment<'_>) -> Result<i64> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO attachments (report_id, file_name, stored_name, content_type, size_bytes, sha256, uploaded_by, \
         uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
    )
    .bind(a.report_id)
    .bind(a.file_name)
    .bind(a.stored_name)
    .bind(a.content_type)
    .bind(a.size_bytes)
    .bind(a.sha256)
    .bind(a.uploaded_by)
    .bind(tx.at)
    .fetch_one(c)
    .await?)
    })
}

pub async fn attachments(tx: &mut Tx, report_id: i64) -> Result<Vec<Attachment>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Attachment>(
        "SELECT id, report_id, file_name, stored_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at \
         FROM attachments WHERE report_id = $1 ORDER BY id"
    )
    .bind(report_id)
    .fetch_all(c)
    .await?)
    })
}

/// The attachments of every report on an item.
pub async fn attachments_of_item(tx: &mut Tx, item_id: i64) -> Result<Vec<Attachment>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Attachment>(
        "SELECT a.id, a.report_id, a.file_name, a.stored_name, a.content_type, a.size_bytes, a.sha256, a.uploaded_by, \
         a.uploaded_at FROM progress_reports r JOIN attachments a ON a.report_id = r.id WHERE r.item_id = $1 \
         ORDER BY a.report_id, a.id"
    )
    .bind(item_id)
    .fetch_all(c)
    .await?)
    })
}

pub async fn attachment(tx: &mut Tx, id: i64) -> Result<Option<Attachment>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Attachment>(
        "SELECT id, report_id, file_name, stored_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at \
         FROM attachments WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await?)
    })
}

pub async fn count_for_plan(tx: &mut Tx, plan_id: i64) -> Result<i64> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM progress_reports r JOIN items i ON i.id = r.item_id WHERE i.plan_id = $1"
    )
    .bind(plan_id)
    .fetch_one(c)
    .await?)
    })
}

/// Per period of a plan: how many reports exist and how many are accepted.
pub async fn period_counts(tx: &mut Tx, plan_id: i64) -> Result<Vec<(String, i64, i64)>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, (String, i64, i64)>(
        "SELECT r.period, CAST(COUNT(*) AS BIGINT), \
         CAST(SUM(CASE WHEN r.state = 'accepted' THEN 1 ELSE 0 END) AS BIGINT) \
         FROM progress_reports r JOIN items i ON i.id = r.item_id WHERE i.plan_id = $1 \
         GROUP BY r.period ORDER BY r.period"
    )
    .bind(plan_id)
    .fetch_all(c)
    .await?))
}

/// Everyone who wrote a report: its creator and whoever saved or submitted it. The
/// two-person check keeps them from reviewing it.
pub async fn authors(tx: &mut Tx, report_id: i64) -> Result<Vec<i64>> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, i64>(
        "SELECT created_by FROM progress_reports WHERE id = $1 AND created_by IS NOT NULL \
         UNION SELECT user_id FROM report_history WHERE report_id = $1 AND user_id IS NOT NULL \
         AND action IN ('save', 'submit')"
    )
    .bind(report_id)
    .fetch_all(c)
    .await?))
}
