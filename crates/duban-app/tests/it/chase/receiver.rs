//! A local HTTP receiver on 127.0.0.1 standing in for a robot: it records each request and
//! fails the first `fail_first` with HTTP 500.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[derive(Debug, Clone)]
pub struct Hit {
    /// Path and query.
    pub target: String,
    pub message_id: String,
    pub body: String,
    /// What the receiver answered.
    pub ok: bool,
}

pub struct Receiver {
    pub url: String,
    pub hits: Arc<Mutex<Vec<Hit>>>,
}

pub async fn start(fail_first: usize) -> Receiver {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/robot/send?access_token=t",
        l.local_addr().unwrap()
    );
    let hits: Arc<Mutex<Vec<Hit>>> = Arc::default();
    let h = hits.clone();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = l.accept().await {
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            let (head, body) = loop {
                let n = s.read(&mut chunk).await.unwrap_or(0);
                if n == 0 {
                    break (String::new(), String::new());
                }
                buf.extend_from_slice(&chunk[..n]);
                let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
                    continue;
                };
                let head = String::from_utf8_lossy(&buf[..end]).to_string();
                let len: usize = head
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse().ok())?
                    })
                    .unwrap_or(0);
                while buf.len() < end + 4 + len {
                    let n = s.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        break;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                }
                let body = String::from_utf8_lossy(&buf[end + 4..]).to_string();
                break (head, body);
            };
            if head.is_empty() {
                continue;
            }
            let target = head
                .lines()
                .next()
                .and_then(|l| l.split(' ').nth(1))
                .unwrap_or("")
                .to_string();
            let message_id = head
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case(duban_notify::MESSAGE_ID_HEADER)
                        .then(|| v.trim().to_string())
                })
                .unwrap_or_default();
            let ok = {
                let mut list = h.lock().unwrap();
                let ok = list.len() >= fail_first;
                list.push(Hit {
                    target,
                    message_id,
                    body,
                    ok,
                });
                ok
            };
            let (status, text) = if ok {
                ("200 OK", r#"{"errcode":0,"errmsg":"ok"}"#)
            } else {
                ("500 Internal Server Error", "busy")
            };
            let resp = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                text.len()
            );
            let _ = s.write_all(resp.as_bytes()).await;
            let _ = s.shutdown().await;
        }
    });
    Receiver { url, hits }
}
