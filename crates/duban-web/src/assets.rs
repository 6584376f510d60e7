//! Static files embedded in the binary (in debug builds read from disk by rust-embed).

use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "assets/"]
struct Assets;

pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new().route("/{*path}", get(file))
}

async fn file(Path(path): Path<String>) -> Response {
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
    (
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, cache.to_string()),
            (header::ETAG, etag),
        ],
        f.data,
    )
        .into_response()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
