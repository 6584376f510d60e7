//! The web crate's layout rules, checked on its source: no role decisions (the access
//! module of duban-app answers them), pages and API never import each other, no file past
//! 500 lines.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, with its text.
fn sources_in(dir: &Path) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out
}

/// The web crate's sources.
fn sources() -> Vec<(PathBuf, String)> {
    let out = sources_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(out.len() > 10, "found the sources");
    out
}

#[test]
fn no_file_under_src_names_a_role() {
    let roles = [
        "Admin",
        "Supervisor",
        "Leader",
        "Reporter",
        "Approver",
        "Viewer",
    ];
    let mut banned: Vec<String> = roles.iter().map(|r| format!("Role::{r}")).collect();
    banned.extend(
        [
            ".is_office()",
            ".is_unit_role()",
            ".role ==",
            ".role !=",
            "role, Role",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    for (path, text) in sources() {
        for b in &banned {
            assert!(
                !text.contains(b.as_str()),
                "{} names a role ({b}); ask duban_app::access instead",
                path.display()
            );
        }
    }
}

#[test]
fn pages_and_api_do_not_import_each_other() {
    for (path, text) in sources() {
        let p = path.to_string_lossy().replace('\\', "/");
        if p.contains("/src/pages/") {
            assert!(!text.contains("crate::api"), "{p} imports the API");
        }
        if p.contains("/src/api/") {
            assert!(!text.contains("crate::pages"), "{p} imports the pages");
        }
    }
}

#[test]
fn no_file_is_longer_than_500_lines() {
    for (path, text) in sources() {
        let n = text.lines().count();
        assert!(
            n <= 500,
            "{} has {n} lines; split it by subject",
            path.display()
        );
    }
}

/// Nothing below the faces reads the system clock: the application's clock is injected (so
/// tests set the date) and the storage layer stamps the time its caller's transaction carries.
/// The clock itself, the test helpers and the webhook sender's default clock are the only
/// readers outside the binary and the web face.
#[test]
fn no_crate_below_the_faces_reads_the_system_clock() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let allowed = [
        "duban-app/src/clock.rs",
        "duban-db/src/testing.rs",
        "duban-notify/src/send.rs",
    ];
    let readers = [
        "now_utc",
        "SystemTime::now",
        "Local::now",
        "Utc::now",
        "now_local",
    ];
    let mut checked = 0;
    for krate in [
        "duban-core",
        "duban-parse",
        "duban-db",
        "duban-office",
        "duban-app",
    ] {
        for (p, text) in sources_in(&root.join(krate).join("src")) {
            let rel = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if allowed.contains(&rel.as_str()) {
                continue;
            }
            checked += 1;
            for r in readers {
                assert!(
                    !text.contains(r),
                    "{rel} reads the system clock ({r}); take the time from the app's clock"
                );
            }
        }
    }
    assert!(checked > 50, "found the sources ({checked})");
}
