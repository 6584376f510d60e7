//! Word's automatic numbering (numbering.xml) rendered as text, so that a heading numbered by
//! Word reads "一、" or "（一）" to the parser exactly as if it had been typed.

use super::xml::{attr, local};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
    /// `w:lvlRestart`: 0 = never restart; n = restart after level n (1-based) is used.
    restart: Option<u32>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    start_overrides: HashMap<usize, u32>,
}

/// The numbering definitions of one document and the running counters.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, Num>,
    /// Counters per list instance: the abstract list (Word continues a list across numIds
    /// that share one), or the numId itself when it restarts with a `startOverride`.
    counters: HashMap<String, [Option<u32>; 9]>,
    /// Abstract lists that only point at a numbering style (`w:numStyleLink`): abstract → style.
    style_links: HashMap<String, String>,
}

impl Numbering {
    pub(crate) fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut r = Reader::from_str(xml);
        let mut cur_abs: Option<String> = None;
        let mut cur_lvl: Option<usize> = None;
        let mut cur_num: Option<String> = None;
        let mut ovr_lvl: Option<usize> = None;
        loop {
            let ev = match r.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(ev) => ev,
            };
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let name = local(e.name().as_ref());
                    let val = attr(&e, "val");
                    match name.as_str() {
                        "abstractNum" => cur_abs = attr(&e, "abstractNumId"),
                        "lvl" if cur_num.is_none() => {
                            let i = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                            cur_lvl = (i < 9).then_some(i);
                            if let (Some(a), Some(i)) = (&cur_abs, cur_lvl) {
                                let levels = n.abstracts.entry(a.clone()).or_default();
                                if levels.len() <= i {
                                    levels.resize(i + 1, Level::default());
                                }
                                levels[i] = Level {
                                    start: 1,
                                    fmt: "decimal".into(),
                                    ..Level::default()
                                };
                            }
                        }
                        "num" => {
                            cur_num = attr(&e, "numId");
                            if let Some(id) = &cur_num {
                                n.nums.insert(id.clone(), Num::default());
                            }
                        }
                        "numStyleLink" => {
                            if let (Some(a), Some(v)) = (&cur_abs, val) {
                                n.style_links.insert(a.clone(), v);
                            }
                        }
                        "abstractNumId" => {
                            if let (Some(id), Some(v)) = (&cur_num, val) {
                                n.nums.entry(id.clone()).or_default().abstract_id = v;
                            }
                        }
                        "lvlOverride" => {
                            ovr_lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok());
                        }
                        "startOverride" => {
                            if let (Some(id), Some(l), Some(v)) =
                                (&cur_num, ovr_lvl, val.and_then(|v| v.parse().ok()))
                            {
                                n.nums
                                    .entry(id.clone())
                                    .or_default()
                                    .start_overrides
                                    .insert(l, v);
                            }
                        }
                        "start" | "numFmt" | "lvlText" | "lvlRestart" => {
                            if let (Some(a), Some(i), Some(v)) = (&cur_abs, cur_lvl, val)
                                && let Some(l) = n.abstracts.get_mut(a).and_then(|l| l.get_mut(i))
                            {
                                match name.as_str() {
                                    "start" => l.start = v.parse().unwrap_or(1),
                                    "numFmt" => l.fmt = v,
                                    "lvlText" => l.text = v,
                                    _ => l.restart = v.parse().ok(),
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match local(e.name().as_ref()).as_str() {
                    "abstractNum" => cur_abs = None,
                    "lvl" => cur_lvl = None,
                    "num" => cur_num = None,
                    "lvlOverride" => ovr_lvl = None,
                    _ => {}
                },
                _ => {}
            }
        }
        n
    }

    /// Gives abstract lists that point at a numbering style the levels of the list that style
    /// names (`style_num`: a paragraph style's numId).
    pub(crate) fn resolve_style_links(&mut self, style_num: impl Fn(&str) -> Option<String>) {
        for (a, style) in self.style_links.clone() {
            let target = style_num(&style)
                .and_then(|num| self.nums.get(&num))
                .map(|n| n.abstract_id.clone());
            if let Some(b) = target.filter(|b| *b != a)
                && let Some(levels) = self.abstracts.get(&b).cloned()
            {
                self.abstracts.insert(a, levels);
            }
        }
    }

