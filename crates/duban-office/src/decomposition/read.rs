//! Reading a 任务分解表 as offices keep it: a title row or two, the header somewhere in the
//! first rows (with its variants), blank columns, merged cells, several units in one cell.

use super::header::{is_header_name, map_header, norm};
use super::{
    Column, Decomposition, DecompositionRow, Limits, Milestone, RowError, RowKind, split_units,
};
use crate::check::{Expected, FileError, FileKind, check};
use calamine::Reader;
use std::io::Cursor;

/// Why a whole file could not be read (row problems are [`RowError`]s instead).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecompositionError {
    #[error("{0}")]
    File(#[from] FileError),
    #[error(
        "没有找到表头：前{0}行中没有同时含“任务内容”和“牵头单位”（或“责任单位”）等列名的行；请检查是否选错了文件或工作表"
    )]
    NoHeader(usize),
    #[error("数据行过多（超过 {limit} 行）；请拆分后再导入")]
    TooManyRows { limit: usize },
    #[error("无法读取 CSV 文件：{0}")]
    Csv(String),
    #[error("无法读取 Excel 文件：{0}")]
    Workbook(String),
}

/// A workbook's parts together may unpack to this many bytes at most.
const MAX_UNPACKED: u64 = 200 << 20;

/// How many rows from the top are searched for the header.
const HEADER_SEARCH: usize = 15;

/// Reads a decomposition table from .xlsx (first sheet; merged cells applied), .xls or .csv
/// (UTF-8 or GBK). Returns every good row and every bad row's problem.
pub fn read_decomposition(
    file_name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Decomposition, DecompositionError> {
    let kind = check(bytes, Expected::Table, limits.max_bytes)?;
    let unpacked = crate::check::unpacked_size(bytes);
    if unpacked > MAX_UNPACKED {
        return Err(FileError::TooLarge {
            size: unpacked as usize,
            limit: MAX_UNPACKED as usize,
        }
        .into());
    }
    let grid = match kind {
        FileKind::Xlsx => xlsx_grid(bytes)?,
        FileKind::LegacyXls | FileKind::OpenDocument => workbook_grid(bytes)?,
        _ => {
            let lower = file_name.to_lowercase();
            if !(lower.ends_with(".csv") || lower.ends_with(".txt") || !lower.contains('.')) {
                return Err(FileError::WrongType {
                    found: "无法识别的文件",
                    expected: "Excel（.xlsx）或 CSV 表格",
                }
                .into());
            }
            csv_grid(bytes)?
        }
    };
    parse_grid(grid, limits)
}

type Grid = Vec<Vec<String>>;

fn csv_grid(bytes: &[u8]) -> Result<Grid, DecompositionError> {
    let (text, _) = crate::text::decode(bytes).map_err(FileError::from)?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| DecompositionError::Csv(e.to_string()))?;
        out.push(rec.iter().map(|c| c.trim().to_string()).collect());
    }
    Ok(out)
}

/// The first sheet at its true coordinates, with each merged region's value copied down its
/// first column (a 牵头单位 merged over five rows leads all five; a heading merged across the
/// row stays in its first cell, so it does not turn into units).
fn xlsx_grid(bytes: &[u8]) -> Result<Grid, DecompositionError> {
    let bad = |e: calamine::XlsxError| DecompositionError::Workbook(e.to_string());
    let mut wb: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes)).map_err(bad)?;
    let name = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| DecompositionError::Workbook("工作簿中没有工作表".into()))?;
    let range = wb.worksheet_range(&name).map_err(bad)?;
    let merges = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let (r1, c1) = range.end().unwrap_or((0, 0));
    let mut grid: Grid = vec![vec![String::new(); c1 as usize + 1]; r1 as usize + 1];
    for (r, row) in range.rows().enumerate() {
        for (c, d) in row.iter().enumerate() {
            grid[r0 as usize + r][c0 as usize + c] = crate::table::cell_text(d);
        }
    }
    for m in merges {
        let (mr, mc) = (m.start.0 as usize, m.start.1 as usize);
        let Some(v) = grid.get(mr).and_then(|r| r.get(mc)).cloned() else {
            continue;
        };
        for r in mr + 1..=(m.end.0 as usize).min(grid.len().saturating_sub(1)) {
            if let Some(cell) = grid[r].get_mut(mc)
                && cell.is_empty()
            {
                *cell = v.clone();
            }
        }
    }
    Ok(grid)
}

