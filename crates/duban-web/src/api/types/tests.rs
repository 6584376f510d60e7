//! A DTO built from a row that holds a secret does not carry it.

use super::attachments::AttachmentDto;
use super::chase::MessageDoc;
use super::session::ActorDto;
use duban_app::Actor;
use duban_app::db::inbox::Message;
use duban_app::db::{Attachment, OffsetDateTime};

fn json(v: impl serde::Serialize) -> String {
    serde_json::to_string(&v).unwrap()
}

#[test]
fn the_stored_file_name_stays_on_the_server() {
    let a = Attachment {
        id: 1,
        report_id: 2,
        file_name: "进展.pdf".into(),
        stored_name: "SECRET-7f3a/2-1.pdf".into(),
        content_type: "application/pdf".into(),
        size_bytes: 3,
        sha256: "ab".into(),
        uploaded_by: Some(4),
        uploaded_at: OffsetDateTime::UNIX_EPOCH,
    };
    let s = json(AttachmentDto::from(a));
    assert!(s.contains("进展.pdf"), "{s}");
    assert!(!s.contains("stored_name") && !s.contains("SECRET"), "{s}");
    assert!(
        s.contains("1970-01-01T00:00:00Z"),
        "timestamps are RFC 3339: {s}"
    );
}

#[test]
fn a_message_key_stays_on_the_server() {
    let m = Message {
        id: 1,
        user_id: 2,
        msg_key: "SECRET-digest-2024-06".into(),
        kind: "digest".into(),
        title: "本期待报".into(),
        body: "".into(),
        link: None,
        notice_id: None,
        created_at: OffsetDateTime::UNIX_EPOCH,
        read_at: None,
    };
    let s = json(MessageDoc::from(&m));
    assert!(
        !s.contains("msg_key") && !s.contains("SECRET") && !s.contains("user_id"),
        "{s}"
    );
}

#[test]
fn the_actor_carries_no_credentials() {
    let s = json(ActorDto::from(Actor::cli()));
    for bad in ["password", "token", "secret", "hash"] {
        assert!(!s.contains(bad), "{s}");
    }
    assert!(s.contains("role_label"), "{s}");
}
