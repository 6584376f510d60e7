//! A tiny SMTP sink: enough of RFC 5321 for one client to hand over mail, kept in memory.

use base64::Engine;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

#[derive(Debug, Clone, Default)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

pub struct Sink {
    pub port: u16,
    pub mails: Arc<Mutex<Vec<Mail>>>,
}

fn addr(arg: &str) -> String {
    arg.split_once(':')
        .map(|(_, a)| {
            a.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        })
        .unwrap_or_default()
}

pub async fn start() -> Sink {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let mails = Arc::new(Mutex::new(Vec::new()));
    let store = mails.clone();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (r, mut w) = sock.into_split();
                let mut lines = BufReader::new(r).lines();
                w.write_all(b"220 sink ESMTP\r\n").await.ok();
                let mut mail = Mail::default();
                while let Ok(Some(line)) = lines.next_line().await {
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250 sink\r\n"
                    } else if upper.starts_with("MAIL FROM") {
                        mail.from = addr(&line);
                        b"250 OK\r\n"
                    } else if upper.starts_with("RCPT TO") {
                        mail.to.push(addr(&line));
                        b"250 OK\r\n"
                    } else if upper == "DATA" {
                        w.write_all(b"354 go ahead\r\n").await.ok();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            mail.data.push_str(l.strip_prefix('.').unwrap_or(&l));
                            mail.data.push('\n');
                        }
                        store.lock().unwrap().push(std::mem::take(&mut mail));
                        b"250 queued\r\n"
                    } else if upper == "QUIT" {
                        w.write_all(b"221 bye\r\n").await.ok();
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    w.write_all(reply).await.ok();
                }
            });
        }
    });
    Sink { port, mails }
}

/// The body of a single-part mail, decoded from base64 or quoted-printable.
pub fn decoded_body(data: &str) -> String {
    let (head, body) = data.split_once("\n\n").unwrap_or((data, ""));
    let head = head.to_ascii_lowercase();
    if head.contains("content-transfer-encoding: base64") {
        let joined: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(joined)
            .unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    } else if head.contains("content-transfer-encoding: quoted-printable") {
        let mut out = Vec::new();
        let joined = body.replace("=\n", "");
        let b = joined.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'='
                && i + 2 < b.len()
                && let Ok(v) = u8::from_str_radix(&joined[i + 1..i + 3], 16)
            {
                out.push(v);
                i += 3;
                continue;
            }
            out.push(b[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    } else {
        body.to_string()
    }
}
