//! Readers against files the tests build: a .docx with numbering and a table, a workbook with
//! merged cells and variant headers, a GBK CSV, and broken, empty, encrypted and wrong-type
//! inputs.

use duban_office::check::{FileError, ole_stub};
use duban_office::decomposition::{Limits, RowKind, read_decomposition};
use duban_office::report::{ReportLimits, report_text};
use std::io::Write;

fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn p(num: Option<(u32, u32)>, style: Option<&str>, text: &str) -> String {
    let mut ppr = String::new();
    if let Some(s) = style {
        ppr.push_str(&format!(r#"<w:pStyle w:val="{s}"/>"#));
    }
    if let Some((id, lvl)) = num {
        ppr.push_str(&format!(
            r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr>"#
        ));
    }
    format!(r#"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

fn report_docx() -> Vec<u8> {
    let body = [
        p(None, None, "政府工作报告"),
        p(None, Some("H1"), "过去一年工作回顾"),
        p(Some((1, 1)), None, "经济运行稳中有进"),
        // A deleted run and a field code do not show; a tab does.
        r#"<w:p><w:r><w:t xml:space="preserve">地区生产总值121.3亿元</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:tab/><w:t>A&amp;B</w:t></w:r></w:p>"#.to_string(),
        p(Some((1, 1)), None, "项目建设提速"),
        format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc><w:tc>{}{}</w:tc></w:tr></w:tbl>",
            p(None, None, "指标"),
            p(None, None, "目标"),
            p(None, None, "地区生产总值"),
            p(None, None, "增长6%"),
            p(None, None, "左右")
        ),
        p(None, Some("H1"), "2024年工作安排"),
        p(Some((1, 1)), None, "扩大有效投资"),
        p(Some((2, 0)), None, "第一条"),
        p(Some((2, 0)), None, "第二条"),
    ]
    .concat();
    let document =
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
    let numbering = format!(
        r#"<w:numbering {W}>
        <w:abstractNum w:abstractNumId="0">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        </w:numbering>"#
    );
    // Headings numbered through their style, as Word's 标题 1 often is.
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#
    );
    zip(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &document),
        ("word/numbering.xml", &numbering),
        ("word/styles.xml", &styles),
    ])
}

#[test]
fn docx_report_reads_with_numbering_and_tables_in_order() {
    let text = report_text(&report_docx(), &ReportLimits::default()).unwrap();
    assert_eq!(
        text,
        "政府工作报告\n一、过去一年工作回顾\n（一）经济运行稳中有进\n地区生产总值121.3亿元\tA&B\n（二）项目建设提速\n指标\t目标\n地区生产总值\t增长6% 左右\n二、2024年工作安排\n（一）扩大有效投资\n1.第一条\n2.第二条\n"
    );
}

#[test]
fn text_reports_still_read_in_gbk() {
    let (gbk, _, _) = encoding_rs::GBK.encode("一、主要目标\n");
    assert_eq!(
        report_text(&gbk, &ReportLimits::default()).unwrap(),
        "一、主要目标\n"
    );
}

#[test]
fn bad_report_files_get_messages_that_say_what_to_do() {
    let l = ReportLimits::default();
    let msg = |b: &[u8]| report_text(b, &l).unwrap_err().to_string();
    assert_eq!(
        msg(&ole_stub(&["WordDocument", "1Table"])),
        "这是旧版 Word（.doc）文件，请用 Word 或 WPS 另存为 .docx 后再导入"
    );
    assert!(msg(&ole_stub(&["EncryptionInfo", "EncryptedPackage"])).contains("加密"));
    assert!(msg(b"%PDF-1.4\n...").contains("PDF"));
    assert_eq!(msg(b""), "文件为空");
    assert!(msg(b"PK\x03\x04\x14\x00broken").contains("损坏"));
    let xlsx = duban_office::table::write_xlsx("s", &["a"], &[]).unwrap();
    assert!(msg(&xlsx).contains("Excel 表格（.xlsx）"));
    // A zip without word/document.xml is not a Word file.
    assert!(matches!(
        report_text(&zip(&[("a.txt", "x")]), &l),
        Err(FileError::WrongType { .. })
    ));
    // A broken document.xml inside a good zip.
    let bad = zip(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]);
    assert!(matches!(report_text(&bad, &l), Err(FileError::Broken(_))));
    // Over the size limit.
    let small = ReportLimits { max_bytes: 10, ..l };
    assert!(matches!(
        report_text(&report_docx(), &small),
        Err(FileError::TooLarge { .. })
    ));
}

