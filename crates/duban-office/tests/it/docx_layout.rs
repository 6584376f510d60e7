//! The GB/T 9704 writer's output read back: page, margins, grid, fonts and sizes per element,
//! page-number footers (B11).

use crate::xml::{El, parse, part};
use duban_office::official::{to_docx, to_markdown};
use duban_office::samples;

fn brief() -> (Vec<u8>, El) {
    let bytes = to_docx(&samples::brief()).unwrap();
    let doc = parse(&part(&bytes, "word/document.xml"));
    (bytes, doc)
}

/// The paragraph whose text starts with `start`.
fn para<'a>(doc: &'a El, start: &str) -> &'a El {
    doc.all("p")
        .into_iter()
        .find(|p| p.texts().starts_with(start))
        .unwrap_or_else(|| panic!("no paragraph starting {start}"))
}

/// (eastAsia font, size in half-points) of a paragraph's first run.
fn font(p: &El) -> (String, String) {
    let r = p.first("r");
    let f = r.first("rFonts");
    assert_eq!(
        f.attr("ascii"),
        f.attr("eastAsia"),
        "all script slots alike"
    );
    (
        f.attr("eastAsia").unwrap().to_string(),
        r.first("sz").attr("val").unwrap().to_string(),
    )
}

fn mm_of(twips: &str) -> f64 {
    twips.parse::<f64>().unwrap() * 25.4 / 1440.0
}

#[test]
fn page_margins_and_grid_follow_b11() {
    let (_, doc) = brief();
    let sections = doc.all("sectPr");
    assert_eq!(sections.len(), 2, "main part and 版记");
    for s in &sections {
        let sz = s.first("pgSz");
        assert_eq!((sz.attr("w"), sz.attr("h")), (Some("11906"), Some("16838")));
        let m = s.first("pgMar");
        let top = mm_of(m.attr("top").unwrap());
        let bottom = mm_of(m.attr("bottom").unwrap());
        let left = mm_of(m.attr("left").unwrap());
        let right = mm_of(m.attr("right").unwrap());
        assert!((top - 37.0).abs() < 0.05, "天头 {top}");
        assert!((left - 28.0).abs() < 0.05, "订口 {left}");
        assert!((210.0 - left - right - 156.0).abs() < 0.1, "版心 width");
        assert!((297.0 - top - bottom - 225.0).abs() < 0.1, "版心 height");
        let g = s.first("docGrid");
        let pitch: u32 = g.attr("linePitch").unwrap().parse().unwrap();
        let text_h = 16838 - 2098 - 1984;
        assert!(
            pitch * 22 <= text_h && pitch * 23 > text_h,
            "22 lines: {pitch}"
        );
    }
    // 28 characters per line: 3号 squeezed by the Normal style's character spacing.
    let styles = parse(&part(&brief().0, "word/styles.xml"));
    let normal = styles
        .all("style")
        .into_iter()
        .find(|s| s.attr("styleId") == Some("Normal"))
        .unwrap();
    let sp: i32 = normal
        .first("rPr")
        .child("spacing")
        .unwrap()
        .attr("val")
        .unwrap()
        .parse()
        .unwrap();
    let sz: i32 = normal.first("sz").attr("val").unwrap().parse().unwrap();
    assert_eq!(sz, 32);
    let pitch = sz * 10 + sp; // twips per character
    let text_w = 11906 - 1587 - 1474;
    assert!(
        pitch * 28 <= text_w && pitch * 29 > text_w,
        "28 chars: {pitch}"
    );
    assert_eq!(normal.first("rFonts").attr("eastAsia"), Some("仿宋_GB2312"));
}

