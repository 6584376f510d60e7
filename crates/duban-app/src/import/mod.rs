//! Importing a work report: decode, parse, and store the plan with its sections, targets,
//! tasks and the figures the review part states — all in one transaction, or nothing.

use crate::{Actor, App, AppError, Result};
use duban_core::{FigureKind, GovLevel, ItemKind};
use duban_db::{items, org, plans};
use duban_parse::Parsed;
use serde::Serialize;
use sha2::{Digest, Sha256};

mod notice;
pub use notice::parse_deadline;
use notice::{NoticeUnits, assign_units, notice_units};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ImportSummary {
    pub plan_id: i64,
    pub government: String,
    pub year: i32,
    pub encoding: String,
    pub sections: usize,
    pub targets: usize,
    pub tasks: usize,
    pub actuals: usize,
    pub diagnostics: usize,
}

/// Decodes a report file into text, with a message a person can act on when it is not one.
/// A .docx is read as Word lays it out; .doc, PDF, encrypted or broken files are refused
/// with the office library's messages. Plain UTF-8 text is borrowed from `bytes`.
pub fn decode_report(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, str>, &'static str)> {
    use duban_office::check::FileKind;
    use duban_office::report::{ReportLimits, report_text};
    let bad = |e: duban_office::check::FileError| AppError::BadInput(e.to_string());
    if duban_office::check::kind(bytes) == FileKind::Docx {
        return Ok((
            report_text(bytes, &ReportLimits::default())
                .map_err(bad)?
                .into(),
            "Word 文档",
        ));
    }
    // Refuses what is not text (PDF, .doc, workbooks) before decoding.
    duban_office::check::check(
        bytes,
        duban_office::check::Expected::Report,
        ReportLimits::default().max_bytes,
    )
    .map_err(bad)?;
    duban_office::text::decode(bytes)
        .map(|(s, e)| (s, e.label()))
        .map_err(|e| AppError::BadInput(e.to_string()))
}

/// Imports a report for `government` and `year` (the year the report itself gives when
/// `year` is None).
pub async fn import_report(
    app: &App,
    actor: &Actor,
    government: &str,
    year: Option<i32>,
    file_name: &str,
    bytes: &[u8],
) -> Result<ImportSummary> {
    actor.require_office()?;
    let government = government.trim();
    if government.is_empty() {
        return Err(AppError::BadInput("请指定政府名称（例如 山城区）".into()));
    }
    if bytes.len() > app.settings.max_upload_bytes {
        return Err(AppError::BadInput(format!(
            "文件超过 {} MB 的上限（配置项 max_upload_mb）",
            app.settings.max_upload_bytes / 1024 / 1024
        )));
    }
    let (text, encoding) = decode_report(bytes)?;
    let parsed = duban_parse::parse(&text);
    let year = year
        .or(parsed.plan_year)
        .ok_or_else(|| AppError::BadInput("无法从报告中识别年份，请指定年份（--year）".into()))?;
    if !(1990..=2100).contains(&year) {
        return Err(AppError::BadInput(format!("年份 {year} 不合理")));
    }
    let targets = parsed
        .figures
        .iter()
        .filter(|f| f.kind == FigureKind::Target)
        .count();
    if targets == 0 && parsed.tasks.is_empty() {
        return Err(AppError::BadInput(
            "未在文件中找到任何量化指标或工作任务，请确认这是政府工作报告（或任务分解表）的文本"
                .into(),
        ));
    }

    let found = targets + parsed.tasks.len();
    if found > app.settings.max_items_per_plan {
        return Err(AppError::BadInput(format!(
            "文件中识别出 {found} 项指标和任务，超过一个计划的上限 {} 项；请确认这是一份政府工作报告（或任务分解表），而不是多份文件的合并",
            app.settings.max_items_per_plan
        )));
    }
    let mut tx = app.begin().await?;
    let gov = org::ensure_government(&mut tx, government, GovLevel::from_name(government)).await?;
    if let Some(p) = plans::by_government_year(&mut tx, government, i64::from(year)).await? {
        return Err(AppError::Conflict(format!(
            "{government}{year}年的计划已经导入（计划编号 {}），不能重复导入",
            p.id
        )));
    }
    let title = parsed
        .title
        .as_deref()
        .map(str::to_string)
        .unwrap_or_else(|| format!("{government}{year}年政府工作报告"));
    let diagnostics = (!parsed.diagnostics.is_empty())
        .then(|| serde_json::to_string(&parsed.diagnostics).unwrap_or_default());
    let plan_id = plans::insert(
        &mut tx,
        &plans::NewPlan {
            government_id: gov.id,
            year: i64::from(year),
            title: &title,
            source_name: file_name,
            source_text: &text,
            source_sha256: &hex::encode(Sha256::digest(text.as_bytes())),
            review_year: parsed.review_year.map(i64::from),
            due_day: 25,
            default_cycle: Default::default(),
            parse_diagnostics: diagnostics,
            imported_by: actor.user_id,
        },
    )
    .await?;
    let counts = store_parsed(&mut tx, actor, gov.id, plan_id, year, &text, &parsed).await?;
    let summary = ImportSummary {
        plan_id,
        government: government.to_string(),
        year,
        encoding: encoding.to_string(),
        sections: parsed.sections.len(),
        targets: counts.0,
        tasks: counts.1,
        actuals: counts.2,
        diagnostics: parsed.diagnostics.len(),
    };
    actor
        .audit(
            &mut tx,
            "import_plan",
            "plan",
            Some(plan_id),
            None,
            Some(serde_json::to_value(&summary).unwrap_or_default()),
        )
        .await?;
    tx.commit().await?;
    Ok(summary)
}

