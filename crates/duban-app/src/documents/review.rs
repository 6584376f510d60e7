//! The 年度工作回顾 drafted from a year's records, in the report's own register
//! ("全年完成地区生产总值121.3亿元，增长5.2%…"): indicator actuals with growth, the figures the
//! registers give (招商, 重点项目投资, 建议提案, 政务服务), and the plan's completed targets and
//! tasks. Each figure carries the record it came from; what the records lack is said plainly
//! ("暂无数据"), never estimated.

use crate::registers::summary::{RegisterSummary, summary};
use crate::{Actor, App, AppError, Result};
use duban_core::registers::{amount_text, pct_text};
use duban_core::status::Status;
use duban_core::{ItemKind, Measure, Period, ProjectStage, Provenance};
use duban_office::official::{
    Appendix, Block, OfficialDoc, Table, chinese_date, to_docx, to_markdown,
};

/// A figure of the review and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// What it measures ("地区生产总值").
    pub label: String,
    /// The value as written ("121.3亿元"), or "暂无数据".
    pub value: String,
    /// The record it came from ("经济运行指标·2023-12·统计部门").
    pub source: String,
    /// Where the record is seen in duban (a page or API path), when it has one.
    pub link: Option<String>,
}

/// The review: its paragraphs by heading and every figure with its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub government: String,
    pub year: i32,
    pub sections: Vec<(String, Vec<String>)>,
    pub figures: Vec<Figure>,
}

pub const NO_DATA: &str = "暂无数据";

/// Main indicators a review states; those the records lack are listed as 暂无数据.
const MAIN_INDICATORS: [&str; 7] = [
    "地区生产总值",
    "规模以上工业增加值",
    "固定资产投资",
    "社会消费品零售总额",
    "一般公共预算收入",
    "城镇居民人均可支配收入",
    "农村居民人均可支配收入",
];

fn growth_text(v: f64) -> String {
    if v < 0.0 {
        format!("下降{}", pct_text(-v))
    } else {
        format!("增长{}", pct_text(v))
    }
}

/// The review of `government` (the only one when `None`) for `year`.
pub async fn review(
    app: &App,
    actor: &Actor,
    government: Option<&str>,
    year: i32,
) -> Result<Review> {
    actor.require_drafts()?;
    let govs = crate::registers::governments(app, actor).await?;
    let gov = match government.map(str::trim).filter(|g| !g.is_empty()) {
        Some(name) => govs
            .into_iter()
            .find(|g| g.name == name)
            .ok_or_else(|| AppError::BadInput(format!("没有名为“{name}”的政府")))?,
        None if govs.len() == 1 => govs.into_iter().next().ok_or(AppError::NotFound)?,
        None if govs.is_empty() => {
            return Err(AppError::BadInput("尚无政府，请先导入政府工作报告".into()));
        }
        None => {
            return Err(AppError::BadInput(format!(
                "有 {} 个政府，请用 --government 指定",
                govs.len()
            )));
        }
    };
    let period = Period { year, month: 12 };
    let s = summary(app, actor, gov.id, year, period, app.today()).await?;
    let q = format!("government={}&year={year}", gov.name);
    let mut figures = Vec::new();
    let mut sections = Vec::new();

    let (econ, econ_figs) = economy(&s, year, &q);
    figures.extend(econ_figs);
    sections.push(("经济运行".to_string(), econ));

    let (reg, reg_figs) = registers(&s, &q);
    figures.extend(reg_figs);
    sections.push(("项目建设和民生服务".to_string(), reg));

    let (plan, plan_figs) = plan_results(app, actor, &gov.name, year).await?;
    figures.extend(plan_figs);
    sections.push(("政府工作报告目标任务完成情况".to_string(), plan));

    Ok(Review {
        government: gov.name,
        year,
        sections,
        figures,
    })
}

