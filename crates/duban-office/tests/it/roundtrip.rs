//! Written tables read back: the 分解表 gives the same rows; the 落实情况表 has its colours,
//! filter and per-unit sheets.

use crate::xml::{parse, part};
use duban_core::status::{Light, Status};
use duban_office::decomposition::{Limits, read_decomposition, write_decomposition};
use duban_office::progress_sheet::{ProgressRow, ProgressSheet, write_progress_sheet};
use duban_office::samples;

#[test]
fn decomposition_write_then_read_gives_the_same_rows() {
    let rows = samples::decomposition_rows();
    let bytes = write_decomposition("山城区2024年重点任务分解表", &rows).unwrap();
    let back = read_decomposition("x.xlsx", &bytes, &Limits::default()).unwrap();
    assert!(back.errors.is_empty(), "{:?}", back.errors);
    assert_eq!(back.title.as_deref(), Some("山城区2024年重点任务分解表"));
    let strip = |mut r: duban_office::decomposition::DecompositionRow| {
        r.row = 0;
        r
    };
    let got: Vec<_> = back.rows.into_iter().map(strip).collect();
    assert_eq!(got, rows);

    // The print layout: landscape A4 fitted to width, header repeated, frozen panes.
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    let ws = parse(&sheet);
    let setup = ws.first("pageSetup");
    assert_eq!(setup.attr("orientation"), Some("landscape"));
    assert_eq!(setup.attr("paperSize"), Some("9"));
    assert_eq!(setup.attr("fitToHeight"), Some("0"));
    assert_eq!(ws.first("pane").attr("topLeftCell"), Some("A3"));
    assert!(
        ws.first("mergeCell")
            .attr("ref")
            .unwrap()
            .starts_with("A1:")
    );
    let wb = part(&bytes, "xl/workbook.xml");
    assert!(
        wb.contains("_xlnm.Print_Titles") && wb.contains("$2:$2"),
        "{wb}"
    );
}

#[test]
fn progress_sheet_colours_filter_and_unit_sheets() {
    let row = |n: &str, unit: &str, status, light| ProgressRow {
        number: n.into(),
        content: format!("任务{n}"),
        lead_unit: unit.into(),
        time_progress: Some(0.5),
        figure: "累计完成45.2亿元".into(),
        completion: Some(0.452),
        status,
        light,
        progress: "稳步推进".into(),
    };
    let sheet = ProgressSheet {
        title: "落实情况表（1—6月）".into(),
        rows: vec![
            row("1", "区发改局", Status::OnTrack, Light::Green),
            row("2", "区财政局", Status::SeriouslyBehind, Light::Red),
            row("3", "区发改局", Status::Behind, Light::Yellow),
        ],
        sheet_per_unit: true,
    };
    let bytes = write_progress_sheet(&sheet).unwrap();
    let t = duban_office::table::read("p.xlsx", &bytes).unwrap();
    assert_eq!(t.header[0], "落实情况表（1—6月）");
    assert_eq!(
        t.rows[0],
        [
            "序号",
            "任务内容",
            "牵头单位",
            "序时进度",
            "完成数据",
            "完成率",
            "状态",
            "预警",
            "进展情况"
        ]
    );
    assert_eq!(
        t.rows[2],
        [
            "2",
            "任务2",
            "区财政局",
            "50.0%",
            "累计完成45.2亿元",
            "45.2%",
            "严重滞后",
            "红灯",
            "稳步推进"
        ]
    );
    let styles = part(&bytes, "xl/styles.xml");
    for rgb in ["FFFF0000", "FFFFFF00", "FF00B050"] {
        assert!(styles.contains(rgb), "fill {rgb}");
    }
    assert!(part(&bytes, "xl/worksheets/sheet1.xml").contains("<autoFilter ref=\"A2:I5\""));
    let wb = parse(&part(&bytes, "xl/workbook.xml"));
    let names: Vec<&str> = wb
        .all("sheet")
        .iter()
        .filter_map(|s| s.attr("name"))
        .collect();
    assert_eq!(names, ["落实情况", "区发改局", "区财政局"]);
    // The 区发改局 sheet holds its two rows only.
    let s2 = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(parse(&s2).all("row").len() == 4);
}