/// A short title for a task: its first clause without its list marker, at most 40 characters.
pub fn task_title(text: &str) -> String {
    let first = text.split(['。', '；', ';']).next().unwrap_or(text).trim();
    let first = strip_marker(first);
    let mut t: String = first.chars().take(40).collect();
    if first.chars().count() > 40 {
        t.push('…');
    }
    if t.is_empty() {
        text.chars().take(40).collect()
    } else {
        t
    }
}

/// Removes a leading list marker: 一、 （一） (1) 1. 1、 一是 第一，.
fn strip_marker(s: &str) -> &str {
    const NUM: &str = "一二三四五六七八九十百0123456789０１２３４５６７８９";
    let rest = s.trim_start_matches('第');
    let open = rest.strip_prefix(['（', '(']);
    let body = open.unwrap_or(rest);
    let digits_end = body
        .char_indices()
        .find(|(_, c)| !NUM.contains(*c))
        .map(|(i, _)| i)
        .unwrap_or(body.len());
    if digits_end == 0 {
        return s;
    }
    let after = &body[digits_end..];
    let closers: &[char] = if open.is_some() {
        &['）', ')']
    } else {
        &['、', '.', '．', '是', '，', ',', ' ']
    };
    match after.strip_prefix(closers) {
        // "2024年…" is not a marker: only strip when a closer follows the number directly.
        Some(tail) => tail
            .trim_start_matches(['：', ':', '，', ',', ' '])
            .trim_start(),
        None => s,
    }
}

fn figure_title(f: &duban_parse::Figure<'_>) -> String {
    let name = if f.indicator.is_empty() {
        f.span.as_ref()
    } else {
        f.indicator.as_ref()
    };
    name.chars().take(60).collect()
}

