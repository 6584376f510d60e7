//! The 督查通报 of a period, drafted from the data (domain rule B8): 期号 and issuing office,
//! scope and method, the numbers per status with shares, the named lagging lists with their
//! units, praise and criticism, 下一步工作要求, and the 落实情况表 as 附件. Every sentence states
//! what the records hold; where the records say nothing the draft says so rather than guess.

use super::export::{progress_rows, progress_title};
use crate::status::ItemStatus;
use crate::{Actor, App, AppError, Result};
use duban_core::status::Status;
use duban_core::{ItemKind, Period};
use duban_office::official::{
    Appendix, Block, Colophon, Masthead, OfficialDoc, Table, chinese_date, to_docx,
};
use duban_office::progress_sheet::ProgressRow;

/// The statuses in the order a 通报 counts them (B3).
const ORDER: [Status; 8] = [
    Status::Completed,
    Status::Ahead,
    Status::OnTrack,
    Status::Behind,
    Status::SeriouslyBehind,
    Status::NotReported,
    Status::NotStarted,
    Status::Adjusted,
];

fn good(s: Status) -> bool {
    matches!(s, Status::Completed | Status::Ahead | Status::OnTrack)
}

fn lagging(s: Status) -> bool {
    matches!(s, Status::Behind | Status::SeriouslyBehind)
}

/// "12.5%": a share of `n` out of `total`, one decimal.
fn share(n: usize, total: usize) -> String {
    if total == 0 {
        return "0%".into();
    }
    format!("{:.1}%", n as f64 * 100.0 / total as f64)
}

/// Up to `max` names joined with 、, "等N个单位" when more.
fn names(list: &[String], max: usize) -> String {
    if list.len() <= max {
        list.join("、")
    } else {
        format!("{}等{}个单位", list[..max].join("、"), list.len())
    }
}

fn unit_of(s: &ItemStatus) -> String {
    s.item
        .lead_unit_name
        .clone()
        .unwrap_or_else(|| "尚未明确牵头单位".into())
}

