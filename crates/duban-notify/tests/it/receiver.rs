//! A local robot receiver: 企业微信 and 钉钉 endpoints (the latter verifies the signature
//! the way 钉钉 does), one that fails twice before accepting, and one that never answers.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const SECRET: &str = "SEC0123456789abcdef";

#[derive(Default, Clone)]
pub struct Received {
    pub wecom: Vec<(String, Value)>,
    pub dingtalk_ok: Vec<(String, Value)>,
    pub dingtalk_rejected: usize,
    pub flaky_hits: usize,
    pub flaky_accepted: Vec<String>,
}

pub struct Receiver {
    pub base: String,
    pub state: Arc<Mutex<Received>>,
}

impl Receiver {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn id_of(h: &HeaderMap) -> String {
    h.get(duban_notify::MESSAGE_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

type S = State<Arc<Mutex<Received>>>;

async fn wecom(State(s): S, h: HeaderMap, Json(v): Json<Value>) -> Json<Value> {
    s.lock().unwrap().wecom.push((id_of(&h), v));
    Json(json!({ "errcode": 0, "errmsg": "ok" }))
}

/// 钉钉's check: the timestamp within an hour of now, and sign = base64(HMAC-SHA256(secret,
/// "timestamp\nsecret")) after URL-decoding.
async fn ding(
    State(s): S,
    Query(q): Query<HashMap<String, String>>,
    h: HeaderMap,
    Json(v): Json<Value>,
) -> Json<Value> {
    let ts: i64 = q.get("timestamp").and_then(|t| t.parse().ok()).unwrap_or(0);
    let now = (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64;
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{ts}\n{SECRET}").as_bytes());
    let expected = mac.finalize().into_bytes();
    let given = q
        .get("sign")
        .and_then(|s| base64::engine::general_purpose::STANDARD.decode(s).ok())
        .unwrap_or_default();
    let mut st = s.lock().unwrap();
    if (now - ts).abs() < 3_600_000
        && given.as_slice() == expected.as_slice()
        && q.contains_key("access_token")
    {
        st.dingtalk_ok.push((id_of(&h), v));
        Json(json!({ "errcode": 0, "errmsg": "ok" }))
    } else {
        st.dingtalk_rejected += 1;
        Json(json!({ "errcode": 310000, "errmsg": "sign not match" }))
    }
}

async fn flaky(State(s): S, h: HeaderMap) -> (StatusCode, Json<Value>) {
    let mut st = s.lock().unwrap();
    st.flaky_hits += 1;
    if st.flaky_hits <= 2 {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({ "errcode": -1 })),
        );
    }
    // Dedupe by the message id, as a careful receiver would.
    let id = id_of(&h);
    if !st.flaky_accepted.contains(&id) {
        st.flaky_accepted.push(id);
    }
    (
        StatusCode::OK,
        Json(json!({ "errcode": 0, "errmsg": "ok" })),
    )
}

async fn hang() -> &'static str {
    tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
    "late"
}

pub async fn start() -> Receiver {
    let state = Arc::new(Mutex::new(Received::default()));
    let app = axum::Router::new()
        .route("/wecom", post(wecom))
        .route("/ding", post(ding))
        .route("/flaky", post(flaky))
        .route("/hang", post(hang))
        .with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.ok();
    });
    Receiver {
        base: format!("http://{addr}"),
        state,
    }
}

/// A port nothing listens on (bound, then released).
pub async fn closed_port() -> u16 {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    l.local_addr().unwrap().port()
}
