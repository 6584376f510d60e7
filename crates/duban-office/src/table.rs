//! Tables in: CSV (UTF-8 or GBK, as Excel/WPS save it) and Excel workbooks (first sheet).
//! Tables out: Excel workbooks.

use calamine::{Data, Reader};
use std::io::Cursor;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TableError {
    #[error("文件为空")]
    Empty,
    #[error("不支持的文件类型：{0}（请使用 .csv 或 .xlsx）")]
    UnsupportedType(String),
    #[error("无法读取 Excel 文件：{0}")]
    BadWorkbook(String),
    #[error("无法读取 CSV 文件：{0}")]
    BadCsv(String),
    #[error("{0}")]
    Text(#[from] crate::text::TextError),
    #[error("无法写出 Excel 文件：{0}")]
    Write(String),
    /// Not a readable table at all: old .doc, encrypted, PDF, broken zip, a Word file.
    #[error("{0}")]
    File(#[from] crate::check::FileError),
}

/// A table read from a file: the header row and the data rows, every cell as trimmed text.
/// Row numbers for messages are `index + 2` (the header is row 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The index of the first header cell equal to one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header
            .iter()
            .position(|h| names.iter().any(|n| h.trim() == *n))
    }
}

/// Largest table file [`read`] accepts.
pub const MAX_TABLE_BYTES: usize = 20 << 20;

/// Reads a .csv, .xlsx, .xlsm, .xls or .ods file by its name's extension. Files that are not
/// what their name says (an encrypted or old-format workbook, a .docx, a PDF, a broken zip)
/// are refused with [`TableError::File`] and a message saying what to do.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Table, TableError> {
    if bytes.is_empty() {
        return Err(TableError::Empty);
    }
    crate::check::check(bytes, crate::check::Expected::Table, MAX_TABLE_BYTES)?;
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let rows = match ext.as_str() {
        "csv" | "txt" => read_csv(bytes)?,
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(bytes)?,
        _ => return Err(TableError::UnsupportedType(file_name.to_string())),
    };
    let mut it = rows.into_iter().filter(|r| r.iter().any(|c| !c.is_empty()));
    let header = it.next().ok_or(TableError::Empty)?;
    Ok(Table {
        header,
        rows: it.collect(),
    })
}

fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, TableError> {
    let (text, _) = crate::text::decode(bytes)?;
    if let Some(line) = unterminated_quote(&text) {
        return Err(TableError::BadCsv(format!(
            "第{line}行：引号未闭合（该单元格以英文双引号开头，但文件中没有与之配对的结束引号）"
        )));
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| TableError::BadCsv(e.to_string()))?;
        out.push(rec.iter().map(|c| c.trim().to_string()).collect());
    }
    Ok(out)
}

/// The line on which a quoted field opens and never closes, if any: the csv crate would
/// silently take the rest of the file as that one cell, swallowing the rows after it.
fn unterminated_quote(text: &str) -> Option<usize> {
    let (mut line, mut opened) = (1, 0);
    let (mut in_quote, mut field_start) = (false, true);
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\n' {
            line += 1;
        }
        if in_quote {
            if c == '"' {
                if it.peek() == Some(&'"') {
                    it.next();
                } else {
                    in_quote = false;
                }
            }
            continue;
        }
        match c {
            '"' if field_start => {
                in_quote = true;
                opened = line;
                field_start = false;
            }
            ',' | '\n' => field_start = true,
            '\r' => {}
            _ => field_start = false,
        }
    }
    in_quote.then_some(opened)
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<Vec<String>>, TableError> {
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| TableError::BadWorkbook(e.to_string()))?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or_else(|| TableError::BadWorkbook("工作簿中没有工作表".into()))?
        .map_err(|e| TableError::BadWorkbook(e.to_string()))?;
    Ok(range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect())
}

pub(crate) fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                format!("{f}")
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("{e:?}"),
    }
}

/// Writes one sheet with a bold, frozen header row and autofilter.
pub fn write_xlsx(
    sheet: &str,
    header: &[&str],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, TableError> {
    use rust_xlsxwriter::{Format, Workbook};
    let w = |e: rust_xlsxwriter::XlsxError| TableError::Write(e.to_string());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).map_err(w)?;
    let bold = Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(w)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(n) if !v.is_empty() && n.is_finite() && !v.starts_with('0') || v == "0" => {
                    ws.write_number(r as u32 + 1, c as u16, v.parse::<f64>().unwrap_or(0.0))
                        .map_err(w)?;
                }
                _ => {
                    ws.write_string(r as u32 + 1, c as u16, v).map_err(w)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(w)?;
    if !rows.is_empty() {
        ws.autofilter(
            0,
            0,
            rows.len() as u32,
            header.len().saturating_sub(1) as u16,
        )
        .map_err(w)?;
    }
    wb.save_to_buffer().map_err(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_csv_in_gbk_and_skips_blank_rows() {
        let csv = "编号,单位,期间\n1,发改委,2024-06\n,,\n2,统计局,2024-06\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(csv);
        let t = read("p.csv", &gbk).unwrap();
        assert_eq!(t.header, vec!["编号", "单位", "期间"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.column(&["单位"]), Some(1));
    }

    #[test]
    fn an_unterminated_quote_is_an_error_naming_its_row() {
        let csv = "编号,单位,期间\n1,发改委,\"2024-06\n2,统计局,2024-06\n";
        let e = read("p.csv", csv.as_bytes()).unwrap_err();
        assert!(
            matches!(&e, TableError::BadCsv(m) if m.contains("第2行") && m.contains("引号")),
            "{e:?}"
        );
        // Quotes that close, doubled quotes and quoted line breaks stay fine.
        let ok = "编号,进展情况\n1,\"说\"\"好\"\"的\n第二行\"\n2,\"x\"\n";
        let t = read("p.csv", ok.as_bytes()).unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][1], "说\"好\"的\n第二行");
    }

    #[test]
    fn xlsx_round_trips() {
        let bytes = write_xlsx(
            "进度",
            &["编号", "累计完成值"],
            &[vec!["7".into(), "12.5".into()]],
        )
        .unwrap();
        let t = read("x.xlsx", &bytes).unwrap();
        assert_eq!(t.header, vec!["编号", "累计完成值"]);
        assert_eq!(t.rows, vec![vec!["7".to_string(), "12.5".to_string()]]);
    }

    #[test]
    fn refuses_broken_and_unknown_files() {
        assert!(matches!(
            read("x.xlsx", b"PK\x03\x04garbage"),
            Err(TableError::File(crate::check::FileError::Broken(_)))
        ));
        let enc = crate::check::ole_stub(&["EncryptionInfo", "EncryptedPackage"]);
        assert!(
            read("x.xlsx", &enc)
                .unwrap_err()
                .to_string()
                .contains("取消密码")
        );
        let doc = crate::check::ole_stub(&["WordDocument"]);
        assert!(
            read("x.xls", &doc)
                .unwrap_err()
                .to_string()
                .contains("Word")
        );
        assert!(matches!(
            read("x.doc", b"abc"),
            Err(TableError::UnsupportedType(_))
        ));
        assert_eq!(read("x.csv", b""), Err(TableError::Empty));
    }
}
