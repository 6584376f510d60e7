//! A message and its JSON for each robot.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// One message, channel-neutral. `id` is stable across retries (the delivery key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    pub title: String,
    /// Markdown for robots that render it.
    pub markdown: String,
    /// Plain text for robots in text mode and for e-mail.
    pub text: String,
}

/// How a robot endpoint shows messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Markdown,
    Text,
}

/// 企业微信 limits: markdown content 4096 bytes, text content 2048 bytes (UTF-8).
const WECOM_MARKDOWN_BYTES: usize = 4096;
const WECOM_TEXT_BYTES: usize = 2048;
/// 钉钉 accepts about 20000 bytes; stay well below.
const DINGTALK_BYTES: usize = 18000;

/// Cuts `s` to at most `max` bytes on a char boundary, marking the cut.
fn clip(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mark = "\n……（内容过长，请登录系统查看）";
    let mut end = max.saturating_sub(mark.len());
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{mark}", &s[..end])
}

/// `{"msgtype":"markdown","markdown":{"content":…}}` or the text form.
pub fn wecom_payload(m: &Message, f: Format) -> Value {
    match f {
        Format::Markdown => json!({
            "msgtype": "markdown",
            "markdown": { "content": clip(&m.markdown, WECOM_MARKDOWN_BYTES) }
        }),
        Format::Text => json!({
            "msgtype": "text",
            "text": { "content": clip(&m.text, WECOM_TEXT_BYTES) }
        }),
    }
}

/// `{"msgtype":"markdown","markdown":{"title":…,"text":…}}` or the text form.
pub fn dingtalk_payload(m: &Message, f: Format) -> Value {
    match f {
        Format::Markdown => json!({
            "msgtype": "markdown",
            "markdown": { "title": m.title, "text": clip(&m.markdown, DINGTALK_BYTES) }
        }),
        Format::Text => json!({
            "msgtype": "text",
            "text": { "content": clip(&m.text, DINGTALK_BYTES) }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(len: usize) -> Message {
        Message {
            id: "k".into(),
            title: "待报提醒".into(),
            markdown: "督".repeat(len),
            text: "办".repeat(len),
        }
    }

    #[test]
    fn payloads_have_the_robot_shapes_and_stay_within_limits() {
        let w = wecom_payload(&m(3), Format::Markdown);
        assert_eq!(w["msgtype"], "markdown");
        assert_eq!(w["markdown"]["content"], "督督督");
        assert_eq!(
            wecom_payload(&m(3), Format::Text)["text"]["content"],
            "办办办"
        );
        let d = dingtalk_payload(&m(3), Format::Markdown);
        assert_eq!(
            (
                d["markdown"]["title"].as_str(),
                d["markdown"]["text"].as_str()
            ),
            (Some("待报提醒"), Some("督督督"))
        );
        let long = wecom_payload(&m(5000), Format::Markdown);
        let c = long["markdown"]["content"].as_str().unwrap();
        assert!(
            c.len() <= 4096 && c.ends_with("请登录系统查看）"),
            "{}",
            c.len()
        );
        let t = wecom_payload(&m(5000), Format::Text);
        assert!(t["text"]["content"].as_str().unwrap().len() <= 2048);
    }
}