/// Indicator actuals at December, a level and a growth of the same name in one phrase.
fn economy(s: &RegisterSummary, year: i32, q: &str) -> (Vec<String>, Vec<Figure>) {
    let dec = format!("{year}-12");
    let link = Some(format!("/api/v1/registers/indicators?{q}"));
    let mut phrases: Vec<String> = Vec::new();
    let mut figures = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for series in &s.indicators {
        let ind = &series.indicator;
        if !names.contains(&ind.name) {
            names.push(ind.name.clone());
        }
    }
    for name in &names {
        let mut level = None;
        let mut growth = None;
        for series in s.indicators.iter().filter(|x| &x.indicator.name == name) {
            let Some(v) = series.values.iter().find(|v| v.period == dec) else {
                continue;
            };
            let prov = v
                .provenance
                .parse::<Provenance>()
                .map(|p| p.label())
                .unwrap_or("未注明");
            let source = format!("经济运行指标“{name}”·{dec}·{prov}");
            if series.indicator.measure == Measure::Growth.as_str() {
                growth = Some(v.value);
                figures.push(Figure {
                    label: format!("{name}增速"),
                    value: pct_text(v.value),
                    source,
                    link: link.clone(),
                });
            } else {
                let unit = if series.indicator.unit == "%" {
                    "%".to_string()
                } else {
                    series.indicator.unit.clone()
                };
                let text = if unit == "亿元" {
                    format!("{}亿元", amount_text(v.value))
                } else {
                    format!("{}{unit}", super::fmt_num(v.value))
                };
                level = Some(text.clone());
                figures.push(Figure {
                    label: name.clone(),
                    value: text,
                    source,
                    link: link.clone(),
                });
            }
        }
        match (level, growth) {
            (Some(l), Some(g)) => phrases.push(format!("{name}{l}、{}", growth_text(g))),
            (Some(l), None) => phrases.push(format!("{name}{l}")),
            (None, Some(g)) => phrases.push(format!("{name}{}", growth_text(g))),
            (None, None) => {}
        }
    }
    let mut paras = Vec::new();
    if phrases.is_empty() {
        paras.push(format!("全年主要经济指标：{NO_DATA}。"));
    } else {
        paras.push(format!("全年完成{}。", phrases.join("，")));
    }
    let missing: Vec<&str> = MAIN_INDICATORS
        .iter()
        .copied()
        .filter(|m| {
            !figures
                .iter()
                .any(|f| f.label == *m || f.label == format!("{m}增速"))
        })
        .collect();
    if !missing.is_empty() {
        paras.push(format!("{}：{NO_DATA}。", missing.join("、")));
        for m in missing {
            figures.push(Figure {
                label: m.to_string(),
                value: NO_DATA.into(),
                source: format!("经济运行指标台账无{dec}数据"),
                link: link.clone(),
            });
        }
    }
    (paras, figures)
}

/// 招商, 重点项目投资, 建议提案 and 政务服务 from the registers.
fn registers(s: &RegisterSummary, q: &str) -> (Vec<String>, Vec<Figure>) {
    let mut paras = Vec::new();
    let mut figures = Vec::new();
    let projects = Some(format!("/api/v1/registers/projects?{q}"));
    let mut fig = |label: &str, value: String, source: &str, link: &Option<String>| {
        figures.push(Figure {
            label: label.into(),
            value,
            source: source.into(),
            link: link.clone(),
        });
    };
    let signed = s.funnel.stage(ProjectStage::Signed);
    let landed = s.funnel.stage(ProjectStage::Landed);
    if signed.count + landed.count == 0 {
        paras.push(format!("招商引资：{NO_DATA}。"));
        fig("签约项目", NO_DATA.into(), "重点项目台账", &projects);
    } else {
        paras.push(format!(
            "{}，{}。",
            s.funnel.sentence(ProjectStage::Signed),
            s.funnel.sentence(ProjectStage::Landed)
        ));
        for (label, c) in [("签约项目", signed), ("落地项目", landed)] {
            fig(
                &format!("{label}个数"),
                format!("{}个", c.count),
                "重点项目台账（签约、落地日期在本年）",
                &projects,
            );
            fig(
                &format!("{label}总投资"),
                format!("{}亿元", amount_text(c.investment)),
                "重点项目台账（总投资之和）",
                &projects,
            );
        }
    }
    let k = &s.key_investment;
    if k.projects == 0 {
        paras.push(format!("省市重点项目投资：{NO_DATA}。"));
        fig(
            "省市重点项目完成投资",
            NO_DATA.into(),
            "重点项目台账",
            &projects,
        );
    } else {
        let share = k
            .share_of_plan
            .map(|p| format!("，占年度投资计划的{}", pct_text(p)))
            .unwrap_or_default();
        paras.push(format!(
            "{}个省市重点项目完成投资{}亿元{share}。",
            k.projects,
            amount_text(k.completed)
        ));
        let src = "重点项目台账（已验收的月度投资报告，年度计划投资）";
        fig(
            "省市重点项目个数",
            format!("{}个", k.projects),
            src,
            &projects,
        );
        fig(
            "省市重点项目完成投资",
            format!("{}亿元", amount_text(k.completed)),
            src,
            &projects,
        );
        fig(
            "省市重点项目完成投资占年度计划",
            k.share_of_plan.map(pct_text).unwrap_or(NO_DATA.into()),
            src,
            &projects,
        );
    }
    let proposals = Some(format!("/api/v1/registers/proposals?{q}"));
    if s.proposals.total == 0 {
        paras.push(format!("建议提案办理：{NO_DATA}。"));
        fig("建议提案", NO_DATA.into(), "建议提案台账", &proposals);
    } else {
        paras.push(format!("{}。", s.proposals.sentence()));
        let p = &s.proposals;
        let src = "建议提案台账";
        fig("人大代表建议", format!("{}件", p.npc), src, &proposals);
        fig("政协提案", format!("{}件", p.cppcc), src, &proposals);
        for (label, r) in [
            ("办复率", p.reply_rate),
            ("办结率", p.close_rate),
            ("办理工作满意率", p.work_satisfaction),
            ("办理结果满意率", p.result_satisfaction),
        ] {
            fig(
                label,
                r.map(pct_text).unwrap_or(NO_DATA.into()),
                src,
                &proposals,
            );
        }
    }
    let services = Some(format!("/api/v1/registers/services?{q}"));
    if s.services.total == 0 {
        paras.push(format!("政务服务事项：{NO_DATA}。"));
        fig(
            "政务服务事项",
            NO_DATA.into(),
            "政务服务事项台账",
            &services,
        );
    } else {
        let saved = s
            .services_saved
            .as_ref()
            .map(|t| format!("，{t}"))
            .unwrap_or_default();
        paras.push(format!("{}{saved}。", s.services.sentence()));
        fig(
            "政务服务事项",
            format!("{}项", s.services.total),
            "政务服务事项台账（现有事项）",
            &services,
        );
    }
    (paras, figures)
}

