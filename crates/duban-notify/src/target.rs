//! Where a message goes: the endpoints and the jobs (one message to one endpoint).

use crate::NotifyError;
use crate::message::{Format, Message};

/// Where a message goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// 企业微信 group robot: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…` or an
    /// intranet gateway.
    WeCom { url: String, format: Format },
    /// 钉钉 custom robot; with a secret, the signed mode.
    DingTalk {
        url: String,
        secret: Option<String>,
        format: Format,
    },
    /// E-mail through the configured relay.
    Email { to: Vec<String> },
}

impl Target {
    /// A target from stored settings: channel `wecom` | `dingtalk` | `email`, the webhook
    /// URL or comma-separated addresses, the 钉钉 secret, and format `markdown` | `text`.
    pub fn from_config(
        channel: &str,
        target: &str,
        secret: Option<&str>,
        format: &str,
    ) -> Result<Self, NotifyError> {
        let format = match format {
            "text" => Format::Text,
            _ => Format::Markdown,
        };
        let url = || -> Result<String, NotifyError> {
            let u = target.trim();
            reqwest::Url::parse(u).map_err(|e| NotifyError::BadUrl(format!("{u}：{e}")))?;
            Ok(u.to_string())
        };
        match channel {
            "wecom" => Ok(Self::WeCom {
                url: url()?,
                format,
            }),
            "dingtalk" => Ok(Self::DingTalk {
                url: url()?,
                secret: secret
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from),
                format,
            }),
            "email" => {
                let to: Vec<String> = target
                    .split([',', '，', ';', '；', ' '])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect();
                if to.is_empty() {
                    return Err(NotifyError::BadAddress(target.to_string()));
                }
                Ok(Self::Email { to })
            }
            other => Err(NotifyError::BadUrl(format!("未知的推送渠道：{other}"))),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub id: i64,
    pub name: String,
    pub target: Target,
}

/// One message to one endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub endpoint: Endpoint,
    pub message: Message,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_read_from_stored_settings() {
        assert_eq!(
            Target::from_config(
                "dingtalk",
                " http://robot.local/send?access_token=t ",
                Some("SECx"),
                "text"
            )
            .unwrap(),
            Target::DingTalk {
                url: "http://robot.local/send?access_token=t".into(),
                secret: Some("SECx".into()),
                format: Format::Text
            }
        );
        assert_eq!(
            Target::from_config("wecom", "http://robot.local/w?key=k", None, "markdown").unwrap(),
            Target::WeCom {
                url: "http://robot.local/w?key=k".into(),
                format: Format::Markdown
            }
        );
        assert_eq!(
            Target::from_config("email", "a@gov.local，b@gov.local", None, "").unwrap(),
            Target::Email {
                to: vec!["a@gov.local".into(), "b@gov.local".into()]
            }
        );
        assert!(Target::from_config("wecom", "robot.local", None, "").is_err());
        assert!(Target::from_config("email", " , ", None, "").is_err());
        assert!(Target::from_config("sms", "x", None, "").is_err());
    }
}
