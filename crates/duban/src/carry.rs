//! `duban carry-over`: start the next year's plan of a government from the previous one
//! (结转, issue 13): what is not finished moves on with its units and leader.

use anyhow::Result;
use clap::Args;
use duban_app::{Actor, App, carry, items};

#[derive(Args)]
pub struct CarryArgs {
    /// The government whose plan is carried over.
    #[arg(long)]
    government: String,
    /// The year carried from (its unfinished items go into the plan of the next year).
    #[arg(long)]
    from_year: i32,
    /// Only list what would be carried.
    #[arg(long)]
    dry_run: bool,
}

pub async fn carry_over(app: &App, a: CarryArgs) -> Result<()> {
    let from = items::plan_by_name(app, &a.government, a.from_year).await?;
    let cli = Actor::cli();
    let p = carry::preview(app, &cli, from.id).await?;
    for s in &p.carry {
        println!(
            "{}\t{}\t{}\t{}",
            s.item.id,
            s.item.title,
            s.item.lead_unit_name.as_deref().unwrap_or("（未交办）"),
            s.assessment.status.label()
        );
    }
    let into = match &p.into {
        Some(plan) => format!("加入已有的{}", plan.title),
        None => format!("新建{}年计划", p.to_year),
    };
    if a.dry_run {
        println!(
            "将结转 {} 项（{into}）；已完成 {} 项不结转，此前已结转 {} 项",
            p.carry.len(),
            p.finished,
            p.already
        );
        return Ok(());
    }
    let out = carry::carry_over(app, &cli, from.id).await?;
    println!(
        "已结转 {} 项到{}（计划编号 {}）；已完成 {} 项不结转",
        out.carried.len(),
        out.plan.title,
        out.plan.id,
        p.finished
    );
    Ok(())
}
