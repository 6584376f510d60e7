//! The daily pass: what reminders and notices are due today.

use super::config::ChaseConfig;
use super::extension::{Extension, effective_due};
use super::{NoticeLevel, next_rung};
use crate::figure::text_enum;
use crate::status::Status;
use crate::{NoticeKind, Period, ReportState};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::str::FromStr;
use time::{Date, Duration};

/// One unit's report owed on one item for one period, as the caller knows it today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Obligation {
    pub item_id: i64,
    pub item_title: String,
    pub unit_id: i64,
    /// The lead unit (牵头) reports and is chased; supporting units get reminders.
    pub lead: bool,
    pub period: Period,
    /// The original due date (extensions are applied here, from the requests).
    pub due: Date,
    /// The report's state, if one exists.
    pub report: Option<ReportState>,
    /// When the report was first submitted, if it was.
    pub submitted_on: Option<Date>,
    /// The item's status for the period once its report is accepted.
    pub status: Option<Status>,
    /// 责任人 written on a notice (the responsible leader or the unit's contact).
    pub responsible: Option<String>,
}

impl Obligation {
    /// A report counts as made once submitted (and not sent back).
    pub fn reported(&self) -> bool {
        matches!(
            self.report,
            Some(ReportState::Submitted | ReportState::Approved | ReportState::Accepted)
        )
    }
}

/// Why a notice was issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cause {
    /// 逾期未报.
    Overdue,
    /// 欠进度 after acceptance.
    Behind,
    /// 严重滞后 after acceptance.
    SeriouslyBehind,
    /// The rung below was not answered within its 限期.
    Escalated,
    /// Issued by hand by the office (or for a leader's 批示).
    Manual,
}
text_enum!(Cause {
    Overdue => "overdue", "逾期未报";
    Behind => "behind", "欠进度";
    SeriouslyBehind => "seriously_behind", "严重滞后";
    Escalated => "escalated", "逾期未反馈";
    Manual => "manual", "人工交办";
});

/// A notice already issued (from the database), with its answer state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExistingNotice {
    pub id: i64,
    pub kind: NoticeKind,
    pub cause: Cause,
    pub item_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub period: Option<Period>,
    /// The notice this one escalated from.
    pub parent_id: Option<i64>,
    pub number: Option<String>,
    /// 事项.
    pub matter: String,
    pub responsible: Option<String>,
    pub issued_on: Date,
    /// 时限: the day by which it is to be answered.
    pub deadline: Option<Date>,
    pub answered_on: Option<Date>,
    pub closed: bool,
}

/// Which reminder of a report this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderStage {
    /// So many days before the due date.
    Before(u32),
    /// Past the due date.
    Overdue,
}

impl ReminderStage {
    fn code(self) -> String {
        match self {
            Self::Before(d) => format!("before{d}"),
            Self::Overdue => "overdue".into(),
        }
    }
}

/// One owed report in a unit's digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestLine {
    /// Stable key of this reminder: record it when sent; it is never sent again.
    pub key: String,
    pub item_id: i64,
    pub item_title: String,
    pub period: Period,
    /// The deadline in force (moved by an approved extension).
    pub due: Date,
    pub stage: ReminderStage,
}

impl DigestLine {
    /// "城镇新增就业（2024-06，6月25日截止，还有3天）".
    pub fn text(&self, today: Date) -> String {
        let when = format!("{}月{}日", u8::from(self.due.month()), self.due.day());
        let left = (self.due - today).whole_days();
        let tail = if left > 0 {
            format!("{when}截止，还有{left}天")
        } else if left == 0 {
            format!("{when}截止，今天到期")
        } else {
            format!("{when}截止，已逾期{}天", -left)
        };
        format!("{}（{}，{tail}）", self.item_title, self.period)
    }
}

/// Everything one unit is reminded of today, sent as one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Digest {
    /// Stable key: at most one digest per plan, unit and day.
    pub key: String,
    pub unit_id: i64,
    pub lines: Vec<DigestLine>,
}

impl Digest {
    /// The plain text of the digest (the faces add the unit's name and the 本期待报 link).
    pub fn text(&self, today: Date) -> String {
        let mut s = format!("贵单位有{}项进度待报送：", self.lines.len());
        for (i, l) in self.lines.iter().enumerate() {
            s.push_str(&format!("\n{}. {}", i + 1, l.text(today)));
        }
        s
    }
}

