//! The registers (重点项目, 建议提案, 政务服务事项, 经济运行指标): entry and editing with the
//! workflow's permissions (see [`crate::access::registers`]), project monthly reports
//! through the progress flow, proposal handling, indicator values with provenance, target
//! bindings, the derived figures, and import/export.
//!
//! Every action takes the actor; actions whose rules depend on the date take `today`.

pub mod bindings;
pub mod dashboard;
pub mod indicators;
pub mod io;
pub mod projects;
pub mod proposals;
pub mod services;
pub mod summary;

use crate::{App, AppError, Result};
use duban_core::registers::calendar::WorkCalendar;
use duban_core::registers::proposals::ClockSettings;
use duban_db::{Government, Tx, org};
use serde::{Deserialize, Serialize};

/// The governments whose registers the actor sees (its own, or every one at the city level).
pub async fn governments(app: &App, actor: &crate::Actor) -> Result<Vec<Government>> {
    let mut tx = app.db.read().await?;
    let scope = crate::access::scope(&mut tx, actor).await?;
    Ok(org::governments(&mut tx)
        .await?
        .into_iter()
        .filter(|g| scope.allows(g.id))
        .collect())
}

/// A government the actor sees, by name, with a clear message when missing (another
/// government reads as a missing one).
pub async fn government_id(app: &App, actor: &crate::Actor, name: &str) -> Result<i64> {
    let mut tx = app.db.read().await?;
    let scope = crate::access::scope(&mut tx, actor).await?;
    org::government_by_name(&mut tx, name.trim())
        .await?
        .map(|g| g.id)
        .filter(|&g| scope.allows(g))
        .ok_or_else(|| {
            AppError::BadInput(format!("没有名为“{name}”的政府，请先导入其政府工作报告"))
        })
}

/// One page of a register list and how many entries match in all.
#[derive(Debug, Clone, Serialize)]
pub struct Paged<T> {
    pub rows: Vec<T>,
    pub total: i64,
    /// 1-based.
    pub page: i64,
    pub per_page: i64,
}

impl<T> Paged<T> {
    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page).max(1)
    }
}

/// Which page of a list is asked for (1-based) and how many rows a page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageReq {
    pub page: i64,
    pub per_page: i64,
}

/// The rows a page asks for: at most 200 per page, page 1 at least.
pub(crate) fn page_window(r: PageReq) -> (i64, i64, i64) {
    let per = r.per_page.clamp(1, 200);
    let page = r.page.max(1);
    (page, per, (page - 1).saturating_mul(per))
}

/// A government's proposal clocks and working-day calendar.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisterSettings {
    pub clocks: ClockSettings,
    pub calendar: WorkCalendar,
}

pub(crate) async fn load_settings(tx: &mut Tx, government_id: i64) -> Result<RegisterSettings> {
    Ok(
        match duban_db::proposals::settings(tx, government_id).await? {
            Some((c, k)) => RegisterSettings {
                clocks: serde_json::from_str(&c).unwrap_or_default(),
                calendar: serde_json::from_str(&k).unwrap_or_default(),
            },
            None => RegisterSettings::default(),
        },
    )
}

pub async fn settings(
    app: &App,
    actor: &crate::Actor,
    government_id: i64,
) -> Result<RegisterSettings> {
    let mut tx = app.db.read().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    load_settings(&mut tx, government_id).await
}

/// The office sets the clocks per kind and the holiday / 调休 list.
pub async fn set_settings(
    app: &App,
    actor: &crate::Actor,
    government_id: i64,
    s: &RegisterSettings,
) -> Result<()> {
    crate::access::registers::require_office(actor)?;
    for r in [
        s.clocks.npc_session,
        s.clocks.npc_interim,
        s.clocks.cppcc_plenary,
        s.clocks.cppcc_interim,
    ] {
        if !(1..=12).contains(&r.reply_months)
            || r.max_months < r.reply_months
            || r.max_months > 12
            || r.return_working_days > 30
            || r.redo_months == 0
            || r.redo_months > 6
        {
            return Err(AppError::BadInput(
                "办理时限设置不合理：答复期限1—12个月，延期上限不少于答复期限且不超过12个月，退回时限不超过30个工作日，重新办理1—6个月".into(),
            ));
        }
    }
    if s.calendar.holidays.len() + s.calendar.workdays.len() > 2000 {
        return Err(AppError::BadInput("节假日列表过长".into()));
    }
    let mut tx = app.begin().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    let before = load_settings(&mut tx, government_id).await?;
    duban_db::proposals::set_settings(
        &mut tx,
        government_id,
        &to_json(&s.clocks),
        &to_json(&s.calendar),
    )
    .await?;
    actor
        .audit(
            &mut tx,
            "register_settings",
            "government",
            Some(government_id),
            serde_json::to_value(&before).ok(),
            serde_json::to_value(s).ok(),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "{}".into())
}

const MAX_NAME: usize = 200;
const MAX_TEXT: usize = 5000;

/// Trims a required text field and checks its length.
pub(crate) fn required(label: &str, s: &str, max: usize) -> Result<String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(AppError::BadInput(format!("请填写{label}")));
    }
    optional(label, t, max)
}

pub(crate) fn optional(label: &str, s: &str, max: usize) -> Result<String> {
    let t = s.trim();
    if t.chars().count() > max {
        return Err(AppError::BadInput(format!("{label}不能超过 {max} 字")));
    }
    Ok(t.to_string())
}

pub(crate) fn amount(label: &str, v: f64) -> Result<f64> {
    if v.is_finite() && (0.0..1e7).contains(&v) {
        Ok(v)
    } else {
        Err(AppError::BadInput(format!("{label}应为不小于0的数字")))
    }
}

/// A snapshot for the audit log.
pub(crate) fn snap<T: Serialize>(v: &T) -> Option<serde_json::Value> {
    serde_json::to_value(v).ok()
}