/// A workbook as an office keeps it: title rows, a blank column, variant headers, a 牵头单位
/// merged down over two rows, a heading merged across, several units in one cell.
fn office_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 7, "山城区2024年政府工作报告重点任务分解表", &f)
        .unwrap();
    ws.write(1, 0, "（2024年2月印发）").unwrap();
    let header = [
        "序 号",
        "",
        "重点任务",
        "量化目标",
        "责任区领导",
        "主要责任单位",
        "协办单位",
        "完成时间",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write(2, c as u16, *h).unwrap();
    }
    ws.merge_range(3, 2, 3, 7, "一、扩大有效投资", &f).unwrap();
    ws.write(4, 0, 1).unwrap();
    ws.write(4, 2, "新签约亿元以上项目26个以上").unwrap();
    ws.write(4, 3, "26个").unwrap();
    ws.write(4, 4, "张三").unwrap();
    ws.merge_range(4, 5, 5, 5, "区投促局、区发改局", &f)
        .unwrap();
    ws.write(4, 6, "区财政局，区自然资源局\n区住建局").unwrap();
    ws.write(4, 7, "2024年12月底").unwrap();
    ws.write(5, 0, 2).unwrap();
    ws.write(5, 2, "12个省市重点项目完成投资60亿元以上")
        .unwrap();
    ws.write(5, 4, "张三").unwrap();
    ws.write(5, 7, "2024年12月底").unwrap();
    // Bad rows: no content; no unit.
    ws.write(6, 0, 3).unwrap();
    ws.write(6, 5, "区民政局").unwrap();
    ws.write(7, 0, 4).unwrap();
    ws.write(7, 2, "城镇新增就业3760人以上").unwrap();
    ws.write(7, 7, "2024年12月底").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn office_workbook_with_merges_and_variant_headers() {
    let d = read_decomposition("分解表.xlsx", &office_xlsx(), &Limits::default()).unwrap();
    assert_eq!(
        d.title.as_deref(),
        Some("山城区2024年政府工作报告重点任务分解表")
    );
    assert_eq!(d.rows.len(), 3, "{:?}", d.rows);
    assert_eq!(d.rows[0].kind, RowKind::Section);
    assert_eq!(d.rows[0].content, "一、扩大有效投资");
    let a = &d.rows[1];
    assert_eq!((a.row, a.number.as_str()), (5, "1"));
    assert_eq!(a.lead_unit.as_deref(), Some("区投促局"));
    assert_eq!(
        a.supporting_units,
        ["区发改局", "区财政局", "区自然资源局", "区住建局"]
    );
    assert_eq!((a.target.as_str(), a.leader.as_str()), ("26个", "张三"));
    assert_eq!(a.deadline, "2024年12月底");
    // The merged 主要责任单位 applies to the second row too.
    let b = &d.rows[2];
    assert_eq!(b.lead_unit.as_deref(), Some("区投促局"));
    assert_eq!(b.supporting_units, ["区发改局"]);
    let errs: Vec<String> = d.errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        errs,
        [
            "第7行“重点任务”列：缺少任务内容",
            "第8行“主要责任单位”列：缺少牵头单位"
        ]
    );
}

#[test]
fn gbk_csv_decomposition() {
    let csv = "重点任务分解表\n序号,任务内容,责任单位,完成时限,季度节点\n1,新建1万亩高标准农田,区农业农村局、区水利局,10月底,三季度完成70%\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(csv);
    let d = read_decomposition("分解表.csv", &gbk, &Limits::default()).unwrap();
    assert!(d.errors.is_empty());
    let r = &d.rows[0];
    assert_eq!(r.row, 3);
    assert_eq!(r.lead_unit.as_deref(), Some("区农业农村局"));
    assert_eq!(r.supporting_units, ["区水利局"]);
    assert_eq!(r.milestones[0].label, "季度节点");
    assert_eq!(r.milestones[0].text, "三季度完成70%");
}

#[test]
fn bad_table_files_are_refused_with_messages() {
    let l = Limits::default();
    let msg = |name: &str, b: &[u8]| read_decomposition(name, b, &l).unwrap_err().to_string();
    assert!(msg("a.xlsx", &ole_stub(&["EncryptionInfo"])).contains("取消密码"));
    assert!(msg("a.xlsx", b"PK\x03\x04\x14\x00xx").contains("损坏"));
    assert_eq!(msg("a.csv", b""), "文件为空");
    let docx = report_docx();
    assert!(msg("a.xlsx", &docx).contains("Word 文档（.docx）"));
    assert!(msg("a.pdf", b"%PDF-1.7").contains("PDF"));
    assert!(msg("a.csv", "甲,乙\n1,2\n".as_bytes()).contains("没有找到表头"));
    let big = Limits { max_bytes: 5, ..l };
    assert!(
        read_decomposition("a.csv", b"0123456789", &big)
            .unwrap_err()
            .to_string()
            .contains("过大")
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Arbitrary bytes, bare or behind a zip or OLE signature, give an answer, never a panic.
        #[test]
        fn on_arbitrary_bytes(prefix in 0usize..3, body in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let mut bytes = match prefix {
                0 => Vec::new(),
                1 => b"PK\x03\x04".to_vec(),
                _ => ole_stub(&["WordDocument"])[..512].to_vec(),
            };
            bytes.extend(body);
            let _ = report_text(&bytes, &ReportLimits::default());
            let _ = read_decomposition("x.xlsx", &bytes, &Limits::default());
            let _ = read_decomposition("x.csv", &bytes, &Limits::default());
        }

        /// A real document cut short anywhere is refused or read, never a panic.
        #[test]
        fn on_truncated_documents(cut in 0usize..4000) {
            let docx = report_docx();
            let _ = report_text(&docx[..cut.min(docx.len())], &ReportLimits::default());
            let xlsx = office_xlsx();
            let _ = read_decomposition("x.xlsx", &xlsx[..cut.min(xlsx.len())], &Limits::default());
        }
    }
}
