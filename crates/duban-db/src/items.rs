//! Targets and tasks, their assignments (分解), milestones and formal adjustments.

use crate::{Item, ItemAdjustment, Milestone, Result, Tx};
use duban_core::{Cycle, ItemKind};
use time::Date;

macro_rules! item_select {
    () => {
        "SELECT i.id, i.plan_id, i.section_id, i.parent_id, i.seq, i.kind, i.title, i.text, i.indicator, \
         i.value, i.value_max, i.unit, i.op, i.measure, i.direction, i.figure_year, i.start_char, i.end_char, \
         i.adjusted, s.heading AS section_heading, a.id AS assignment_id, a.lead_unit_id, \
         u.name AS lead_unit_name, a.leader_name, a.leader_user_id, a.deadline, a.weight, a.cycle \
         FROM items i LEFT JOIN sections s ON s.id = i.section_id \
         LEFT JOIN assignments a ON a.item_id = i.id LEFT JOIN units u ON u.id = a.lead_unit_id"
    };
}

pub struct NewItem<'a> {
    pub plan_id: i64,
    pub section_id: Option<i64>,
    pub parent_id: Option<i64>,
    pub seq: i64,
    pub kind: ItemKind,
    pub title: &'a str,
    pub text: &'a str,
    pub indicator: Option<&'a str>,
    pub value: Option<f64>,
    pub value_max: Option<f64>,
    pub unit: Option<&'a str>,
    pub op: Option<&'a str>,
    pub measure: Option<&'a str>,
    pub direction: Option<&'a str>,
    pub figure_year: Option<i64>,
    pub start_char: Option<i64>,
    pub end_char: Option<i64>,
}

pub async fn insert(tx: &mut Tx, i: &NewItem<'_>) -> Result<i64> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO items (plan_id, section_id, parent_id, seq, kind, title, text, indicator, value, value_max, \
         unit, op, measure, direction, figure_year, start_char, end_char, adjusted, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, FALSE, $18) RETURNING id"
    )
    .bind(i.plan_id)
    .bind(i.section_id)
    .bind(i.parent_id)
    .bind(i.seq)
    .bind(i.kind.as_str())
    .bind(i.title)
    .bind(i.text)
    .bind(i.indicator)
    .bind(i.value)
    .bind(i.value_max)
    .bind(i.unit)
    .bind(i.op)
    .bind(i.measure)
    .bind(i.direction)
    .bind(i.figure_year)
    .bind(i.start_char)
    .bind(i.end_char)
    .bind(tx.at)
    .fetch_one(c)
    .await?)
    })
}

/// Which items of a plan to list.
#[derive(Debug, Clone, Default)]
pub struct ItemFilter {
    pub plan_id: i64,
    /// Only items this unit leads or supports.
    pub unit_id: Option<i64>,
    /// Only items this leader is responsible for.
    pub leader_user_id: Option<i64>,
    pub section_id: Option<i64>,
    pub kind: Option<ItemKind>,
}

pub async fn list(tx: &mut Tx, f: &ItemFilter) -> Result<Vec<Item>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Item>(concat!(
        item_select!(),
        " WHERE i.plan_id = $1 \
          AND ($2 IS NULL OR a.lead_unit_id = $2 OR EXISTS (SELECT 1 FROM assignment_units au \
               WHERE au.assignment_id = a.id AND au.unit_id = $2)) \
          AND ($3 IS NULL OR a.leader_user_id = $3) \
          AND ($4 IS NULL OR i.section_id = $4) \
          AND ($5 IS NULL OR i.kind = $5) \
          ORDER BY i.seq"
    ))
    .bind(f.plan_id)
    .bind(f.unit_id)
    .bind(f.leader_user_id)
    .bind(f.section_id)
    .bind(f.kind.map(|k| k.as_str()))
    .fetch_all(c)
    .await?))
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Option<Item>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Item>(concat!(
        item_select!(),
        " WHERE i.id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await?))
}

/// Whether `unit_id` leads or supports the item.
pub async fn unit_takes_part(tx: &mut Tx, item_id: i64, unit_id: i64) -> Result<bool> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM assignments a WHERE a.item_id = $1 AND (a.lead_unit_id = $2 OR EXISTS \
         (SELECT 1 FROM assignment_units au WHERE au.assignment_id = a.id AND au.unit_id = $2))"
    )
    .bind(item_id)
    .bind(unit_id)
    .fetch_one(c)
    .await?
        > 0)
    })
}

/// Supporting units of every assigned item of a plan: (item_id, unit_id, unit name).
pub async fn supporting_units(tx: &mut Tx, plan_id: i64) -> Result<Vec<(i64, i64, String)>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, (i64, i64, String)>(
        "SELECT a.item_id, u.id, u.name FROM assignment_units au JOIN assignments a ON a.id = au.assignment_id \
         JOIN items i ON i.id = a.item_id JOIN units u ON u.id = au.unit_id WHERE i.plan_id = $1 ORDER BY u.seq, u.id"
    )
    .bind(plan_id)
    .fetch_all(c)
    .await?)
    })
}

pub async fn supporting_units_of(tx: &mut Tx, item_id: i64) -> Result<Vec<(i64, String)>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, (i64, String)>(
        "SELECT u.id, u.name FROM assignment_units au JOIN assignments a ON a.id = au.assignment_id \
         JOIN units u ON u.id = au.unit_id WHERE a.item_id = $1 ORDER BY u.seq, u.id"
    )
    .bind(item_id)
    .fetch_all(c)
    .await?)
    })
}

