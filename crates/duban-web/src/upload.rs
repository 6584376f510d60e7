//! Reading multipart uploads into memory, with Chinese messages for what goes wrong.
//! Body limits are set per route with [`DefaultBodyLimit`](axum::extract::DefaultBodyLimit).

use axum::extract::Multipart;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::http::StatusCode;
use duban_app::AppError;
use std::collections::HashMap;

/// Largest upload body of the report and progress import forms and of attachments: the
/// app's 20 MB file limit plus room for the other fields and the multipart framing.
pub const MAX_UPLOAD_BODY: usize = 21 * 1024 * 1024;

/// The text fields of a form and its one file (name and bytes; None when no file was
/// chosen).
#[derive(Debug, Default)]
pub struct Upload {
    pub fields: HashMap<String, String>,
    pub file: Option<(String, Vec<u8>)>,
}

impl Upload {
    /// A text field, trimmed; empty when missing.
    pub fn field(&self, name: &str) -> String {
        self.fields
            .get(name)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    }
}

fn multipart_error(e: MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::BadInput(format!(
            "上传内容过大，文件不能超过 {} MB",
            MAX_UPLOAD_BODY / 1024 / 1024 - 1
        ))
    } else {
        AppError::BadInput(format!("上传的表单有误：{}", e.body_text()))
    }
}

/// Reads every field; the part named `file_field` is the file (kept even when empty, so
/// that the app can say the file is empty — unless no file was chosen at all).
pub async fn read(
    mp: Result<Multipart, MultipartRejection>,
    file_field: &str,
) -> Result<Upload, AppError> {
    let mut mp =
        mp.map_err(|_| AppError::BadInput("请以 multipart/form-data 表单上传文件".into()))?;
    let mut up = Upload::default();
    while let Some(part) = mp.next_field().await.map_err(multipart_error)? {
        let name = part.name().unwrap_or("").to_string();
        if name == file_field {
            let file_name = part.file_name().unwrap_or("").to_string();
            let bytes = part.bytes().await.map_err(multipart_error)?;
            // A file input left empty sends a part without a name and without bytes.
            if !(file_name.is_empty() && bytes.is_empty()) {
                up.file = Some((file_name, bytes.to_vec()));
            }
        } else {
            let v = part.text().await.map_err(multipart_error)?;
            up.fields.insert(name, v);
        }
    }
    Ok(up)
}

/// The upload's file, or a message asking for one.
pub fn require_file(up: &mut Upload) -> Result<(String, Vec<u8>), AppError> {
    up.file
        .take()
        .ok_or_else(|| AppError::BadInput("请选择要上传的文件".into()))
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
