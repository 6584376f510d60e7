//! 建议提案办理 (B10): the reply clock per kind, extensions, wrong-assignee returns,
//! supporting units' deadline, reply categories, per-proposer feedback and the 不满意 →
//! 重新办理 loop, and the rates a 办理情况报告 cites.

use super::calendar::{WorkCalendar, add_months};
use super::rate;
use crate::figure::text_enum;
use crate::model::ProposalSource;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use time::Date;

/// 答复类别 (NPC practice; some bodies use only A/B/C).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReplyCategory {
    A,
    B,
    C,
    D,
}
text_enum!(ReplyCategory {
    A => "A", "A类";
    B => "B", "B类";
    C => "C", "C类";
    D => "D", "D类";
});

impl ReplyCategory {
    /// What the category means, as printed on the reply.
    pub const fn meaning(self) -> &'static str {
        match self {
            Self::A => "已经解决或基本解决",
            Self::B => "正在解决或列入规划逐步解决",
            Self::C => "因目前条件限制或其他原因需待以后解决",
            Self::D => "留作参考",
        }
    }
    /// B and C stay under 跟踪办理 until answered again.
    pub const fn needs_tracking(self) -> bool {
        matches!(self, Self::B | Self::C)
    }
}

/// A proposer's rating of the work or of the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rating {
    Satisfied,
    Basic,
    Unsatisfied,
}
text_enum!(Rating { Satisfied => "satisfied", "满意"; Basic => "basic", "基本满意"; Unsatisfied => "unsatisfied", "不满意"; });

impl Rating {
    /// 满意 and 基本满意 both count as satisfied in the 满意率.
    pub const fn is_satisfied(self) -> bool {
        !matches!(self, Self::Unsatisfied)
    }
}

/// Where an item is in its handling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProposalState {
    /// 办理中: assigned to its lead unit.
    Assigned,
    /// 退回待改办: the unit said it is not its own; the office reassigns.
    Returned,
    /// 已答复.
    Replied,
    /// 跟踪办理: answered B/C, to be answered again once solved.
    Tracking,
    /// 重新办理 after a 不满意.
    Redo,
    /// 已办结: answered and every proposer satisfied (A/D).
    Closed,
}
text_enum!(ProposalState {
    Assigned => "assigned", "办理中";
    Returned => "returned", "退回待改办";
    Replied => "replied", "已答复";
    Tracking => "tracking", "跟踪办理";
    Redo => "redo", "重新办理";
    Closed => "closed", "已办结";
});

impl ProposalState {
    /// Whether the current round has a reply standing (counts for 办复率).
    pub const fn is_answered(self) -> bool {
        matches!(self, Self::Replied | Self::Tracking | Self::Closed)
    }
    /// Whether the lead unit owes a reply now.
    pub const fn owes_reply(self) -> bool {
        matches!(self, Self::Assigned | Self::Redo)
    }
}

/// The clock of one kind of item. Months are calendar months (B10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClockRules {
    pub reply_months: u32,
    /// An approved extension may move the deadline to at most this many months after 交办.
    pub max_months: u32,
    /// A unit that thinks the item is not its own returns it within this many working days.
    pub return_working_days: u32,
    /// Supporting units' opinions are due this many months before the lead's deadline.
    pub support_months_before: u32,
    /// After 不满意 the item is answered again within this many months.
    pub redo_months: u32,
}

impl Default for ClockRules {
    fn default() -> Self {
        Self {
            reply_months: 3,
            max_months: 6,
            return_working_days: 5,
            support_months_before: 1,
            redo_months: 1,
        }
    }
}

/// The clocks per kind: NPC suggestions and CPPCC proposals, made at the 会议/全会 or
/// between sessions. Defaults: 3 months for all; 四川 sets 5 for 政协全会 提案.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ClockSettings {
    pub npc_session: ClockRules,
    pub npc_interim: ClockRules,
    pub cppcc_plenary: ClockRules,
    pub cppcc_interim: ClockRules,
}

impl ClockSettings {
    /// 四川 2024: 政协全会 提案 5 months, everything else 3.
    pub fn sichuan() -> Self {
        Self {
            cppcc_plenary: ClockRules {
                reply_months: 5,
                ..ClockRules::default()
            },
            ..Self::default()
        }
    }

