//! Recognising a 分解表's header: which column is which, whatever the office called it.

use super::Column;

pub(super) fn norm(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊' | ':' | '：'))
        .collect()
}

/// Quarter and month labels used as milestone headers: 一季度, 第二季度, Q3, 6月, 6月份, 上半年.
pub(super) fn is_period_label(h: &str) -> bool {
    let h = norm(h);
    let h = h.trim_start_matches('第');
    let quarter = h.ends_with("季度")
        && h.chars().count() <= 4
        && h.chars().next().is_some_and(|c| "一二三四1234".contains(c));
    let month = h
        .trim_end_matches('份')
        .strip_suffix('月')
        .is_some_and(|n| {
            !n.is_empty()
                && n.chars().count() <= 3
                && n.chars()
                    .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        });
    quarter
        || month
        || matches!(
            h,
            "Q1" | "Q2" | "Q3" | "Q4" | "上半年" | "下半年" | "年底" | "全年"
        )
}

/// What a header cell names. Unit columns that do not say whether they lead are
/// [`Unit`](Guess::Unit) until the whole header is known.
#[derive(Clone, Copy, PartialEq)]
enum Guess {
    Col(Column),
    Unit,
}

/// Whether a cell reads as a column name of a 分解表.
pub(super) fn is_header_name(h: &str) -> bool {
    classify(h).is_some()
}

fn classify(h: &str) -> Option<Guess> {
    let h = norm(h);
    let has = |s: &str| h.contains(s);
    if h.is_empty() {
        return None;
    }
    let g = if h.starts_with("序号") || matches!(h.as_str(), "序" | "编号" | "号") {
        Guess::Col(Column::Number)
    } else if has("领导") {
        Guess::Col(Column::Leader)
    } else if has("牵头") || has("主要责任单位") || has("主责") || has("主办") {
        Guess::Col(Column::Lead)
    } else if has("配合") || has("协办") || has("参与") || has("协同") {
        Guess::Col(Column::Support)
    } else if has("单位") || has("部门") || has("责任主体") {
        Guess::Unit
    } else if has("时限") || has("完成时间") || has("完成期限") || has("截止") || h == "时间"
    {
        Guess::Col(Column::Deadline)
    } else if has("节点")
        || has("季度")
        || has("月度")
        || has("形象进度")
        || has("进度安排")
        || is_period_label(&h)
    {
        Guess::Col(Column::Milestone)
    } else if has("指标") || has("量化") || has("目标值") || has("预期目标") {
        Guess::Col(Column::Target)
    } else if has("任务") || has("内容") || has("事项") || has("工作") || has("名称") {
        Guess::Col(Column::Content)
    } else {
        return None;
    };
    Some(g)
}

/// The header's columns: index → column. 指标名称 is the content when no other column is; a
/// bare 责任单位 leads unless a 牵头 column exists, when it supports.
pub(super) fn map_header(row: &[String]) -> Vec<(usize, Column)> {
    let guesses: Vec<(usize, Guess)> = row
        .iter()
        .enumerate()
        .filter_map(|(i, h)| classify(h).map(|g| (i, g)))
        .collect();
    let has = |c: Column| guesses.iter().any(|(_, g)| *g == Guess::Col(c));
    let has_lead = has(Column::Lead);
    let has_content = has(Column::Content);
    let mut out = Vec::new();
    let mut lead_taken = has_lead;
    let mut content_taken = has_content;
    for (i, g) in guesses {
        let col = match g {
            Guess::Unit if !lead_taken => {
                lead_taken = true;
                Column::Lead
            }
            Guess::Unit => Column::Support,
            Guess::Col(Column::Target) if !content_taken && norm(&row[i]).contains("名称") => {
                content_taken = true;
                Column::Content
            }
            Guess::Col(c) => c,
        };
        // The first of each single column wins; milestone columns may repeat.
        if col == Column::Milestone || !out.iter().any(|(_, c)| *c == col) {
            out.push((i, col));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn header_variants_map_to_columns() {
        let m = map_header(&row(&[
            "序 号",
            "",
            "重点任务",
            "量化目标",
            "责任区领导",
            "责任单位",
            "完成时间",
            "进度安排",
        ]));
        let cols: Vec<Column> = m.iter().map(|(_, c)| *c).collect();
        assert_eq!(
            cols,
            [
                Column::Number,
                Column::Content,
                Column::Target,
                Column::Leader,
                Column::Lead,
                Column::Deadline,
                Column::Milestone
            ]
        );
        // With a 牵头 column, 责任单位 supports.
        let m = map_header(&row(&["指标名称", "目标值", "牵头部门", "责任单位"]));
        let cols: Vec<Column> = m.iter().map(|(_, c)| *c).collect();
        assert_eq!(
            cols,
            [
                Column::Content,
                Column::Target,
                Column::Lead,
                Column::Support
            ]
        );
    }
}
