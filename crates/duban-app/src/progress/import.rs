//! The import of progress collected the old way (CSV/Excel).

use super::*;

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
    let mut tx = app.begin().await?;
    crate::access::require_plan(&mut tx, actor, plan.id).await?;
    // Unit names repeat across a city's governments: the plan's own units only.
    let units: Vec<(i64, String)> = duban_db::city::units_in(&mut tx, plan.government_id)
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