pub struct AssignmentInput<'a> {
    pub lead_unit_id: i64,
    pub supporting_unit_ids: &'a [i64],
    pub leader_name: Option<&'a str>,
    pub leader_user_id: Option<i64>,
    pub deadline: Option<Date>,
    pub weight: f64,
    pub cycle: Cycle,
    pub note: Option<&'a str>,
    pub updated_by: Option<i64>,
}

/// Creates or replaces the assignment of an item. Returns its id.
pub async fn set_assignment(tx: &mut Tx, item_id: i64, a: &AssignmentInput<'_>) -> Result<i64> {
    let id = with_conn!(tx, |c| {
        sqlx::query_scalar::<_, i64>(
        "INSERT INTO assignments (item_id, lead_unit_id, leader_name, leader_user_id, deadline, weight, cycle, note, \
         updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (item_id) DO UPDATE SET lead_unit_id = excluded.lead_unit_id, \
         leader_name = excluded.leader_name, leader_user_id = excluded.leader_user_id, deadline = excluded.deadline, \
         weight = excluded.weight, cycle = excluded.cycle, note = excluded.note, updated_at = excluded.updated_at, \
         updated_by = excluded.updated_by RETURNING id"
    )
    .bind(item_id)
    .bind(a.lead_unit_id)
    .bind(a.leader_name)
    .bind(a.leader_user_id)
    .bind(a.deadline)
    .bind(a.weight)
    .bind(a.cycle.as_str())
    .bind(a.note)
    .bind(tx.at)
    .bind(a.updated_by)
    .fetch_one(c)
    .await?
    });
    with_conn!(tx, |c| sqlx::query(
        "DELETE FROM assignment_units WHERE assignment_id = $1"
    )
    .bind(id)
    .execute(c)
    .await?
    .rows_affected());
    for unit in a.supporting_unit_ids {
        if *unit == a.lead_unit_id {
            continue;
        }
        with_conn!(tx, |c| {
            sqlx::query(
            "INSERT INTO assignment_units (assignment_id, unit_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        )
        .bind(id)
        .bind(*unit)
        .execute(c)
        .await?
        .rows_affected()
        });
    }
    Ok(id)
}

pub async fn milestones(tx: &mut Tx, item_id: i64) -> Result<Vec<Milestone>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Milestone>(
        "SELECT id, item_id, period, planned_value, description, is_final FROM milestones WHERE item_id = $1 ORDER BY period"
    )
    .bind(item_id)
    .fetch_all(c)
    .await?)
    })
}

/// Every milestone of a plan's items, for status computation in one query.
pub async fn plan_milestones(tx: &mut Tx, plan_id: i64) -> Result<Vec<Milestone>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Milestone>(
        "SELECT m.id, m.item_id, m.period, m.planned_value, m.description, m.is_final FROM milestones m \
         JOIN items i ON i.id = m.item_id WHERE i.plan_id = $1 ORDER BY m.item_id, m.period"
    )
    .bind(plan_id)
    .fetch_all(c)
    .await?)
    })
}

pub struct MilestoneInput<'a> {
    pub period: &'a str,
    pub planned_value: Option<f64>,
    pub description: Option<&'a str>,
    pub is_final: bool,
}

/// Replaces the milestones of an item.
pub async fn set_milestones(tx: &mut Tx, item_id: i64, ms: &[MilestoneInput<'_>]) -> Result<()> {
    with_conn!(tx, |c| sqlx::query(
        "DELETE FROM milestones WHERE item_id = $1"
    )
    .bind(item_id)
    .execute(c)
    .await?
    .rows_affected());
    for m in ms {
        with_conn!(tx, |c| {
            sqlx::query(
            "INSERT INTO milestones (item_id, period, planned_value, description, is_final) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(item_id)
        .bind(m.period)
        .bind(m.planned_value)
        .bind(m.description)
        .bind(m.is_final)
        .execute(c)
        .await?
        .rows_affected()
        });
    }
    Ok(())
}

/// Formally changes a target's value, keeping the old one in item_adjustments.
pub async fn adjust(
    tx: &mut Tx,
    item: &Item,
    new_value: Option<f64>,
    new_value_max: Option<f64>,
    new_op: Option<duban_core::Op>,
    reason: &str,
    by: Option<i64>,
) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
        "INSERT INTO item_adjustments (item_id, old_value, old_value_max, old_op, new_value, new_value_max, new_op, \
         reason, adjusted_at, adjusted_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    )
    .bind(item.id)
    .bind(item.value)
    .bind(item.value_max)
    .bind(item.op)
    .bind(new_value)
    .bind(new_value_max)
    .bind(new_op)
    .bind(reason)
    .bind(tx.at)
    .bind(by)
    .execute(c)
    .await?
    .rows_affected()
    });
    with_conn!(tx, |c| sqlx::query(
        "UPDATE items SET value = $1, value_max = $2, op = $3, adjusted = TRUE WHERE id = $4"
    )
    .bind(new_value)
    .bind(new_value_max)
    .bind(new_op)
    .bind(item.id)
    .execute(c)
    .await?
    .rows_affected());
    Ok(())
}

pub async fn adjustments(tx: &mut Tx, item_id: i64) -> Result<Vec<ItemAdjustment>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, ItemAdjustment>(
        "SELECT id, item_id, old_value, old_value_max, old_op, new_value, new_value_max, new_op, reason, \
         adjusted_at, adjusted_by FROM item_adjustments WHERE item_id = $1 ORDER BY id"
    )
    .bind(item_id)
    .fetch_all(c)
    .await?)
    })
}

pub async fn count_for_plan(tx: &mut Tx, plan_id: i64) -> Result<i64> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM items WHERE plan_id = $1"
    )
    .bind(plan_id)
    .fetch_one(c)
    .await?))
}
