//! Bound targets are not in a unit's 本期待报 list (their progress comes from a register),
//! and a refused reply leaves no letter file behind.

use crate::office::multipart;
use crate::spawn;
use duban_app::core::{Period, Role};
use duban_app::{Actor, admin, progress, registers};
use reqwest::StatusCode;
use serde_json::json;
use std::collections::HashSet;

async fn due_ids(t: &crate::TestApp, plan: i64) -> HashSet<i64> {
    let mut ids = HashSet::new();
    for u in admin::units(&t.app).await.unwrap() {
        let a = Actor {
            user_id: None,
            username: "t".into(),
            display_name: "t".into(),
            role: Role::Reporter,
            unit_id: Some(u.id),
            unit_name: Some(u.name.clone()),
        };
        let period = Period {
            year: 2024,
            month: 6,
        };
        for d in progress::due(&t.app, &a, plan, period).await.unwrap() {
            if d.lead {
                ids.insert(d.item.id);
            }
        }
    }
    ids
}

#[tokio::test]
async fn bound_targets_are_not_due_from_any_unit() {
    let t = spawn().await;
    let plan = duban_app::items::plan_by_name(&t.app, "山城区", 2024)
        .await
        .unwrap()
        .id;
    let bound = registers::bindings::list(&t.app, &duban_app::Actor::cli(), plan)
        .await
        .unwrap();
    assert!(!bound.is_empty());
    let due = due_ids(&t, plan).await;
    assert!(!due.is_empty());
    for b in &bound {
        assert!(!due.contains(&b.item_id), "bound item {} is due", b.item_id);
    }
    // Unbound, the target is due again from its lead unit.
    registers::bindings::unbind(&t.app, &Actor::cli(), bound[0].item_id)
        .await
        .unwrap();
    assert!(due_ids(&t, plan).await.contains(&bound[0].item_id));
}

#[tokio::test]
async fn a_refused_reply_leaves_no_letter_file() {
    let t = spawn().await;
    let u = crate::units(&t).await;
    let office = t.login("duchashi").await;
    let (s, p) = t
        .post(
            &office,
            "/api/v1/registers/proposals?government=%E5%B1%B1%E5%9F%8E%E5%8C%BA&year=2024",
            json!({"source": "cppcc", "number": "Z-9", "title": "关于文旅融合的提案",
                   "proposers": ["王五"], "lead_unit_id": u["区发改委"],
                   "assigned_at": t.app.today().to_string()}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{p}");
    let path = format!(
        "{}/api/v1/registers/proposals/{}/reply",
        t.url, p["proposal"]["id"]
    );
    let dir = t.app.data_dir.join("attachments");
    let files = || -> Vec<String> {
        std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.starts_with("proposal-") || n.starts_with(".proposal-"))
                    .collect()
            })
            .unwrap_or_default()
    };
    let before = files();
    let (ct, body) = multipart(
        &[("category", "A")],
        Some(("file", "复函.pdf", b"%PDF-1.4 x")),
    );
    for who in ["gxj_tb", "guest"] {
        let r = t
            .login(who)
            .await
            .post(&path)
            .header("content-type", &ct)
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{who}: {}", r.status());
        assert_eq!(files(), before, "{who}'s refused reply wrote a file");
    }
    let r = t
        .login("fgw_tb")
        .await
        .post(&path)
        .header("content-type", &ct)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let after = files();
    assert_eq!(after.len(), before.len() + 1, "{after:?}");
    assert!(after.iter().all(|n| !n.ends_with(".part")), "{after:?}");
}
