//! The trail of an item's reports — each one's history and attachments — for the item
//! page, in two queries instead of a visibility check and two queries per report.

use crate::access::visible_item;
use crate::{Actor, App, Result};
use duban_core::ReportState;
use duban_db::{Attachment, ReportHistory, reports};
use std::collections::{HashMap, HashSet};

/// History and attachments by report id, of the reports on the item the actor may see
/// (as `items::detail` shows them: a unit its own and the accepted ones of others).
#[derive(Debug, Clone, Default)]
pub struct ReportTrails {
    pub history: HashMap<i64, Vec<ReportHistory>>,
    pub attachments: HashMap<i64, Vec<Attachment>>,
}

pub async fn of_item(app: &App, actor: &Actor, item_id: i64) -> Result<ReportTrails> {
    let mut tx = app.db.read().await?;
    visible_item(&mut tx, actor, item_id).await?;
    let visible: HashSet<i64> = reports::for_item(&mut tx, item_id)
        .await?
        .into_iter()
        .filter(|r| {
            actor
                .unit_scope()
                .is_none_or(|u| r.unit_id == u || r.state == ReportState::Accepted)
        })
        .map(|r| r.id)
        .collect();
    let mut out = ReportTrails::default();
    for h in reports::history_of_item(&mut tx, item_id).await? {
        if visible.contains(&h.report_id) {
            out.history.entry(h.report_id).or_default().push(h);
        }
    }
    for a in reports::attachments_of_item(&mut tx, item_id).await? {
        if visible.contains(&a.report_id) {
            out.attachments.entry(a.report_id).or_default().push(a);
        }
    }
    Ok(out)
}
