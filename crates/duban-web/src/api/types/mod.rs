//! Request and response shapes of the API, owned by the API: every response is one of these
//! DTOs, converted from the application's rows with `From`, so a column added to a row (a
//! password hash, a token, a stored file name) reaches no client until a DTO names it.

pub mod attachments;
pub mod chase;
pub mod city;
pub mod imports;
pub mod items;
pub mod plans;
pub mod registers;
pub mod reports;
pub mod session;
pub mod status;

use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

/// A JSON error: `{"error": "<中文说明>"}`.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: String,
}

/// `{"ok": true}`: the action was done.
#[derive(Serialize, ToSchema)]
pub struct OkDto {
    pub ok: bool,
}

/// Timestamps go out as RFC 3339 (`2024-06-20T10:00:00Z`).
pub(crate) mod stamp {
    use super::*;
    pub fn at(t: OffsetDateTime) -> String {
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    }
    pub fn opt(t: Option<OffsetDateTime>) -> Option<String> {
        t.map(at)
    }
}

#[cfg(test)]
mod tests;
