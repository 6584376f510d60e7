//! Assignment by unit names, for scripts (`duban assign`): the same rules and audit record as
//! the decomposition form, with units and the item named as people name them.

use crate::items::{AssignInput, assign_in};
use crate::{Actor, App, AppError, Result};
use duban_db::{Item, org};

/// Who leads, who supports, which leader, by when.
#[derive(Debug, Clone, Default)]
pub struct ByName<'a> {
    pub lead_unit: &'a str,
    pub supporting_units: &'a [String],
    pub leader: Option<&'a str>,
    pub deadline: Option<time::Date>,
}

/// Assigns item `item_id` to units given by name; an unknown unit names itself.
pub async fn assign_by_name(
    app: &App,
    actor: &Actor,
    item_id: i64,
    a: &ByName<'_>,
) -> Result<Item> {
    actor.require_decompose()?;
    let mut tx = app.begin().await?;
    let item = crate::access::visible_item(&mut tx, actor, item_id).await?;
    // Unit names repeat across a city's governments: look up in the item's own.
    let gov = duban_db::city::plan_government(&mut tx, item.plan_id).await?;
    let lead_unit_id = unit_id(&mut tx, gov, a.lead_unit, "牵头单位").await?;
    let mut supporting_unit_ids = Vec::new();
    for s in a.supporting_units {
        let id = unit_id(&mut tx, gov, s, "配合单位").await?;
        if id != lead_unit_id && !supporting_unit_ids.contains(&id) {
            supporting_unit_ids.push(id);
        }
    }
    let input = AssignInput {
        lead_unit_id,
        supporting_unit_ids,
        leader_user_id: None,
        leader_name: a.leader.map(str::to_string),
        deadline: a.deadline,
        weight: None,
        cycle: None,
        milestones: None,
    };
    let item = assign_in(&mut tx, actor, item_id, &input).await?;
    tx.commit().await?;
    Ok(item)
}

async fn unit_id(
    tx: &mut duban_db::Tx,
    government: Option<i64>,
    name: &str,
    what: &str,
) -> Result<i64> {
    let name = name.trim();
    org::unit_by_name_in(tx, government, name)
        .await?
        .map(|u| u.id)
        .ok_or_else(|| {
            AppError::BadInput(format!(
                "{what}“{name}”不存在；请先用 duban unit add 添加，或检查名称"
            ))
        })
}
