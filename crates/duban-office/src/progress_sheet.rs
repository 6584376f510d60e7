//! The period's 落实情况表: every item with its lead unit, 序时进度, figure, completion, status,
//! light (as the cell's colour) and latest 进展情况 — the 通报's 附件 and the office's working list.

use crate::table::TableError;
use duban_core::status::{Light, Status};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

/// One item of the table, as the app computed it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressRow {
    /// 序号 / item number as shown in the plan.
    pub number: String,
    pub content: String,
    pub lead_unit: String,
    /// 序时进度 as a share (0.5 = 50%); `None` when it does not apply.
    pub time_progress: Option<f64>,
    /// The reported figure as people read it ("累计完成45.2亿元"); empty when none.
    pub figure: String,
    /// Completion as a share of the annual target (0.62 = 62%).
    pub completion: Option<f64>,
    pub status: Status,
    pub light: Light,
    /// The latest 进展情况 text.
    pub progress: String,
}

/// The whole table: a title ("山城区2024年政府工作报告重点任务落实情况表（1—6月）"), the rows,
/// and whether to add one sheet per lead unit after the full list.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressSheet {
    pub title: String,
    pub rows: Vec<ProgressRow>,
    pub sheet_per_unit: bool,
}

const HEADERS: [(&str, f64); 9] = [
    ("序号", 6.0),
    ("任务内容", 44.0),
    ("牵头单位", 16.0),
    ("序时进度", 10.0),
    ("完成数据", 18.0),
    ("完成率", 10.0),
    ("状态", 10.0),
    ("预警", 8.0),
    ("进展情况", 50.0),
];

/// The fill of a light's cell (Excel's standard red, yellow and green).
pub fn light_colour(light: Light) -> Option<u32> {
    match light {
        Light::Red => Some(0xFF0000),
        Light::Yellow => Some(0xFFFF00),
        Light::Green => Some(0x00B050),
        Light::None => None,
    }
}

/// Writes the table: one sheet 落实情况 with autofilter, frozen header, print setup, and with
/// `sheet_per_unit` one more sheet per lead unit (in first-seen order).
pub fn write_progress_sheet(sheet: &ProgressSheet) -> Result<Vec<u8>, TableError> {
    let mut wb = Workbook::new();
    let all = wb.add_worksheet();
    fill(all, "落实情况", &sheet.title, &sheet.rows)?;
    if sheet.sheet_per_unit {
        let mut units: Vec<&str> = Vec::new();
        for r in &sheet.rows {
            if !units.contains(&r.lead_unit.as_str()) {
                units.push(&r.lead_unit);
            }
        }
        let mut used: Vec<String> = vec!["落实情况".into()];
        for u in units {
            let rows: Vec<ProgressRow> = sheet
                .rows
                .iter()
                .filter(|r| r.lead_unit == u)
                .cloned()
                .collect();
            let name = sheet_name(u, &used);
            used.push(name.clone());
            let ws = wb.add_worksheet();
            fill(
                ws,
                &name,
                &format!("{}（{}）", sheet.title, display(u)),
                &rows,
            )?;
        }
    }
    wb.save_to_buffer()
        .map_err(|e| TableError::Write(e.to_string()))
}

fn display(u: &str) -> &str {
    if u.is_empty() { "未分解" } else { u }
}

/// Excel's sheet-name rules: at most 31 characters, none of []:*?/\, unique.
fn sheet_name(unit: &str, used: &[String]) -> String {
    let base: String = display(unit)
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(28)
        .collect();
    let mut name = base.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}

fn percent(v: Option<f64>) -> String {
    v.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_default()
}

fn fill(
    ws: &mut Worksheet,
    name: &str,
    title: &str,
    rows: &[ProgressRow],
) -> Result<(), TableError> {
    let w = |e: rust_xlsxwriter::XlsxError| TableError::Write(e.to_string());
    ws.set_name(name).map_err(w)?;
    let last = (HEADERS.len() - 1) as u16;
    let title_fmt = Format::new()
        .set_font_name("宋体")
        .set_font_size(16)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let cell = Format::new()
        .set_font_name("仿宋")
        .set_font_size(11)
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let head = cell
        .clone()
        .set_font_name("黑体")
        .set_align(FormatAlign::Center);
    let centre = cell.clone().set_align(FormatAlign::Center);
    ws.merge_range(0, 0, 0, last, title, &title_fmt)
        .map_err(w)?;
    ws.set_row_height(0, 32).map_err(w)?;
    for (c, (h, width)) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &head)
            .map_err(w)?;
        ws.set_column_width(c as u16, *width).map_err(w)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let y = i as u32 + 2;
        let light = match light_colour(r.light) {
            Some(rgb) => centre.clone().set_background_color(Color::RGB(rgb)),
            None => centre.clone(),
        };
        let values: [(&str, &Format); 9] = [
            (&r.number, &centre),
            (&r.content, &cell),
            (display(&r.lead_unit), &centre),
            (&percent(r.time_progress), &centre),
            (&r.figure, &cell),
            (&percent(r.completion), &centre),
            (r.status.label(), &centre),
            (r.light.label(), &light),
            (&r.progress, &cell),
        ];
        for (c, (v, f)) in values.iter().enumerate() {
            ws.write_string_with_format(y, c as u16, *v, f).map_err(w)?;
        }
    }
    ws.set_freeze_panes(2, 0).map_err(w)?;
    ws.autofilter(1, 0, rows.len() as u32 + 1, last)
        .map_err(w)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(1, 1).map_err(w)?;
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_legal_and_unique() {
        let used = vec!["落实情况".to_string(), "区发改局".to_string()];
        assert_eq!(sheet_name("区发改局", &used), "区发改局2");
        assert_eq!(sheet_name("a/b[c]", &used), "abc");
        assert_eq!(sheet_name(&"长".repeat(40), &used).chars().count(), 28);
        assert_eq!(sheet_name("", &used), "未分解");
    }
}
