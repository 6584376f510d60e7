//! 导入: what an import brought.

use duban_app::import::ImportSummary;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct ImportSummaryDto {
    pub plan_id: i64,
    pub government: String,
    pub year: i32,
    /// 识别出的文件编码，例如 UTF-8、GB18030/GBK
    pub encoding: String,
    pub sections: usize,
    pub targets: usize,
    pub tasks: usize,
    /// 上年实绩数
    pub actuals: usize,
    /// 解析提示数
    pub diagnostics: usize,
}

impl From<ImportSummary> for ImportSummaryDto {
    fn from(s: ImportSummary) -> Self {
        Self {
            plan_id: s.plan_id,
            government: s.government,
            year: s.year,
            encoding: s.encoding,
            sections: s.sections,
            targets: s.targets,
            tasks: s.tasks,
            actuals: s.actuals,
            diagnostics: s.diagnostics,
        }
    }
}

/// The multipart form of a report import.
#[derive(ToSchema)]
#[allow(dead_code)] // describes a multipart body, read by `ImportForm`
pub struct ImportUpload {
    /// 报告全文（.txt 或 .docx，UTF-8、GBK 等编码均可）
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// 政府名称，例如 山城区
    government: String,
    /// 年份；省略时取报告自身的年份
    year: Option<i32>,
}
