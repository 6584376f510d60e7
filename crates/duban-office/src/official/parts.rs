//! The fixed parts of a GB/T 9704 .docx and the page geometry, in twips (1/1440 inch) and
//! half-points unless named otherwise.

/// Millimetres to twips, rounded.
pub(crate) const fn mm(v: u32) -> u32 {
    // 1 mm = 1440 / 25.4 twips; in tenths to stay in integers.
    (v * 14400 + 127) / 254
}

/// A4: 210 × 297 mm.
pub(crate) const PAGE_W: u32 = 11906;
pub(crate) const PAGE_H: u32 = 16838;
/// 天头 37 mm, 订口 28 mm; bottom and right margins give the 156 × 225 mm 版心.
pub(crate) const MARGIN_TOP: u32 = mm(37);
pub(crate) const MARGIN_BOTTOM: u32 = mm(35);
pub(crate) const MARGIN_LEFT: u32 = mm(28);
pub(crate) const MARGIN_RIGHT: u32 = mm(26);
/// Width and height of the 版心.
pub(crate) const TEXT_W: u32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
pub(crate) const TEXT_H: u32 = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM;
/// 22 lines per page: the line pitch, rounded down so that 22 lines fit.
pub(crate) const LINE_PITCH: u32 = TEXT_H / 22;
/// 3号 = 16 pt = 32 half-points; 2号 = 22 pt; 4号 = 14 pt.
pub(crate) const SZ_3: u32 = 32;
pub(crate) const SZ_2: u32 = 44;
pub(crate) const SZ_4: u32 = 28;
/// One body character (3号) in twips.
pub(crate) const CHAR_3: u32 = 320;
/// 28 characters per line. 3号 is 16 pt but the 版心 is 442.2 pt wide (27.6 characters), so
/// every character is squeezed by this many twentieths of a point (−5 = −0.25 pt → 15.75 pt).
/// Word's own way is a character grid (`docGrid linesAndChars` with a negative `charSpace`),
/// but LibreOffice (writerfilter, "standard" grid mode) gives each glyph wider than the grid
/// pitch two cells, which doubles the spacing; character spacing renders the same in Word,
/// WPS and LibreOffice, and the page keeps a line grid of 22 lines.
pub(crate) const CHAR_SPACING: i32 = {
    let pitch_twips = TEXT_W as i32 / 28; // rounded down
    pitch_twips - SZ_3 as i32 * 10
};
/// The page number's footer distance: its line (exactly 4号 high) ends so that the line's top
/// sits 7 mm below the 版心.
pub(crate) const FOOTER: u32 = MARGIN_BOTTOM - mm(7) - SZ_4 * 10;
pub(crate) const HEADER: u32 = mm(15);

pub(crate) const FONT_TITLE: &str = "方正小标宋简体";
pub(crate) const FONT_BODY: &str = "仿宋_GB2312";
pub(crate) const FONT_H1: &str = "黑体";
pub(crate) const FONT_H2: &str = "楷体_GB2312";
pub(crate) const FONT_PAGE: &str = "宋体";

/// Every font the documents name, with what fontTable.xml says about it: the alternative name
/// (Word writes the English or the common Windows name here; Word and WPS look a missing font
/// up by it), PANOSE, GB2312 charset (86), family and pitch. With these, a machine without the
/// GB2312 or 方正 fonts substitutes the nearest face of the same kind (仿宋, 楷体, a Song face).
pub(crate) const FONTS: [(&str, &str, &str, &str, &str); 8] = [
    ("宋体", "SimSun", "02010600030101010101", "auto", "variable"),
    ("黑体", "SimHei", "02010609060101010101", "modern", "fixed"),
    (
        "仿宋_GB2312",
        "仿宋",
        "02010609030101010101",
        "modern",
        "fixed",
    ),
    (
        "楷体_GB2312",
        "楷体",
        "02010609030101010101",
        "modern",
        "fixed",
    ),
    (
        "方正小标宋简体",
        "宋体",
        "02010600030101010101",
        "auto",
        "variable",
    ),
    (
        "仿宋",
        "FangSong",
        "02010609060101010101",
        "modern",
        "fixed",
    ),
    ("楷体", "KaiTi", "02010609060101010101", "modern", "fixed"),
    (
        "Times New Roman",
        "",
        "02020603050405020304",
        "roman",
        "variable",
    ),
];

pub(crate) const NS: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
);

pub(crate) fn content_types(footers: usize) -> String {
    let mut s = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
        r#"<Default Extension="xml" ContentType="application/xml"/>"#,
        r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
        r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
        r#"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#,
        r#"<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>"#,
        r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    ));
    for i in 1..=footers {
        s.push_str(&format!(
            r#"<Override PartName="/word/footer{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#
        ));
    }
    s.push_str("</Types>");
    s
}

pub(crate) const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"</Relationships>"#
);

pub(crate) fn document_rels(footers: usize) -> String {
    let mut s = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        r#"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
        r#"<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#,
        r#"<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>"#,
    ));
    for i in 1..=footers {
        s.push_str(&format!(
            r#"<Relationship Id="rIdFooter{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer{i}.xml"/>"#
        ));
    }
    s.push_str("</Relationships>");
    s
}

pub(crate) fn core(title: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>duban</dc:creator></cp:coreProperties>"#
        ),
        esc(title)
    )
}

