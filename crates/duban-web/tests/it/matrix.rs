//! The authorization matrix: every route of the router × every role, with the outcome
//! expected in ONE table ([`TABLE`]). The route list is read from the router itself (its
//! `Debug` form names every path and the methods each one answers), so a route added without
//! a row here fails [`every_route_has_a_row`], and a row whose route is gone fails too.
//!
//! Outcomes: `ok` (2xx), `login` (redirect to the login page), `see` (another redirect, the
//! post/redirect/get answer of a form), or the status code (`400`, `401`, `403`, `404`,
//! `409`, `422`, …). Each role runs against its own fresh demo database, rows in table order,
//! so that a write of one role never changes what another one meets.
//!
//! Columns: admin, supervisor (duchashi), leader (quzhang), reporter of unit A (fgw_tb,
//! 区发改委), approver of unit A (fgw_sh), viewer (guest), anonymous, reporter of unit B
//! (rsj_tb, 区人社局) — the ids in the paths are unit A's objects, so the last column is a
//! stranger to them.
//!
//! To see what the server answers now (to write a new route's row): run this test with
//! DUBAN_MATRIX_PRINT=1 and copy the printed rows after checking them.

use crate::spawn;
use duban_app::demo;
use reqwest::{Client, StatusCode};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
mod contents; // the check that every change of data comes with an audit record
mod fixture; // the ids the rows' paths name, and how bodies are filled in
mod registers; // the register pages' rows; `rows()` gives every row in order
use contents::Contents;
use fixture::{fill, fixture, multipart};

const ROLES: [(&str, Option<&str>); 8] = [
    ("admin", Some("admin")),
    ("super", Some("duchashi")),
    ("leader", Some("quzhang")),
    ("repA", Some("fgw_tb")),
    ("aprA", Some("fgw_sh")),
    ("viewer", Some("guest")),
    ("anon", None),
    ("repB", Some("rsj_tb")),
];

