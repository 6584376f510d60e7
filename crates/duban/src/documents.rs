//! Office documents on the command line: `import decomposition`, `assign`, `export`, `brief`,
//! `review`. The
//! flags are parsed here; duban-app does the work.

use anyhow::{Result, anyhow, bail};
use clap::{Args, Subcommand, ValueEnum};
use duban_app::documents::{
    self, assign, brief as brief_doc, decomposition, export, review as review_doc,
};
use duban_app::{Actor, App, progress};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum ImportCmd {
    /// Import a 任务分解表 (.xlsx/.csv): each row assigns an item of the plan (matched by 序号
    /// or text, or created). All or nothing.
    Decomposition {
        file: PathBuf,
        #[arg(long)]
        government: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        /// Show the matches, unknown units and row errors; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Create the units the table names that do not exist yet.
        #[arg(long)]
        create_units: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportWhat {
    /// 任务分解表
    Decomposition,
    /// 落实情况表 for a period
    Progress,
}

pub async fn import(app: &App, cmd: ImportCmd) -> Result<()> {
    let ImportCmd::Decomposition {
        file,
        government,
        year,
        dry_run,
        create_units,
    } = cmd;
    let plan = documents::resolve_plan(app, government.as_deref(), year).await?;
    let bytes = crate::commands::read_input(&file)?;
    let p = decomposition::import(
        app,
        &Actor::cli(),
        plan.id,
        &file_name(&file),
        &bytes,
        decomposition::Options {
            dry_run,
            create_units,
        },
    )
    .await?;
    for r in &p.rows {
        let how = match &r.matched {
            decomposition::Match::Number { item_id } => format!("按序号对应事项 {item_id}"),
            decomposition::Match::Text { item_id, score } => {
                format!("按内容对应事项 {item_id}（相似度 {:.0}%）", score * 100.0)
            }
            decomposition::Match::New => "新建事项".to_string(),
        };
        println!(
            "第{}行  {}  →  {}  牵头：{}{}",
            r.row,
            crate::output::short(&r.content, 20),
            how,
            r.lead_unit,
            if r.supporting_units.is_empty() {
                String::new()
            } else {
                format!("  配合：{}", r.supporting_units.join("、"))
            }
        );
    }
    if !p.unknown_units.is_empty() {
        println!(
            "{}：{}",
            if p.applied {
                "已新建单位"
            } else {
                "以下单位尚不存在（加 --create-units 导入时创建）"
            },
            p.unknown_units.join("、")
        );
    }
    for e in &p.errors {
        eprintln!("{e}");
    }
    if p.applied {
        println!(
            "已导入分解表：{} 行，对应已有事项 {} 项，新建事项 {} 项",
            p.rows.len(),
            p.matched(),
            p.created()
        );
    } else if p.errors.is_empty() {
        println!("预览（未改动任何数据）：{} 行可导入", p.rows.len());
    } else {
        bail!("分解表有 {} 处错误，导入时将被拒绝", p.errors.len());
    }
    Ok(())
}

pub struct AssignArgs {
    pub item: i64,
    pub lead: String,
    pub support: Vec<String>,
    pub leader: Option<String>,
    pub deadline: Option<String>,
}

pub async fn assign(app: &App, a: AssignArgs) -> Result<()> {
    let deadline = a.deadline.as_deref().map(parse_date).transpose()?;
    let item = assign::assign_by_name(
        app,
        &Actor::cli(),
        a.item,
        &assign::ByName {
            lead_unit: &a.lead,
            supporting_units: &a.support,
            leader: a.leader.as_deref(),
            deadline,
        },
    )
    .await?;
    println!(
        "已交办事项 {}（{}）：牵头单位 {}",
        item.id,
        item.title,
        item.lead_unit_name.unwrap_or_default()
    );
    Ok(())
}

pub struct ExportArgs {
    pub what: ExportWhat,
    pub government: Option<String>,
    pub year: Option<i32>,
    pub period: Option<String>,
    pub per_unit: bool,
    pub out: PathBuf,
}

pub async fn export(app: &App, a: ExportArgs) -> Result<()> {
    let plan = documents::resolve_plan(app, a.government.as_deref(), a.year).await?;
    let cli = Actor::cli();
    let (_, bytes) = match a.what {
        ExportWhat::Decomposition => export::decomposition_xlsx(app, &cli, plan.id).await?,
        ExportWhat::Progress => {
            let period = match a.period {
                Some(p) => p.parse()?,
                None => progress::default_periods(app, &plan, app.today()).await?.1,
            };
            export::progress_xlsx(app, &cli, plan.id, period, a.per_unit).await?
        }
    };
    std::fs::write(&a.out, &bytes).map_err(|e| anyhow!("无法写入 {}：{e}", a.out.display()))?;
    println!("已导出到 {}", a.out.display());
    Ok(())
}

#[derive(Args)]
pub struct BriefArgs {
    #[arg(long)]
    government: Option<String>,
    #[arg(long)]
    year: Option<i32>,
    /// The month, YYYY-MM (default: the dashboard's period).
    #[arg(long)]
    period: Option<String>,
    /// The 期号 (default: the period's month).
    #[arg(long)]
    number: Option<u32>,
    #[arg(long)]
    out: PathBuf,
}

pub async fn brief(app: &App, a: BriefArgs) -> Result<()> {
    let plan = documents::resolve_plan(app, a.government.as_deref(), a.year).await?;
    let period = match a.period {
        Some(p) => p.parse()?,
        None => progress::default_periods(app, &plan, app.today()).await?.1,
    };
    let (_, bytes) = brief_doc::brief_docx(app, &Actor::cli(), plan.id, period, a.number).await?;
    std::fs::write(&a.out, &bytes).map_err(|e| anyhow!("无法写入 {}：{e}", a.out.display()))?;
    println!("已写出督查通报（{period}）到 {}", a.out.display());
    Ok(())
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ReviewFormat {
    Md,
    Docx,
}

#[derive(Args)]
pub struct ReviewArgs {
    #[arg(long)]
    government: Option<String>,
    #[arg(long)]
    year: i32,
    #[arg(long, value_enum, default_value_t = ReviewFormat::Md)]
    format: ReviewFormat,
    /// The file to write (default: standard output for Markdown).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub async fn review(app: &App, a: ReviewArgs) -> Result<()> {
    let r = review_doc::review(app, &Actor::cli(), a.government.as_deref(), a.year).await?;
    let today = app.today();
    match (a.format, a.out) {
        (ReviewFormat::Md, None) => print!("{}", r.markdown(today)),
        (ReviewFormat::Docx, None) => bail!(".docx 须用 --out 指定输出文件"),
        (f, Some(out)) => {
            let bytes = match f {
                ReviewFormat::Md => r.markdown(today).into_bytes(),
                ReviewFormat::Docx => r.docx(today)?,
            };
            std::fs::write(&out, &bytes).map_err(|e| anyhow!("无法写入 {}：{e}", out.display()))?;
            println!("已写出{}到 {}", r.file_stem(), out.display());
        }
    }
    Ok(())
}

/// A plan named by government and year (either may be left out when one plan fits).
#[derive(Args)]
pub struct PlanArgs {
    #[arg(long)]
    government: Option<String>,
    #[arg(long)]
    year: Option<i32>,
}

pub async fn reconcile(app: &App, a: PlanArgs) -> Result<()> {
    let plan = documents::resolve_plan(app, a.government.as_deref(), a.year).await?;
    let rows = documents::reconcile::reconcile(app, &Actor::cli(), plan.id).await?;
    let n = |v: Option<f64>| v.map(documents::fmt_num).unwrap_or_else(|| "—".into());
    println!("编号\t指标\t计划\t单位报送\t新报告\t对账");
    for r in &rows {
        println!(
            "{}\t{}（{}）\t{}\t{}\t{}\t{}",
            r.item_id,
            r.indicator,
            r.unit,
            n(r.planned),
            n(r.reported),
            n(r.stated),
            r.note
        );
    }
    let differ = rows.iter().filter(|r| r.agree == Some(false)).count();
    println!("共 {} 项量化指标，{} 项不一致", rows.len(), differ);
    Ok(())
}

/// YYYY-MM-DD (also with / or .).
fn parse_date(s: &str) -> Result<time::Date> {
    let parts: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
    let bad = || anyhow!("日期“{s}”无效，应为 YYYY-MM-DD");
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    let (y, m, d): (i32, u8, u8) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    let month = time::Month::try_from(m).map_err(|_| bad())?;
    time::Date::from_calendar_date(y, month, d).map_err(|_| bad())
}

pub fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
