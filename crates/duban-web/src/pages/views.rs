//! Template structs and the Chinese formatting of numbers, targets and statuses.

use askama::Template;
use duban_app::Actor;
use duban_app::core::{ItemKind, Measure, Op};
use duban_app::db::Item;

/// Who is logged in, for the page header and navigation.
#[derive(Debug, Clone)]
pub struct Me {
    pub name: String,
    pub role: &'static str,
    pub unit: String,
    pub office: bool,
    pub admin: bool,
    pub unit_user: bool,
    pub approver: bool,
    pub leader: bool,
    /// Unread inbox messages (the header's count).
    pub unread: i64,
    /// Whether the actor issues 单 and decides extensions, answers notices, sets endpoints.
    pub chase: bool,
    pub answers: bool,
    pub endpoints: bool,
    /// May download the 督查通报 and the review drafts.
    pub drafts: bool,
    /// May carry last year's unfinished items into the next year (结转).
    pub carry: bool,
    /// The header's plan chooser: the plans the actor sees (just years when they are all
    /// one government's), the page to come back to, and this page's shareable link.
    pub plans: Vec<Opt>,
    pub back: String,
    pub share: String,
    /// `?plan=ID` for the menu's links when this page shows a plan other than the default
    /// one (a shared link), so that the menu stays on it; empty otherwise.
    pub plan_q: String,
}

impl Me {
    pub fn of(a: &Actor) -> Self {
        let can = a.abilities();
        Self {
            name: a.display_name.clone(),
            role: a.role.label(),
            unit: a.unit_name.clone().unwrap_or_default(),
            office: can.manage,
            admin: can.administer,
            unit_user: can.report,
            approver: can.approve,
            leader: can.own_items,
            unread: crate::extract::unread(),
            chase: a.can_chase(),
            answers: a.can_answer_notices(),
            endpoints: a.can_configure_endpoints(),
            drafts: a.reads_drafts(),
            carry: duban_app::access::can_carry_over(a),
            plans: Vec::new(),
            back: String::new(),
            share: String::new(),
            plan_q: String::new(),
        }
        .with_chooser(crate::extract::chooser())
    }

    fn with_chooser(mut self, c: crate::extract::Chooser) -> Self {
        let shown = c.current.or(c.default);
        let one_government = c.plans.windows(2).all(|w| w[0].1 == w[1].1);
        let selected = shown.map(|id| id.to_string()).unwrap_or_default();
        self.plans = c
            .plans
            .iter()
            .map(|(id, g, y)| {
                let label = if one_government {
                    format!("{y}年")
                } else {
                    format!("{g} {y}年")
                };
                Opt::new(id, label, &selected)
            })
            .collect();
        if let Some((_, g, y)) = c.plans.iter().find(|p| Some(p.0) == shown) {
            self.share = format!("/g/{}/{y}{}", path_segment(g), c.path);
        }
        if c.current.is_some() && c.current != c.default {
            self.plan_q = format!("?plan={}", c.current.unwrap_or_default());
        }
        self.back = c.path;
        self
    }
}

/// A path segment percent-encoded (a government's name in a shareable link).
pub fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A figure as given: up to four decimals, trailing zeros dropped (2130, 121.3, 4.5).
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

pub fn opt_num(x: Option<f64>) -> String {
    x.map(num).unwrap_or_else(|| "—".into())
}

/// A percentage with one decimal: 83.3%.
pub fn pct(x: f64) -> String {
    format!("{x:.1}%")
}

/// The target of an item in words: 增长6%左右, 3760人以上, 4.5%以内.
pub fn target_text(i: &Item) -> String {
    let Some(v) = i.value else {
        return if i.kind == ItemKind::Task {
            "形象进度".into()
        } else {
            "—".into()
        };
    };
    let unit = i.unit.clone().unwrap_or_default();
    let mut value = num(v);
    if let Some(max) = i.value_max {
        value = format!("{value}–{}", num(max));
    }
    let op = match i.op() {
        Some(Op::Exactly) | None => "",
        Some(op) => op.label(),
    };
    let verb = match (i.measure(), i.direction()) {
        (Some(Measure::Growth), Some(duban_app::core::Direction::Down)) => "下降",
        (Some(Measure::Growth), _) => "增长",
        _ => "",
    };
    format!("{verb}{value}{unit}{op}")
}