    pub fn rules(&self, source: ProposalSource, at_session: bool) -> ClockRules {
        match (source, at_session) {
            (ProposalSource::Npc, true) => self.npc_session,
            (ProposalSource::Npc, false) => self.npc_interim,
            (ProposalSource::Cppcc, true) => self.cppcc_plenary,
            (ProposalSource::Cppcc, false) => self.cppcc_interim,
        }
    }
}

/// The dates that follow from a 交办 date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalClock {
    pub assigned_on: Date,
    /// The lead unit's reply deadline (the extended one when an extension was approved).
    pub due_on: Date,
    /// Supporting units send their opinion to the lead unit by this date.
    pub support_due_on: Date,
    /// The last day to return an item that is not the unit's own.
    pub return_by: Date,
    /// The latest deadline an extension may set.
    pub max_due_on: Date,
}

pub fn clock(
    rules: &ClockRules,
    cal: &WorkCalendar,
    assigned_on: Date,
    extended_to: Option<Date>,
) -> ProposalClock {
    let max_due_on = add_months(assigned_on, rules.max_months as i32);
    let due_on = extended_to
        .map(|d| d.min(max_due_on))
        .unwrap_or_else(|| add_months(assigned_on, rules.reply_months as i32));
    ProposalClock {
        assigned_on,
        due_on,
        support_due_on: add_months(due_on, -(rules.support_months_before as i32)),
        return_by: cal.add_working_days(assigned_on, rules.return_working_days),
        max_due_on,
    }
}

/// Why a clock action is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error("延期后的答复期限{new}超过交办后{max_months}个月的上限（{max}）")]
    ExtensionTooLong {
        new: Date,
        max: Date,
        max_months: u32,
    },
    #[error("延期后的答复期限{new}应晚于当前期限{current}")]
    ExtensionNotLater { new: Date, current: Date },
    #[error("已超过退回期限（交办后{days}个工作日内，即{by}前），不能退回，请与督查室联系")]
    ReturnTooLate { by: Date, days: u32 },
}

/// Checks an extension to `new_due` on an item with clock `c`.
pub fn check_extension(
    rules: &ClockRules,
    c: &ProposalClock,
    new_due: Date,
) -> Result<(), ClockError> {
    if new_due <= c.due_on {
        return Err(ClockError::ExtensionNotLater {
            new: new_due,
            current: c.due_on,
        });
    }
    if new_due > c.max_due_on {
        return Err(ClockError::ExtensionTooLong {
            new: new_due,
            max: c.max_due_on,
            max_months: rules.max_months,
        });
    }
    Ok(())
}

/// Checks that a wrong-assignee return on `today` is within the window.
pub fn check_return(rules: &ClockRules, c: &ProposalClock, today: Date) -> Result<(), ClockError> {
    if today > c.return_by {
        Err(ClockError::ReturnTooLate {
            by: c.return_by,
            days: rules.return_working_days,
        })
    } else {
        Ok(())
    }
}

/// The state right after a reply in `category`.
pub fn state_after_reply(category: ReplyCategory) -> ProposalState {
    if category.needs_tracking() {
        ProposalState::Tracking
    } else {
        ProposalState::Replied
    }
}

/// One proposer's feedback (each proposer gets a reply and rates it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Feedback {
    pub work: Option<Rating>,
    pub result: Option<Rating>,
}

impl Feedback {
    pub fn is_given(&self) -> bool {
        self.work.is_some() && self.result.is_some()
    }
    pub fn unsatisfied(&self) -> bool {
        self.work == Some(Rating::Unsatisfied) || self.result == Some(Rating::Unsatisfied)
    }
}

/// What the feedback so far means: a 不满意 reopens the item with a new deadline; all
/// proposers satisfied closes A/D items and keeps B/C under 跟踪办理.
pub fn after_feedback(
    rules: &ClockRules,
    category: ReplyCategory,
    feedback: &[Feedback],
    today: Date,
) -> (ProposalState, Option<Date>) {
    if feedback.iter().any(Feedback::unsatisfied) {
        return (
            ProposalState::Redo,
            Some(add_months(today, rules.redo_months as i32)),
        );
    }
    let all = !feedback.is_empty() && feedback.iter().all(Feedback::is_given);
    match (all, category.needs_tracking()) {
        (_, true) => (ProposalState::Tracking, None),
        (true, false) => (ProposalState::Closed, None),
        (false, false) => (ProposalState::Replied, None),
    }
}

