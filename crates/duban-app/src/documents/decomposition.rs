//! Importing a 任务分解表: each row matched to the plan's item (by 序号 as the item's 编号 when
//! the texts agree, else by text similarity) or creating one; unknown units listed and created
//! only on confirmation; every row problem reported with its row and column; all or nothing.

use super::similar::similarity;
use crate::items::{AssignInput, assign_in};
use crate::{Actor, App, AppError, Result, RowError};
use duban_core::{ItemKind, UnitKind};
use duban_db::{Item, items, org};
use duban_office::decomposition::{Limits, RowKind, deadline_date, read_decomposition};
use serde::Serialize;

/// Below this a text match is not taken (a new item is created instead).
const MATCH_AT: f64 = 0.5;
/// A 序号 that names an item is taken when the texts are at least this alike (or the row has
/// no text): an office's own 1, 2, 3 must not land on unrelated items.
const NUMBER_AGREES_AT: f64 = 0.3;

/// What to do with the file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Only show what would happen.
    pub dry_run: bool,
    /// Create the units the table names that do not exist yet (the confirmation).
    pub create_units: bool,
}

/// How a row found its item.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Match {
    /// Its 序号 is the item's 编号 and the texts agree.
    Number { item_id: i64 },
    /// The most similar item's text (similarity 0–1).
    Text { item_id: i64, score: f64 },
    /// No item fits; a new task is created.
    New,
}

/// One row as it will be (or was) applied.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RowPlan {
    pub row: u32,
    pub number: String,
    pub content: String,
    pub matched: Match,
    /// The matched item's title, for the person confirming.
    pub item_title: Option<String>,
    pub lead_unit: String,
    pub supporting_units: Vec<String>,
    pub leader: String,
    pub deadline: Option<time::Date>,
    /// The 季度/月度节点 the row gives (stored as the item's milestones).
    pub milestones: Vec<crate::items::MilestoneInput>,
}

/// What an import found, and whether it was applied.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Preview {
    pub plan_id: i64,
    pub rows: Vec<RowPlan>,
    /// Units the table names that do not exist.
    pub unknown_units: Vec<String>,
    pub errors: Vec<RowError>,
    pub applied: bool,
}

impl Preview {
    pub fn matched(&self) -> usize {
        self.rows.iter().filter(|r| r.matched != Match::New).count()
    }
    pub fn created(&self) -> usize {
        self.rows.len() - self.matched()
    }
}