/// Odd and even pages get their own footers (GB/T 9704: odd numbers right, even left).
pub(crate) fn settings() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:settings {}><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>"#,
            r#"<w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/>"#,
            r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
            r#"</w:settings>"#
        ),
        NS
    )
}

pub(crate) fn font_table() -> String {
    let mut s = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts {NS}>"#);
    for (name, alt, panose, family, pitch) in FONTS {
        s.push_str(&format!(r#"<w:font w:name="{name}">"#));
        if !alt.is_empty() {
            s.push_str(&format!(r#"<w:altName w:val="{alt}"/>"#));
        }
        let charset = if name == "Times New Roman" {
            "00"
        } else {
            "86"
        };
        s.push_str(&format!(
            r#"<w:panose1 w:val="{panose}"/><w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>"#
        ));
    }
    s.push_str("</w:fonts>");
    s
}

/// The run properties for a font and size: every script slot names the font, so Chinese
/// and digits alike use it (and nothing falls back to a theme font).
pub(crate) fn rpr(font: &str, sz: u32, color: Option<&str>) -> String {
    let color = color
        .map(|c| format!(r#"<w:color w:val="{c}"/>"#))
        .unwrap_or_default();
    format!(
        r#"<w:rPr><w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}" w:cs="{font}" w:hint="eastAsia"/>{color}<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/></w:rPr>"#
    )
}

/// Normal: 3号 仿宋_GB2312, justified, exactly one grid line per line (22 per page).
pub(crate) fn styles() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {ns}>"#,
            r#"<w:docDefaults><w:rPrDefault>{rpr}</w:rPrDefault>"#,
            r#"<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="{pitch}" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:widowControl w:val="0"/><w:spacing w:line="{pitch}" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr>{rpr}</w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>"#,
            r#"<w:pPr><w:spacing w:line="{footer_line}" w:lineRule="exact"/></w:pPr>{page_rpr}</w:style>"#,
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>"#,
            r#"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>"#,
            r#"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
            r#"</w:styles>"#
        ),
        ns = NS,
        rpr = rpr(FONT_BODY, SZ_3, None)
            .replace(
                "<w:sz ",
                &format!(r#"<w:spacing w:val="{CHAR_SPACING}"/><w:sz "#)
            )
            .replace(
                "</w:rPr>",
                r#"<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>"#
            ),
        page_rpr = rpr(FONT_PAGE, SZ_4, None),
        pitch = LINE_PITCH,
        footer_line = SZ_4 * 10,
    )
}

/// A page-number footer: "— 1 —" in 4号 宋体 with a PAGE field, odd pages right and even
/// pages left, one character in from the edge of the 版心.
pub(crate) fn page_footer(odd: bool) -> String {
    let r = rpr(FONT_PAGE, SZ_4, None);
    let (jc, ind) = if odd {
        ("right", format!(r#"<w:ind w:right="{}"/>"#, SZ_4 * 10))
    } else {
        ("left", format!(r#"<w:ind w:left="{}"/>"#, SZ_4 * 10))
    };
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {ns}><w:p><w:pPr><w:pStyle w:val="Footer"/>"#,
            r#"<w:snapToGrid w:val="0"/>{ind}<w:jc w:val="{jc}"/></w:pPr>"#,
            r#"<w:r>{r}<w:t xml:space="preserve">— </w:t></w:r>"#,
            r#"<w:r>{r}<w:fldChar w:fldCharType="begin"/></w:r>"#,
            r#"<w:r>{r}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
            r#"<w:r>{r}<w:fldChar w:fldCharType="separate"/></w:r>"#,
            r#"<w:r>{r}<w:t>1</w:t></w:r>"#,
            r#"<w:r>{r}<w:fldChar w:fldCharType="end"/></w:r>"#,
            r#"<w:r>{r}<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
        ),
        ns = NS,
        ind = ind,
        jc = jc,
        r = r
    )
}

/// The footer of the 版记 page: empty (版记 pages carry no number).
pub(crate) fn empty_footer() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {NS}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p></w:ftr>"#
    )
}

/// XML text escaping. Control characters (pasted from other programs) are not allowed in
/// XML 1.0 at all, and Word refuses a file containing them, so they are dropped.
pub(crate) fn esc(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|&c| {
            !(c < ' ' && c != '\t' && c != '\n' && c != '\r') && c != '\u{FFFE}' && c != '\u{FFFF}'
        })
        .collect();
    quick_xml::escape::escape(clean).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometry_is_b11s() {
        assert_eq!((MARGIN_TOP, MARGIN_BOTTOM), (2098, 1984));
        assert_eq!((MARGIN_LEFT, MARGIN_RIGHT), (1587, 1474));
        // 156 × 225 mm within a twip of rounding.
        assert!(TEXT_W.abs_diff(mm(156)) <= 2, "{TEXT_W}");
        assert!(TEXT_H.abs_diff(mm(225)) <= 2, "{TEXT_H}");
        const { assert!(LINE_PITCH * 22 <= TEXT_H && LINE_PITCH * 23 > TEXT_H) };
        // 28 squeezed characters fit the line, 29 do not.
        let pitch = (SZ_3 as i32 * 10 + CHAR_SPACING) as u32;
        assert!(pitch * 28 <= TEXT_W && pitch * 29 > TEXT_W, "{pitch}");
        assert_eq!(CHAR_SPACING, -5);
    }
}
