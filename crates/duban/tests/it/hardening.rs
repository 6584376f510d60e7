//! Issue 9 at the command line: user lifecycle, the self-review setting, import limits.

use super::{SEED, env, s};

#[tokio::test]
async fn users_are_disabled_enabled_unlocked_and_deleted() {
    let e = env().await;
    e.ok(&["unit", "add", "区人社局"], None);
    let pw = Some("a-long-password\n");
    e.ok(&["user", "add", "wang", "--role", "supervisor"], pw);
    // Viewers and leaders belong to no unit.
    let out = e.run(
        &[
            "user",
            "add",
            "kan",
            "--role",
            "viewer",
            "--unit",
            "区人社局",
        ],
        pw,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("不关联单位"));
    // Weak passwords are refused.
    let out = e.run(
        &["user", "add", "weak", "--role", "viewer"],
        Some("12345678\n"),
    );
    assert!(!out.status.success());
    e.ok(&["user", "disable", "wang"], None);
    assert!(e.ok(&["user", "list"], None).contains("停用"));
    e.ok(&["user", "enable", "wang"], None);
    assert!(e.ok(&["user", "unlock", "wang"], None).contains("wang"));
    e.ok(&["user", "delete", "wang"], None);
    assert!(!e.ok(&["user", "list"], None).contains("wang"));
    assert!(e.err(&["user", "disable", "nobody"]).contains("不存在"));
    // The two-person check can be relaxed by the administrator only, here the CLI.
    assert!(
        e.ok(&["setting", "self-review", "on"], None)
            .contains("允许")
    );
    assert!(
        e.ok(&["setting", "self-review", "off"], None)
            .contains("不允许")
    );
}

#[tokio::test]
async fn the_cli_import_has_the_upload_limit_and_an_item_limit() {
    let e = env().await;
    // A file over max_upload_mb (here 1 MB from the configuration file) is refused unread.
    std::fs::write(e.dir.path().join("duban.toml"), "max_upload_mb = 1\n").unwrap();
    let big = e.write(
        "big.txt",
        &SEED.repeat(1 + 1024 * 1024 / SEED.len()).into_bytes(),
    );
    let err = e.err(&[
        "import",
        s(&big),
        "--government",
        "山城区",
        "--year",
        "2024",
    ]);
    assert!(
        err.contains("1 MB") && err.contains("max_upload_mb"),
        "{err}"
    );
    // Under the limit but far more items than any work report: refused with a clear message.
    std::fs::write(e.dir.path().join("duban.toml"), "max_upload_mb = 20\n").unwrap();
    let many = e.write("many.txt", &SEED.repeat(120).into_bytes());
    let err = e.err(&[
        "import",
        s(&many),
        "--government",
        "山城区",
        "--year",
        "2024",
    ]);
    assert!(err.contains("上限 5000 项"), "{err}");
    assert!(
        e.err(&["items", "--government", "山城区", "--year", "2024"])
            .contains("计划")
    );
}
