//! 完成时限 as offices write it ("2024年12月底", "6月30日前", "三季度末", "年底前", "长期坚持")
//! turned into a date, for the assignment's deadline.

/// The last day a 完成时限 allows, as (year, month, day); `year` is the plan's year, used when
/// the text names none. `None` for open-ended texts (长期坚持, 持续推进) and anything not
/// understood, which the caller shows for a person to fill in.
pub fn deadline_date(text: &str, year: i32) -> Option<(i32, u8, u8)> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    let (year, rest) = match t.split_once('年') {
        Some((y, rest)) if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => {
            (y.parse().ok()?, rest.to_string())
        }
        _ => (year, t.clone()),
    };
    let rest = rest.trim_start_matches("度");
    // Quarters and halves.
    for (names, month) in [
        (&["一季度", "第一季度", "1季度"][..], 3u8),
        (&["二季度", "第二季度", "2季度", "上半年"][..], 6),
        (&["三季度", "第三季度", "3季度", "前三季度"][..], 9),
        (
            &[
                "四季度",
                "第四季度",
                "4季度",
                "下半年",
                "年底",
                "年末",
                "全年",
                "年内",
            ][..],
            12,
        ),
    ] {
        if names.iter().any(|n| rest.starts_with(n)) {
            return Some((year, month, last_day(year, month)));
        }
    }
    if rest.is_empty() && t.ends_with('年') {
        return Some((year, 12, 31)); // "2024年"
    }
    // "12月底", "6月30日前", "10月", "5月中旬".
    let (m, after) = rest.split_once('月')?;
    let month = number(m)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let month = month as u8;
    let day = match after.split_once('日') {
        Some((d, _)) => number(d)? as u8,
        None if after.starts_with("上旬") => 10,
        None if after.starts_with("中旬") => 20,
        None => last_day(year, month),
    };
    (1..=last_day(year, month))
        .contains(&day)
        .then_some((year, month, day))
}

fn number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    const D: &str = "零一二三四五六七八九";
    let digit = |c: char| D.chars().position(|d| d == c).map(|p| p as u32);
    let c: Vec<char> = s.chars().collect();
    match c.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

fn last_day(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_as_offices_write_them() {
        let d = |s| deadline_date(s, 2024);
        assert_eq!(d("2024年12月底"), Some((2024, 12, 31)));
        assert_eq!(d("12月底前"), Some((2024, 12, 31)));
        assert_eq!(d("6月30日前"), Some((2024, 6, 30)));
        assert_eq!(d("2025年6月"), Some((2025, 6, 30)));
        assert_eq!(d("2月底"), Some((2024, 2, 29)));
        assert_eq!(d("十月底"), Some((2024, 10, 31)));
        assert_eq!(d("5月中旬"), Some((2024, 5, 20)));
        assert_eq!(d("三季度末"), Some((2024, 9, 30)));
        assert_eq!(d("上半年"), Some((2024, 6, 30)));
        assert_eq!(d("年底前"), Some((2024, 12, 31)));
        assert_eq!(d("2024年"), Some((2024, 12, 31)));
        assert_eq!(d("１２月底"), Some((2024, 12, 31)));
        assert_eq!(d("长期坚持"), None);
        assert_eq!(d("持续推进"), None);
        assert_eq!(d("13月"), None);
        assert_eq!(d("4月31日"), None);
    }
}
