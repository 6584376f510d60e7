//! Writing the 任务分解表 as offices send it out, ready to be the 分解方案's attachment.

use super::{Column, DecompositionRow, RowKind};
use crate::table::TableError;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

/// Writes the table: title merged across the top, the header frozen and repeated on every
/// printed page, wrapped text with thin borders, A4 landscape fitted to the page width.
/// One milestone column per distinct milestone label (in first-seen order; one empty
/// 季度/月度节点 column when no row has milestones). Reading the file back with
/// [`read_decomposition`](super::read_decomposition) gives the same rows.
pub fn write_decomposition(title: &str, rows: &[DecompositionRow]) -> Result<Vec<u8>, TableError> {
    let w = |e: rust_xlsxwriter::XlsxError| TableError::Write(e.to_string());
    let mut labels: Vec<String> = Vec::new();
    for r in rows {
        for m in &r.milestones {
            if !labels.contains(&m.label) {
                labels.push(m.label.clone());
            }
        }
    }
    if labels.is_empty() {
        labels.push(Column::Milestone.label().to_string());
    }
    let fixed = [
        (Column::Number, 6.0),
        (Column::Content, 48.0),
        (Column::Target, 18.0),
        (Column::Leader, 10.0),
        (Column::Lead, 16.0),
        (Column::Support, 24.0),
        (Column::Deadline, 12.0),
    ];
    let ncols = fixed.len() + labels.len();
    let last = (ncols - 1) as u16;

    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("任务分解表").map_err(w)?;
    let border = |f: Format| f.set_border(FormatBorder::Thin).set_text_wrap();
    let title_fmt = Format::new()
        .set_font_name("宋体")
        .set_font_size(18)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let head = border(
        Format::new()
            .set_font_name("黑体")
            .set_font_size(12)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
    );
    let body = border(
        Format::new()
            .set_font_name("仿宋")
            .set_font_size(11)
            .set_align(FormatAlign::VerticalCenter),
    );
    let centre = body.clone().set_align(FormatAlign::Center);
    let section = border(
        Format::new()
            .set_font_name("黑体")
            .set_font_size(11)
            .set_align(FormatAlign::VerticalCenter),
    );

    ws.merge_range(0, 0, 0, last, title, &title_fmt)
        .map_err(w)?;
    ws.set_row_height(0, 36).map_err(w)?;
    for (c, (col, width)) in fixed.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, col.label(), &head)
            .map_err(w)?;
        ws.set_column_width(c as u16, *width).map_err(w)?;
    }
    for (k, l) in labels.iter().enumerate() {
        let c = (fixed.len() + k) as u16;
        ws.write_string_with_format(1, c, l, &head).map_err(w)?;
        ws.set_column_width(c, 16).map_err(w)?;
    }
    ws.set_row_height(1, 30).map_err(w)?;

    for (i, r) in rows.iter().enumerate() {
        let y = i as u32 + 2;
        ws.write_string_with_format(y, 0, &r.number, &centre)
            .map_err(w)?;
        if r.kind == RowKind::Section {
            ws.merge_range(y, 1, y, last, &r.content, &section)
                .map_err(w)?;
            continue;
        }
        let support = r.supporting_units.join("、");
        let cells = [
            (1, r.content.as_str(), &body),
            (2, r.target.as_str(), &body),
            (3, r.leader.as_str(), &centre),
            (4, r.lead_unit.as_deref().unwrap_or(""), &centre),
            (5, support.as_str(), &body),
            (6, r.deadline.as_str(), &centre),
        ];
        for (c, v, f) in cells {
            ws.write_string_with_format(y, c, v, f).map_err(w)?;
        }
        for (k, l) in labels.iter().enumerate() {
            let v = r
                .milestones
                .iter()
                .find(|m| &m.label == l)
                .map_or("", |m| m.text.as_str());
            ws.write_string_with_format(y, (fixed.len() + k) as u16, v, &body)
                .map_err(w)?;
        }
    }

    ws.set_freeze_panes(2, 0).map_err(w)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(1, 1).map_err(w)?;
    ws.set_footer("&C第 &P 页，共 &N 页");
    wb.save_to_buffer().map_err(w)
}
