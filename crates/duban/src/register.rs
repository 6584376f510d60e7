//! `duban register …`: import, export and templates of the registers (重点项目, 建议提案,
//! 政务服务事项, 经济运行指标).

use anyhow::{Context, Result};
use clap::Subcommand;
use duban_app::registers::{self, io};
use duban_app::{Actor, App};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum RegisterCmd {
    /// Import a register from .xlsx or .csv (every row checked first; all or nothing).
    Import {
        /// projects | proposals | services | indicators (or 重点项目 …).
        kind: String,
        file: PathBuf,
        #[arg(long)]
        government: String,
        #[arg(long)]
        year: i32,
    },
    /// Export a register to .xlsx.
    Export {
        kind: String,
        file: PathBuf,
        #[arg(long)]
        government: String,
        #[arg(long)]
        year: i32,
    },
    /// Write an empty .xlsx template with the register's columns.
    Template { kind: String, file: PathBuf },
}

pub async fn run(app: &App, cmd: RegisterCmd) -> Result<()> {
    let cli = Actor::cli();
    match cmd {
        RegisterCmd::Import {
            kind,
            file,
            government,
            year,
        } => {
            let kind: io::RegisterKind = kind.parse()?;
            let g = registers::government_id(app, &Actor::cli(), &government).await?;
            let bytes =
                std::fs::read(&file).with_context(|| format!("无法读取 {}", file.display()))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let s = io::import(app, &cli, kind, g, year, &name, &bytes, app.today()).await?;
            println!(
                "{}台账导入完成：新增 {} 条，更新 {} 条",
                kind.label(),
                s.created,
                s.updated
            );
            for b in &s.proposed_bindings {
                println!(
                    "  建议关联：目标“{}”（编号 {}）← 指标“{}”",
                    b.item_title, b.item_id, b.indicator_name
                );
            }
            Ok(())
        }
        RegisterCmd::Export {
            kind,
            file,
            government,
            year,
        } => {
            let kind: io::RegisterKind = kind.parse()?;
            let g = registers::government_id(app, &Actor::cli(), &government).await?;
            let bytes = io::export(app, &cli, kind, g, year).await?;
            std::fs::write(&file, bytes).with_context(|| format!("无法写入 {}", file.display()))?;
            println!("已导出{}台账：{}", kind.label(), file.display());
            Ok(())
        }
        RegisterCmd::Template { kind, file } => {
            let kind: io::RegisterKind = kind.parse()?;
            std::fs::write(&file, io::template(kind)?)
                .with_context(|| format!("无法写入 {}", file.display()))?;
            println!("已生成{}台账模板：{}", kind.label(), file.display());
            Ok(())
        }
    }
}