/// The label of the value field in a report form, by the kind of target.
pub fn value_label(i: &Item) -> &'static str {
    match (i.measure(), i.op()) {
        (Some(Measure::Growth), _) => "累计增幅(%)",
        (Some(Measure::Share), _) | (_, Some(Op::AtMost)) => "当前值",
        _ => "累计完成值",
    }
}

pub fn date(d: Option<time::Date>) -> String {
    d.map(|d| format!("{}年{}月{}日", d.year(), u8::from(d.month()), d.day()))
        .unwrap_or_else(|| "—".into())
}

fn in_china(t: time::OffsetDateTime) -> time::OffsetDateTime {
    t.to_offset(time::UtcOffset::from_hms(8, 0, 0).unwrap_or(time::UtcOffset::UTC))
}

/// The day of a moment in China (UTC+8), as [`date`] writes it.
pub fn day_of(t: time::OffsetDateTime) -> String {
    date(Some(in_china(t).date()))
}

/// Date and time in China (UTC+8): 2024-06-03 14:05.
pub fn datetime(t: time::OffsetDateTime) -> String {
    let t = in_china(t);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// 2024-06 → 2024年6月.
pub fn period_label(p: &str) -> String {
    match p.split_once('-') {
        Some((y, m)) => format!("{y}年{}月", m.trim_start_matches('0')),
        None => p.to_string(),
    }
}

pub fn cycle_label(c: Option<duban_app::core::Cycle>) -> &'static str {
    c.map(|c| c.label()).unwrap_or("—")
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub error: String,
    pub next: String,
    pub username: String,
}

/// One line of the item lists.
#[derive(Debug, Clone)]
pub struct ItemRow {
    pub id: i64,
    pub seq: i64,
    pub kind: &'static str,
    pub title: String,
    pub indicator: String,
    pub target: String,
    pub lead_unit: String,
    pub leader: String,
    pub deadline: String,
    pub cycle: &'static str,
    pub status: &'static str,
    pub light: &'static str,
    pub explanation: String,
    pub adjusted: bool,
    /// 结转: last year's item this one was carried over from.
    pub carried_from: Option<i64>,
}

impl ItemRow {
    pub fn of(i: &Item, a: Option<&duban_app::core::status::Assessment>) -> Self {
        Self {
            id: i.id,
            seq: i.seq,
            kind: i.kind.label(),
            title: i.title.clone(),
            indicator: i.indicator.clone().unwrap_or_default(),
            target: target_text(i),
            lead_unit: i
                .lead_unit_name
                .clone()
                .unwrap_or_else(|| "（未交办）".into()),
            leader: i.leader_name.clone().unwrap_or_default(),
            deadline: date(i.deadline),
            cycle: cycle_label(i.cycle),
            status: a.map(|a| a.status.label()).unwrap_or("—"),
            light: a.map(|a| a.light.as_str()).unwrap_or("none"),
            explanation: a.map(|a| a.explanation.clone()).unwrap_or_default(),
            adjusted: i.adjusted,
            carried_from: None,
        }
    }
}

pub struct SectionBlock {
    pub level: i64,
    pub heading: String,
    pub rows: Vec<ItemRow>,
}

/// A `<select>` option.
#[derive(Debug, Clone)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Opt {
    pub fn new(value: impl ToString, label: impl ToString, current: &str) -> Self {
        let value = value.to_string();
        Self {
            selected: value == current,
            value,
            label: label.to_string(),
        }
    }
}

#[derive(Template)]
#[template(path = "items.html")]
pub struct ItemsPage {
    pub me: Me,
    pub plan_id: i64,
    pub plan_title: String,
    pub period: String,
    pub period_label: String,
    pub sections: Vec<SectionBlock>,
    pub section_opts: Vec<Opt>,
    pub unit_opts: Vec<Opt>,
    pub status_opts: Vec<Opt>,
    pub kind_opts: Vec<Opt>,
    pub mine: bool,
    pub shown: usize,
    pub total: usize,
}

#[derive(Template)]
#[template(path = "empty.html")]
pub struct EmptyPage {
    pub me: Me,
    pub title: String,
    pub message: String,
}
