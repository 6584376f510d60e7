use crate::api::item_of;
use crate::{client, spawn};
use reqwest::StatusCode;

#[tokio::test]
async fn login_page_and_redirects() {
    let t = spawn().await;
    let c = client();
    // Not logged in: pages redirect to the login page, keeping a relative `next`.
    let r = c
        .get(format!("{}/items?unit=1", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.url().path(), "/login");
    assert_eq!(r.url().query(), Some("next=/items%3Funit%3D1"));
    let body = r.text().await.unwrap();
    assert!(
        body.contains("登录") && body.contains("name=\"next\" value=\"/items?unit=1\""),
        "{body}"
    );
    // Wrong password: the form again with the message.
    let r = c
        .post(format!("{}/login", t.url))
        .form(&[
            ("username", "duchashi"),
            ("password", "nope-nope"),
            ("next", ""),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("用户名或密码错误"));
    // An absolute `next` is ignored.
    let r = c
        .post(format!("{}/login", t.url))
        .form(&[
            ("username", "duchashi"),
            ("password", "duban-demo"),
            ("next", "//evil.example/x"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.url().host_str(), Some("127.0.0.1"));
    assert_eq!(r.url().path(), "/");
    let body = r.text().await.unwrap();
    assert!(body.contains("督查室 王科长"), "{body}");
}

#[tokio::test]
async fn unit_user_gets_404_page_for_other_units_item() {
    let t = spawn().await;
    let foreign = item_of(&t, "区发改委", "区人社局").await;
    let rsj = t.login("rsj_tb").await;
    let (s, body) = t.page(&rsj, &format!("/items/{foreign}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(body.contains("页面不存在"), "{body}");
    let office = t.login("duchashi").await;
    let (s, body) = t.page(&office, &format!("/items/{foreign}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("<mark"), "the source sentence is highlighted");
}

#[tokio::test]
async fn item_list_filters_by_unit() {
    let t = spawn().await;
    let units = crate::units(&t).await;
    let office = t.login("duchashi").await;
    let (s, all) = t.page(&office, "/items").await;
    assert_eq!(s, StatusCode::OK);
    assert!(all.contains("区人社局") && all.contains("区发改委"));
    let (s, only) = t
        .page(&office, &format!("/items?unit={}", units["区人社局"]))
        .await;
    assert_eq!(s, StatusCode::OK);
    let rows = only.matches("<td>区人社局</td>").count();
    assert!(rows > 0);
    assert_eq!(only.matches("<td>区发改委</td>").count(), 0);
    // A unit user's list holds only items its unit takes part in.
    let rsj = t.login("rsj_tb").await;
    let (_, mine) = t.page(&rsj, "/items").await;
    assert_eq!(
        mine.matches("<td>区工信局</td>").count(),
        0,
        "工信局-led items without 人社局 are hidden"
    );
}

#[tokio::test]
async fn pages_render_for_every_role() {
    let t = spawn().await;
    for (user, pages) in [
        (
            "duchashi",
            &[
                "/",
                "/items",
                "/dashboard",
                "/review",
                "/decompose",
                "/admin",
                "/password",
            ][..],
        ),
        ("admin", &["/admin", "/dashboard"][..]),
        ("fgw_tb", &["/", "/report", "/items", "/dashboard"][..]),
        ("fgw_sh", &["/", "/review"][..]),
        ("quzhang", &["/", "/items?mine=1", "/dashboard?mine=1"][..]),
        ("guest", &["/", "/dashboard?period=2024-03"][..]),
    ] {
        let c = t.login(user).await;
        for p in pages {
            let (s, body) = t.page(&c, p).await;
            assert_eq!(s, StatusCode::OK, "{user} {p}: {body}");
            assert!(body.contains("督办"), "{user} {p}");
        }
    }
    // Office pages are forbidden to unit users.
    let c = t.login("fgw_tb").await;
    for p in ["/decompose", "/admin"] {
        let (s, body) = t.page(&c, p).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{p}");
        assert!(body.contains("无权访问"));
    }
    let (s, _) = t.page(&c, "/static/vendor/echarts.min.js").await;
    assert_eq!(s, StatusCode::OK);
    let (s, body) = t.page(&c, "/no/such/page").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(body.contains("页面不存在"));
}