#[test]
fn fonts_and_sizes_per_element() {
    let (_, doc) = brief();
    let title = para(&doc, "关于2024年");
    assert_eq!(font(title), ("方正小标宋简体".into(), "44".into()));
    assert_eq!(title.first("jc").attr("val"), Some("center"));
    assert_eq!(
        font(para(&doc, "一、总体情况")),
        ("黑体".into(), "32".into())
    );
    assert_eq!(
        font(para(&doc, "二、存在问题")),
        ("黑体".into(), "32".into())
    );
    assert_eq!(
        font(para(&doc, "（一）部分任务")),
        ("楷体_GB2312".into(), "32".into())
    );
    assert_eq!(
        font(para(&doc, "（二）信息报送")),
        ("楷体_GB2312".into(), "32".into())
    );
    let body = para(&doc, "按照区政府");
    assert_eq!(font(body), ("仿宋_GB2312".into(), "32".into()));
    assert_eq!(body.first("ind").attr("firstLineChars"), Some("200"));
    // The masthead is red; the 版记 is 4号 仿宋.
    let organ = para(&doc, "山城区政务督查");
    assert_eq!(organ.first("color").attr("val"), Some("FF0000"));
    let cc = para(&doc, "　抄送：");
    assert_eq!(font(cc), ("仿宋_GB2312".into(), "28".into()));
    // Rules: 0.35 mm above 抄送, 0.25 mm between, 0.35 mm under 印发.
    assert_eq!(cc.first("top").attr("sz"), Some("8"));
    assert_eq!(cc.first("bottom").attr("sz"), Some("6"));
    let printed = para(&doc, "　山城区人民政府办公室");
    assert_eq!(printed.first("bottom").attr("sz"), Some("8"));
    assert!(printed.texts().ends_with("2024年7月12日印发"));
    // 成文日期 four characters in from the right.
    let date = doc
        .all("p")
        .into_iter()
        .rfind(|p| p.texts() == "2024年7月12日")
        .unwrap();
    assert_eq!(date.first("ind").attr("right"), Some("1280"));
    // The 附件 note is two characters in.
    let note = para(&doc, "附件：");
    let ind = note.first("ind");
    let left: i32 = ind.attr("left").unwrap().parse().unwrap();
    let hanging: i32 = ind.attr("hanging").unwrap().parse().unwrap();
    assert_eq!(left - hanging, 640);
    // The appendix table repeats its header row.
    assert!(!doc.all("tblHeader").is_empty());
}

#[test]
fn page_numbers_odd_right_even_left_none_on_the_colophon_page() {
    let (bytes, doc) = brief();
    let settings = part(&bytes, "word/settings.xml");
    assert!(!parse(&settings).all("evenAndOddHeaders").is_empty());
    let rels = parse(&part(&bytes, "word/_rels/document.xml.rels"));
    let target = |id: &str| {
        rels.all("Relationship")
            .into_iter()
            .find(|r| r.attr("Id") == Some(id))
            .and_then(|r| r.attr("Target"))
            .unwrap()
            .to_string()
    };
    let sections = doc.all("sectPr");
    let footer_of = |s: &El, kind: &str| {
        let r = s
            .all("footerReference")
            .into_iter()
            .find(|f| f.attr("type") == Some(kind))
            .unwrap();
        parse(&part(
            &bytes,
            &format!("word/{}", target(r.attr("id").unwrap())),
        ))
    };
    for (kind, jc, side) in [("default", "right", "right"), ("even", "left", "left")] {
        let f = footer_of(sections[0], kind);
        let p = f.first("p");
        assert_eq!(p.first("jc").attr("val"), Some(jc), "{kind}");
        assert_eq!(
            p.first("ind").attr(side),
            Some("280"),
            "one 4号 character in"
        );
        assert_eq!(f.first("instrText").text.trim(), "PAGE");
        assert_eq!(f.texts(), "— 1 —");
        let r = f.first("r");
        assert_eq!(r.first("rFonts").attr("eastAsia"), Some("宋体"));
        assert_eq!(r.first("sz").attr("val"), Some("28"));
    }
    for kind in ["default", "even"] {
        let f = footer_of(sections[1], kind);
        assert!(f.all("instrText").is_empty(), "版记 page has no number");
    }
}

