//! A report's attachments.

use super::stamp;
use duban_app::db::Attachment;
use serde::Serialize;
use utoipa::ToSchema;

/// An attachment as the caller sees it (the stored file name stays on the server).
#[derive(Serialize, ToSchema)]
pub struct AttachmentDto {
    pub id: i64,
    pub report_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: Option<i64>,
    pub uploaded_at: String,
}

impl From<Attachment> for AttachmentDto {
    fn from(a: Attachment) -> Self {
        Self {
            id: a.id,
            report_id: a.report_id,
            file_name: a.file_name,
            content_type: a.content_type,
            size_bytes: a.size_bytes,
            sha256: a.sha256,
            uploaded_by: a.uploaded_by,
            uploaded_at: stamp::at(a.uploaded_at),
        }
    }
}

/// A multipart upload with one file.
#[derive(ToSchema)]
#[allow(dead_code)] // describes a multipart body, read by `FileForm`
pub struct FileUpload {
    /// 附件（pdf、jpg、png、docx、xlsx、doc、xls、wps、ofd、txt，20MB 以内）
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}
