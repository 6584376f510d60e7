//! The authorization matrix's rows for the register pages (台账) and the item page's
//! binding forms; columns as in the main table. [`REGISTER_PAGES`] run before the API
//! rows and change nothing they rely on; [`REGISTER_PAGES_LATE`] run after them.

use super::Body::*;
use super::Row;

#[rustfmt::skip]
pub const REGISTER_PAGES: &[Row] = &[
    // method, route, request path, body,                         admin    super    leader   repA     aprA     viewer   anon     repB
    ("GET", "/registers", "/registers", Empty,                     ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"   ]),
    ("GET", "/registers/projects", "/registers/projects?year=2024", Empty, ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"   ]),
    ("POST", "/registers/projects", "/registers/projects?year=2024", Form("name=矩阵项目&total_investment=2&lead_unit_id={unitA}"), ["see"   , "see"   , "403"   , "see"   , "see"   , "403"   , "login" , "403"  ]),
    ("GET", "/registers/projects/new", "/registers/projects/new", Empty, ["ok"    , "ok"    , "403"   , "ok"    , "ok"    , "403"   , "login" , "ok"   ]),
    ("GET", "/registers/projects/{id}", "/registers/projects/{projA}", Empty, ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "404"  ]),
    ("POST", "/registers/projects/{id}", "/registers/projects/{projA}", Form("name=矩阵项目改&total_investment=2"), ["see"   , "see"   , "403"   , "see"   , "see"   , "403"   , "login" , "404"  ]),
    ("GET", "/registers/projects/{id}/edit", "/registers/projects/{projA}/edit", Empty, ["ok"    , "ok"    , "403"   , "ok"    , "ok"    , "403"   , "login" , "404"  ]),
    ("POST", "/registers/projects/{id}/report", "/registers/projects/{projA}/report", Form("period=2024-08&completed=1&progress=matrix"), ["403"   , "403"   , "403"   , "see"   , "see"   , "403"   , "login" , "404"  ]),
    ("GET", "/registers/proposals", "/registers/proposals?year=2024", Empty, ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"   ]),
    ("POST", "/registers/proposals", "/registers/proposals?year=2024", Form("source=npc&at_session=1&number=M-2&title=矩阵建议&proposers=甲&lead_unit_id={unitA}&assigned_at=2024-07-01"), ["see"   , "see"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"  ]),
    ("GET", "/registers/proposals/new", "/registers/proposals/new", Empty, ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "login" , "403"  ]),
    ("GET", "/registers/proposals/{id}", "/registers/proposals/{propA}", Empty, ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "404"  ]),
    ("POST", "/registers/proposals/{id}", "/registers/proposals/{propA}", Form("source=npc&number=M-3&title=矩阵建议改&proposers=甲&lead_unit_id={unitA}"), ["422"   , "422"   , "403"   , "403"   , "403"   , "403"   , "login" , "404"  ]),
    ("GET", "/registers/proposals/{id}/edit", "/registers/proposals/{propA}/edit", Empty, ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "login" , "403"  ]),
    ("POST", "/registers/proposals/{id}/handle", "/registers/proposals/{propA}/handle", Form("action=opinion&text=matrix"), ["403"   , "403"   , "403"   , "403"   , "403"   , "403"   , "login" , "404"  ]),
    ("POST", "/registers/proposals/{id}/reply", "/registers/proposals/{propA}/reply", Multipart("category=A&text=matrix"), ["422"   , "422"   , "422"   , "422"   , "422"   , "422"   , "login" , "422"  ]),
    ("GET", "/registers/proposals/{id}/letter", "/registers/proposals/{propA}/letter", Empty, ["404"   , "404"   , "404"   , "404"   , "404"   , "404"   , "login" , "404"  ]),
    ("GET", "/registers/services", "/registers/services", Empty,   ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"   ]),
    ("POST", "/registers/services", "/registers/services", Form("name=矩阵事项&unit_id={unitA}"), ["see"   , "see"   , "403"   , "see"   , "see"   , "403"   , "login" , "403"  ]),
    ("GET", "/registers/services/new", "/registers/services/new", Empty, ["ok"    , "ok"    , "403"   , "ok"    , "ok"    , "403"   , "login" , "ok"   ]),
    ("POST", "/registers/services/{id}", "/registers/services/{svcA}", Form("name=矩阵事项改"), ["see"   , "see"   , "403"   , "see"   , "see"   , "403"   , "login" , "404"  ]),
    ("GET", "/registers/services/{id}/edit", "/registers/services/{svcA}/edit", Empty, ["ok"    , "ok"    , "403"   , "ok"    , "ok"    , "403"   , "login" , "404"  ]),
    ("GET", "/registers/indicators", "/registers/indicators?year=2024", Empty, ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"   ]),
    ("POST", "/registers/indicators", "/registers/indicators", Form("name=矩阵指标&unit=人&measure=level&frequency=monthly"), ["see"   , "see"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"  ]),
    ("GET", "/registers/indicators/new", "/registers/indicators/new", Empty, ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "login" , "403"  ]),
    ("POST", "/registers/indicators/{id}/values", "/registers/indicators/{indA}/values", Form("period=2024-08&value=1"), ["422"   , "422"   , "403"   , "404"   , "404"   , "403"   , "login" , "404"  ]),
    ("GET", "/registers/import", "/registers/import", Empty,       ["ok"    , "ok"    , "403"   , "403"   , "403"   , "403"   , "login" , "403"  ]),
    ("POST", "/registers/import", "/registers/import", Multipart("kind=projects&year=2024"), ["400"   , "400"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"  ]),
    ("GET", "/registers/template", "/registers/template?kind=services", Empty, ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"   ]),
    ("GET", "/registers/export", "/registers/export?kind=projects&year=2024", Empty, ["ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "ok"    , "login" , "ok"   ]),
];

/// Rows that change what the API rows meet (a report's state, a deleted item, a binding).
#[rustfmt::skip]
pub const REGISTER_PAGES_LATE: &[Row] = &[
    ("POST", "/registers/project-reports/{id}/review", "/registers/project-reports/{projReportA}/review", Form("decision=return&comment=matrix"), ["409"   , "409"   , "403"   , "403"   , "409"   , "403"   , "login" , "404"  ]),
    ("POST", "/registers/services/{id}/delete", "/registers/services/{svcA}/delete", Empty, ["404"   , "404"   , "403"   , "404"   , "404"   , "403"   , "login" , "404"  ]),
    ("POST", "/items/{id}/binding", "/items/{itemA}/binding", Form("kind=service_count"), ["422"   , "422"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"  ]),
    ("POST", "/items/{id}/binding/delete", "/items/{itemA}/binding/delete", Empty, ["404"   , "404"   , "403"   , "403"   , "403"   , "403"   , "login" , "403"  ]),
];

/// Every row: [`super::TABLE`] with the register pages' rows — those that change nothing the API
/// rows rely on before the API section, the rest before the rows that end the session
/// (which stay last).
pub fn rows() -> Vec<&'static Row> {
    let at = |f: &dyn Fn(&Row) -> bool| {
        super::TABLE
            .iter()
            .position(f)
            .unwrap_or(super::TABLE.len())
    };
    let api = at(&|r| r.1.starts_with("/api/"));
    let end = at(&|r| r.0 == "POST" && r.1 == "/login");
    super::TABLE[..api]
        .iter()
        .chain(REGISTER_PAGES)
        .chain(&super::TABLE[api..end])
        .chain(REGISTER_PAGES_LATE)
        .chain(&super::TABLE[end..])
        .collect()
}