/// The year's plan at December: how many targets and tasks are completed, and which.
async fn plan_results(
    app: &App,
    actor: &Actor,
    government: &str,
    year: i32,
) -> Result<(Vec<String>, Vec<Figure>)> {
    let plan = match super::resolve_plan(app, Some(government), Some(year)).await {
        Ok(p) => p,
        Err(AppError::NotFound | AppError::BadInput(_)) => {
            return Ok((
                vec![format!(
                    "{year}年政府工作报告目标任务完成情况：{NO_DATA}（未导入该年度的政府工作报告）。"
                )],
                vec![Figure {
                    label: format!("{year}年目标任务完成情况"),
                    value: NO_DATA.into(),
                    source: format!("未导入{government}{year}年政府工作报告"),
                    link: None,
                }],
            ));
        }
        Err(e) => return Err(e),
    };
    let (_, list) =
        crate::status::compute(app, actor, plan.id, Period { year, month: 12 }, app.today())
            .await?;
    let count = |k: ItemKind| list.iter().filter(|s| s.item.kind == k).count();
    let done = |k: ItemKind| {
        list.iter()
            .filter(|s| s.item.kind == k && s.assessment.status == Status::Completed)
            .collect::<Vec<_>>()
    };
    let (targets, tasks) = (done(ItemKind::Target), done(ItemKind::Task));
    let mut paras = vec![format!(
        "{year}年政府工作报告确定的量化指标{}项中已完成{}项，重点任务{}项中已完成{}项（截至{year}年12月，以经验收的进展情况为准）。",
        count(ItemKind::Target),
        targets.len(),
        count(ItemKind::Task),
        tasks.len()
    )];
    let mut figures = vec![Figure {
        label: "已完成的量化指标".into(),
        value: format!("{}项", targets.len()),
        source: format!("{}·{year}-12状态", plan.title),
        link: Some(format!("/plans/{}", plan.id)),
    }];
    let done_text: Vec<String> = targets
        .iter()
        .map(|s| {
            figures.push(Figure {
                label: s.item.title.clone(),
                value: s
                    .value
                    .map(|v| {
                        format!(
                            "{}{}",
                            super::fmt_num(v),
                            s.item.unit.clone().unwrap_or_default()
                        )
                    })
                    .unwrap_or_else(|| "已完成".into()),
                source: format!("事项{}·已验收进展", s.item.id),
                link: Some(format!("/items/{}", s.item.id)),
            });
            s.item.title.clone()
        })
        .collect();
    if !done_text.is_empty() {
        paras.push(format!("已完成的量化指标：{}。", done_text.join("；")));
    }
    Ok((paras, figures))
}

impl Review {
    /// The review as an official document: the text, then the source table as 附件 (with
    /// `links`, a column of where each record is seen in duban — for the screen, not paper).
    pub fn document(&self, today: time::Date, links: bool) -> OfficialDoc {
        let mut body = Vec::new();
        for (heading, paras) in &self.sections {
            body.push(Block::Heading1(heading.clone()));
            body.extend(paras.iter().cloned().map(Block::Paragraph));
        }
        let rows = self
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let mut row = vec![
                    (i + 1).to_string(),
                    f.label.clone(),
                    f.value.clone(),
                    f.source.clone(),
                ];
                if links {
                    row.push(f.link.clone().unwrap_or_default());
                }
                row
            })
            .collect();
        let mut header = vec!["序号", "数据", "数值", "来源"];
        if links {
            header.push("记录");
        }
        OfficialDoc {
            title: format!("{}{}年工作回顾", self.government, self.year),
            body,
            date: Some(chinese_date(
                today.year(),
                u8::from(today.month()),
                today.day(),
            )),
            appendices: vec![Appendix {
                title: "数据来源表".into(),
                body: vec![Block::Table(Table {
                    widths: if links {
                        vec![1, 4, 3, 5, 4]
                    } else {
                        vec![1, 5, 3, 7]
                    },
                    font_half_points: 21,
                    ..Table::new(header.into_iter().map(String::from).collect(), rows)
                })],
            }],
            ..Default::default()
        }
    }

    pub fn docx(&self, today: time::Date) -> Result<Vec<u8>> {
        to_docx(&self.document(today, false)).map_err(AppError::internal)
    }

    pub fn markdown(&self, today: time::Date) -> String {
        to_markdown(&self.document(today, true))
    }

    pub fn file_stem(&self) -> String {
        format!("{}{}年工作回顾", self.government, self.year)
    }
}
