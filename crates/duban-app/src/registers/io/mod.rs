//! Import and export of each register as .xlsx (import also takes .csv), and downloadable
//! templates. Header variants are tolerated (项目名称/名称, 牵头单位/责任单位 …). An import
//! checks every row first and names row and column of each error; one bad row rejects the
//! whole file, and a good file is written in one transaction with one audit record.

mod cells;
mod export;
mod kinds;

use crate::{Actor, App, AppError, Result};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use time::Date;

pub use kinds::ImportSummary;

/// Which register a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegisterKind {
    Projects,
    Proposals,
    Services,
    Indicators,
}

impl RegisterKind {
    pub const ALL: [RegisterKind; 4] = [
        Self::Projects,
        Self::Proposals,
        Self::Services,
        Self::Indicators,
    ];
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Projects => "projects",
            Self::Proposals => "proposals",
            Self::Services => "services",
            Self::Indicators => "indicators",
        }
    }
    pub const fn label(self) -> &'static str {
        match self {
            Self::Projects => "重点项目",
            Self::Proposals => "建议提案",
            Self::Services => "政务服务事项",
            Self::Indicators => "经济运行指标",
        }
    }
}

impl fmt::Display for RegisterKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RegisterKind {
    type Err = AppError;
    fn from_str(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|k| {
                k.as_str() == s || k.label() == s || (s.len() > 3 && k.as_str().starts_with(s))
            })
            .ok_or_else(|| {
                AppError::BadInput(format!(
                    "未知的台账：{s}（可选 projects、proposals、services、indicators）"
                ))
            })
    }
}

/// Largest file and row count an import takes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_ROWS: usize = 20_000;

/// An empty workbook with the register's header row, to fill in.
pub fn template(kind: RegisterKind) -> Result<Vec<u8>> {
    let header = kinds::header(kind);
    duban_office::table::write_xlsx(kind.label(), &header, &[]).map_err(AppError::internal)
}

/// The file name offered for a download.
pub fn file_name(kind: RegisterKind, year: i32) -> String {
    format!("{}台账{year}.xlsx", kind.label())
}

/// The register as the actor may see it, as .xlsx. Reading it back gives the same entries.
pub async fn export(
    app: &App,
    actor: &Actor,
    kind: RegisterKind,
    government_id: i64,
    year: i32,
) -> Result<Vec<u8>> {
    {
        let mut tx = app.db.read().await?;
        crate::access::require_government(&mut tx, actor, government_id).await?;
    }
    let rows = export::rows(app, actor, kind, government_id, year).await?;
    duban_office::table::write_xlsx(kind.label(), &kinds::header(kind), &rows)
        .map_err(AppError::internal)
}

/// Imports a register file (office only). Existing entries with the same key (项目名称;
/// 类别+编号; 事项名称+实施部门; 指标+期间) are updated, others created.
#[allow(clippy::too_many_arguments)]
pub async fn import(
    app: &App,
    actor: &Actor,
    kind: RegisterKind,
    government_id: i64,
    year: i32,
    file_name: &str,
    bytes: &[u8],
    today: Date,
) -> Result<ImportSummary> {
    crate::access::registers::require_office(actor)?;
    {
        let mut tx = app.db.read().await?;
        crate::access::require_government(&mut tx, actor, government_id).await?;
    }
    if bytes.len() > MAX_BYTES {
        return Err(AppError::BadInput(format!(
            "文件不能超过 {} MB",
            MAX_BYTES / 1024 / 1024
        )));
    }
    let table = duban_office::table::read(file_name, bytes)
        .map_err(|e| AppError::BadInput(e.to_string()))?;
    if table.rows.is_empty() {
        return Err(AppError::BadInput("文件中没有数据行".into()));
    }
    if table.rows.len() > MAX_ROWS {
        return Err(AppError::BadInput(format!("一次最多导入 {MAX_ROWS} 行")));
    }
    let _ = today; // kept in the signature: later rules (e.g. 交办 defaults) need the date
    kinds::import(app, actor, kind, government_id, year, file_name, &table).await
}

/// Joins row errors into one message (the first 20, then a count).
pub(crate) fn errors_message(errors: &[String]) -> AppError {
    let mut msg = format!(
        "导入失败，未导入任何数据。共 {} 处错误：\n{}",
        errors.len(),
        errors[..errors.len().min(20)].join("\n")
    );
    if errors.len() > 20 {
        msg.push_str(&format!("\n……另有 {} 处", errors.len() - 20));
    }
    AppError::BadInput(msg)
}
