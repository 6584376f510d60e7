//! The entry form every register shares: a list of fields rendered in one template, read
//! back from the posted form, and shown again with the app's message when it refuses.

use super::super::views::{Me, Opt};
use super::super::{PageResult, render_status};
use crate::error::PageError;
use crate::extract::field;
use askama::Template;
use axum::http::StatusCode;
use duban_app::AppError;

/// One input of a form.
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    /// text | number | date | select | check | area | multi
    pub kind: &'static str,
    pub value: String,
    pub opts: Vec<Opt>,
    pub required: bool,
    pub help: &'static str,
}

impl Field {
    fn new(name: &'static str, label: &'static str, kind: &'static str, value: String) -> Self {
        Self {
            name,
            label,
            kind,
            value,
            opts: Vec::new(),
            required: false,
            help: "",
        }
    }
    pub fn text(name: &'static str, label: &'static str, value: impl Into<String>) -> Self {
        Self::new(name, label, "text", value.into())
    }
    pub fn number(name: &'static str, label: &'static str, value: impl Into<String>) -> Self {
        Self::new(name, label, "number", value.into())
    }
    pub fn date(name: &'static str, label: &'static str, d: Option<time::Date>) -> Self {
        Self::new(
            name,
            label,
            "date",
            d.map(|d| d.to_string()).unwrap_or_default(),
        )
    }
    pub fn area(name: &'static str, label: &'static str, value: impl Into<String>) -> Self {
        Self::new(name, label, "area", value.into())
    }
    pub fn check(name: &'static str, label: &'static str, on: bool) -> Self {
        Self::new(name, label, "check", if on { "1" } else { "" }.into())
    }
    pub fn select(name: &'static str, label: &'static str, opts: Vec<Opt>) -> Self {
        let mut f = Self::new(name, label, "select", String::new());
        f.opts = opts;
        f
    }
    pub fn multi(name: &'static str, label: &'static str, opts: Vec<Opt>) -> Self {
        let mut f = Self::new(name, label, "multi", String::new());
        f.opts = opts;
        f
    }
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub fn help(mut self, h: &'static str) -> Self {
        self.help = h;
        self
    }
}

#[derive(Template)]
#[template(path = "registers/form.html")]
pub struct FormPage {
    pub me: Me,
    pub title: String,
    pub back: String,
    pub back_label: &'static str,
    pub action: String,
    pub error: String,
    pub fields: Vec<Field>,
}

/// Puts the posted values back into `fields` (a refused form is shown as it was sent).
pub fn refill(fields: &mut [Field], form: &[(String, String)]) {
    for f in fields {
        match f.kind {
            "select" => {
                let v = field(form, f.name);
                for o in &mut f.opts {
                    o.selected = o.value == v;
                }
            }
            "multi" => {
                let vs: Vec<&str> = form
                    .iter()
                    .filter(|(k, _)| k == f.name)
                    .map(|(_, v)| v.as_str())
                    .collect();
                for o in &mut f.opts {
                    o.selected = vs.contains(&o.value.as_str());
                }
            }
            _ => f.value = field(form, f.name).to_string(),
        }
    }
}

/// The form again with the app's message for what the form can fix (bad input, conflict);
/// an error page for the rest (forbidden, not found).
pub fn refused(mut page: FormPage, e: AppError, form: &[(String, String)]) -> PageResult {
    let status = match &e {
        AppError::BadInput(_) | AppError::Rows(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        _ => return Err(PageError::new(e)),
    };
    refill(&mut page.fields, form);
    page.error = e.to_string();
    render_status(status, page)
}

/// Reads a field as an optional date.
pub fn opt_date(form: &[(String, String)], name: &str) -> Result<Option<time::Date>, AppError> {
    match field(form, name) {
        "" => Ok(None),
        s => crate::extract::parse_date(s).map(Some),
    }
}

/// Reads a field as an optional whole number.
pub fn opt_int(form: &[(String, String)], name: &str, what: &str) -> Result<Option<i64>, AppError> {
    match field(form, name) {
        "" => Ok(None),
        s => s
            .parse()
            .map(Some)
            .map_err(|_| AppError::BadInput(format!("{what}“{s}”应为整数"))),
    }
}

pub fn checked(form: &[(String, String)], name: &str) -> bool {
    !field(form, name).is_empty()
}

/// Every value of a multi-select as ids.
pub fn ids(form: &[(String, String)], name: &str) -> Result<Vec<i64>, AppError> {
    form.iter()
        .filter(|(k, v)| k == name && !v.trim().is_empty())
        .map(|(_, v)| {
            v.trim()
                .parse()
                .map_err(|_| AppError::BadInput(format!("编号“{v}”无效")))
        })
        .collect()
}
