//! Static files embedded in the binary (in debug builds read from disk by rust-embed).
//!
//! A single `Range: bytes=a-b` is honoured (206 with the slice of the embedded file, no
//! copy in release builds): a browser can resume a large vendored file, and the load test
//! measures the server's ceiling with exactly a page's number of bytes from memory.

use axum::Router;
use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rust_embed::RustEmbed;
use std::borrow::Cow;
use std::ops::Range;

#[derive(RustEmbed)]
#[folder = "assets/"]
struct Assets;

pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new().route("/{*path}", get(file))
}

async fn file(Path(path): Path<String>, headers: HeaderMap) -> Response {
    let Some(f) = Assets::get(&path) else {
        return (StatusCode::NOT_FOUND, "未找到").into_response();
    };
    let mime = f.metadata.mimetype().to_string();
    // Vendored files are pinned versions: cache them for a year. Our own CSS/JS change
    // with releases, so they are revalidated by ETag.
    let cache = if path.starts_with("vendor/") {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    let etag = format!("\"{}\"", hex(&f.metadata.sha256_hash()[..16]));
    let len = f.data.len();
    let common = [
        (header::CONTENT_TYPE, mime),
        (header::CACHE_CONTROL, cache.to_string()),
        (header::ETAG, etag),
        (header::ACCEPT_RANGES, "bytes".to_string()),
    ];
    let wanted = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .map(|v| byte_range(v, len));
    match wanted {
        None | Some(Wanted::Whole) => (common, body(f.data, 0..len)).into_response(),
        Some(Wanted::Part(r)) => (
            StatusCode::PARTIAL_CONTENT,
            common,
            [(
                header::CONTENT_RANGE,
                format!("bytes {}-{}/{len}", r.start, r.end - 1),
            )],
            body(f.data, r),
        )
            .into_response(),
        Some(Wanted::Unsatisfiable) => (
            StatusCode::RANGE_NOT_SATISFIABLE,
            [(header::CONTENT_RANGE, format!("bytes */{len}"))],
        )
            .into_response(),
    }
}

/// The bytes of `r` (within the data): a borrowed file stays borrowed.
fn body(data: Cow<'static, [u8]>, r: Range<usize>) -> Body {
    match data {
        Cow::Borrowed(b) => Body::from(&b[r]),
        Cow::Owned(mut v) => {
            v.truncate(r.end);
            v.drain(..r.start);
            Body::from(v)
        }
    }
}

#[derive(Debug, PartialEq)]
enum Wanted {
    /// No usable single range (absent, malformed, several): the whole file, as RFC 9110
    /// allows a server to do.
    Whole,
    Part(Range<usize>),
    Unsatisfiable,
}

/// Reads `bytes=a-b`, `bytes=a-` or `bytes=-n` against a file of `len` bytes.
fn byte_range(v: &str, len: usize) -> Wanted {
    let Some(spec) = v.trim().strip_prefix("bytes=") else {
        return Wanted::Whole;
    };
    if spec.contains(',') {
        return Wanted::Whole;
    }
    let Some((a, b)) = spec.trim().split_once('-') else {
        return Wanted::Whole;
    };
    let num = |s: &str| -> Option<usize> {
        let s = s.trim();
        (!s.is_empty() && s.len() <= 20 && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let range = match (num(a), num(b), b.trim().is_empty()) {
        (Some(start), _, true) => start..len,
        (Some(start), Some(end), false) if end >= start => start..end.saturating_add(1).min(len),
        (None, Some(n), false) if a.trim().is_empty() => len.saturating_sub(n)..len,
        _ => return Wanted::Whole,
    };
    if range.start >= len || range.is_empty() {
        Wanted::Unsatisfiable
    } else {
        Wanted::Part(range)
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::{Wanted, byte_range};

    #[test]
    fn single_ranges_are_read_and_odd_ones_give_the_whole_file() {
        assert_eq!(byte_range("bytes=0-99", 1000), Wanted::Part(0..100));
        assert_eq!(byte_range("bytes=900-", 1000), Wanted::Part(900..1000));
        assert_eq!(byte_range("bytes=-10", 1000), Wanted::Part(990..1000));
        assert_eq!(byte_range("bytes=10-5000", 1000), Wanted::Part(10..1000));
        assert_eq!(byte_range("bytes=1000-", 1000), Wanted::Unsatisfiable);
        assert_eq!(byte_range("bytes=-0", 1000), Wanted::Unsatisfiable);
        for odd in [
            "items=0-1",
            "bytes=0-1,5-9",
            "bytes=5-1",
            "bytes=x-",
            "bytes=-",
            "bytes=+1-2",
            "bytes=99999999999999999999999-",
        ] {
            assert_eq!(byte_range(odd, 1000), Wanted::Whole, "{odd}");
        }
    }
}