/// A notice to issue today; the caller numbers it when storing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeDraft {
    /// Stable key: a notice with this key is issued once.
    pub key: String,
    pub kind: NoticeKind,
    pub level: NoticeLevel,
    pub cause: Cause,
    pub item_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub period: Option<Period>,
    pub parent_id: Option<i64>,
    /// 事项.
    pub matter: String,
    /// 要求.
    pub requirement: String,
    /// 责任人.
    pub responsible: Option<String>,
    pub issued_on: Date,
    /// 时限.
    pub deadline: Date,
}

/// What is due today.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DayPlan {
    /// One per unit that is reminded, ordered by unit id.
    pub digests: Vec<Digest>,
    pub notices: Vec<NoticeDraft>,
}

impl DayPlan {
    pub fn is_empty(&self) -> bool {
        self.digests.is_empty() && self.notices.is_empty()
    }
}

fn days(n: u32) -> Duration {
    Duration::days(i64::from(n))
}

/// The reminders and notices of plan `plan_id` due on `today`.
///
/// `recorded` holds the keys already recorded (sent or being sent): anything with such a
/// key is left out, so running the pass twice on a day gives nothing the second time.
pub fn plan_day(
    plan_id: i64,
    today: Date,
    cfg: &ChaseConfig,
    obligations: &[Obligation],
    extensions: &[Extension],
    notices: &[ExistingNotice],
    recorded: &HashSet<String>,
) -> DayPlan {
    let mut ext: HashMap<(i64, i64, Period), Vec<&Extension>> = HashMap::new();
    for e in extensions {
        ext.entry((e.item_id, e.unit_id, e.period))
            .or_default()
            .push(e);
    }
    // The rung at and above 催办 already issued per item, unit and period.
    let chased: HashSet<(i64, i64, Period)> = notices
        .iter()
        .filter(|n| n.kind != NoticeKind::Reminder && n.kind != NoticeKind::Assignment)
        .filter_map(|n| Some((n.item_id?, n.unit_id?, n.period?)))
        .collect();
    let mut lines: BTreeMap<i64, Vec<DigestLine>> = BTreeMap::new();
    let mut drafts = Vec::new();
    let mut by_key: HashMap<(i64, i64, Period), &Obligation> = HashMap::new();

    for o in obligations {
        by_key.insert((o.item_id, o.unit_id, o.period), o);
        let list = ext
            .get(&(o.item_id, o.unit_id, o.period))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let due = effective_due(o.due, list);
        if !o.reported()
            && let Some(stage) = reminder_stage(today, due, cfg)
        {
            {
                let key = format!(
                    "remind/{}/{}/{}/{}/{}",
                    o.item_id,
                    o.unit_id,
                    o.period,
                    due,
                    stage.code()
                );
                if !recorded.contains(&key) {
                    lines.entry(o.unit_id).or_default().push(DigestLine {
                        key,
                        item_id: o.item_id,
                        item_title: o.item_title.clone(),
                        period: o.period,
                        due,
                        stage,
                    });
                }
            }
        }
        if !(o.lead || cfg.chase_supporting_units) {
            continue;
        }
        // The chase window holds for every cause: a lagging status found in a long-past
        // period is history, not something to chase today (the demo's first pass would
        // otherwise issue a 催办单 for every lagging month of the year).
        if cfg.chase_within_days.is_some_and(|w| today > due + days(w)) {
            continue;
        }
        let cause = if !o.reported() {
            cfg.chase_overdue_after
                .filter(|&d| today >= due + days(d))
                .map(|_| Cause::Overdue)
        } else if o.report == Some(ReportState::Accepted) {
            o.status
                .filter(|s| cfg.chase_statuses.contains(s))
                .map(|s| match s {
                    Status::SeriouslyBehind => Cause::SeriouslyBehind,
                    _ => Cause::Behind,
                })
        } else {
            None
        };
        let Some(cause) = cause else { continue };
        let key = format!("chase/{}/{}/{}", o.item_id, o.unit_id, o.period);
        if chased.contains(&(o.item_id, o.unit_id, o.period)) || recorded.contains(&key) {
            continue;
        }
        let matter = match cause {
            Cause::Overdue => format!(
                "{}：{} 期进度逾期未报送（截止 {due}）",
                o.item_title, o.period
            ),
            _ => format!("{}：{} 期进度{}", o.item_title, o.period, cause.label()),
        };
        drafts.push(draft(
            cfg,
            today,
            key,
            NoticeKind::Chase,
            cause,
            (Some(o.item_id), Some(o.unit_id), Some(o.period)),
            None,
            matter,
            o.responsible.clone(),
        ));
    }

    let escalated: HashSet<i64> = notices.iter().filter_map(|n| n.parent_id).collect();
    for n in notices {
        let Some(up) = next_rung(n.kind) else {
            continue;
        };
        let enabled = match up {
            NoticeKind::Chase => cfg.escalate_assignments,
            NoticeKind::Supervision => cfg.supervision_enabled,
            NoticeKind::Interview => cfg.interview_enabled,
            _ => false,
        };
        let Some(deadline) = n.deadline else { continue };
        if !enabled || n.closed || n.answered_on.is_some() || today <= deadline {
            continue;
        }
        if answered_by_report(cfg, n, deadline, &by_key) {
            continue;
        }
        let key = format!("escalate/{}", n.id);
        if escalated.contains(&n.id) || recorded.contains(&key) {
            continue;
        }
        let number = n.number.as_deref().unwrap_or("");
        let matter = if number.is_empty() {
            n.matter.clone()
        } else {
            format!("{}（{number}逾期未反馈）", n.matter)
        };
        drafts.push(draft(
            cfg,
            today,
            key,
            up,
            Cause::Escalated,
            (n.item_id, n.unit_id, n.period),
            Some(n.id),
            matter,
            n.responsible.clone(),
        ));
    }

    let digests = lines
        .into_iter()
        .map(|(unit_id, mut lines)| {
            lines.sort_by_key(|l| (l.due, l.period, l.item_id));
            Digest {
                key: format!("digest/{plan_id}/{unit_id}/{today}"),
                unit_id,
                lines,
            }
        })
        .filter(|d| !recorded.contains(&d.key))
        .collect();
    DayPlan {
        digests,
        notices: drafts,
    }
}

