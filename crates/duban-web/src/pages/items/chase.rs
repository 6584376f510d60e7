//! The chasing part of an item's page: its notices as a timeline (colour, 编号, 时限,
//! state, answer), its extension requests and the deadline they moved, the unit's
//! extension form and the office's form to issue a 单 by hand.

use super::super::extensions::ExtensionView;
use super::super::notices::NoticeRow;
use super::super::views::*;
use duban_app::core::NoticeKind;
use duban_app::db::Item;
use duban_app::{Actor, App, AppError};

pub struct TimelineEntry {
    pub row: NoticeRow,
    pub answered: String,
}

/// What the item page shows about chasing.
pub struct ItemChase {
    pub timeline: Vec<TimelineEntry>,
    pub extensions: Vec<ExtensionView>,
    /// "2024年6月期：报送时限由…延至…" for every approved extension.
    pub moved: Vec<String>,
    pub can_request: bool,
    pub can_issue: bool,
    pub period: String,
    pub kind_opts: Vec<Opt>,
}

pub async fn item_chase(
    app: &App,
    a: &Actor,
    seen: Option<duban_app::Seen>,
    item: &Item,
    reporting: duban_app::core::Period,
) -> Result<ItemChase, AppError> {
    let today = app.today();
    let timeline = duban_app::views::timeline(app, a, seen, item.id)
        .await?
        .iter()
        .map(|n| TimelineEntry {
            row: NoticeRow::of(n, today),
            answered: n
                .answered_on
                .map(|d| format!("{}反馈", date(Some(d))))
                .unwrap_or_default(),
        })
        .collect();
    let unit = item.lead_unit_name.clone().unwrap_or_default();
    let all = duban_app::views::extensions(app, a, seen, item.plan_id).await?;
    let rows: Vec<_> = all.iter().filter(|e| e.item_id == item.id).collect();
    let moved = rows
        .iter()
        .filter(|e| e.state == "approved")
        .map(|e| {
            format!(
                "{}期：报送时限由{}延至{}",
                period_label(&e.period),
                date(Some(e.old_due)),
                date(Some(e.new_due))
            )
        })
        .collect();
    let extensions = rows
        .iter()
        .map(|e| {
            let u = if Some(e.unit_id) == item.lead_unit_id {
                unit.as_str()
            } else {
                ""
            };
            ExtensionView::of(e, &item.title, u)
        })
        .collect();
    Ok(ItemChase {
        timeline,
        extensions,
        moved,
        can_request: a.can_answer_notices(),
        can_issue: a.can_chase(),
        period: reporting.to_string(),
        kind_opts: [
            NoticeKind::Assignment,
            NoticeKind::Chase,
            NoticeKind::Supervision,
        ]
        .iter()
        .map(|k| Opt::new(k.as_str(), k.label(), "chase"))
        .collect(),
    })
}
