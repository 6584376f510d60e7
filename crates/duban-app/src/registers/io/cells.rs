//! Reading typed values from table cells, with messages naming row and column.

use duban_office::table::Table;
use time::{Date, Month};

/// A column of a register file: its name in templates and exports, and the variants
/// accepted on import.
pub(super) struct Col {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

/// Where each known column sits in a table.
pub(super) struct Columns<'a> {
    cols: &'a [Col],
    at: Vec<Option<usize>>,
}

impl<'a> Columns<'a> {
    pub fn find(table: &Table, cols: &'a [Col]) -> Result<Self, String> {
        let norm = |s: &str| s.replace(['（', '）', '(', ')', ' ', '　'], "");
        let header: Vec<String> = table.header.iter().map(|h| norm(h)).collect();
        let at: Vec<Option<usize>> = cols
            .iter()
            .map(|c| {
                std::iter::once(c.name)
                    .chain(c.aliases.iter().copied())
                    .find_map(|n| header.iter().position(|h| *h == norm(n)))
            })
            .collect();
        let missing: Vec<&str> = cols
            .iter()
            .zip(&at)
            .filter(|(c, a)| c.required && a.is_none())
            .map(|(c, _)| c.name)
            .collect();
        if missing.is_empty() {
            Ok(Self { cols, at })
        } else {
            Err(format!(
                "表头缺少：{}（可下载模板对照）",
                missing.join("、")
            ))
        }
    }

    fn index(&self, name: &str) -> usize {
        self.cols
            .iter()
            .position(|c| c.name == name)
            .unwrap_or(usize::MAX)
    }

    /// A cell by column name, trimmed ("" when the column is absent).
    pub fn get<'r>(&self, row: &'r [String], name: &str) -> &'r str {
        self.at
            .get(self.index(name))
            .copied()
            .flatten()
            .and_then(|i| row.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    }
}

/// Collects a row's errors as "第N行“列”：message".
pub(super) struct RowErrors<'e> {
    pub line: usize,
    pub out: &'e mut Vec<String>,
}

impl RowErrors<'_> {
    pub fn push(&mut self, col: &str, msg: impl std::fmt::Display) {
        self.out.push(format!("第{}行“{col}”：{msg}", self.line));
    }

    pub fn required(&mut self, col: &str, v: &str) -> String {
        if v.is_empty() {
            self.push(col, "不能为空");
        }
        v.to_string()
    }

    pub fn number(&mut self, col: &str, v: &str) -> Option<f64> {
        let t = v.replace([',', '，'], "");
        let t = t.trim_end_matches(['%', '％']).trim();
        if t.is_empty() {
            return None;
        }
        match t.parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                self.push(col, format!("“{v}”不是数字"));
                None
            }
        }
    }

    pub fn days(&mut self, col: &str, v: &str) -> Option<i64> {
        let n = self.number(
            col,
            v.trim_end_matches("个工作日")
                .trim_end_matches("工作日")
                .trim_end_matches('天'),
        )?;
        if n.fract() != 0.0 || !(0.0..=3650.0).contains(&n) {
            self.push(col, format!("“{v}”应为0—3650的整数"));
            return None;
        }
        Some(n as i64)
    }

    pub fn flag(&mut self, col: &str, v: &str) -> bool {
        match v.to_ascii_lowercase().as_str() {
            "" | "否" | "×" | "n" | "no" | "0" | "false" | "无" => false,
            "是" | "√" | "✓" | "y" | "yes" | "1" | "true" | "有" => true,
            _ => {
                self.push(col, format!("“{v}”应为“是”或“否”"));
                false
            }
        }
    }

    pub fn date(&mut self, col: &str, v: &str) -> Option<Date> {
        if v.is_empty() {
            return None;
        }
        let d = parse_date(v);
        if d.is_none() {
            self.push(col, format!("“{v}”不是日期（例如 2024-03-15）"));
        }
        d
    }
}

/// 2024-03-15, 2024/3/15, 2024.3.15, 2024年3月15日, or an Excel serial day number.
pub(super) fn parse_date(v: &str) -> Option<Date> {
    let t = v.trim().trim_end_matches('日');
    if let Ok(serial) = t.parse::<f64>() {
        // Excel's day 1 is 1900-01-01 with the 1900 leap-year bug: day 60 does not exist.
        if (61.0..2_958_466.0).contains(&serial) {
            let base = Date::from_calendar_date(1899, Month::December, 30).ok()?;
            return base.checked_add(time::Duration::days(serial.trunc() as i64));
        }
        return None;
    }
    let t = t.split([' ', 'T']).next().unwrap_or("");
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let month = Month::try_from(m.trim().parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.trim().parse().ok()?, month, d.trim().parse().ok()?).ok()
}

pub(super) fn date_text(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

pub(super) fn flag_text(b: bool) -> String {
    if b { "是" } else { "否" }.to_string()
}

pub(super) fn num_text(x: Option<f64>) -> String {
    x.map(|x| {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    })
    .unwrap_or_default()
}

/// Splits a list cell (张三、李四 / 张三,李四 / 张三；李四).
pub(super) fn list(v: &str) -> Vec<String> {
    v.split(['、', ',', '，', ';', '；', '\n'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_in_the_forms_people_type() {
        for s in [
            "2024-03-15",
            "2024/3/15",
            "2024.3.15",
            "2024年3月15日",
            "45366",
            "2024-03-15 00:00:00",
        ] {
            assert_eq!(parse_date(s), Some(date!(2024 - 03 - 15)), "{s}");
        }
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("下月"), None);
        assert_eq!(list("张三、李四,王五"), ["张三", "李四", "王五"]);
    }
}