/// A 催办 for a missing report counts as answered once the report came in by its 限期.
fn answered_by_report(
    cfg: &ChaseConfig,
    n: &ExistingNotice,
    deadline: Date,
    by_key: &HashMap<(i64, i64, Period), &Obligation>,
) -> bool {
    if !cfg.report_answers_overdue_chase || n.kind != NoticeKind::Chase || n.cause != Cause::Overdue
    {
        return false;
    }
    let (Some(i), Some(u), Some(p)) = (n.item_id, n.unit_id, n.period) else {
        return false;
    };
    by_key
        .get(&(i, u, p))
        .and_then(|o| o.submitted_on.filter(|_| o.reported()))
        .is_some_and(|d| d <= deadline)
}

/// The latest reminder whose day has come, unless it is more than a few days stale (a
/// server that was down does not send last week's "3 days left" on the due date).
fn reminder_stage(today: Date, due: Date, cfg: &ChaseConfig) -> Option<ReminderStage> {
    const STALE_DAYS: i64 = 2;
    let mut best: Option<(Date, ReminderStage)> = None;
    for &d in &cfg.remind_days_before {
        let on = due - days(d);
        if on <= today && today <= due {
            best = best.max(Some((on, ReminderStage::Before(d))));
        }
    }
    if let Some(d) = cfg.overdue_reminder_after {
        let on = due + days(d.max(1));
        if on <= today {
            best = best.max(Some((on, ReminderStage::Overdue)));
        }
    }
    best.filter(|(on, _)| (today - *on).whole_days() <= STALE_DAYS)
        .map(|(_, s)| s)
}

#[allow(clippy::too_many_arguments)]
fn draft(
    cfg: &ChaseConfig,
    today: Date,
    key: String,
    kind: NoticeKind,
    cause: Cause,
    (item_id, unit_id, period): (Option<i64>, Option<i64>, Option<Period>),
    parent_id: Option<i64>,
    matter: String,
    responsible: Option<String>,
) -> NoticeDraft {
    NoticeDraft {
        key,
        kind,
        level: NoticeLevel::of(kind),
        cause,
        item_id,
        unit_id,
        period,
        parent_id,
        matter,
        requirement: cfg.requirement(kind).to_string(),
        responsible,
        issued_on: today,
        deadline: today + days(cfg.answer_days(kind)),
    }
}

/// The 督办 notices the next 通报 names: those issued in `since..=until`, and those still
/// unanswered at `until`. Empty when the plan does not list them.
pub fn briefing_list<'a>(
    cfg: &ChaseConfig,
    notices: &'a [ExistingNotice],
    since: Date,
    until: Date,
) -> Vec<&'a ExistingNotice> {
    if !cfg.list_in_briefing {
        return Vec::new();
    }
    notices
        .iter()
        .filter(|n| matches!(n.kind, NoticeKind::Supervision | NoticeKind::Interview))
        .filter(|n| n.issued_on <= until)
        .filter(|n| {
            n.issued_on >= since || !(n.closed || n.answered_on.is_some_and(|a| a <= until))
        })
        .collect()
}
