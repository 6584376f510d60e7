//! Progress reports: what a unit owes this period, filling and submitting, the two-step
//! approval (unit approver, then the supervisor), returns with comments, and the import of
//! progress collected the old way (CSV/Excel).

use crate::access::{filter_for, visible_item, visible_report};
use crate::{Actor, App, AppError, Result};
use duban_core::period::due_date;
use duban_core::{Period, ReportState, Role};
use duban_db::{Item, ProgressReport, items, org, plans, reports};
use serde::{Deserialize, Serialize};
use time::Date;

/// One line of "本期待报": an item the actor's unit owes a report on.
#[derive(Debug, Clone, Serialize)]
pub struct DueItem {
    pub item: Item,
    /// Whether the unit leads (true) or supports (false) the item.
    pub lead: bool,
    pub report: Option<ProgressReport>,
    /// The unit's previous report, to pre-fill the form (最多报一次).
    pub previous: Option<ProgressReport>,
}

/// What the actor's unit owes for `period` on a plan.
pub async fn due(app: &App, actor: &Actor, plan_id: i64, period: Period) -> Result<Vec<DueItem>> {
    let unit = actor
        .unit_id
        .filter(|_| actor.role.is_unit_role())
        .ok_or_else(|| AppError::Forbidden("只有单位填报员和审核人有本期待报事项".into()))?;
    let mut tx = app.db.read().await?;
    let list = items::list(&mut tx, &filter_for(actor, plan_id)).await?;
    let all = reports::for_plan_until(&mut tx, plan_id, &period.to_string(), None).await?;
    // A bound target's progress comes from its register: nobody fills a form for it.
    let bound: std::collections::HashSet<i64> = duban_db::bindings::for_plan(&mut tx, plan_id)
        .await?
        .into_iter()
        .map(|b| b.item_id)
        .collect();
    let mut out = Vec::new();
    for item in list
        .into_iter()
        .filter(|i| i.assignment_id.is_some() && !bound.contains(&i.id))
    {
        if !item.cycle().reports_in(period.month) {
            continue;
        }
        let mine: Vec<&ProgressReport> = all
            .iter()
            .filter(|r| r.item_id == item.id && r.unit_id == unit)
            .collect();
        let report = mine
            .iter()
            .find(|r| r.period == period.to_string())
            .map(|r| (*r).clone());
        let previous = mine
            .iter()
            .rev()
            .find(|r| r.period < period.to_string())
            .map(|r| (*r).clone());
        out.push(DueItem {
            lead: item.lead_unit_id == Some(unit),
            item,
            report,
            previous,
        });
    }
    Ok(out)
}

/// The content of a report as a unit fills it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ReportInput {
    pub period: String,
    /// Year-to-date cumulative value (a growth target: YTD growth in %; a ceiling or share
    /// target: the current rate).
    pub value: Option<f64>,
    /// For tasks: whether this period's milestone is done.
    pub milestone_done: Option<bool>,
    #[serde(default)]
    pub progress: String,
    #[serde(default)]
    pub problems: String,
    #[serde(default)]
    pub next_steps: String,
    /// Submit to the approver right away instead of keeping a draft.
    #[serde(default)]
    pub submit: bool,
}

fn snapshot(r: &ProgressReport) -> String {
    serde_json::json!({
        "value": r.value, "milestone_done": r.milestone_done, "progress": r.progress,
        "problems": r.problems, "next_steps": r.next_steps, "state": r.state, "version": r.version,
    })
    .to_string()
}

const MAX_TEXT: usize = 5000;