/// The 通报 of `period` for the plan, as the document model the official writer takes.
/// `number` is the 期号; without it the period's month stands in (one 通报 a month).
pub async fn brief(
    app: &App,
    actor: &Actor,
    plan_id: i64,
    period: Period,
    number: Option<u32>,
) -> Result<OfficialDoc> {
    actor.require_drafts()?;
    let (plan, rows) = progress_rows(app, actor, plan_id, period).await?;
    let today = app.today();
    let gov = plan.government_name.clone();
    let office = format!("{gov}人民政府督查室");
    let date = chinese_date(today.year(), u8::from(today.month()), today.day());
    let m = period.month;
    let total = rows.len();
    let statuses: Vec<&ItemStatus> = rows.iter().map(|(s, _)| s).collect();
    let count = |st: Status| {
        statuses
            .iter()
            .filter(|s| s.assessment.status == st)
            .count()
    };

    let para = |s: String| Block::Paragraph(s);
    let mut body = vec![para(format!(
        "为推动{}年政府工作报告确定的各项目标任务落实，{office}对1—{m}月重点任务推进情况进行了调度。\
         本次通报依据各牵头单位报送、经审核验收的进展情况，按序时进度规则逐项评定（截至{}年{m}月底，序时进度{:.1}%）。现将有关情况通报如下。",
        plan.year,
        period.year,
        f64::from(m) * 100.0 / 12.0
    ))];

    // 一、总体情况
    body.push(Block::Heading1("总体情况".into()));
    let parts: Vec<String> = ORDER
        .iter()
        .filter(|st| count(**st) > 0)
        .map(|st| {
            format!(
                "{}{}项，占{}",
                st.label(),
                count(*st),
                share(count(*st), total)
            )
        })
        .collect();
    body.push(para(if parts.is_empty() {
        "纳入本次调度的重点任务暂无数据。".into()
    } else {
        format!(
            "纳入本次调度的重点任务共{total}项。其中，{}。",
            parts.join("；")
        )
    }));
    let targets: Vec<&&ItemStatus> = statuses
        .iter()
        .filter(|s| s.item.kind == ItemKind::Target)
        .collect();
    let assessed = targets
        .iter()
        .filter(|s| good(s.assessment.status) || lagging(s.assessment.status))
        .count();
    let reached = targets.iter().filter(|s| good(s.assessment.status)).count();
    if !targets.is_empty() {
        body.push(para(format!(
            "量化指标{}项中，有进度数据的{assessed}项，达到或超过序时进度{reached}项，占{}；未达到序时进度{}项。",
            targets.len(),
            share(reached, assessed),
            assessed - reached
        )));
    }
    body.push(Block::Table(Table {
        widths: vec![3, 2, 2],
        ..Table::new(
            vec!["状态".into(), "项数".into(), "占比".into()],
            ORDER
                .iter()
                .filter(|st| count(**st) > 0)
                .map(|st| {
                    vec![
                        st.label().to_string(),
                        count(*st).to_string(),
                        share(count(*st), total),
                    ]
                })
                .collect(),
        )
    }));

    // 二、滞后事项
    body.push(Block::Heading1("未达到序时进度的事项".into()));
    let behind: Vec<&&ItemStatus> = statuses
        .iter()
        .filter(|s| lagging(s.assessment.status))
        .collect();
    if behind.is_empty() {
        body.push(para("本期没有欠进度或严重滞后的事项。".into()));
    }
    for st in [Status::SeriouslyBehind, Status::Behind] {
        let list: Vec<&&&ItemStatus> = behind
            .iter()
            .filter(|s| s.assessment.status == st)
            .collect();
        if list.is_empty() {
            continue;
        }
        body.push(Block::Heading2(format!(
            "{}事项（{}项）",
            st.label(),
            list.len()
        )));
        for s in list {
            let why = s.assessment.explanation.trim_end_matches('。');
            body.push(Block::Heading3(format!(
                "{}（牵头单位：{}）。{why}。",
                s.item.title,
                unit_of(s),
            )));
        }
    }
    let not_reported = units_with(&statuses, |s| s == Status::NotReported);
    if !not_reported.is_empty() {
        body.push(Block::Heading2("未按时报送进展情况".into()));
        let list: Vec<String> = not_reported
            .iter()
            .map(|(u, n)| format!("{u}（{n}项）"))
            .collect();
        body.push(para(format!(
            "截至通报日，以下单位牵头的事项未报送1—{m}月进展情况或报送未经验收：{}。",
            list.join("、")
        )));
    }

    // 三、总体评价
    body.push(Block::Heading1("总体评价".into()));
    body.extend(assessment(&statuses).into_iter().map(para));

    // 四、下一步工作要求
    body.push(Block::Heading1("下一步工作要求".into()));
    let mut asks = vec![
        "一是压实工作责任。各牵头单位要对照年度目标任务，逐项细化措施、明确时限，确保各项任务按序时进度推进。".to_string(),
    ];
    if !behind.is_empty() {
        asks.push(format!(
            "二是加快推进滞后事项。对本次通报的{}项欠进度、严重滞后事项，牵头单位要认真分析原因，制定整改措施，并在下期报送时说明整改情况。",
            behind.len()
        ));
    }
    asks.push(format!(
        "{}是按时报送进展情况。各单位要于每月{}日前如实报送上月进展情况，做到数据准确、内容具体。",
        if behind.is_empty() { "二" } else { "三" },
        plan.due_day
    ));
    asks.push(format!(
        "{}是强化督查问效。{office}将对欠进度、严重滞后事项实行重点督查，督查结果纳入年度目标绩效考核。",
        if behind.is_empty() { "三" } else { "四" }
    ));
    body.extend(asks.into_iter().map(para));

    let table_rows: Vec<&ProgressRow> = rows.iter().map(|(_, r)| r).collect();
    Ok(OfficialDoc {
        masthead: Some(Masthead {
            organ: format!("{gov}政务督查"),
            number: Some(format!("第{}期", number.unwrap_or(u32::from(m)))),
            issuer: Some(office.clone()),
            date: Some(date.clone()),
        }),
        title: format!(
            "关于{}年政府工作报告重点任务\n1—{m}月推进情况的通报",
            plan.year
        ),
        recipients: Some("各有关单位：".into()),
        body,
        signature: Some(office.clone()),
        date: Some(date.clone()),
        appendices: vec![Appendix {
            title: progress_title(&plan, period),
            body: vec![appendix_table(&table_rows)],
        }],
        colophon: Some(Colophon {
            cc: None,
            printer: office,
            print_date: date,
        }),
    })
}

/// The 通报 as .docx with its file name.
pub async fn brief_docx(
    app: &App,
    actor: &Actor,
    plan_id: i64,
    period: Period,
    number: Option<u32>,
) -> Result<(String, Vec<u8>)> {
    let doc = brief(app, actor, plan_id, period, number).await?;
    let bytes = to_docx(&doc).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((format!("督查通报（1—{}月）.docx", period.month), bytes))
}