/// How a row's request carries its body.
#[derive(Clone, Copy)]
enum Body {
    Empty,
    Json(&'static str),
    Form(&'static str),
    /// Multipart: `name=value` fields separated by `&`, plus a small file in part `file`.
    Multipart(&'static str),
}
use Body::*;

/// (method, route as registered, path requested with `{placeholders}`, body, outcomes in
/// the column order of [`ROLES`]).
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Body,
    [&'static str; 8],
);

#[rustfmt::skip]
const TABLE: &[Row] = &[
    // method, route, request path, body,                         admin    super    leader   repA     aprA     viewer   anon     repB
    ("GET", "/", "/", Empty,                                       ["ok"    , "ok"    , "see"   , "ok"    , "ok"    , "see"   , "login" , "ok"]),
    ("GET", "/login", "/login", Empty,                             ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"]),
    ("GET", "/password", "/password", Empty,                       ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"]),
    ("POST", "/password", "/password", Form("current=wrong-password-1&password=another-pass-99&confirm=another-pass-99"),
                                                                  ["422"   , "422"   , "422"   , "422"   , "422"   , "422"   , "login" , "422"]),
    ("GET", "/items", "/items", Empty,                             ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"]),
    ("GET", "/items/{id}", "/items/{itemA}", Empty,                ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "404"]),
    ("POST", "/items/{id}/assign", "/items/{itemA}/assign", Form("lead_unit_id={unitA}&cycle=monthly&weight=1"),
                                                                  ["422"   , "422"   , "422"   , "422"   , "422"   , "422"   , "login" , "422"]),
    ("POST", "/items/{id}/adjust", "/items/{itemA}/adjust", Form("value=1&reason=matrix"),
                                                                  ["422"   , "422"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("GET", "/report", "/report", Empty,                           ["403"   , "403"   , "403"   , "ok"    , "ok"    , "403"   , "login" , "ok"]),
    ("POST", "/report/{id}", "/report/{itemA}", Multipart("action=save&period=2024-08&progress=matrix"),
                                                                  ["403"   , "403"   , "403"   , "see"   , "see"   , "403"   , "login" , "404"]),
    ("GET", "/review", "/review", Empty,                           ["ok"    , "ok"    , "403"   , "403"   , "ok"    , "403"   , "login" , "403"]),
    ("POST", "/review/{id}", "/review/{reportA}", Form("decision=return&comment=matrix"),
                                                                  ["see"   , "see"   , "403"   , "403"   , "409"   , "403"   , "login" , "404"]),
    ("GET", "/dashboard", "/dashboard", Empty,                     ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"]),
    // The demo is one district: nobody there works at the city level.
    ("GET", "/city", "/city", Empty,                               ["403"   , "403"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("GET", "/decompose", "/decompose", Empty,                     ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/decompose", "/decompose", Form("x=1"),             ["see"   , "see"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("GET", "/admin", "/admin", Empty,                             ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/admin/users", "/admin/users", Form("username=matrix_u&display_name=m&role=viewer&unit=&password=Matrix-Pass-2024!"),
                                                                  ["see"   , "403"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/admin/units", "/admin/units", Form("name=矩阵测试单位&parent="),
                                                                  ["see"   , "403"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/admin/password", "/admin/password", Form("username=guest&password=Matrix-Pass-2024!"),
                                                                  ["see"   , "403"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/admin/lifecycle", "/admin/lifecycle", Form("username=nobody&action=unlock"),
                                                                  ["422"   , "403"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/admin/self-review", "/admin/self-review", Form("allowed=0"),
                                                                  ["see"   , "403"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("GET", "/import", "/import", Empty,                           ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/import", "/import", Multipart("year=2024"),        ["400"   , "400"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("GET", "/import/decomposition", "/import/decomposition", Empty, ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/import/decomposition", "/import/decomposition", Multipart(""), ["400"   , "400"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/import/decomposition/confirm", "/import/decomposition/confirm", Form("file_name=m.csv&content=5bqP5Y-3"), ["400"   , "400"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("GET", "/documents/decomposition.xlsx", "/documents/decomposition.xlsx", Empty, ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"]),
    ("GET", "/documents/progress.xlsx", "/documents/progress.xlsx?period=2024-06", Empty, ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"]),
    ("GET", "/documents/brief.docx", "/documents/brief.docx?period=2024-06", Empty, ["ok"    , "ok"    , "ok"    , "403"   , "403"   , "ok"    , "login" , "403"]),
    ("GET", "/documents/review.docx", "/documents/review.docx?year=2023", Empty, ["ok"    , "ok"    , "ok"    , "403"   , "403"   , "ok"    , "login" , "403"]),
    ("GET", "/documents/review.md", "/documents/review.md?year=2023", Empty, ["ok"    , "ok"    , "ok"    , "403"   , "403"   , "ok"    , "login" , "403"]),
    ("GET", "/import/progress", "/import/progress", Empty,         ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/import/progress", "/import/progress", Multipart("period=2024-08"),
                                                                  ["400"   , "400"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("GET", "/settings", "/settings", Empty,                       ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/settings", "/settings", Form("x=1"),               ["400"   , "400"   , "400"   , "400"   , "400"   , "400"   , "login" , "400"]),
    // The plan chooser (remembers the demo's one plan) and shareable links by name and year.
    ("POST", "/plan", "/plan", Form("plan={plan}&back=/items"),   ["see"   , "see"   , "see"   , "see"   , "see"   , "see"   , "login" , "see"]),
    ("GET", "/g/{government}/{year}", "/g/%E5%B1%B1%E5%9F%8E%E5%8C%BA/2024", Empty,
                                                                  ["see"   , "see"   , "see"   , "see"   , "see"   , "see"   , "login" , "see"]),
    ("GET", "/g/{government}/{year}/{*page}", "/g/%E5%B1%B1%E5%9F%8E%E5%8C%BA/2024/items", Empty,
                                                                  ["see"   , "see"   , "see"   , "see"   , "see"   , "see"   , "login" , "see"]),
    // 结转: the preview here; the confirmation, which adds a plan, near the end.
    ("GET", "/carry", "/carry", Empty,                             ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("GET", "/attachments/{id}", "/attachments/{attA}", Empty,     ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "404"]),
    ("GET", "/static/{*path}", "/static/app.css", Empty,           ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"]),
    // --- JSON API ---
    ("GET", "/api/openapi.json", "/api/openapi.json", Empty,       ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("POST", "/api/v1/login", "/api/v1/login", Json(r#"{"username":"nobody","password":"wrong-password-1"}"#),
                                                                  ["401"   , "401"   , "401"   , "401"   , "401"   , "401"   , "401"   , "401"]),
    ("GET", "/api/v1/me", "/api/v1/me", Empty,                     ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("GET", "/api/v1/plans", "/api/v1/plans", Empty,               ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("GET", "/api/v1/plans/{id}/settings", "/api/v1/plans/{plan}/settings", Empty,
                                                                  ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "401"   , "403"]),
    ("PUT", "/api/v1/plans/{id}/settings", "/api/v1/plans/{plan}/settings", Json(r#"{}"#),
                                                                  ["400"   , "400"   , "400"   , "400"   , "400"   , "400"   , "401"   , "400"]),
    ("GET", "/api/v1/items", "/api/v1/items", Empty,               ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("GET", "/api/v1/items/{id}", "/api/v1/items/{itemA}", Empty,  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "404"]),
    ("POST", "/api/v1/items/{id}/assign", "/api/v1/items/{itemA}/assign", Json(r#"{"lead_unit_id":{unitA},"supporting_unit_ids":[],"cycle":"monthly","weight":1.0}"#),
                                                                  ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "401"   , "403"]),
    ("POST", "/api/v1/items/{id}/reports", "/api/v1/items/{itemA}/reports", Json(r#"{"period":"2024-08","progress":"matrix","submit":false}"#),
                                                                  ["403"   , "403"   , "403"   , "ok"    , "ok"    , "403"   , "401"   , "404"]),
    ("POST", "/api/v1/reports/{id}/review", "/api/v1/reports/{reportA}/review", Json(r#"{"decision":"return","comment":"matrix"}"#),
                                                                  ["409"   , "409"   , "403"   , "403"   , "409"   , "403"   , "401"   , "404"]),
    ("POST", "/api/v1/reports/{id}/attachments", "/api/v1/reports/{draftA}/attachments", Multipart(""),
                                                                  ["403"   , "403"   , "403"   , "ok"    , "ok"    , "403"   , "401"   , "404"]),
    ("GET", "/api/v1/attachments/{id}", "/api/v1/attachments/{attA}", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "404"]),
    ("POST", "/api/v1/import", "/api/v1/import", Multipart("year=2024"),
                                                                  ["400"   , "400"   , "403"   , "403"   , "403"   , "403"   , "401"   , "403"]),
    ("GET", "/api/v1/status", "/api/v1/status", Empty,             ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("GET", "/api/v1/dashboard", "/api/v1/dashboard", Empty,       ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("GET", "/api/v1/city", "/api/v1/city", Empty,                 ["403"   , "403"   , "403"   , "403"   , "403"   , "403"   , "401"   , "403"]),
    ("GET", "/api/v1/scores", "/api/v1/scores", Empty,             ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("GET", "/api/v1/inbox", "/api/v1/inbox", Empty,               ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("GET", "/api/v1/registers/governments", "/api/v1/registers/governments", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("GET", "/api/v1/registers/summary", "/api/v1/registers/summary?{G}&year=2024", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("GET", "/api/v1/registers/projects", "/api/v1/registers/projects?{G}&year=2024", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("POST", "/api/v1/registers/projects", "/api/v1/registers/projects?{G}&year=2024", Json(r#"{"name":"矩阵项目","lead_unit_id":{unitA}}"#),
                                                                  ["422"   , "422"   , "422"   , "422"   , "422"   , "422"   , "401"   , "422"]),
    ("GET", "/api/v1/registers/projects/{id}", "/api/v1/registers/projects/{projA}", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "404"]),
    ("PUT", "/api/v1/registers/projects/{id}", "/api/v1/registers/projects/{projA}", Json(r#"{"name":"矩阵项目改"}"#),
                                                                  ["422"   , "422"   , "422"   , "422"   , "422"   , "422"   , "401"   , "422"]),
    ("POST", "/api/v1/registers/projects/{id}/reports", "/api/v1/registers/projects/{projA}/reports", Json(r#"{"period":"2024-08","completed":1.0,"progress":"matrix","submit":false}"#),
                                                                  ["403"   , "403"   , "403"   , "ok"    , "ok"    , "403"   , "401"   , "404"]),
    ("GET", "/api/v1/registers/project-reports", "/api/v1/registers/project-reports?{G}&year=2024", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("POST", "/api/v1/registers/project-reports/{id}/review", "/api/v1/registers/project-reports/{projReportA}/review", Json(r#"{"decision":"return","comment":"matrix"}"#),
                                                                  ["ok"    , "ok"    , "403"   , "403"   , "409"   , "403"   , "401"   , "404"]),
    ("GET", "/api/v1/registers/project-reports/{id}/history", "/api/v1/registers/project-reports/{projReportA}/history", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "404"]),
    ("GET", "/api/v1/registers/proposals", "/api/v1/registers/proposals?{G}&year=2024", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("POST", "/api/v1/registers/proposals", "/api/v1/registers/proposals?{G}&year=2024", Json(r#"{"source":"npc","number":"M-1","title":"矩阵建议","proposers":["甲"],"lead_unit_id":{unitA},"assigned_at":"2024-07-01"}"#),
                                                                  ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "401"   , "403"]),
    ("GET", "/api/v1/registers/proposals/{id}", "/api/v1/registers/proposals/{propA}", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "404"]),
    ("PUT", "/api/v1/registers/proposals/{id}", "/api/v1/registers/proposals/{propA}", Json(r#"{"title":"矩阵建议改"}"#),
                                                                  ["422"   , "422"   , "422"   , "422"   , "422"   , "422"   , "401"   , "422"]),
    ("POST", "/api/v1/registers/proposals/{id}/return", "/api/v1/registers/proposals/{propA}/return", Json(r#"{"reason":"matrix"}"#),
                                                                  ["403"   , "403"   , "403"   , "409"   , "409"   , "403"   , "401"   , "404"]),
    ("POST", "/api/v1/registers/proposals/{id}/reassign", "/api/v1/registers/proposals/{propA}/reassign", Json(r#"{"lead_unit_id":{unitA},"supporting_unit_ids":[]}"#),
                                                                  ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "401"   , "403"]),
    ("POST", "/api/v1/registers/proposals/{id}/extend", "/api/v1/registers/proposals/{propA}/extend", Json(r#"{"until":"2024-12-31","reason":"matrix"}"#),
                                                                  ["422"   , "422"   , "422"   , "422"   , "422"   , "422"   , "401"   , "422"]),
    ("POST", "/api/v1/registers/proposals/{id}/opinion", "/api/v1/registers/proposals/{propA}/opinion", Json(r#"{"text":"matrix"}"#),
                                                                  ["403"   , "403"   , "403"   , "403"   , "403"   , "403"   , "401"   , "404"]),
    ("POST", "/api/v1/registers/proposals/{id}/reply", "/api/v1/registers/proposals/{propA}/reply", Multipart("category=A"),
                                                                  ["400"   , "400"   , "400"   , "400"   , "400"   , "400"   , "401"   , "400"]),
    ("GET", "/api/v1/registers/proposals/{id}/letter", "/api/v1/registers/proposals/{propA}/letter", Empty,
                                                                  ["404"   , "404"   , "404"   , "404"   , "404"   , "404"   , "401"   , "404"]),
    ("POST", "/api/v1/registers/proposals/{id}/feedback", "/api/v1/registers/proposals/{propA}/feedback", Json(r#"{"work":"satisfied","result":"satisfied"}"#),
                                                                  ["422"   , "422"   , "422"   , "422"   , "422"   , "422"   , "401"   , "422"]),
    ("GET", "/api/v1/registers/services", "/api/v1/registers/services?{G}&year=2024", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("POST", "/api/v1/registers/services", "/api/v1/registers/services?{G}&year=2024", Json(r#"{"name":"矩阵事项","unit_id":{unitA}}"#),
                                                                  ["ok"    , "ok"    , "403"   , "ok"    , "ok"    , "403"   , "401"   , "403"]),
    ("GET", "/api/v1/registers/services/{id}", "/api/v1/registers/services/{svcA}", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "404"]),
    ("PUT", "/api/v1/registers/services/{id}", "/api/v1/registers/services/{svcA}", Json(r#"{"name":"矩阵事项改"}"#),
                                                                  ["ok"    , "ok"    , "403"   , "ok"    , "ok"    , "403"   , "401"   , "404"]),
    ("DELETE", "/api/v1/registers/services/{id}", "/api/v1/registers/services/{svcA}", Empty,
                                                                  ["ok"    , "ok"    , "403"   , "ok"    , "ok"    , "403"   , "401"   , "404"]),
    ("GET", "/api/v1/registers/indicators", "/api/v1/registers/indicators?{G}&year=2024", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("POST", "/api/v1/registers/indicators", "/api/v1/registers/indicators?{G}&year=2024", Json(r#"{"name":"矩阵指标","unit_id":{unitA}}"#),
                                                                  ["422"   , "422"   , "422"   , "422"   , "422"   , "422"   , "401"   , "422"]),
    ("POST", "/api/v1/registers/indicators/{id}/values", "/api/v1/registers/indicators/{indA}/values", Json(r#"{"period":"2024-08","value":1.0}"#),
                                                                  ["422"   , "422"   , "422"   , "422"   , "422"   , "422"   , "401"   , "422"]),
    ("GET", "/api/v1/plans/{id}/bindings", "/api/v1/plans/{plan}/bindings", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("PUT", "/api/v1/items/{id}/binding", "/api/v1/items/{itemA}/binding", Json(r#"{"indicator_id":{indA}}"#),
                                                                  ["422"   , "422"   , "422"   , "422"   , "422"   , "422"   , "401"   , "422"]),
    ("DELETE", "/api/v1/items/{id}/binding", "/api/v1/items/{itemA}/binding", Empty,
                                                                  ["404"   , "404"   , "403"   , "403"   , "403"   , "403"   , "401"   , "403"]),
    ("GET", "/api/v1/registers/template", "/api/v1/registers/template?kind=projects", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("GET", "/api/v1/registers/export", "/api/v1/registers/export?kind=projects&{G}&year=2024", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("POST", "/api/v1/registers/import", "/api/v1/registers/import", Multipart("kind=projects"),
                                                                  ["400"   , "400"   , "403"   , "403"   , "403"   , "403"   , "401"   , "403"]),
    // --- chasing: notices, inbox, extensions, scores, push endpoints ---
    ("GET", "/notices", "/notices", Empty,                         ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"]),
    ("GET", "/notices/{id}", "/notices/{noticeA}", Empty,          ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "404"]),
    ("GET", "/notices/{id}/docx", "/notices/{noticeA}/docx", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "404"]),
    ("GET", "/notices/{id}/files/{file}", "/notices/{noticeA}/files/{ansFileA}", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "404"]),
    ("POST", "/notices/{id}/receive", "/notices/{noticeA}/receive", Form(""),
                                                                  ["403"   , "403"   , "403"   , "see"   , "see"   , "403"   , "login" , "404"]),
    ("POST", "/notices/{id}/answer", "/notices/{noticeA}/answer", Multipart("body=matrix"),
                                                                  ["403"   , "403"   , "403"   , "see"   , "see"   , "403"   , "login" , "404"]),
    ("POST", "/notices/{id}/close", "/notices/{noticeA}/close", Form("comment=matrix"),
                                                                  ["see"   , "see"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/items/{id}/notices", "/items/{itemA}/notices", Form("kind=chase&matter=matrix"),
                                                                  ["see"   , "see"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("GET", "/inbox", "/inbox", Empty,                             ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"]),
    ("POST", "/inbox/{id}/read", "/inbox/{msgA}/read", Form("open=1"),
                                                                  ["404"   , "404"   , "404"   , "see"   , "404"   , "404"   , "login" , "404"]),
    ("POST", "/inbox/read-all", "/inbox/read-all", Form(""),       ["see"   , "see"   , "see"   , "see"   , "see"   , "see"   , "login" , "see"]),
    ("GET", "/extensions", "/extensions", Empty,                   ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"]),
    ("POST", "/items/{id}/extensions", "/items/{itemA}/extensions", Form("period=2024-08&new_due=2024-09-10&reason=matrix"),
                                                                  ["403"   , "403"   , "403"   , "422"   , "422"   , "403"   , "login" , "404"]),
    ("POST", "/extensions/{id}/decide", "/extensions/{extA}/decide", Form("decision=approve&comment=matrix"),
                                                                  ["see"   , "see"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("GET", "/scores", "/scores?span=2024-Q2", Empty,              ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"]),
    ("GET", "/scores/xlsx", "/scores/xlsx?span=2024-06", Empty,    ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"]),
    ("POST", "/scores/adjust", "/scores/adjust", Form("unit={unitA}&period=2024-06&points=1&reason=matrix&span=2024"),
                                                                  ["see"   , "see"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("GET", "/endpoints", "/endpoints", Empty,                     ["ok"    , "403"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/endpoints", "/endpoints", Form("name=matrix&channel=wecom&target=http%3A%2F%2F127.0.0.1%3A9%2Fsend%3Fkey%3Dm&format=text"),
                                                                  ["see"   , "403"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/endpoints/{id}/toggle", "/endpoints/{epA}/toggle", Form(""),
                                                                  ["see"   , "403"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("POST", "/endpoints/{id}/delete", "/endpoints/{epA}/delete", Form(""),
                                                                  ["see"   , "403"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    ("GET", "/api/v1/notices", "/api/v1/notices?kind=chase", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("POST", "/api/v1/notices", "/api/v1/notices", Json(r#"{"kind":"chase","item_id":{itemA}}"#),
                                                                  ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "401"   , "403"]),
    ("GET", "/api/v1/notices/{id}", "/api/v1/notices/{noticeA}", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "404"]),
    ("POST", "/api/v1/notices/{id}/receive", "/api/v1/notices/{noticeA}/receive", Empty,
                                                                  ["403"   , "403"   , "403"   , "ok"    , "ok"    , "403"   , "401"   , "404"]),
    ("POST", "/api/v1/notices/{id}/answer", "/api/v1/notices/{noticeA}/answer", Json(r#"{"text":"matrix"}"#),
                                                                  ["403"   , "403"   , "403"   , "ok"    , "ok"    , "403"   , "401"   , "404"]),
    ("GET", "/api/v1/extensions", "/api/v1/extensions?pending=true", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("POST", "/api/v1/extensions", "/api/v1/extensions", Json(r#"{"item_id":{itemA},"period":"2024-08","new_due":"2024-09-10","reason":"matrix"}"#),
                                                                  ["403"   , "403"   , "403"   , "422"   , "422"   , "403"   , "401"   , "404"]),
    // The office decided this request on the page row above: a second decision conflicts.
    ("POST", "/api/v1/extensions/{id}/decision", "/api/v1/extensions/{extA}/decision", Json(r#"{"approve":false,"comment":"matrix"}"#),
                                                                  ["409"   , "409"   , "403"   , "403"   , "403"   , "403"   , "401"   , "403"]),
    ("POST", "/api/v1/inbox/{id}/read", "/api/v1/inbox/{msgA}/read", Empty,
                                                                  ["404"   , "404"   , "404"   , "ok"    , "404"   , "404"   , "401"   , "404"]),
    // --- the API description (behind the login) ---
    ("GET", "/api/docs", "/api/docs", Empty,                       ["see"   , "see"   , "see"   , "see"   , "see"   , "see"   , "401"   , "see"]),
    ("GET", "/api/docs/", "/api/docs/", Empty,                     ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("GET", "/api/docs/{*rest}", "/api/docs/index.css", Empty,     ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    ("GET", "/api/docs/openapi.json", "/api/docs/openapi.json", Empty,
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "401"   , "ok"]),
    // 结转 adds the 2025 plan: late, so that the rows above meet the demo's one plan.
    ("POST", "/carry", "/carry", Form("plan={plan}"),             ["see"   , "see"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"]),
    // --- last: the rows that end the session ---
    ("POST", "/login", "/login", Form("username=nobody&password=wrong-password-1"),
                                                                  ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"]),
    ("POST", "/api/v1/logout", "/api/v1/logout", Json("{}"),      ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"]),
    ("POST", "/logout", "/logout", Form(""),                      ["login" , "login" , "login" , "login" , "login" , "login" , "login" , "login"]),
];

/// The routes the router answers: (method, path) from its `Debug` form. axum prints each
/// route's id with its method router (`get: Route` / `post: None` …) and the path of each
/// id; a router printed differently (an axum upgrade) fails loudly here rather than giving
/// an empty list.
pub fn router_routes(app: duban_app::App) -> BTreeSet<(String, String)> {
    let dbg = format!("{:?}", duban_web::router(app));
    let main = dbg
        .split("fallback_router:")
        .next()
        .expect("router debug output");
    let (routes, node) = main
        .split_once("node: Node")
        .expect("axum's Router Debug names its node");
    let mut paths = BTreeMap::new();
    for chunk in node.split("RouteId(").skip(1) {
        let (id, rest) = chunk.split_once(')').expect("RouteId(n)");
        let path = rest.split('"').nth(1).expect("a quoted path");
        paths.insert(id.to_string(), path.to_string());
    }
    let mut out = BTreeSet::new();
    for chunk in routes.split("RouteId(").skip(1) {
        let (id, rest) = chunk.split_once(')').expect("RouteId(n)");
        let path = paths.get(id).expect("every route id has a path").clone();
        if rest.contains("MethodRouter {") {
            for m in ["get", "post", "put", "delete", "patch"] {
                let key = format!(" {m}: ");
                let set = rest
                    .split_once(&key)
                    .is_some_and(|(_, after)| !after.starts_with("None"));
                if set {
                    out.insert((m.to_uppercase(), path.clone()));
                }
            }
        } else {
            out.insert(("ANY".into(), path));
        }
    }
    assert!(out.len() > 20, "too few routes parsed: {out:?}\n{dbg}");
    out
}

#[tokio::test]
async fn every_route_has_a_row() {
    let t = spawn().await;
    let routes = router_routes(t.app.clone());
    let table = registers::rows();
    let rows: BTreeSet<(String, String)> = table
        .iter()
        .map(|r| (r.0.to_string(), r.1.to_string()))
        .collect();
    assert_eq!(rows.len(), table.len(), "a route has two rows");
    let missing: Vec<_> = routes.difference(&rows).collect();
    let stale: Vec<_> = rows.difference(&routes).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "authorization matrix out of date:\n  routes without a row: {missing:?}\n  rows without a route: {stale:?}"
    );
    // Every operation of the API description is a route of the router.
    let (_, doc) = t.get(&t.login("admin").await, "/api/openapi.json").await;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            let key = (method.to_uppercase(), path.clone());
            assert!(routes.contains(&key), "documented but not routed: {key:?}");
        }
    }
}

fn outcome(r: &reqwest::Response) -> String {
    let s = r.status();
    if s.is_success() {
        return "ok".into();
    }
    if s.is_redirection() {
        let loc = r
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .unwrap_or("");
        return if loc.starts_with("/login") {
            "login".into()
        } else {
            "see".into()
        };
    }
    s.as_u16().to_string()
}

fn no_redirect_client() -> Client {
    let mut h = reqwest::header::HeaderMap::new();
    h.insert(
        "sec-fetch-site",
        reqwest::header::HeaderValue::from_static("same-origin"),
    );
    Client::builder()
        .cookie_store(true)
        .default_headers(h)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Runs every row as one role against a fresh demo; the outcomes in table order, each
/// marked when the request changed data without an audit record.
async fn run_role(user: Option<&'static str>) -> Vec<String> {
    let t = spawn().await;
    let ids = fixture(&t).await;
    let mut contents = Contents::open(&t).await;
    let c = no_redirect_client();
    if let Some(u) = user {
        let r = c
            .post(format!("{}/api/v1/login", t.url))
            .json(&json!({ "username": u, "password": demo::DEMO_PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "login {u}");
    }
    let mut out = Vec::new();
    for (method, _, path, body, _) in registers::rows() {
        let url = format!("{}{}", t.url, fill(path, &ids));
        let mut req = c.request(method.parse().unwrap(), url);
        req = match body {
            Empty => req,
            Json(j) => req
                .header("content-type", "application/json")
                .body(fill(j, &ids)),
            Form(f) => req
                .header("content-type", "application/x-www-form-urlencoded")
                .body(fill(f, &ids)),
            Multipart(f) => {
                let (ct, b) = multipart(&fill(f, &ids));
                req.header("content-type", ct).body(b)
            }
        };
        let r = req.send().await.unwrap();
        let mut got = outcome(&r);
        drop(r.bytes().await);
        let changed = contents.unaudited_changes().await;
        if !changed.is_empty() {
            got.push_str(&format!(" (changed {changed:?} with no audit record)"));
        }
        out.push(got);
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_meets_the_expected_outcome_on_every_route() {
    let mut tasks = Vec::new();
    for (_, user) in ROLES {
        tasks.push(tokio::spawn(run_role(user)));
    }
    let mut actual = Vec::new();
    for t in tasks {
        actual.push(t.await.unwrap());
    }
    let mut diffs = Vec::new();
    let mut printed = String::new();
    for (i, (method, route, path, _, expected)) in registers::rows().into_iter().enumerate() {
        let got: Vec<&str> = actual.iter().map(|a| a[i].as_str()).collect();
        for (col, (role, _)) in ROLES.iter().enumerate() {
            if expected[col] != got[col] {
                diffs.push(format!(
                    "{method:6} {path:60} {role:7} expected {:6} got {}",
                    expected[col], got[col]
                ));
            }
        }
        printed.push_str(&format!(
            "    {method} {route} → [{}]\n",
            got.iter()
                .map(|g| format!("{g:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if std::env::var_os("DUBAN_MATRIX_PRINT").is_some() {
        eprintln!("actual outcomes:\n{printed}");
    }
    assert!(
        diffs.is_empty(),
        "authorization matrix: {} mismatches (route, role):\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}