#[test]
fn font_table_names_fallbacks() {
    let (bytes, _) = brief();
    let fonts = parse(&part(&bytes, "word/fontTable.xml"));
    let alt = |name: &str| {
        fonts
            .all("font")
            .into_iter()
            .find(|f| f.attr("name") == Some(name))
            .and_then(|f| f.child("altName"))
            .and_then(|a| a.attr("val"))
            .map(str::to_string)
    };
    assert_eq!(alt("仿宋_GB2312").as_deref(), Some("仿宋"));
    assert_eq!(alt("楷体_GB2312").as_deref(), Some("楷体"));
    assert_eq!(alt("宋体").as_deref(), Some("SimSun"));
    assert!(alt("方正小标宋简体").is_some());
}

#[test]
fn without_colophon_one_section_and_markdown_matches() {
    let review = samples::review();
    let bytes = to_docx(&review).unwrap();
    let doc = parse(&part(&bytes, "word/document.xml"));
    assert_eq!(doc.all("sectPr").len(), 1);
    let md = to_markdown(&review);
    assert!(md.starts_with("# 山城区2023年工作回顾"));
    assert!(md.contains("## 一、经济运行") && md.contains("## 二、项目建设"));
    assert!(md.contains("| 地区生产总值121.3亿元 | 指标台账 |"));
    // Text with markup characters is escaped in the XML.
    let mut d = samples::review();
    d.title = "A&B<C>\u{1}\u{b}D".into();
    let bytes = to_docx(&d).unwrap();
    let xml = part(&bytes, "word/document.xml");
    assert!(xml.contains("A&amp;B&lt;C&gt;D"));
    parse(&xml); // still well-formed
}

#[test]
fn the_writer_reads_back_through_the_report_reader() {
    let bytes = to_docx(&samples::brief()).unwrap();
    let text = duban_office::report::report_text(&bytes, &Default::default()).unwrap();
    assert!(text.contains("一、总体情况\n"));
    assert!(text.contains("（一）部分任务推进滞后\n"));
    assert!(text.contains("状态\t项数\t占比\n"));
}

/// Word refuses files whose properties are out of the schema's order; check every pPr, rPr
/// and sectPr of every generated part against the order in ECMA-376 (the elements used here).
#[test]
fn properties_are_in_schema_order() {
    const PPR: &[&str] = &[
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "widowControl",
        "numPr",
        "pBdr",
        "shd",
        "tabs",
        "snapToGrid",
        "spacing",
        "ind",
        "jc",
        "rPr",
        "sectPr",
    ];
    const RPR: &[&str] = &[
        "rStyle", "rFonts", "b", "i", "color", "spacing", "sz", "szCs", "lang",
    ];
    const SECT: &[&str] = &[
        "headerReference|footerReference",
        "type",
        "pgSz",
        "pgMar",
        "pgNumType",
        "cols",
        "vAlign",
        "docGrid",
    ];
    fn check(el: &El, name: &str, order: &[&str]) {
        for p in el.all(name) {
            let idx: Vec<usize> = p
                .children
                .iter()
                .map(|c| {
                    order
                        .iter()
                        .position(|o| o.split('|').any(|x| x == c.name))
                        .unwrap_or_else(|| panic!("<{}> in <{name}> not in the list", c.name))
                })
                .collect();
            assert!(
                idx.windows(2).all(|w| w[0] <= w[1]),
                "<{name}> children out of order: {:?}",
                p.children
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
            );
        }
    }
    for doc in [samples::brief(), samples::review(), samples::notice()] {
        let bytes = to_docx(&doc).unwrap();
        for part_name in [
            "word/document.xml",
            "word/styles.xml",
            "word/footer1.xml",
            "word/footer2.xml",
        ] {
            let x = parse(&part(&bytes, part_name));
            check(&x, "pPr", PPR);
            check(&x, "rPr", RPR);
            check(&x, "sectPr", SECT);
        }
    }
}
