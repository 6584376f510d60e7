//! The 任务分解表: which unit leads each target or task, who supports, which leader answers for
//! it, by when, with which quarterly or monthly milestones (B1). Read from what offices already
//! have (.xlsx/.csv, title rows, variant headers, merged cells) and written in the layout they
//! send out; what is written reads back as the same rows.

mod deadline;
mod header;
mod read;
mod write;

pub use deadline::deadline_date;
pub use read::{DecompositionError, read_decomposition};
pub use write::write_decomposition;

/// Input limits for a decomposition table.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_bytes: usize,
    /// Data rows (after the header) at most.
    pub max_rows: usize,
    /// Characters in one cell at most; longer cells are row errors.
    pub max_cell_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 10 << 20,
            max_rows: 5_000,
            max_cell_chars: 2_000,
        }
    }
}

/// A column the reader knows, with the Chinese name the writer gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Number,
    Content,
    Target,
    Leader,
    Lead,
    Support,
    Deadline,
    /// One milestone column (季度/月度节点, 一季度, 6月 …); there may be several.
    Milestone,
}

impl Column {
    pub fn label(self) -> &'static str {
        match self {
            Column::Number => "序号",
            Column::Content => "任务内容",
            Column::Target => "量化指标",
            Column::Leader => "责任领导",
            Column::Lead => "牵头单位",
            Column::Support => "配合单位",
            Column::Deadline => "完成时限",
            Column::Milestone => "季度/月度节点",
        }
    }
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A target or task with its assignment.
    Item,
    /// A group heading such as "一、经济发展" (content only, nothing assigned).
    Section,
}

/// One milestone: its label (the column header, e.g. "一季度" or "季度/月度节点") and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub label: String,
    pub text: String,
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecompositionRow {
    /// The row number in the file (1-based, as Excel shows it); 0 for rows built in code.
    pub row: u32,
    pub kind: RowKind,
    /// 序号 as written ("1", "一", "（三）").
    pub number: String,
    /// 任务内容, line breaks kept.
    pub content: String,
    /// 量化指标.
    pub target: String,
    /// 责任领导, as written (may name several).
    pub leader: String,
    /// The first-listed unit, which leads and reports.
    pub lead_unit: Option<String>,
    /// The other units, in the order listed (牵头单位 after the first, then 配合单位).
    pub supporting_units: Vec<String>,
    /// 完成时限 as written ("2024年12月底", "长期坚持").
    pub deadline: String,
    pub milestones: Vec<Milestone>,
}

impl DecompositionRow {
    /// An item row with nothing filled but its content.
    pub fn item(number: &str, content: &str) -> Self {
        DecompositionRow {
            row: 0,
            kind: RowKind::Item,
            number: number.into(),
            content: content.into(),
            target: String::new(),
            leader: String::new(),
            lead_unit: None,
            supporting_units: Vec::new(),
            deadline: String::new(),
            milestones: Vec::new(),
        }
    }
}

/// A problem with one row; the reader reports every one, not just the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: u32,
    /// The column's header as written in the file, when the problem is in one cell.
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(c) => write!(f, "第{}行“{}”列：{}", self.row, c, self.message),
            None => write!(f, "第{}行：{}", self.row, self.message),
        }
    }
}

/// A table read from a file: the good rows and the problems, for the caller to show and to
/// decide (all or nothing is the caller's rule).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decomposition {
    /// The title row above the header, when there is one ("山城区2024年政府工作报告重点任务分解表").
    pub title: Option<String>,
    /// Which columns were found: the file's header text and what it was taken as.
    pub columns: Vec<(String, Column)>,
    pub rows: Vec<DecompositionRow>,
    pub errors: Vec<RowError>,
}

/// Splits a cell naming several units on 、，, ;；/ and line breaks, dropping "等" at the end
/// and repeats. The first is the lead.
pub fn split_units(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in cell.split(['、', '，', ',', ';', '；', '\n', '\r', '/', '／']) {
        let p = part.trim().trim_end_matches('等').trim();
        if !p.is_empty() && !out.iter().any(|x| x == p) {
            out.push(p.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_split_on_every_separator_first_leads() {
        assert_eq!(
            split_units("区发改局、区财政局，区统计局,区住建局;区水利局；区农业农村局\n区商务局等"),
            [
                "区发改局",
                "区财政局",
                "区统计局",
                "区住建局",
                "区水利局",
                "区农业农村局",
                "区商务局"
            ]
        );
        assert_eq!(split_units(" 、区发改局、区发改局 "), ["区发改局"]);
        assert!(split_units("").is_empty());
    }
}