/// Lead units with how many of their items have a status matching `f`, most first.
fn units_with(statuses: &[&ItemStatus], f: impl Fn(Status) -> bool) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for s in statuses.iter().filter(|s| f(s.assessment.status)) {
        let u = unit_of(s);
        match out.iter_mut().find(|(n, _)| *n == u) {
            Some((_, c)) => *c += 1,
            None => out.push((u, 1)),
        }
    }
    out.sort_by_key(|u| std::cmp::Reverse(u.1));
    out
}

/// Praise for the units whose every assessed item is at or above 序时, criticism for those
/// with items seriously behind or unreported — each naming the units and counts found.
fn assessment(statuses: &[&ItemStatus]) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    for s in statuses.iter().filter(|s| s.item.lead_unit_id.is_some()) {
        let u = unit_of(s);
        if !units.contains(&u) {
            units.push(u);
        }
    }
    let of = |u: &str| -> Vec<Status> {
        statuses
            .iter()
            .filter(|s| s.item.lead_unit_id.is_some() && unit_of(s) == u)
            .map(|s| s.assessment.status)
            .collect()
    };
    let praised: Vec<String> = units
        .iter()
        .filter(|u| {
            let st = of(u);
            st.iter().any(|s| good(*s)) && st.iter().all(|s| good(*s) || *s == Status::Adjusted)
        })
        .cloned()
        .collect();
    let completed = statuses
        .iter()
        .filter(|s| s.assessment.status == Status::Completed)
        .count();
    let mut out = Vec::new();
    if praised.is_empty() {
        out.push("本期没有牵头事项全部达到序时进度的单位。".to_string());
    } else {
        out.push(format!(
            "从调度情况看，{}牵头的事项均达到或超过序时进度{}，工作推进有力。",
            names(&praised, 8),
            if completed > 0 {
                format!("，全部重点任务中已完成{completed}项")
            } else {
                String::new()
            }
        ));
    }
    let serious = units_with(statuses, |s| s == Status::SeriouslyBehind);
    let behind = units_with(statuses, |s| s == Status::Behind);
    let unreported = units_with(statuses, |s| s == Status::NotReported);
    if !serious.is_empty() {
        let list: Vec<String> = serious
            .iter()
            .map(|(u, n)| format!("{u}（{n}项）"))
            .collect();
        out.push(format!(
            "同时也要看到，{}牵头的部分事项严重滞后于序时进度，推进力度有待加大。",
            list.join("、")
        ));
    }
    if !behind.is_empty() {
        let list: Vec<String> = behind.iter().map(|(u, _)| u.clone()).collect();
        out.push(format!(
            "{}牵头的事项中有欠进度情况，需加快推进。",
            names(&list, 8)
        ));
    }
    if !unreported.is_empty() {
        out.push(format!(
            "少数单位未按要求报送进展情况（{}个单位共{}项），信息报送的及时性有待提高。",
            unreported.len(),
            unreported.iter().map(|(_, n)| n).sum::<usize>()
        ));
    }
    out
}

/// The 附件: task, lead unit, 序时, completion, status and progress, in 五号.
fn appendix_table(rows: &[&ProgressRow]) -> Block {
    let pct = |v: Option<f64>| v.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_default();
    Block::Table(Table {
        widths: vec![2, 9, 4, 3, 3, 3, 9],
        font_half_points: 21,
        ..Table::new(
            [
                "序号",
                "任务内容",
                "牵头单位",
                "序时进度",
                "完成率",
                "状态",
                "进展情况",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            rows.iter()
                .enumerate()
                .map(|(i, r)| {
                    vec![
                        (i + 1).to_string(),
                        r.content.clone(),
                        r.lead_unit.clone(),
                        pct(r.time_progress),
                        pct(r.completion),
                        r.status.label().to_string(),
                        if r.progress.is_empty() {
                            "暂无数据".into()
                        } else {
                            r.progress.clone()
                        },
                    ]
                })
                .collect(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_names() {
        assert_eq!(share(1, 8), "12.5%");
        assert_eq!(share(0, 0), "0%");
        let l: Vec<String> = ["甲", "乙", "丙"].iter().map(|s| s.to_string()).collect();
        assert_eq!(names(&l, 3), "甲、乙、丙");
        assert_eq!(names(&l, 2), "甲、乙等3个单位");
    }
}