/// What the rates need of an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalFacts {
    pub id: i64,
    pub source: ProposalSource,
    pub unit_id: Option<i64>,
    pub state: ProposalState,
    pub due_on: Option<Date>,
    pub category: Option<ReplyCategory>,
    pub feedback: Vec<Feedback>,
}

impl ProposalFacts {
    /// 办结: answered, every proposer has rated it, and nobody is 不满意.
    pub fn is_closed(&self) -> bool {
        self.state.is_answered()
            && !self.feedback.is_empty()
            && self
                .feedback
                .iter()
                .all(|f| f.is_given() && !f.unsatisfied())
    }
}

/// An item whose reply is owed, with its deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueEntry {
    pub id: i64,
    pub unit_id: Option<i64>,
    pub due_on: Date,
    /// Days past (overdue) or left (due soon).
    pub days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryShare {
    pub category: ReplyCategory,
    pub count: usize,
    /// Of the answered items with a category.
    pub share: Option<f64>,
}

/// The derived figures of a set of items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalStats {
    pub total: usize,
    pub npc: usize,
    pub cppcc: usize,
    pub answered: usize,
    pub closed: usize,
    /// 办复率.
    pub reply_rate: Option<f64>,
    /// 办结率.
    pub close_rate: Option<f64>,
    /// 办理工作满意率 (满意 + 基本满意, per proposer rating).
    pub work_satisfaction: Option<f64>,
    /// 办理结果满意率.
    pub result_satisfaction: Option<f64>,
    pub categories: Vec<CategoryShare>,
    pub overdue: Vec<DueEntry>,
    pub due_soon: Vec<DueEntry>,
}

impl ProposalStats {
    /// "办理人大代表建议96件、政协提案132件，办结率100%、满意率100%".
    pub fn sentence(&self) -> String {
        let p = |r: Option<f64>| r.map(super::pct_text).unwrap_or_else(|| "—".into());
        format!(
            "办理人大代表建议{}件、政协提案{}件，办复率{}、办结率{}，办理工作满意率{}、办理结果满意率{}",
            self.npc,
            self.cppcc,
            p(self.reply_rate),
            p(self.close_rate),
            p(self.work_satisfaction),
            p(self.result_satisfaction)
        )
    }
}

/// The rates on `today`; `soon_days` says how close a deadline counts as due soon.
pub fn stats(list: &[ProposalFacts], today: Date, soon_days: i64) -> ProposalStats {
    let answered = list.iter().filter(|p| p.state.is_answered()).count();
    let closed = list.iter().filter(|p| p.is_closed()).count();
    let ratings = |f: fn(&Feedback) -> Option<Rating>| {
        let given: Vec<Rating> = list
            .iter()
            .flat_map(|p| p.feedback.iter().filter_map(f))
            .collect();
        rate(
            given.iter().filter(|r| r.is_satisfied()).count(),
            given.len(),
        )
    };
    let categorised: Vec<ReplyCategory> = list
        .iter()
        .filter(|p| p.state.is_answered())
        .filter_map(|p| p.category)
        .collect();
    let categories = ReplyCategory::ALL
        .iter()
        .map(|&c| {
            let count = categorised.iter().filter(|x| **x == c).count();
            CategoryShare {
                category: c,
                count,
                share: rate(count, categorised.len()),
            }
        })
        .collect();
    let mut overdue = Vec::new();
    let mut due_soon = Vec::new();
    for p in list.iter().filter(|p| p.state.owes_reply()) {
        let Some(due) = p.due_on else { continue };
        let days = (due - today).whole_days();
        let e = |days| DueEntry {
            id: p.id,
            unit_id: p.unit_id,
            due_on: due,
            days,
        };
        if days < 0 {
            overdue.push(e(-days));
        } else if days <= soon_days {
            due_soon.push(e(days));
        }
    }
    overdue.sort_by_key(|e| std::cmp::Reverse(e.days));
    due_soon.sort_by_key(|e| e.days);
    ProposalStats {
        total: list.len(),
        npc: list
            .iter()
            .filter(|p| p.source == ProposalSource::Npc)
            .count(),
        cppcc: list
            .iter()
            .filter(|p| p.source == ProposalSource::Cppcc)
            .count(),
        answered,
        closed,
        reply_rate: rate(answered, list.len()),
        close_rate: rate(closed, list.len()),
        work_satisfaction: ratings(|f| f.work),
        result_satisfaction: ratings(|f| f.result),
        categories,
        overdue,
        due_soon,
    }
}

#[cfg(test)]
mod tests;
