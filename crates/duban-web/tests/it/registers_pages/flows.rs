//! The register pages' flows end to end: binding on the item page, the dashboard section,
//! the import page, and a project report from the reporter to the office's acceptance.

use super::{fixture, post_form, who};
use crate::TestApp;
use reqwest::{Client, StatusCode};
use serde_json::Value;

#[tokio::test]
async fn the_office_binds_a_target_on_its_page_and_the_page_shows_the_source() {
    let t = crate::spawn().await;
    let bound: Vec<i64> =
        duban_app::registers::bindings::list(&t.app, &duban_app::Actor::cli(), t.plan_id)
            .await
            .unwrap()
            .iter()
            .map(|b| b.item_id)
            .collect();
    let item = duban_app::items::list(&t.app, &duban_app::Actor::cli(), t.plan_id, false)
        .await
        .unwrap()
        .into_iter()
        .find(|i| {
            i.kind == duban_app::core::ItemKind::Target
                && i.value.is_some()
                && !bound.contains(&i.id)
        })
        .expect("an unbound target");
    let path = format!("/items/{}/binding", item.id);
    let form = [("kind", "service_count")];
    // Only the office binds (and unbinds).
    for (role, expected) in [
        ("fgw_tb", 403),
        ("fgw_sh", 403),
        ("rsj_tb", 403),
        ("quzhang", 403),
        ("guest", 403),
        ("anon", 303),
    ] {
        let c = who(&t, role).await;
        assert_eq!(post_form(&t, &c, &path, &form).await, expected, "{role}");
        assert_eq!(
            post_form(&t, &c, &format!("{path}/delete"), &[]).await,
            expected,
            "{role} unbind"
        );
    }
    let office = who(&t, "duchashi").await;
    let (_, page) = t.page(&office, &format!("/items/{}", item.id)).await;
    assert!(page.contains("未绑定"), "{page:.300}");
    assert_eq!(
        post_form(&t, &office, &path, &[("kind", "nonsense")]).await,
        422
    );
    assert_eq!(post_form(&t, &office, &path, &form).await, 303);
    let (_, page) = t.page(&office, &format!("/items/{}", item.id)).await;
    assert!(page.contains("本目标已绑定"), "{page:.300}");
    // A leader sees where the figure comes from, without the form.
    let leader = who(&t, "quzhang").await;
    let (_, lp) = t.page(&leader, &format!("/items/{}", item.id)).await;
    assert!(
        lp.contains("本目标已绑定") && !lp.contains("action=\"/items/"),
        "{lp:.200}"
    );
    assert_eq!(
        post_form(&t, &office, &format!("{path}/delete"), &[]).await,
        303
    );
    let (_, page) = t.page(&office, &format!("/items/{}", item.id)).await;
    assert!(page.contains("未绑定"));
}

#[tokio::test]
async fn the_dashboard_has_the_register_section_page_and_json() {
    let t = crate::spawn().await;
    let office = who(&t, "duchashi").await;
    let (s, v) = t.get(&office, "/api/v1/dashboard").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let r = &v["registers"]["summary"];
    assert_eq!(r["year"], 2024);
    assert_eq!(r["funnel"]["stages"].as_array().unwrap().len(), 4);
    assert_eq!(r["services"]["total"], 1144);
    assert!(v["registers"]["indicator_lights"].is_array());
    // A unit's dashboard counts its own entries only.
    let unit = who(&t, "fgw_tb").await;
    let (_, u) = t.get(&unit, "/api/v1/dashboard").await;
    let n = u["registers"]["summary"]["services"]["total"]
        .as_i64()
        .unwrap();
    assert!(n > 0 && n < 1144, "{n}");
    let (s, page) = t.page(&office, "/dashboard").await;
    assert_eq!(s, StatusCode::OK);
    let sec = &page[page.find("id=\"registers\"").expect("register section")..];
    for w in [
        "重点项目",
        "签约",
        "办复率",
        "最多跑一次",
        "经济运行指标",
        "1144项",
    ] {
        assert!(sec.contains(w), "{w}");
    }
}