/// Saves (and optionally submits) the actor's unit's report on an item for a period.
pub async fn save(
    app: &App,
    actor: &Actor,
    item_id: i64,
    input: &ReportInput,
) -> Result<ProgressReport> {
    let today = app.today();
    if !actor.writes_reports() {
        return Err(AppError::Forbidden("只有单位填报员可以填报进度".into()));
    }
    let unit = actor
        .unit_id
        .ok_or_else(|| AppError::Forbidden("账户未关联单位".into()))?;
    let period: Period = input
        .period
        .parse()
        .map_err(|e: duban_core::period::BadPeriod| AppError::BadInput(e.to_string()))?;
    if input.value.is_some_and(|v| !v.is_finite()) {
        return Err(AppError::BadInput("累计完成值应为数字".into()));
    }
    for (name, text) in [
        ("进展情况", &input.progress),
        ("存在问题", &input.problems),
        ("下步措施", &input.next_steps),
    ] {
        if text.chars().count() > MAX_TEXT {
            return Err(AppError::BadInput(format!("{name}不能超过 {MAX_TEXT} 字")));
        }
    }
    if input.submit && input.progress.trim().is_empty() {
        return Err(AppError::BadInput("提交前请填写进展情况".into()));
    }
    let mut tx = app.db.begin().await?;
    let item = visible_item(&mut tx, actor, item_id).await?;
    if item.assignment_id.is_none() {
        return Err(AppError::BadInput("该事项尚未分解交办，暂不能填报".into()));
    }
    let plan = plans::get(&mut tx, item.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if i64::from(period.year) != plan.year {
        return Err(AppError::BadInput(format!(
            "期间 {period} 不在计划年度 {} 内",
            plan.year
        )));
    }
    let this_month = Period {
        year: today.year(),
        month: u8::from(today.month()),
    };
    if period > this_month {
        return Err(AppError::BadInput(format!(
            "期间 {period} 尚未到来，不能填报以后的进度"
        )));
    }
    let fields = reports::ReportFields {
        value: input.value,
        milestone_done: input.milestone_done,
        progress: input.progress.trim(),
        problems: input.problems.trim(),
        next_steps: input.next_steps.trim(),
    };
    let existing = reports::find(&mut tx, item_id, unit, &period.to_string()).await?;
    let (id, from) = match &existing {
        Some(r) if !r.state.is_editable() => {
            return Err(AppError::Conflict(format!(
                "本期报告当前状态为“{}”，不能修改",
                r.state.label()
            )));
        }
        Some(r) => {
            reports::update_fields(&mut tx, r.id, &fields).await?;
            (r.id, Some(r.state))
        }
        None => {
            let id = reports::insert(
                &mut tx,
                &reports::NewReport {
                    item_id,
                    unit_id: unit,
                    period: &period.to_string(),
                    fields,
                    state: ReportState::Draft,
                    is_late: false,
                    is_contribution: item.lead_unit_id != Some(unit),
                    provenance: duban_core::Provenance::Reported.as_str(),
                    created_by: actor.user_id,
                },
            )
            .await?;
            (id, None)
        }
    };
    let to = if input.submit {
        let late = app.today() > due_date(period, plan.due_day);
        reports::set_state(&mut tx, id, ReportState::Submitted, None, Some(late)).await?;
        ReportState::Submitted
    } else {
        if from == Some(ReportState::Returned) {
            reports::set_state(&mut tx, id, ReportState::Draft, None, None).await?;
        }
        ReportState::Draft
    };
    let after = reports::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let action = if input.submit { "submit" } else { "save" };
    reports::add_history(
        &mut tx,
        &reports::NewHistory {
            report_id: id,
            user_id: actor.user_id,
            action,
            state_from: from,
            state_to: to,
            comment: None,
            snapshot: snapshot(&after),
        },
    )
    .await?;
    actor
        .audit(
            &mut tx,
            &format!("report_{action}"),
            "progress_report",
            Some(id),
            existing
                .as_ref()
                .map(|r| serde_json::from_str(&snapshot(r)).unwrap_or_default()),
            Some(serde_json::from_str(&snapshot(&after)).unwrap_or_default()),
        )
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// A review decision on a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// The unit approver passes it up, or the supervisor accepts it.
    Approve,
    /// Back to the reporter with a comment.
    Return,
}

/// The approver (own unit, submitted reports) or the supervisor (approved reports)
/// decides on a report.
pub async fn review(
    app: &App,
    actor: &Actor,
    report_id: i64,
    decision: Decision,
    comment: &str,
) -> Result<ProgressReport> {
    let mut tx = app.db.begin().await?;
    let r = visible_report(&mut tx, actor, report_id).await?;
    let to = match (actor.role, r.state, decision) {
        (Role::Approver, ReportState::Submitted, Decision::Approve)
            if actor.unit_id == Some(r.unit_id) =>
        {
            ReportState::Approved
        }
        (Role::Approver, ReportState::Submitted, Decision::Return)
            if actor.unit_id == Some(r.unit_id) =>
        {
            ReportState::Returned
        }
        (Role::Supervisor | Role::Admin, ReportState::Approved, Decision::Approve) => {
            ReportState::Accepted
        }
        (
            Role::Supervisor | Role::Admin,
            ReportState::Approved | ReportState::Submitted | ReportState::Accepted,
            Decision::Return,
        ) => ReportState::Returned,
        (Role::Approver | Role::Supervisor | Role::Admin, state, _) => {
            return Err(AppError::Conflict(format!(
                "报告当前状态为“{}”，不能进行此操作",
                state.label()
            )));
        }
        _ => return Err(AppError::Forbidden("无权审核该报告".into())),
    };
    require_second_person(&mut tx, actor, r.id, to).await?;
    let comment = comment.trim();
    if to == ReportState::Returned && comment.is_empty() {
        return Err(AppError::BadInput("退回时请填写退回意见".into()));
    }
    let note = (!comment.is_empty()).then_some(comment);
    reports::set_state(
        &mut tx,
        r.id,
        to,
        if to == ReportState::Returned {
            note
        } else {
            None
        },
        None,
    )
    .await?;
    let after = reports::get(&mut tx, r.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let action = match to {
        ReportState::Approved => "approve",
        ReportState::Accepted => "accept",
        _ => "return",
    };
    reports::add_history(
        &mut tx,
        &reports::NewHistory {
            report_id: r.id,
            user_id: actor.user_id,
            action,
            state_from: Some(r.state),
            state_to: to,
            comment: note,
            snapshot: snapshot(&after),
        },
    )
    .await?;
    actor
        .audit(
            &mut tx,
            &format!("report_{action}"),
            "progress_report",
            Some(r.id),
            Some(serde_json::json!({ "state": r.state })),
            Some(serde_json::json!({ "state": to, "comment": note })),
        )
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// Reports waiting for the actor: submitted ones of the approver's unit, or approved ones
/// for the supervisor.
pub async fn queue(app: &App, actor: &Actor, plan_id: i64) -> Result<Vec<ProgressReport>> {
    let mut tx = app.db.read().await?;
    Ok(match actor.role {
        Role::Approver => {
            reports::in_state(
                &mut tx,
                plan_id,
                ReportState::Submitted,
                actor.unit_id.or(Some(-1)),
            )
            .await?
        }
        Role::Supervisor | Role::Admin => {
            reports::in_state(&mut tx, plan_id, ReportState::Approved, None).await?
        }
        _ => Vec::new(),
    })
}

pub async fn report_detail(
    app: &App,
    actor: &Actor,
    report_id: i64,
) -> Result<(
    ProgressReport,
    Vec<duban_db::ReportHistory>,
    Vec<duban_db::Attachment>,
)> {
    let mut tx = app.db.read().await?;
    let r = visible_report(&mut tx, actor, report_id).await?;
    let h = reports::history(&mut tx, r.id).await?;
    let a = reports::attachments(&mut tx, r.id).await?;
    Ok((r, h, a))
}

/// Types accepted as attachments: documents and pictures people scan or photograph.
pub(crate) const ALLOWED: &[(&str, &str)] = &[
    ("pdf", "application/pdf"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("png", "image/png"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("doc", "application/msword"),
    ("xls", "application/vnd.ms-excel"),
    ("wps", "application/octet-stream"),
    ("ofd", "application/ofd"),
    ("txt", "text/plain"),
];

/// Whether the actor may attach a file to a report — for faces to ask before they read an
/// upload's body; [`attach`] checks the same again.
/// Whether the actor may report on the item at all (role, unit, the item in its view):
/// the web asks before it reads a report form's upload.
pub async fn may_report(app: &App, actor: &Actor, item_id: i64) -> Result<()> {
    if !actor.writes_reports() {
        return Err(AppError::Forbidden("只有单位填报员可以填报进度".into()));
    }
    if actor.unit_id.is_none() {
        return Err(AppError::Forbidden("账户未关联单位".into()));
    }
    let mut tx = app.db.read().await?;
    visible_item(&mut tx, actor, item_id).await.map(|_| ())
}

pub async fn may_attach(app: &App, actor: &Actor, report_id: i64) -> Result<()> {
    let mut tx = app.db.read().await?;
    may_attach_in(&mut tx, actor, report_id).await.map(|_| ())
}

async fn may_attach_in(
    tx: &mut duban_db::Tx,
    actor: &Actor,
    report_id: i64,
) -> Result<ProgressReport> {
    // The role decides, not the unit: viewers and leaders never write.
    if !actor.writes_reports() {
        return Err(AppError::Forbidden(
            "只有单位填报员和审核人可以上传附件".into(),
        ));
    }
    let r = visible_report(tx, actor, report_id).await?;
    if actor.unit_id != Some(r.unit_id) || !r.state.is_editable() {
        return Err(AppError::Forbidden(
            "只能为本单位未提交的报告上传附件".into(),
        ));
    }
    Ok(r)
}

/// Stores an attachment of a report the actor's unit may still edit.
pub async fn attach(
    app: &App,
    actor: &Actor,
    report_id: i64,
    file_name: &str,
    bytes: &[u8],
) -> Result<duban_db::Attachment> {
    if bytes.is_empty() {
        return Err(AppError::BadInput("附件为空".into()));
    }
    if bytes.len() > app.settings.max_attachment_bytes {
        return Err(AppError::BadInput(format!(
            "附件不能超过 {} MB",
            app.settings.max_attachment_bytes / 1024 / 1024
        )));
    }
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let ext = base
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let Some((_, content_type)) = ALLOWED.iter().find(|(e, _)| *e == ext) else {
        return Err(AppError::BadInput(
            "附件类型不支持（允许 pdf、jpg、png、docx、xlsx、doc、xls、wps、ofd、txt）".into(),
        ));
    };
    let mut tx = app.db.begin().await?;
    let r = may_attach_in(&mut tx, actor, report_id).await?;
    use sha2::Digest;
    let sha = hex::encode(sha2::Sha256::digest(bytes));
    let stored = format!("{}-{}.{ext}", r.id, &sha[..16]);
    let dir = app.data_dir.join("attachments");
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    // Written under a temporary name and renamed only once the row is committed, so a
    // failed transaction leaves no orphan file (and a crash at most a `.part` file).
    let mut nonce = [0u8; 8];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut nonce);
    let temp = dir.join(format!(".{stored}.{}.part", hex::encode(nonce)));
    tokio::fs::write(&temp, bytes)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    match attach_row(
        tx,
        actor,
        &r,
        base,
        &stored,
        content_type,
        bytes.len(),
        &sha,
    )
    .await
    {
        Ok(a) => match tokio::fs::rename(&temp, dir.join(&stored)).await {
            Ok(()) => Ok(a),
            Err(e) => {
                let _ = tokio::fs::remove_file(&temp).await;
                Err(AppError::Internal(e.to_string()))
            }
        },
        Err(e) => {
            let _ = tokio::fs::remove_file(&temp).await;
            Err(e)
        }
    }
}

/// The attachment's row and audit record, committed.
#[allow(clippy::too_many_arguments)]
async fn attach_row(
    mut tx: duban_db::Tx,
    actor: &Actor,
    r: &ProgressReport,
    base: &str,
    stored: &str,
    content_type: &str,
    size: usize,
    sha: &str,
) -> Result<duban_db::Attachment> {
    let id = reports::add_attachment(
        &mut tx,
        &reports::NewAttachment {
            report_id: r.id,
            file_name: base,
            stored_name: stored,
            content_type,
            size_bytes: size as i64,
            sha256: sha,
            uploaded_by: actor.user_id,
        },
    )
    .await?;
    actor
        .audit(
            &mut tx,
            "attach",
            "progress_report",
            Some(r.id),
            None,
            Some(serde_json::json!({ "file": base, "size": size })),
        )
        .await?;
    let a = reports::attachment(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(a)
}

/// Reads an attachment's bytes if the actor may see its report.
pub async fn attachment_bytes(
    app: &App,
    actor: &Actor,
    attachment_id: i64,
) -> Result<(duban_db::Attachment, Vec<u8>)> {
    let mut tx = app.db.read().await?;
    let a = reports::attachment(&mut tx, attachment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    visible_report(&mut tx, actor, a.report_id).await?;
    let bytes = tokio::fs::read(app.data_dir.join("attachments").join(&a.stored_name))
        .await
        .map_err(|_| AppError::NotFound)?;
    Ok((a, bytes))
}

/// Result of importing progress collected the old way.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProgressImport {
    pub created: usize,
    pub updated: usize,
}

/// Imports a CSV/Excel table of progress (columns 编号, 单位, 期间, 累计完成值, 进展情况,
/// 存在问题, 下步措施). Every row is checked first; one bad row rejects the whole file.
/// Imported reports count as accepted.
pub async fn import_file(
    app: &App,
    actor: &Actor,
    government: &str,
    year: i32,
    file_name: &str,
    bytes: &[u8],
) -> Result<ProgressImport> {
    actor.require_office()?;
    import_file_on(app, actor, government, year, file_name, bytes, app.today()).await
}

/// [`import_file`] with the date that decides which periods are still in the future.
async fn import_file_on(
    app: &App,
    actor: &Actor,
    government: &str,
    year: i32,
    file_name: &str,
    bytes: &[u8],
    today: Date,
) -> Result<ProgressImport> {
    if bytes.len() > app.settings.max_upload_bytes {
        return Err(AppError::BadInput(format!(
            "文件超过 {} MB 的上限",
            app.settings.max_upload_bytes / 1024 / 1024
        )));
    }
    let table = duban_office::table::read(file_name, bytes)
        .map_err(|e| AppError::BadInput(format!("导入失败，未导入任何数据：{e}")))?;
    let plan = crate::items::plan_by_name(app, government, year).await?;
    let mut tx = app.db.begin().await?;
    let units: Vec<(i64, String)> = org::units(&mut tx)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let supporting = items::supporting_units(&mut tx, plan.id).await?;
    let plan_items: Vec<crate::progress_rows::ItemRef> = items::list(
        &mut tx,
        &items::ItemFilter {
            plan_id: plan.id,
            ..Default::default()
        },
    )
    .await?
    .into_iter()
    .map(|it| crate::progress_rows::ItemRef {
        id: it.id,
        kind: it.kind,
        assigned: it.assignment_id.is_some(),
        lead_unit_id: it.lead_unit_id,
        supporting_unit_ids: supporting
            .iter()
            .filter(|(i, _, _)| *i == it.id)
            .map(|(_, u, _)| *u)
            .collect(),
    })
    .collect();
    let existing: std::collections::HashMap<(i64, i64, String), ReportState> =
        reports::for_plan_until(&mut tx, plan.id, &format!("{}-12", plan.year), None)
            .await?
            .into_iter()
            .map(|r| ((r.item_id, r.unit_id, r.period), r.state))
            .collect();
    let ctx = crate::progress_rows::ImportContext {
        government,
        plan_year: plan.year,
        items: &plan_items,
        units: &units,
        existing: &existing,
        today,
    };
    let rows = crate::progress_rows::validate(&table, &ctx).map_err(AppError::Rows)?;
    if rows.is_empty() {
        return Err(AppError::BadInput("文件中没有数据行".into()));
    }
    let (mut created, mut updated) = (0, 0);
    for row in rows {
        let value = row.value;
        let fields = reports::ReportFields {
            value: if row.is_task { None } else { value },
            milestone_done: if row.is_task {
                value.map(|v| v > 0.0)
            } else {
                None
            },
            progress: &row.progress,
            problems: &row.problems,
            next_steps: &row.next_steps,
        };
        let p = row.period.to_string();
        let id = match reports::find(&mut tx, row.item_id, row.unit_id, &p).await? {
            Some(r) => {
                reports::update_fields(&mut tx, r.id, &fields).await?;
                reports::set_state(&mut tx, r.id, ReportState::Accepted, None, None).await?;
                updated += 1;
                r.id
            }
            None => {
                created += 1;
                reports::insert(
                    &mut tx,
                    &reports::NewReport {
                        item_id: row.item_id,
                        unit_id: row.unit_id,
                        period: &p,
                        fields,
                        state: ReportState::Accepted,
                        is_late: false,
                        is_contribution: row.is_contribution,
                        provenance: duban_core::Provenance::Reported.as_str(),
                        created_by: actor.user_id,
                    },
                )
                .await?
            }
        };
        let after = reports::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        reports::add_history(
            &mut tx,
            &reports::NewHistory {
                report_id: id,
                user_id: actor.user_id,
                action: "import",
                state_from: None,
                state_to: ReportState::Accepted,
                comment: Some(file_name),
                snapshot: snapshot(&after),
            },
        )
        .await?;
    }
    actor
        .audit(
            &mut tx,
            "import_progress",
            "plan",
            Some(plan.id),
            None,
            Some(serde_json::json!({ "file": file_name, "created": created, "updated": updated })),
        )
        .await?;
    tx.commit().await?;
    Ok(ProgressImport { created, updated })
}

/// The period units report for now, and the period a dashboard shows by default.
///
/// Within the plan year: this month, and the dashboard shows it once its due date has
/// passed (the previous month before that). For a past year: the latest month with reports,
/// and for the dashboard the latest month whose reports are mostly (80%) accepted.
pub async fn default_periods(
    app: &App,
    plan: &duban_db::Plan,
    today: Date,
) -> Result<(Period, Period)> {
    let year = plan.year as i32;
    let first = Period { year, month: 1 };
    if today.year() == year {
        let now = Period {
            year,
            month: u8::from(today.month()),
        };
        let dash = if today > due_date(now, plan.due_day) || now.month == 1 {
            now
        } else {
            now.prev()
        };
        return Ok((now, dash));
    }
    if today.year() < year {
        return Ok((first, first));
    }
    let mut tx = app.db.read().await?;
    let counts = reports::period_counts(&mut tx, plan.id).await?;
    let parse = |p: &str| p.parse::<Period>().ok().filter(|p| p.year == year);
    let latest = counts
        .iter()
        .rev()
        .find_map(|(p, _, _)| parse(p))
        .unwrap_or(Period { year, month: 12 });
    let settled = counts
        .iter()
        .rev()
        .filter(|(_, total, accepted)| *accepted * 10 >= *total * 8 && *total > 0)
        .find_map(|(p, _, _)| parse(p))
        .unwrap_or(latest);
    Ok((latest, settled))
}

/// Two-person check, for item and project reports alike: whoever wrote a report does not
/// pass it on, unless the administrator has allowed it (a unit of one person).
pub(crate) async fn require_second_person(
    tx: &mut duban_db::Tx,
    actor: &Actor,
    report_id: i64,
    to: ReportState,
) -> Result<()> {
    if matches!(to, ReportState::Approved | ReportState::Accepted)
        && let Some(me) = actor.user_id
        && reports::authors(tx, report_id).await?.contains(&me)
        && !crate::admin::self_review_allowed_in(tx).await?
    {
        return Err(AppError::Forbidden(
            "不能审核本人填报的报告，请由单位其他审核人或督查室办理".into(),
        ));
    }
    Ok(())
}
