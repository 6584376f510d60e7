//! The entities of the whole system, as plain values. Storage rows in the db crate
//! convert into these; the app layer hands them to the faces.

use crate::figure::text_enum;
use std::fmt;
use std::str::FromStr;

/// A code that names no known value (from a database row, a form or a file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("未知的{what}：{code}")]
pub struct UnknownCode {
    pub what: &'static str,
    pub code: String,
}

/// Administrative level of a government.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GovLevel {
    District,
    County,
    City,
    Province,
}
text_enum!(GovLevel { District => "district", "区"; County => "county", "县"; City => "city", "市"; Province => "province", "省"; });

impl GovLevel {
    /// Guesses the level from a government's name (山城区 → 区).
    pub fn from_name(name: &str) -> Self {
        match name.chars().last() {
            Some('县') | Some('旗') => Self::County,
            Some('市') | Some('州') | Some('盟') => Self::City,
            Some('省') => Self::Province,
            _ => Self::District,
        }
    }
}

/// A user's role. A user has exactly one; unit roles also name a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 系统管理员: units, users, years, backups.
    Admin,
    /// 督查室: imports, assigns, reviews, chases, scores.
    Supervisor,
    /// 填报员: fills its own unit's progress reports.
    Reporter,
    /// 审核人: approves its own unit's reports before they go up.
    Approver,
    /// 分管领导: reads everything, filters to own 分管 items.
    Leader,
    /// 只读: reads everything.
    Viewer,
}
text_enum!(Role {
    Admin => "admin", "系统管理员";
    Supervisor => "supervisor", "督查室";
    Reporter => "reporter", "填报员";
    Approver => "approver", "审核人";
    Leader => "leader", "分管领导";
    Viewer => "viewer", "只读用户";
});

impl Role {
    /// Roles that act for one unit and see only that unit's items.
    pub const fn is_unit_role(self) -> bool {
        matches!(self, Self::Reporter | Self::Approver)
    }
    /// Roles that may change plans, assignments and reviews across all units.
    pub const fn is_office(self) -> bool {
        matches!(self, Self::Admin | Self::Supervisor)
    }
}

/// Kind of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// 委办局 and other departments.
    Department,
    /// 乡镇 / 街道.
    Township,
    /// The supervision office itself and other offices.
    Office,
    /// Anything else (enterprises, 中央/省驻区单位).
    Other,
}
text_enum!(UnitKind { Department => "department", "部门"; Township => "township", "乡镇街道"; Office => "office", "办公室"; Other => "other", "其他"; });

impl UnitKind {
    /// Guesses the kind from a unit's name.
    pub fn from_name(name: &str) -> Self {
        if name.ends_with("街道") || name.ends_with('镇') || name.ends_with('乡') {
            Self::Township
        } else if name.contains("督查") || name.ends_with("办公室") {
            Self::Office
        } else {
            Self::Department
        }
    }
}

/// What a plan item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// 量化指标: a figure to reach.
    Target,
    /// 重点任务: a piece of work, possibly carrying targets.
    Task,
}
text_enum!(ItemKind { Target => "target", "量化指标"; Task => "task", "重点任务"; });

/// The part of a report a section belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartKind {
    /// Anything before the first recognised part (title, preamble).
    Preamble,
    /// 上年工作回顾.
    Review,
    /// 今年目标任务 (主要预期目标).
    Goals,
    /// 工作重点 / 重点工作.
    Work,
    /// 政府自身建设.
    SelfBuilding,
}
text_enum!(PartKind {
    Preamble => "preamble", "导语";
    Review => "review", "上年工作回顾";
    Goals => "goals", "今年目标任务";
    Work => "work", "工作重点";
    SelfBuilding => "self_building", "政府自身建设";
});

/// State of a progress report in its approval flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportState {
    /// 草稿: being filled by the unit reporter.
    Draft,
    /// 待审核: submitted to the unit approver.
    Submitted,
    /// 待验收: approved by the unit, waiting for the supervisor.
    Approved,
    /// 已验收: accepted by the supervisor; counts for status.
    Accepted,
    /// 已退回: returned with a comment (by the approver or the supervisor).
    Returned,
}
text_enum!(ReportState {
    Draft => "draft", "草稿";
    Submitted => "submitted", "待审核";
    Approved => "approved", "待验收";
    Accepted => "accepted", "已验收";
    Returned => "returned", "已退回";
});

impl ReportState {
    /// Whether a unit user may still edit the report.
    pub const fn is_editable(self) -> bool {
        matches!(self, Self::Draft | Self::Returned)
    }
}

/// Where a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provenance {
    /// 单位填报.
    Reported,
    /// 督查核实.
    Verified,
    /// 统计部门.
    Statistics,
    /// 系统推算.
    Derived,
    /// 报告原文.
    Report,
}
text_enum!(Provenance {
    Reported => "reported", "单位填报";
    Verified => "verified", "督查核实";
    Statistics => "statistics", "统计部门";
    Derived => "derived", "系统推算";
    Report => "report", "报告原文";
});

/// The escalation ladder (B6): each rung is a notice of its own kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeKind {
    /// 提醒.
    Reminder,
    /// 工作交办单.
    Assignment,
    /// 工作催办单.
    Chase,
    /// 督办通知单.
    Supervision,
    /// 约谈.
    Interview,
}
text_enum!(NoticeKind {
    Reminder => "reminder", "提醒";
    Assignment => "assignment", "交办单";
    Chase => "chase", "催办单";
    Supervision => "supervision", "督办通知单";
    Interview => "interview", "约谈";
});

/// Stage of a key project (B9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProjectStage {
    Signed,
    Landed,
    Started,
    Producing,
}
text_enum!(ProjectStage { Signed => "signed", "签约"; Landed => "landed", "落地"; Started => "started", "开工"; Producing => "producing", "投产"; });

/// Source of a proposal (B10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProposalSource {
    /// 人大代表建议.
    Npc,
    /// 政协提案.
    Cppcc,
}
text_enum!(ProposalSource { Npc => "npc", "人大代表建议"; Cppcc => "cppcc", "政协提案"; });
