//! Office documents above the office library: the 分解表 in (matched to the plan's items) and
//! out, assignment by unit names for scripts, the 落实情况表. Every function checks the actor
//! and writes its change with its audit record in one transaction.

pub mod assign;
pub mod brief;
pub mod decomposition;
pub mod export;
pub mod milestones;
pub mod reconcile;
pub mod review;
mod similar;

pub use similar::similarity;

use crate::{App, AppError, Result};
use duban_db::{Plan, plans};

/// The plan a command means: the one of `government` and `year` when given; when one is
/// left out, the only plan that fits the other (as on the demo database).
pub async fn resolve_plan(app: &App, government: Option<&str>, year: Option<i32>) -> Result<Plan> {
    let government = government.map(str::trim).filter(|g| !g.is_empty());
    if let (Some(g), Some(y)) = (government, year) {
        return crate::items::plan_by_name(app, g, y).await;
    }
    let mut tx = app.db.read().await?;
    let all = plans::list(&mut tx).await?;
    let fits: Vec<Plan> = all
        .into_iter()
        .filter(|p| government.is_none_or(|g| p.government_name == g))
        .filter(|p| year.is_none_or(|y| p.year == i64::from(y)))
        .collect();
    match fits.len() {
        1 => Ok(fits.into_iter().next().expect("one plan")),
        0 => Err(AppError::BadInput(
            "没有符合条件的计划，请先用 duban import 导入报告，或用 --government 和 --year 指定"
                .into(),
        )),
        n => Err(AppError::BadInput(format!(
            "有 {n} 个计划符合条件，请用 --government 和 --year 指定是哪一个"
        ))),
    }
}

/// A number as people write it: no ".0" on whole numbers.
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{}", (v * 1e6).round() / 1e6)
    }
}