/// Reads the table and, unless `dry_run`, applies it in one transaction. Row errors come back
/// in the preview (dry run) or as [`AppError::Rows`]; unknown units without `create_units`
/// stop the import with their names.
pub async fn import(
    app: &App,
    actor: &Actor,
    plan_id: i64,
    file_name: &str,
    bytes: &[u8],
    opts: Options,
) -> Result<Preview> {
    actor.require_decompose()?;
    let table = read_decomposition(file_name, bytes, &Limits::default())
        .map_err(|e| AppError::BadInput(e.to_string()))?;
    let mut tx = app.begin().await?;
    let plan = crate::access::visible_plan(&mut tx, actor, plan_id).await?;
    let year = plan.year as i32;
    let plan_items = items::list(
        &mut tx,
        &items::ItemFilter {
            plan_id,
            ..Default::default()
        },
    )
    .await?;
    let units = duban_db::city::units_in(&mut tx, plan.government_id).await?;
    let mut errors: Vec<RowError> = table
        .errors
        .iter()
        .map(|e| row_error(e.row, e.column.as_deref(), &e.message))
        .collect();
    let mut rows = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut taken: Vec<i64> = Vec::new();
    for r in table.rows.iter().filter(|r| r.kind == RowKind::Item) {
        let Some(lead) = r.lead_unit.clone() else {
            errors.push(row_error(r.row, Some("牵头单位"), "没有填写牵头单位"));
            continue;
        };
        for u in std::iter::once(&lead).chain(&r.supporting_units) {
            if !units.iter().any(|x| &x.name == u) && !unknown.contains(u) {
                unknown.push(u.clone());
            }
        }
        let matched = find_item(&plan_items, &taken, &r.number, &r.content);
        let item_title = match &matched {
            Match::Number { item_id } | Match::Text { item_id, .. } => {
                taken.push(*item_id);
                plan_items
                    .iter()
                    .find(|i| i.id == *item_id)
                    .map(|i| i.title.clone())
            }
            Match::New => None,
        };
        if matched == Match::New && r.content.trim().is_empty() {
            let m = format!("没有填写任务内容，也找不到序号“{}”对应的事项", r.number);
            errors.push(row_error(r.row, Some("任务内容"), &m));
            continue;
        }
        rows.push(RowPlan {
            row: r.row,
            number: r.number.clone(),
            content: r.content.clone(),
            matched,
            item_title,
            lead_unit: lead,
            supporting_units: r.supporting_units.clone(),
            leader: r.leader.clone(),
            deadline: deadline_date(&r.deadline, year).and_then(|(y, m, d)| {
                time::Month::try_from(m)
                    .ok()
                    .and_then(|m| time::Date::from_calendar_date(y, m, d).ok())
            }),
            milestones: super::milestones::milestone_inputs(year, &r.milestones),
        });
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(RowError::new(0, None, "表中没有任务行"));
    }
    let mut preview = Preview {
        plan_id,
        rows,
        unknown_units: unknown,
        errors,
        applied: false,
    };
    if opts.dry_run {
        return Ok(preview);
    }
    if !preview.errors.is_empty() {
        return Err(AppError::Rows(preview.errors));
    }
    if !preview.unknown_units.is_empty() && !opts.create_units {
        return Err(AppError::BadInput(format!(
            "以下单位尚不存在：{}。确认无误后请加 --create-units 创建（或先用 duban unit add 添加、改正表中的单位名称），未导入任何数据",
            preview.unknown_units.join("、")
        )));
    }
    for name in &preview.unknown_units {
        let unit = org::insert_unit_in(
            &mut tx,
            Some(plan.government_id),
            name,
            None,
            UnitKind::from_name(name),
        )
        .await?;
        actor
            .audit(
                &mut tx,
                "add_unit",
                "unit",
                Some(unit.id),
                None,
                Some(serde_json::to_value(&unit).unwrap_or_default()),
            )
            .await?;
    }
    let units = duban_db::city::units_in(&mut tx, plan.government_id).await?;
    let unit_id = |name: &str| units.iter().find(|u| u.name == name).map(|u| u.id);
    let mut seq = plan_items.iter().map(|i| i.seq).max().unwrap_or(0);
    for r in &mut preview.rows {
        let item_id = match r.matched {
            Match::Number { item_id } | Match::Text { item_id, .. } => item_id,
            Match::New => {
                seq += 1;
                let title = crate::import::task_title(&r.content);
                items::insert(
                    &mut tx,
                    &items::NewItem {
                        plan_id,
                        section_id: None,
                        parent_id: None,
                        seq,
                        kind: ItemKind::Task,
                        title: &title,
                        text: r.content.trim(),
                        indicator: None,
                        value: None,
                        value_max: None,
                        unit: None,
                        op: None,
                        measure: None,
                        direction: None,
                        figure_year: None,
                        start_char: None,
                        end_char: None,
                    },
                )
                .await?
            }
        };
        let input = AssignInput {
            lead_unit_id: unit_id(&r.lead_unit).ok_or(AppError::NotFound)?,
            supporting_unit_ids: r
                .supporting_units
                .iter()
                .filter_map(|u| unit_id(u))
                .collect(),
            leader_user_id: None,
            leader_name: Some(r.leader.clone()),
            deadline: r.deadline,
            weight: None,
            cycle: None,
            // Rows without node columns keep the milestones the item has.
            milestones: (!r.milestones.is_empty()).then(|| r.milestones.clone()),
        };
        assign_in(&mut tx, actor, item_id, &input)
            .await
            .map_err(|e| match e {
                AppError::BadInput(m) => AppError::BadInput(format!("第{}行：{m}", r.row)),
                other => other,
            })?;
        if r.matched == Match::New {
            r.matched = Match::New;
            r.item_title = Some(format!("新建事项 {item_id}"));
        }
    }
    preview.applied = true;
    actor
        .audit(
            &mut tx,
            "import_decomposition",
            "plan",
            Some(plan_id),
            None,
            Some(serde_json::json!({
                "file": file_name,
                "rows": preview.rows.len(),
                "matched": preview.matched(),
                "created_items": preview.created(),
                "created_units": preview.unknown_units,
            })),
        )
        .await?;
    tx.commit().await?;
    Ok(preview)
}

/// A row problem whose message names the column, as the CLI prints only the message.
fn row_error(row: u32, column: Option<&str>, message: &str) -> RowError {
    let text = match column {
        Some(c) => format!("“{c}”列：{message}"),
        None => message.to_string(),
    };
    RowError::new(row as usize, column, text)
}

/// The item a row means, skipping items an earlier row took.
fn find_item(plan_items: &[Item], taken: &[i64], number: &str, content: &str) -> Match {
    let free = |i: &&Item| !taken.contains(&i.id);
    let text_of = |i: &Item| {
        if i.text.is_empty() {
            i.title.clone()
        } else {
            i.text.clone()
        }
    };
    if let Ok(id) = number.trim().parse::<i64>()
        && let Some(item) = plan_items.iter().filter(free).find(|i| i.id == id)
        && (content.trim().is_empty()
            || similarity(content, &text_of(item)) >= NUMBER_AGREES_AT
            || similarity(content, &item.title) >= NUMBER_AGREES_AT)
    {
        return Match::Number { item_id: id };
    }
    if content.trim().is_empty() {
        return Match::New;
    }
    let best = plan_items
        .iter()
        .filter(free)
        .map(|i| {
            let s = similarity(content, &text_of(i)).max(similarity(content, &i.title));
            (i.id, s)
        })
        // On a tie (the parser gives a sentence's figures the sentence as text) the first
        // in plan order wins, which is the task as the report lists it.
        .fold(None::<(i64, f64)>, |best, c| match best {
            Some(b) if b.1 >= c.1 => Some(b),
            _ => Some(c),
        });
    match best {
        Some((item_id, score)) if score >= MATCH_AT => Match::Text {
            item_id,
            score: (score * 100.0).round() / 100.0,
        },
        _ => Match::New,
    }
}
