//! Status by rule (序时进度) and warning lights.

use crate::figure::text_enum;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The computed status of an item for a period. Never typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Completed,
    Ahead,
    OnTrack,
    Behind,
    SeriouslyBehind,
    NotReported,
    NotStarted,
    Adjusted,
}
text_enum!(Status {
    Completed => "completed", "已完成";
    Ahead => "ahead", "超进度";
    OnTrack => "on_track", "达进度";
    Behind => "behind", "欠进度";
    SeriouslyBehind => "seriously_behind", "严重滞后";
    NotReported => "not_reported", "未填报";
    NotStarted => "not_started", "未启动";
    Adjusted => "adjusted", "已调整";
});

/// 红黄绿灯.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Light {
    Green,
    Yellow,
    Red,
    /// No light yet (未启动).
    None,
}
text_enum!(Light { Green => "green", "绿灯"; Yellow => "yellow", "黄灯"; Red => "red", "红灯"; None => "none", "无"; });
