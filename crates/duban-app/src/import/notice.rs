//! What a decomposition notice (分工通知) gives a task: its lead and supporting units, found
//! by name in the plan's own government (or added), and its deadline as written.

use crate::{Actor, Result};
use duban_db::{items, org};

/// The units and deadline a decomposition notice gives a task.
#[derive(Debug, Clone)]
pub(super) struct NoticeUnits {
    lead: i64,
    supporting: Vec<i64>,
    deadline: Option<time::Date>,
    deadline_text: Option<String>,
}

/// Resolves the units a notice names for a task, creating units not yet known.
pub(super) async fn notice_units(
    tx: &mut duban_db::Tx,
    actor: &Actor,
    government_id: i64,
    year: i32,
    t: &duban_parse::Task<'_>,
) -> Result<Option<NoticeUnits>> {
    let mut ids = Vec::new();
    for name in t.lead_units.iter().chain(&t.supporting_units) {
        if let Some(id) = unit_for_name(tx, actor, government_id, name).await?
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    let Some((&lead, supporting)) = ids.split_first() else {
        return Ok(None);
    };
    Ok(Some(NoticeUnits {
        lead,
        supporting: supporting.to_vec(),
        deadline: t.deadline.as_deref().and_then(|d| parse_deadline(d, year)),
        deadline_text: t.deadline.as_deref().map(str::to_string),
    }))
}

pub(super) async fn assign_units(
    tx: &mut duban_db::Tx,
    actor: &Actor,
    item_id: i64,
    a: &NoticeUnits,
) -> Result<()> {
    items::set_assignment(
        tx,
        item_id,
        &items::AssignmentInput {
            lead_unit_id: a.lead,
            supporting_unit_ids: &a.supporting,
            leader_name: None,
            leader_user_id: None,
            deadline: a.deadline,
            weight: 1.0,
            cycle: Default::default(),
            note: a.deadline_text.as_deref(),
            updated_by: actor.user_id,
        },
    )
    .await?;
    Ok(())
}

/// The unit a notice names: an existing one (also matching without the 区/县/市 prefix),
/// or a new one when the name looks like a unit's.
async fn unit_for_name(
    tx: &mut duban_db::Tx,
    actor: &Actor,
    government_id: i64,
    name: &str,
) -> Result<Option<i64>> {
    let name = name.trim();
    let n = name.chars().count();
    if !(3..=30).contains(&n)
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || "（）()·".contains(c))
    {
        return Ok(None);
    }
    if let Some(u) = org::unit_by_name_in(tx, Some(government_id), name).await? {
        return Ok(Some(u.id));
    }
    let bare = name.trim_start_matches(['区', '县', '市']);
    if let Some(u) = duban_db::city::units_in(tx, government_id)
        .await?
        .into_iter()
        .find(|u| u.name.trim_start_matches(['区', '县', '市']) == bare)
    {
        return Ok(Some(u.id));
    }
    let u = org::insert_unit_in(
        tx,
        Some(government_id),
        name,
        None,
        duban_core::UnitKind::from_name(name),
    )
    .await?;
    actor
        .audit(
            tx,
            "add_unit",
            "unit",
            Some(u.id),
            None,
            Some(serde_json::json!({ "name": name, "from": "decomposition notice" })),
        )
        .await?;
    Ok(Some(u.id))
}

/// Reads a deadline as notices write it: 6月底, 9月30日前, 年底, 2024年12月.
pub fn parse_deadline(text: &str, year: i32) -> Option<time::Date> {
    use time::{Date, Month};
    let t = text.trim();
    let last_day = |y: i32, m: u8| -> Option<Date> {
        let month = Month::try_from(m).ok()?;
        Date::from_calendar_date(y, month, time::util::days_in_month(month, y)).ok()
    };
    if t.contains("年底") || t.contains("年内") || t.contains("全年") {
        return last_day(year, 12);
    }
    let nums: Vec<(u32, char)> = {
        let mut out = Vec::new();
        let mut cur: Option<u32> = None;
        for c in t.chars() {
            match c.to_digit(10) {
                Some(d) => cur = Some(cur.unwrap_or(0).saturating_mul(10).saturating_add(d)),
                None => {
                    if let Some(n) = cur.take() {
                        out.push((n, c));
                    }
                }
            }
        }
        out
    };
    let y = nums
        .iter()
        .find(|(_, c)| *c == '年')
        .map(|(n, _)| *n as i32)
        .unwrap_or(year);
    let m = nums
        .iter()
        .find(|(_, c)| *c == '月')
        .map(|(n, _)| *n as u8)?;
    match nums.iter().find(|(_, c)| *c == '日' || *c == '号') {
        Some((d, _)) => Date::from_calendar_date(y, Month::try_from(m).ok()?, *d as u8).ok(),
        None => last_day(y, m),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_deadline;

    #[test]
    fn deadlines_as_notices_write_them() {
        use time::macros::date;
        assert_eq!(
            parse_deadline("6月底前完成", 2024),
            Some(date!(2024 - 06 - 30))
        );
        assert_eq!(
            parse_deadline("2025年2月", 2024),
            Some(date!(2025 - 02 - 28))
        );
        assert_eq!(
            parse_deadline("9月30日前", 2024),
            Some(date!(2024 - 09 - 30))
        );
        assert_eq!(parse_deadline("年底前", 2024), Some(date!(2024 - 12 - 31)));
        assert_eq!(parse_deadline("长期坚持", 2024), None);
        assert_eq!(parse_deadline("13月", 2024), None);
    }
}
