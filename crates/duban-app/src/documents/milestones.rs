//! The 分解表's 季度/月度节点 columns as the item's milestones: a column headed by a quarter
//! or a month ("一季度", "6月", "上半年") gives that period's node; a general column
//! ("季度/月度节点") is split into its "N月…" / "N季度…" phrases. Text that names no period is
//! not guessed at — it stays out of the milestones.

use crate::items::MilestoneInput;
use duban_office::decomposition::Milestone;

/// The month a label names: 一季度/第一季度 → 3, 上半年 → 6, 全年/年底/下半年 → 12, "6月"/"六月" → 6.
pub fn month_of(label: &str) -> Option<u8> {
    let l = label.trim().trim_start_matches('第');
    let digit = |c: char| -> Option<u32> {
        c.to_digit(10)
            .or_else(|| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1))
    };
    if l.starts_with("上半年") {
        return Some(6);
    }
    if l.starts_with("下半年")
        || l.starts_with("全年")
        || l.starts_with("年底")
        || l.starts_with("年末")
    {
        return Some(12);
    }
    let mut chars = l.chars();
    let first = chars.next()?;
    let rest: String = chars.collect();
    if let Some(q) = digit(first).filter(|q| (1..=4).contains(q))
        && (rest.starts_with("季度") || rest.starts_with("季"))
    {
        return Some(q as u8 * 3);
    }
    // 1–12, Arabic or Chinese (十, 十一, 十二), followed by 月.
    let (n, after) = if let Some(stripped) = l.strip_prefix("十二") {
        (12, stripped)
    } else if let Some(stripped) = l.strip_prefix("十一") {
        (11, stripped)
    } else if let Some(stripped) = l.strip_prefix('十') {
        (10, stripped)
    } else {
        let digits: String = l.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() {
            (digit(first)?, &l[first.len_utf8()..])
        } else {
            (digits.parse().ok()?, &l[digits.len()..])
        }
    };
    ((1..=12).contains(&n) && after.starts_with('月')).then_some(n as u8)
}

/// The milestones a row's node columns give, for the plan `year`, in period order; one node
/// per period (texts for the same period joined with "；").
pub fn milestone_inputs(year: i32, cols: &[Milestone]) -> Vec<MilestoneInput> {
    let mut out: Vec<(u8, String)> = Vec::new();
    let mut add = |m: u8, text: &str| {
        let text = text.trim().trim_end_matches(['；', ';', '。']).to_string();
        if text.is_empty() {
            return;
        }
        match out.iter_mut().find(|(x, _)| *x == m) {
            Some((_, t)) => {
                t.push('；');
                t.push_str(&text);
            }
            None => out.push((m, text)),
        }
    };
    for c in cols {
        if let Some(m) = month_of(&c.label) {
            add(m, &c.text);
            continue;
        }
        for part in c.text.split(['；', ';', '\n']) {
            let p = part
                .trim()
                .trim_start_matches(|ch: char| ch == '、' || ch.is_whitespace());
            if let Some(m) = month_of(p) {
                add(m, p);
            }
        }
    }
    out.sort_by_key(|(m, _)| *m);
    out.into_iter()
        .map(|(m, text)| MilestoneInput {
            period: format!("{year:04}-{m:02}"),
            planned_value: None,
            description: Some(text),
            is_final: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(label: &str, text: &str) -> Milestone {
        Milestone {
            label: label.into(),
            text: text.into(),
        }
    }

    #[test]
    fn labels_name_months() {
        for (l, m) in [
            ("一季度", Some(3)),
            ("第二季度", Some(6)),
            ("4季度", Some(12)),
            ("上半年", Some(6)),
            ("全年", Some(12)),
            ("6月", Some(6)),
            ("六月底前", Some(6)),
            ("十一月", Some(11)),
            ("12月底", Some(12)),
            ("13月", None),
            ("季度/月度节点", None),
            ("", None),
        ] {
            assert_eq!(month_of(l), m, "{l}");
        }
    }

    #[test]
    fn columns_and_phrases_become_nodes() {
        let got = milestone_inputs(
            2024,
            &[
                col("一季度", "完成立项"),
                col(
                    "季度/月度节点",
                    "3月底前完成招标；9月主体完工\n争取早日投用",
                ),
                col("四季度", ""),
            ],
        );
        let v: Vec<(String, String)> = got
            .into_iter()
            .map(|m| (m.period, m.description.unwrap()))
            .collect();
        assert_eq!(
            v,
            vec![
                ("2024-03".into(), "完成立项；3月底前完成招标".into()),
                ("2024-09".into(), "9月主体完工".into()),
            ]
        );
    }
}
