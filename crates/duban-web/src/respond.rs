//! Responses that are not pages or JSON: downloads.

use axum::response::{IntoResponse, Response};

/// An attachment as a download that never runs in our origin.
pub fn attachment_response(a: &duban_app::db::Attachment, bytes: Vec<u8>) -> Response {
    use axum::http::header;
    (
        [
            (header::CONTENT_TYPE, a.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                content_disposition(&a.file_name),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// Generated or stored bytes as a download named `file_name`.
pub fn download(content_type: &str, file_name: &str, bytes: Vec<u8>) -> Response {
    use axum::http::header;
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, content_disposition(file_name)),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// `Content-Disposition: attachment` with an ASCII fallback name and the real name in
/// RFC 5987 form (`filename*=UTF-8''…`), so that Chinese names survive every browser.
pub fn content_disposition(file_name: &str) -> String {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| e.chars().all(|c| c.is_ascii_alphanumeric()) && e.len() <= 8)
        .unwrap_or("bin");
    let fallback: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let fallback = if fallback.trim_matches(['_', '.']).is_empty() || !file_name.is_ascii() {
        format!("attachment.{ext}")
    } else {
        fallback
    };
    let mut encoded = String::new();
    for b in file_name.bytes() {
        // RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." /
        // "^" / "_" / "`" / "|" / "~"
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn chinese_names_are_percent_encoded() {
        assert_eq!(
            content_disposition("进展 说明.pdf"),
            "attachment; filename=\"attachment.pdf\"; filename*=UTF-8''%E8%BF%9B%E5%B1%95%20%E8%AF%B4%E6%98%8E.pdf"
        );
        assert_eq!(
            content_disposition("a\"b;c.txt"),
            "attachment; filename=\"a_b_c.txt\"; filename*=UTF-8''a%22b%3Bc.txt"
        );
    }
}