async fn upload(t: &TestApp, c: &Client, kind: &str, name: &str, bytes: Vec<u8>) -> (u16, String) {
    let (ct, body) = crate::office::multipart(
        &[("kind", kind), ("year", "2024")],
        Some(("file", name, &bytes)),
    );
    let r = c
        .post(format!("{}/registers/import", t.url))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    let s = r.status().as_u16();
    (s, r.text().await.unwrap())
}

#[tokio::test]
async fn the_import_page_names_bad_rows_and_writes_nothing() {
    let t = crate::spawn().await;
    let office = who(&t, "duchashi").await;
    let count = |v: &Value| v.as_array().unwrap().len();
    let (_, before) = t.get(&office, "/api/v1/registers/projects?year=2024").await;
    let csv =
        "项目名称,牵头单位,总投资\n好项目甲,区发改委,2\n,区发改委,3\n坏项目乙,区发改委,很多\n";
    let (s, page) = upload(&t, &office, "projects", "项目.csv", csv.as_bytes().to_vec()).await;
    assert_eq!(s, 400, "{page:.400}");
    assert!(page.contains("未导入任何数据"), "{page:.600}");
    assert!(
        page.contains("第3行") && page.contains("第4行"),
        "{page:.900}"
    );
    let (_, after) = t.get(&office, "/api/v1/registers/projects?year=2024").await;
    assert_eq!(count(&before), count(&after), "nothing written");
    // Empty and wrong-type files get a clear message too.
    let (s, page) = upload(&t, &office, "services", "空.xlsx", Vec::new()).await;
    assert_eq!(s, 400, "{page:.300}");
    let (s, _) = upload(&t, &office, "services", "a.pdf", b"%PDF-1.4".to_vec()).await;
    assert_eq!(s, 400);
    // A good file imports.
    let good = "项目名称,牵头单位,总投资\n页面导入项目,区发改委,2.5\n";
    let (s, page) = upload(
        &t,
        &office,
        "projects",
        "项目.csv",
        good.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(s, 200, "{page:.400}");
    assert!(page.contains("导入成功：新增 1 条"), "{page:.600}");
    // A unit user may not import.
    let unit = who(&t, "fgw_tb").await;
    let (s, _) = upload(&t, &unit, "projects", "项目.csv", good.as_bytes().to_vec()).await;
    assert_eq!(s, 403);
}

#[tokio::test]
async fn a_project_report_goes_through_the_flow_on_the_pages() {
    let t = crate::spawn().await;
    let f = fixture(&t).await;
    let path = format!("/registers/projects/{}", f.p_a);
    let (tb, sh, office) = (
        who(&t, "fgw_tb").await,
        who(&t, "fgw_sh").await,
        who(&t, "duchashi").await,
    );
    let report = [
        ("period", "2024-08"),
        ("completed", "1.25"),
        ("progress", "主体完工"),
        ("submit", "1"),
    ];
    // Unit B and the office do not report on unit A's project.
    assert_eq!(
        post_form(&t, &office, &format!("{path}/report"), &report).await,
        403
    );
    assert_eq!(
        post_form(&t, &tb, &format!("{path}/report"), &report).await,
        303
    );
    let (_, detail) = t
        .get(&office, &format!("/api/v1/registers/projects/{}", f.p_a))
        .await;
    let rid = detail["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["period"] == "2024-08")
        .unwrap()["id"]
        .clone();
    let review = format!("/registers/project-reports/{rid}/review");
    // The office cannot accept before the unit's approver passes it; the reporter never.
    assert_eq!(
        post_form(&t, &office, &review, &[("decision", "approve")]).await,
        409
    );
    assert_eq!(
        post_form(&t, &tb, &review, &[("decision", "approve")]).await,
        403
    );
    assert_eq!(
        post_form(&t, &sh, &review, &[("decision", "approve")]).await,
        303
    );
    assert_eq!(
        post_form(&t, &office, &review, &[("decision", "approve")]).await,
        303
    );
    let (_, page) = t.page(&office, &format!("{path}?period=2024-08")).await;
    assert!(
        page.contains("已验收") && page.contains("主体完工"),
        "{page:.600}"
    );
    assert!(page.contains("1.25亿元"), "{page:.600}");
}