    /// The label for the next paragraph of list `num_id` at level `ilvl` ("一、", "（二）",
    /// "3."), advancing the counters. `None` for no numbering, bullets and unknown lists.
    pub(crate) fn next_label(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        if num_id == "0" || ilvl >= 9 {
            return None;
        }
        let num = self.nums.get(num_id)?;
        let levels = self.abstracts.get(&num.abstract_id)?;
        let level = levels.get(ilvl)?;
        let key = if num.start_overrides.is_empty() {
            format!("a{}", num.abstract_id)
        } else {
            format!("n{num_id}")
        };
        let start = |l: usize| {
            num.start_overrides
                .get(&l)
                .copied()
                .unwrap_or_else(|| levels.get(l).map_or(1, |x| x.start))
        };
        let counters = self.counters.entry(key).or_insert([None; 9]);
        counters[ilvl] = Some(counters[ilvl].map_or(start(ilvl), |c| c + 1));
        for (l, c) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = levels.get(l).and_then(|x| x.restart);
            // Default: a level restarts whenever a higher level is used.
            if restart != Some(0) && restart.is_none_or(|r| r as usize > ilvl) {
                *c = None;
            }
        }
        if level.fmt == "bullet" {
            return None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(ch) = chars.next() {
            if ch == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            {
                chars.next();
                let l = (d as usize).saturating_sub(1);
                let value = counters
                    .get(l)
                    .copied()
                    .flatten()
                    .unwrap_or_else(|| start(l));
                let fmt = levels.get(l).map_or("decimal", |x| x.fmt.as_str());
                out.push_str(&format_number(value, fmt));
                continue;
            }
            out.push(ch);
        }
        Some(out)
    }
}

/// A counter in one of Word's number formats.
pub(crate) fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting" => chinese(n),
        "chineseLegalSimplified" => chinese(n)
            .chars()
            .map(|c| match c {
                '一' => '壹',
                '二' => '贰',
                '三' => '叁',
                '四' => '肆',
                '五' => '伍',
                '六' => '陆',
                '七' => '柒',
                '八' => '捌',
                '九' => '玖',
                '十' => '拾',
                '百' => '佰',
                '千' => '仟',
                c => c,
            })
            .collect(),
        "ideographTraditional" => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or(n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (as Word writes chineseCounting).
pub(crate) fn chinese(n: u32) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 {
        return "〇".into();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ["千", "百", "十", ""];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('〇');
            zero = false;
        }
        // 十一, not 一十一, when the number starts at the tens.
        if !(i == 2 && d == 1 && out.is_empty()) {
            out.push(D[d as usize]);
        }
        out.push_str(units[i]);
    }
    out.replace('〇', "零")
}

fn cycle(n: u32, set: &str) -> String {
    let v: Vec<char> = set.chars().collect();
    v[(n.max(1) as usize - 1) % v.len()].to_string()
}

fn letters(n: u32, base: u8) -> String {
    let n = n.max(1) - 1;
    let c = (base + (n % 26) as u8) as char;
    c.to_string().repeat(n as usize / 26 + 1)
}

fn roman(mut n: u32) -> String {
    const T: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting_as_word_writes_it() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 99, 100, 105, 110, 1001]
            .iter()
            .map(|&n| chinese(n))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "二十",
                "二十一",
                "九十九",
                "一百",
                "一百零五",
                "一百一十",
                "一千零一"
            ]
        );
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
    }

    #[test]
    fn levels_restart_and_lists_continue() {
        let xml = r#"<w:numbering xmlns:w="x">
          <w:abstractNum w:abstractNumId="3">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3."/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="3"/></w:num>
          <w:num w:numId="5"><w:abstractNumId w:val="3"/>
            <w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
        </w:numbering>"#;
        let mut n = Numbering::parse(xml);
        let mut l = |id, lvl| n.next_label(id, lvl).unwrap_or_default();
        assert_eq!(l("1", 0), "一、");
        assert_eq!(l("1", 1), "（一）");
        assert_eq!(l("1", 1), "（二）");
        assert_eq!(l("1", 2), "一.1.");
        assert_eq!(l("1", 0), "二、");
        assert_eq!(l("1", 1), "（一）");
        // Another numId on the same abstract list continues it.
        assert_eq!(l("2", 0), "三、");
        // A startOverride starts a fresh instance.
        assert_eq!(l("5", 0), "七、");
        assert_eq!(l("0", 0), "");
        assert_eq!(l("99", 0), "");
    }

    #[test]
    fn lists_defined_through_a_numbering_style() {
        let xml = r#"<w:numbering xmlns:w="x">
          <w:abstractNum w:abstractNumId="1"><w:styleLink w:val="Outline"/>
            <w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
          </w:abstractNum>
          <w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="Outline"/></w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
        </w:numbering>"#;
        let mut n = Numbering::parse(xml);
        assert_eq!(n.next_label("2", 0), None);
        n.resolve_style_links(|s| (s == "Outline").then(|| "1".to_string()));
        assert_eq!(n.next_label("2", 0).as_deref(), Some("一、"));
    }
}
