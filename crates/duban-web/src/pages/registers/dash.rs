//! The dashboard's register section as shown: the project funnel and investment against
//! 序时, proposal rates and the overdue list, service-item rates, indicators with their
//! latest values and the lights of the targets bound to them.

use super::{opt_pct, yi};
use crate::pages::views::{date, num, period_label};
use duban_app::core::status::Light;
use duban_app::registers::dashboard::RegisterSection;
use duban_app::{App, AppError};
use std::collections::HashMap;

pub struct RegView {
    pub scope_query: String,
    /// 阶段, 个数, 总投资, 亿元以上个数, 亿元以上总投资.
    pub stages: Vec<(&'static str, usize, String, usize, String)>,
    pub rates: String,
    pub key_investment: String,
    pub all_investment: String,
    pub project_lights: (usize, usize, usize),
    pub proposals: Vec<(&'static str, String)>,
    /// 编号 (link), 单位, 期限, 天数.
    pub overdue: Vec<(i64, String, String, i64)>,
    pub due_soon: usize,
    pub services: Vec<(&'static str, String)>,
    pub services_saved: String,
    /// 名称, 最新值, 滞后说明, light, 说明.
    pub indicators: Vec<(String, String, String, &'static str, String)>,
    pub sentences: Vec<String>,
}

pub async fn view(
    app: &App,
    seen: Option<duban_app::Seen>,
    s: &RegisterSection,
) -> Result<RegView, AppError> {
    let r = &s.summary;
    let units: HashMap<i64, String> =
        duban_app::views::units_of_government(app, seen, r.government_id)
            .await?
            .iter()
            .map(|u| (u.id, u.name.clone()))
            .collect();
    let f = &r.funnel;
    let p = &r.proposals;
    let sv = &r.services;
    Ok(RegView {
        scope_query: format!("g={}&year={}", r.government_id, r.year),
        stages: f
            .stages
            .iter()
            .map(|st| {
                (
                    st.stage.label(),
                    st.count,
                    yi(st.investment),
                    st.count_over_100m,
                    yi(st.investment_over_100m),
                )
            })
            .collect(),
        rates: format!(
            "开工率 {}，履约率 {}，投产率 {}",
            opt_pct(f.start_rate),
            opt_pct(f.fulfil_rate),
            opt_pct(f.production_rate)
        ),
        key_investment: r.key_investment.explanation.clone(),
        all_investment: r.all_investment.explanation.clone(),
        project_lights: (
            r.project_lights.green,
            r.project_lights.yellow,
            r.project_lights.red,
        ),
        proposals: vec![
            ("人大代表建议", format!("{}件", p.npc)),
            ("政协提案", format!("{}件", p.cppcc)),
            ("办复率", opt_pct(p.reply_rate)),
            ("办结率", opt_pct(p.close_rate)),
            ("办理工作满意率", opt_pct(p.work_satisfaction)),
            ("办理结果满意率", opt_pct(p.result_satisfaction)),
        ],
        overdue: p
            .overdue
            .iter()
            .take(20)
            .map(|e| {
                (
                    e.id,
                    e.unit_id
                        .and_then(|u| units.get(&u).cloned())
                        .unwrap_or_else(|| "—".into()),
                    date(Some(e.due_on)),
                    e.days,
                )
            })
            .collect(),
        due_soon: p.due_soon.len(),
        services: vec![
            ("事项", format!("{}项", sv.total)),
            ("最多跑一次", opt_pct(sv.at_most_once_rate)),
            ("不见面审批", opt_pct(sv.no_visit_rate)),
            ("全程网办", opt_pct(sv.fully_online_rate)),
            ("一窗受理", opt_pct(sv.one_window_rate)),
        ],
        services_saved: r.services_saved.clone().unwrap_or_default(),
        indicators: r
            .indicators
            .iter()
            .map(|x| {
                let light = s
                    .indicator_lights
                    .iter()
                    .find(|l| l.indicator_id == x.indicator.id);
                (
                    x.indicator.name.clone(),
                    x.latest
                        .as_ref()
                        .map(|l| {
                            format!(
                                "{}{}（{}）",
                                num(l.value),
                                x.indicator.unit,
                                period_label(&l.period.to_string())
                            )
                        })
                        .unwrap_or_else(|| "—".into()),
                    x.latest
                        .as_ref()
                        .and_then(|l| l.note.clone())
                        .unwrap_or_default(),
                    light.map(|l| l.light).unwrap_or(Light::None).as_str(),
                    light.map(|l| l.explanation.clone()).unwrap_or_default(),
                )
            })
            .collect(),
        sentences: r.sentences.clone(),
    })
}
