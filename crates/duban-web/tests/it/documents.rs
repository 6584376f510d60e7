//! Office documents over HTTP: the downloads per role and what they hold, the 分解表 import
//! with its preview and confirmation, and bad uploads refused with nothing changed.

use crate::office::multipart;
use crate::{TestApp, spawn};
use duban_app::office::check::ole_stub;
use duban_app::office::official::inspect::inspect;
use reqwest::{Client, StatusCode};

async fn get(t: &TestApp, c: &Client, path: &str) -> (StatusCode, String, Vec<u8>) {
    let r = c.get(format!("{}{path}", t.url)).send().await.unwrap();
    let s = r.status();
    let ct = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (s, ct, r.bytes().await.unwrap().to_vec())
}

async fn upload(
    t: &TestApp,
    c: &Client,
    path: &str,
    name: &str,
    bytes: &[u8],
) -> (StatusCode, String) {
    let (ct, body) = multipart(&[("government", "山城区")], Some(("file", name, bytes)));
    let r = c
        .post(format!("{}{path}", t.url))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap())
}

/// What an import could change: plans, items with their lead units, units.
async fn state(t: &TestApp) -> (usize, Vec<(i64, Option<i64>, String)>, usize) {
    let mut tx = t.app.db.read().await.unwrap();
    let plans = duban_app::db::plans::list(&mut tx).await.unwrap();
    let items = duban_app::db::items::list(
        &mut tx,
        &duban_app::db::items::ItemFilter {
            plan_id: t.plan_id,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    drop(tx);
    let units = duban_app::admin::units(&t.app).await.unwrap().len();
    (
        plans.len(),
        items
            .into_iter()
            .map(|i| (i.id, i.lead_unit_id, i.title))
            .collect(),
        units,
    )
}

/// The hidden field `name`'s value in a page.
fn hidden(page: &str, name: &str) -> Option<String> {
    let at = page.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &page[at + name.len() + 15..];
    Some(
        rest[..rest.find('"')?]
            .replace("&#x2F;", "/")
            .replace("&#43;", "+")
            .replace("&#x3D;", "="),
    )
}

#[tokio::test]
async fn downloads_per_role_and_their_contents() {
    let t = spawn().await;
    let office = t.login("duchashi").await;
    let (s, ct, brief) = get(&t, &office, "/documents/brief.docx?period=2024-06&number=5").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ct.contains("wordprocessingml"), "{ct}");
    let l = inspect(&brief).unwrap();
    let title = l.paragraph("关于2024年政府工作报告重点任务").unwrap();
    assert_eq!(title.font.as_deref(), Some("方正小标宋简体"));
    assert!(l.paragraphs.iter().any(|p| p.text == "第5期"));
    assert!(l.footers.iter().filter(|f| f.page_field).count() == 2);
    let (s, _, md) = get(&t, &office, "/documents/review.md?year=2023").await;
    assert_eq!(s, StatusCode::OK);
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("新签约项目42个、总投资261.2亿元"), "{md}");
    assert!(
        md.contains("/api/v1/registers/projects?"),
        "the preview links the record"
    );
    let (s, _, docx) = get(&t, &office, "/documents/review.docx").await;
    assert_eq!(
        s,
        StatusCode::OK,
        "year defaults to the one the plan's report reviews"
    );
    assert!(
        inspect(&docx)
            .unwrap()
            .paragraph("山城区2023年工作回顾")
            .is_some()
    );

    // A unit sees its own items in the tables and gets no drafts.
    let (_, _, all) = get(&t, &office, "/documents/decomposition.xlsx").await;
    let unit = t.login("fgw_tb").await;
    let (s, ct, own) = get(&t, &unit, "/documents/decomposition.xlsx").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ct.contains("spreadsheetml"));
    let rows = |b: &[u8]| {
        duban_app::office::decomposition::read_decomposition(
            "t.xlsx",
            b,
            &duban_app::office::decomposition::Limits::default(),
        )
        .unwrap()
        .rows
        .len()
    };
    assert!(
        rows(&own) > 0 && rows(&own) < rows(&all),
        "{} {}",
        rows(&own),
        rows(&all)
    );
    for path in [
        "/documents/brief.docx?period=2024-06",
        "/documents/review.docx?year=2023",
        "/documents/review.md",
    ] {
        assert_eq!(
            get(&t, &unit, path).await.0,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let leader = t.login("quzhang").await;
    assert_eq!(
        get(&t, &leader, "/documents/brief.docx").await.0,
        StatusCode::OK
    );
    // Pages offer what the role may take.
    let (_, page) = t.page(&office, "/dashboard").await;
    assert!(
        page.contains("/documents/brief.docx?period="),
        "dashboard links"
    );
    let (_, page) = t.page(&unit, "/items").await;
    assert!(page.contains("/documents/progress.xlsx") && !page.contains("/documents/brief.docx"));
    let anon = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (s, _, _) = get(&t, &anon, "/documents/progress.xlsx").await;
    assert!(s.is_redirection(), "{s}");
    // A bad 期号 is the app's BadInput, as on every page.
    let (s, _, _) = get(&t, &office, "/documents/brief.docx?number=abc").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn decomposition_import_previews_then_applies_on_confirmation() {
    let t = spawn().await;
    let office = t.login("duchashi").await;
    let before = state(&t).await;
    // A table naming an item by text, with a unit that does not exist yet.
    let item = &before
        .1
        .iter()
        .find(|(_, lead, _)| lead.is_some())
        .unwrap()
        .2;
    let csv = format!(
        "序号,任务内容,牵头单位,配合单位,季度/月度节点\n99,{item},区大数据中心,区发改委,3月底前完成招标；9月主体完工\n"
    );
    let (s, page) = upload(
        &t,
        &office,
        "/import/decomposition",
        "fj.csv",
        csv.as_bytes(),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{page}");
    assert!(
        page.contains("预览（尚未导入）") && page.contains("按内容对应事项"),
        "{page}"
    );
    assert!(page.contains("id=\"unknown-units\"") && page.contains("区大数据中心"));
    assert_eq!(state(&t).await, before, "a preview changes nothing");
    let content = hidden(&page, "content").expect("confirm form");
    let file_name = hidden(&page, "file_name").unwrap();
    // Only the office confirms.
    let unit = t.login("fgw_tb").await;
    let form = [
        ("file_name", file_name.as_str()),
        ("content", content.as_str()),
    ];
    let r = unit
        .post(format!("{}/import/decomposition/confirm", t.url))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = office
        .post(format!("{}/import/decomposition/confirm", t.url))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(page.contains("已导入分解表：1 行"), "{page}");
    let after = state(&t).await;
    assert_eq!(after.2, before.2 + 1, "the listed unit was created");
    assert_ne!(after.1, before.1, "the item was reassigned");
    // The node column became the item's milestones.
    let id = after.1.iter().find(|(_, _, t)| t == item).unwrap().0;
    let mut tx = t.app.db.read().await.unwrap();
    let ms = duban_app::db::items::milestones(&mut tx, id).await.unwrap();
    drop(tx);
    let ms: Vec<(String, String)> = ms
        .into_iter()
        .map(|m| (m.period, m.description.unwrap_or_default()))
        .collect();
    assert_eq!(
        ms,
        vec![
            ("2024-03".to_string(), "3月底前完成招标".to_string()),
            ("2024-09".to_string(), "9月主体完工".to_string())
        ]
    );

    // Export → preview of the office's own table matches every row by number.
    let (_, _, xlsx) = get(&t, &office, "/documents/decomposition.xlsx").await;
    let (s, page) = upload(&t, &office, "/import/decomposition", "fj.xlsx", &xlsx).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains("按序号对应事项") && !page.contains("新建事项"),
        "{page}"
    );
    // A row without its lead unit: the row error, no confirm form.
    let bad = "序号,任务内容,牵头单位\n1,某项任务,\n";
    let (s, page) = upload(
        &t,
        &office,
        "/import/decomposition",
        "bad.csv",
        bad.as_bytes(),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(
        page.contains("牵头单位") && !page.contains("确认导入</button>"),
        "{page}"
    );
}

#[tokio::test]
async fn broken_empty_encrypted_and_wrong_type_uploads_change_nothing() {
    let t = spawn().await;
    let office = t.login("duchashi").await;
    let before = state(&t).await;
    let xlsx = duban_app::office::decomposition::write_decomposition("表", &[]).unwrap();
    let docx = duban_app::office::official::to_docx(&duban_app::office::samples::brief()).unwrap();
    let encrypted = ole_stub(&["EncryptionInfo", "EncryptedPackage"]);
    let cases: [(&str, &str, &[u8], &str); 10] = [
        ("/import", "empty.docx", b"", "文件为空"),
        ("/import", "broken.docx", b"PK\x03\x04garbage", "损坏"),
        ("/import", "locked.docx", &encrypted, "已加密"),
        ("/import", "table.xlsx", &xlsx, "Excel"),
        ("/import", "r.pdf", b"%PDF-1.4\n1 0 obj\n", "PDF"),
        ("/import/decomposition", "empty.xlsx", b"", "文件为空"),
        (
            "/import/decomposition",
            "broken.xlsx",
            b"PK\x03\x04garbage",
            "损坏",
        ),
        ("/import/decomposition", "locked.xlsx", &encrypted, "已加密"),
        ("/import/decomposition", "report.docx", &docx, "Word"),
        (
            "/import/decomposition",
            "old.doc",
            &ole_stub(&["WordDocument"]),
            "Word",
        ),
    ];
    for (path, name, bytes, want) in cases {
        let (s, page) = upload(&t, &office, path, name, bytes).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{path} {name}");
        assert!(page.contains(want), "{path} {name}: {want} not in the page");
        assert!(page.contains("未做任何更改"), "{path} {name}");
    }
    // A broken confirmation is refused too.
    let r = office
        .post(format!("{}/import/decomposition/confirm", t.url))
        .form(&[("file_name", "x.xlsx"), ("content", "%%%")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(state(&t).await, before);
}