async fn store_parsed(
    tx: &mut duban_db::Tx,
    actor: &Actor,
    government_id: i64,
    plan_id: i64,
    year: i32,
    text: &str,
    parsed: &Parsed<'_>,
) -> Result<(usize, usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    // Sections keep their tree: parents come before children in document order.
    let mut section_ids: Vec<i64> = Vec::with_capacity(parsed.sections.len());
    for (seq, s) in parsed.sections.iter().enumerate() {
        let parent_id = s.parent.and_then(|p| section_ids.get(p).copied());
        let id = plans::insert_section(
            tx,
            &plans::NewSection {
                plan_id,
                parent_id,
                seq: seq as i64,
                level: i64::from(s.level),
                marker: &s.marker,
                heading: &s.heading,
                part: s.part,
                start_char: s.start as i64,
                end_char: s.end as i64,
            },
        )
        .await?;
        section_ids.push(id);
    }
    let section_id = |idx: Option<usize>| idx.and_then(|i| section_ids.get(i).copied());

    // Tasks and targets in text order; a target inside a task hangs under it.
    let mut owner_task: Vec<Option<usize>> = vec![None; parsed.figures.len()];
    for (ti, t) in parsed.tasks.iter().enumerate() {
        for &fi in &t.figures {
            if let Some(slot) = owner_task.get_mut(fi) {
                *slot = Some(ti);
            }
        }
    }
    let mut seq = 0i64;
    let mut task_ids: Vec<Option<i64>> = vec![None; parsed.tasks.len()];
    let mut task_units: Vec<Option<NoticeUnits>> = vec![None; parsed.tasks.len()];
    let (mut n_targets, mut n_tasks, mut n_actuals) = (0, 0, 0);
    enum Entry<'a> {
        Task(usize, &'a duban_parse::Task<'a>),
        Figure(usize, &'a duban_parse::Figure<'a>),
    }
    let mut entries: Vec<(usize, u8, Entry)> = Vec::new();
    for (i, t) in parsed.tasks.iter().enumerate() {
        entries.push((t.start, 0, Entry::Task(i, t)));
    }
    for (i, f) in parsed.figures.iter().enumerate() {
        entries.push((f.start, 1, Entry::Figure(i, f)));
    }
    entries.sort_by_key(|(start, order, _)| (*start, *order));
    for (_, _, e) in entries {
        match e {
            Entry::Task(i, t) => {
                seq += 1;
                let title = task_title(&t.text);
                let id = items::insert(
                    tx,
                    &items::NewItem {
                        plan_id,
                        section_id: section_id(t.section),
                        parent_id: None,
                        seq,
                        kind: ItemKind::Task,
                        title: &title,
                        text: &t.text,
                        indicator: None,
                        value: None,
                        value_max: None,
                        unit: None,
                        op: None,
                        measure: None,
                        direction: None,
                        figure_year: Some(i64::from(year)),
                        start_char: Some(t.start as i64),
                        end_char: Some(t.end as i64),
                    },
                )
                .await?;
                task_ids[i] = Some(id);
                n_tasks += 1;
                if !t.lead_units.is_empty() {
                    task_units[i] = notice_units(tx, actor, government_id, year, t).await?;
                    if let Some(a) = &task_units[i] {
                        assign_units(tx, actor, id, a).await?;
                    }
                }
            }
            Entry::Figure(i, f) if f.kind == FigureKind::Target => {
                seq += 1;
                let parent = owner_task[i].and_then(|t| task_ids[t]);
                let sentence = sentence_of(parsed, &chars, f.start, f.end);
                let title = figure_title(f);
                let id = items::insert(
                    tx,
                    &items::NewItem {
                        plan_id,
                        section_id: section_id(f.section),
                        parent_id: parent,
                        seq,
                        kind: ItemKind::Target,
                        title: &title,
                        text: &sentence,
                        indicator: Some(&f.indicator),
                        value: Some(f.value),
                        value_max: f.value_max,
                        unit: Some(&f.unit),
                        op: Some(f.op.as_str()),
                        measure: Some(f.measure.as_str()),
                        direction: f.direction.map(|d| d.as_str()),
                        figure_year: Some(i64::from(f.year.unwrap_or(year))),
                        start_char: Some(f.start as i64),
                        end_char: Some(f.end as i64),
                    },
                )
                .await?;
                // A target inside a task of a decomposition notice goes to the same units.
                if let Some(a) = owner_task[i].and_then(|t| task_units[t].as_ref()) {
                    assign_units(tx, actor, id, a).await?;
                }
                n_targets += 1;
            }
            Entry::Figure(_, f) => {
                // An actual: the value of a named series for the reviewed year.
                let y = f.year.or(parsed.review_year).unwrap_or(year - 1);
                let period = format!("{y:04}-12");
                plans::insert_indicator_value(
                    tx,
                    &plans::NewIndicatorValue {
                        government_id,
                        name: if f.indicator.is_empty() {
                            &f.span
                        } else {
                            &f.indicator
                        },
                        unit: &f.unit,
                        measure: f.measure.as_str(),
                        period: &period,
                        value: f.value,
                        op: f.op.as_str(),
                        provenance: duban_core::Provenance::Report.as_str(),
                        plan_id: Some(plan_id),
                        item_id: None,
                        start_char: Some(f.start as i64),
                        end_char: Some(f.end as i64),
                        recorded_by: actor.user_id,
                    },
                )
                .await?;
                n_actuals += 1;
            }
        }
    }
    Ok((n_targets, n_tasks, n_actuals))
}

/// The sentence around a figure, for showing a target in context.
fn sentence_of(parsed: &Parsed<'_>, chars: &[char], start: usize, end: usize) -> String {
    let (a, b) = parsed
        .sentences
        .iter()
        .find(|s| s.start <= start && end <= s.end)
        .map(|s| (s.start, s.end))
        .unwrap_or((start, end));
    chars
        .get(a..b.min(chars.len()))
        .map(|c| c.iter().collect::<String>())
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::task_title;

    #[test]
    fn titles_lose_list_markers_but_keep_years() {
        assert_eq!(task_title("一是加快项目建设。其他"), "加快项目建设");
        assert_eq!(task_title("（三）深化改革；另一句"), "深化改革");
        assert_eq!(task_title("2. 办好民生实事"), "办好民生实事");
        assert_eq!(task_title("2024年工作重点"), "2024年工作重点");
        assert_eq!(task_title("第一，稳增长"), "稳增长");
    }
}
