//! The web crate's layout rules, checked on its source: no role decisions (the access
//! module of duban-app answers them), pages and API never import each other, no file past
//! 500 lines.

use std::path::{Path, PathBuf};

fn sources() -> Vec<(PathBuf, String)> {
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
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
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
