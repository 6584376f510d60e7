//! Accounts in storage: sessions that expire and are deleted, login counters, settings and
//! anonymised users.

use duban_core::Role;
use duban_db::testing::{at, fresh};
use duban_db::{org, sessions};

#[tokio::test]
async fn sessions_expire_and_are_deleted() {
    let t = fresh().await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let u = org::insert_user(
        &mut tx,
        &org::NewUser {
            username: "a",
            display_name: "甲",
            password_hash: "h",
            role: Role::Supervisor,
            unit_id: None,
        },
    )
    .await
    .unwrap();
    let later = at() + time::Duration::hours(1);
    let past = at() - time::Duration::hours(1);
    sessions::create(&mut tx, "live", u.id, later, Some("ua"), None)
        .await
        .unwrap();
    sessions::create(&mut tx, "old", u.id, past, None, None)
        .await
        .unwrap();
    assert_eq!(sessions::purge_expired(&mut tx).await.unwrap(), 1);
    assert_eq!(
        sessions::get(&mut tx, "live")
            .await
            .unwrap()
            .unwrap()
            .user_id,
        u.id
    );
    sessions::delete_for_user(&mut tx, u.id).await.unwrap();
    assert!(sessions::get(&mut tx, "live").await.unwrap().is_none());
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn login_counters_settings_and_anonymised_users_round_trip() {
    use duban_db::{logins, settings};
    let t = fresh().await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let now = at();
    let mut f = logins::LoginFailure {
        username: "wang".into(),
        client: "10.0.0.1".into(),
        failures: 1,
        locks: 0,
        last_failed_at: now,
        locked_until: None,
    };
    logins::put(&mut tx, &f).await.unwrap();
    f.failures = 5;
    f.locks = 1;
    f.locked_until = Some(now + time::Duration::minutes(15));
    logins::put(&mut tx, &f).await.unwrap();
    let other = logins::LoginFailure {
        client: "10.0.0.2".into(),
        ..f.clone()
    };
    logins::put(&mut tx, &other).await.unwrap();
    let got = logins::get(&mut tx, "wang", "10.0.0.1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((got.failures, got.locks), (5, 1));
    assert!(got.locked_until.is_some());
    logins::clear(&mut tx, "wang", "10.0.0.1").await.unwrap();
    assert!(
        logins::get(&mut tx, "wang", "10.0.0.1")
            .await
            .unwrap()
            .is_none()
    );
    let stale = logins::LoginFailure {
        username: "ghost".into(),
        last_failed_at: now - time::Duration::days(2),
        locked_until: None,
        ..other.clone()
    };
    logins::put(&mut tx, &stale).await.unwrap();
    assert_eq!(
        logins::purge_stale(&mut tx, now - time::Duration::days(1))
            .await
            .unwrap(),
        1
    );
    assert_eq!(logins::clear_all(&mut tx, "wang").await.unwrap(), 1);
    assert_eq!(settings::get(&mut tx, "k").await.unwrap(), None);
    settings::set(&mut tx, "k", "true", None).await.unwrap();
    settings::set(&mut tx, "k", "false", None).await.unwrap();
    assert_eq!(
        settings::get(&mut tx, "k").await.unwrap().as_deref(),
        Some("false")
    );
    let u = org::insert_user(
        &mut tx,
        &org::NewUser {
            username: "li",
            display_name: "李四",
            password_hash: "$argon2id$x",
            role: Role::Viewer,
            unit_id: None,
        },
    )
    .await
    .unwrap();
    assert!(org::set_active(&mut tx, u.id, false).await.unwrap());
    org::anonymise(&mut tx, u.id).await.unwrap();
    assert!(org::is_deleted(&mut tx, u.id).await.unwrap());
    assert!(!org::set_active(&mut tx, u.id, true).await.unwrap());
    let row = org::user(&mut tx, u.id).await.unwrap().unwrap();
    assert_eq!(row.username, format!("deleted-{}", u.id));
    assert!(!row.active && row.password_hash == "!");
    assert!(
        org::user_by_username(&mut tx, "li")
            .await
            .unwrap()
            .is_none()
    );
    assert!(org::users(&mut tx).await.unwrap().is_empty());
    tx.commit().await.unwrap();
}
