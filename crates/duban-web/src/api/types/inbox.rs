//! 消息: the caller's inbox.

use super::stamp;
use duban_app::db::inbox::Message;
use serde::Serialize;
use utoipa::ToSchema;

/// One message (the key that keeps it from being delivered twice stays on the server).
#[derive(Serialize, ToSchema)]
pub struct MessageDto {
    pub id: i64,
    /// digest | notice | extension | answer …
    pub kind: String,
    pub title: String,
    pub body: String,
    /// 站内链接
    pub link: Option<String>,
    pub notice_id: Option<i64>,
    pub created_at: String,
    /// 未读时为空
    pub read_at: Option<String>,
}

impl From<Message> for MessageDto {
    fn from(m: Message) -> Self {
        Self {
            id: m.id,
            kind: m.kind,
            title: m.title,
            body: m.body,
            link: m.link,
            notice_id: m.notice_id,
            created_at: stamp::at(m.created_at),
            read_at: stamp::opt(m.read_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct InboxDto {
    pub unread: i64,
    pub messages: Vec<MessageDto>,
}