fn workbook_grid(bytes: &[u8]) -> Result<Grid, DecompositionError> {
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| DecompositionError::Workbook(e.to_string()))?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or_else(|| DecompositionError::Workbook("工作簿中没有工作表".into()))?
        .map_err(|e| DecompositionError::Workbook(e.to_string()))?;
    let (r0, _) = range.start().unwrap_or((0, 0));
    let mut grid: Grid = vec![Vec::new(); r0 as usize];
    grid.extend(
        range
            .rows()
            .map(|r| r.iter().map(crate::table::cell_text).collect()),
    );
    Ok(grid)
}

fn parse_grid(grid: Grid, limits: &Limits) -> Result<Decomposition, DecompositionError> {
    let search = grid.len().min(HEADER_SEARCH);
    let (header_at, mut columns) = (0..search)
        .map(|i| (i, map_header(&grid[i])))
        .filter(|(_, m)| {
            m.iter().any(|(_, c)| *c == Column::Content)
                && m.iter().any(|(_, c)| *c == Column::Lead)
                && m.len() >= 3
        })
        .max_by_key(|(i, m)| (m.len(), usize::MAX - i))
        .ok_or(DecompositionError::NoHeader(HEADER_SEARCH))?;
    let header = &grid[header_at];
    let mut labels: Vec<String> = header.iter().map(|h| norm(h)).collect();
    // The title is a row above the header with one cell filled (merged across the table);
    // a row with several names is the upper half of a two-row header.
    let title = grid[..header_at].iter().find_map(|r| {
        let mut filled = r.iter().filter(|c| !c.trim().is_empty());
        match (filled.next(), filled.next()) {
            (Some(t), None) => Some(t.trim().to_string()),
            _ => None,
        }
    });

    let content_col = columns
        .iter()
        .find(|(_, c)| *c == Column::Content)
        .map(|(i, _)| *i);
    // A second header row under merged parents — 责任单位 over 牵头单位 | 配合单位, 季度节点 over
    // 一季度 … 四季度: its names replace the parent's where it has one. (Cells merged down from
    // the first header row repeat that row's names, so the content column may repeat too.)
    let mut first_data = header_at + 1;
    if let Some(sub) = grid.get(header_at + 1) {
        let cell =
            |r: &Vec<String>, i: usize| r.get(i).map(|s| s.trim().to_string()).unwrap_or_default();
        let named = sub.iter().filter(|v| is_header_name(v)).count();
        let content_free = content_col.is_none_or(|c| {
            let v = cell(sub, c);
            v.is_empty() || v == cell(header, c)
        });
        if named >= 2 && content_free {
            let combined: Vec<String> = (0..header.len().max(sub.len()))
                .map(|i| {
                    let s = cell(sub, i);
                    if s.is_empty() { cell(header, i) } else { s }
                })
                .collect();
            let remapped = map_header(&combined);
            let has = |c: Column| remapped.iter().any(|(_, x)| *x == c);
            if has(Column::Content) && has(Column::Lead) {
                columns = remapped;
                labels = combined.iter().map(|h| norm(h)).collect();
                first_data += 1;
            }
        }
    }

    let mut out = Decomposition {
        title,
        columns: columns
            .iter()
            .map(|(i, c)| (labels.get(*i).cloned().unwrap_or_default(), *c))
            .collect(),
        ..Decomposition::default()
    };
    let mut data_rows = 0usize;
    for (idx, cells) in grid.iter().enumerate().skip(first_data) {
        let row_no = idx as u32 + 1;
        let get = |i: usize| cells.get(i).map(|s| s.trim()).unwrap_or("");
        if columns.iter().all(|(i, _)| get(*i).is_empty()) {
            continue;
        }
        data_rows += 1;
        if data_rows > limits.max_rows {
            return Err(DecompositionError::TooManyRows {
                limit: limits.max_rows,
            });
        }
        let long = columns
            .iter()
            .find(|(i, _)| get(*i).chars().count() > limits.max_cell_chars);
        if let Some((i, _)) = long {
            out.errors.push(RowError {
                row: row_no,
                column: labels.get(*i).cloned(),
                message: format!(
                    "内容过长（{} 字，上限 {} 字）",
                    get(*i).chars().count(),
                    limits.max_cell_chars
                ),
            });
            continue;
        }
        let one = |col: Column| {
            columns
                .iter()
                .find(|(_, c)| *c == col)
                .map(|(i, _)| get(*i).to_string())
                .unwrap_or_default()
        };
        let mut row = DecompositionRow::item(&one(Column::Number), &one(Column::Content));
        row.row = row_no;
        row.target = one(Column::Target);
        row.leader = one(Column::Leader);
        row.deadline = one(Column::Deadline);
        row.milestones = columns
            .iter()
            .filter(|(i, c)| *c == Column::Milestone && !get(*i).is_empty())
            .map(|(i, _)| Milestone {
                label: labels.get(*i).cloned().unwrap_or_default(),
                text: get(*i).to_string(),
            })
            .collect();
        let mut units = split_units(&one(Column::Lead));
        for u in split_units(&one(Column::Support)) {
            if !units.contains(&u) {
                units.push(u);
            }
        }
        let mut units = units.into_iter();
        row.lead_unit = units.next();
        row.supporting_units = units.collect();

        if row.content.is_empty() {
            let col = columns
                .iter()
                .find(|(_, c)| *c == Column::Content)
                .and_then(|(i, _)| labels.get(*i).cloned());
            out.errors.push(RowError {
                row: row_no,
                column: col,
                message: "缺少任务内容".into(),
            });
            continue;
        }
        let nothing_assigned = row.lead_unit.is_none()
            && row.leader.is_empty()
            && row.deadline.is_empty()
            && row.target.is_empty()
            && row.milestones.is_empty();
        if nothing_assigned {
            let c = row.content.as_str();
            if row.number.is_empty() && (c.starts_with("注") || c.starts_with("说明")) {
                continue; // a note under the table
            }
            row.kind = RowKind::Section;
        } else if row.lead_unit.is_none() {
            let col = columns
                .iter()
                .find(|(_, c)| *c == Column::Lead)
                .and_then(|(i, _)| labels.get(*i).cloned());
            out.errors.push(RowError {
                row: row_no,
                column: col,
                message: "缺少牵头单位".into(),
            });
            continue;
        }
        out.rows.push(row);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        rows.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn every_bad_row_is_reported_with_its_row_number() {
        let g = grid(&[
            &["2024年重点任务分解表", "", "", ""],
            &["序号", "任务内容", "牵头单位", "完成时限"],
            &["1", "", "区发改局", "12月底"],
            &["2", "建设产业园", "", "12月底"],
            &["3", "新建高标准农田", "区农业农村局", "10月底"],
            &["", "一、民生实事", "", ""],
            &["4", &"长".repeat(30), "区民政局", ""],
        ]);
        let d = parse_grid(
            g,
            &Limits {
                max_cell_chars: 20,
                ..Limits::default()
            },
        )
        .unwrap();
        assert_eq!(d.title.as_deref(), Some("2024年重点任务分解表"));
        let errs: Vec<String> = d.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            errs,
            [
                "第3行“任务内容”列：缺少任务内容",
                "第4行“牵头单位”列：缺少牵头单位",
                "第7行“任务内容”列：内容过长（30 字，上限 20 字）"
            ]
        );
        assert_eq!(d.rows.len(), 2);
        assert_eq!(d.rows[0].row, 5);
        assert_eq!(d.rows[1].kind, RowKind::Section);
    }

    #[test]
    fn unit_columns_under_a_merged_parent() {
        let g = grid(&[
            &["序号", "任务内容", "责任领导", "责任单位", "", "完成时限"],
            &[
                "序号",
                "任务内容",
                "责任领导",
                "牵头单位",
                "配合单位",
                "完成时限",
            ],
            &["1", "任务甲", "张三", "区财政局", "区税务局", "6月底"],
        ]);
        let d = parse_grid(g, &Limits::default()).unwrap();
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(d.rows.len(), 1);
        assert_eq!(d.rows[0].lead_unit.as_deref(), Some("区财政局"));
        assert_eq!(d.rows[0].supporting_units, ["区税务局"]);
    }

    #[test]
    fn quarter_sub_header_and_row_limit() {
        let g = grid(&[
            &["序号", "任务内容", "牵头单位", "季度节点", "", "", ""],
            &["", "", "", "一季度", "二季度", "三季度", "四季度"],
            &["1", "任务甲", "区财政局", "启动", "", "过半", "完成"],
        ]);
        let d = parse_grid(g.clone(), &Limits::default()).unwrap();
        assert_eq!(
            d.rows[0].milestones,
            [
                Milestone {
                    label: "一季度".into(),
                    text: "启动".into()
                },
                Milestone {
                    label: "三季度".into(),
                    text: "过半".into()
                },
                Milestone {
                    label: "四季度".into(),
                    text: "完成".into()
                },
            ]
        );
        let e = parse_grid(
            g,
            &Limits {
                max_rows: 0,
                ..Limits::default()
            },
        )
        .unwrap_err();
        assert_eq!(e, DecompositionError::TooManyRows { limit: 0 });
        assert!(matches!(
            parse_grid(grid(&[&["a", "b"]]), &Limits::default()),
            Err(DecompositionError::NoHeader(_))
        ));
    }
}
