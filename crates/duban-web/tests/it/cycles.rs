//! No module cycles in duban-web and duban-app: every `crate::…` path in a module's source
//! is resolved to the module it names, and the graph of top-level modules (and of their
//! direct children) must have no cycle. Read from the sources, like the layout test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn modules(src: &Path) -> BTreeMap<Module, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<Module, String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel: PathBuf = p.strip_prefix(root).unwrap().with_extension("");
                let mut m: Module = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if matches!(m.last().map(String::as_str), Some("mod" | "lib")) {
                    m.pop();
                }
                out.insert(m, std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(src, src, &mut out);
    assert!(out.len() > 10, "found the sources of {}", src.display());
    out
}

fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == ':'
}

/// Every path written after `crate::`, with `crate::{a::b, c}` groups expanded (one level).
fn crate_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let p: String = part
                    .trim()
                    .chars()
                    .take_while(|&c| is_path_char(c))
                    .collect();
                out.push(p);
            }
        } else {
            out.push(rest.chars().take_while(|&c| is_path_char(c)).collect());
        }
    }
    out
}

/// The longest module that `path` starts with.
fn resolve(path: &str, known: &BTreeSet<Module>) -> Option<Module> {
    let parts: Module = path
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    (1..=parts.len())
        .rev()
        .map(|i| parts[..i].to_vec())
        .find(|m| known.contains(m))
}

fn cycles(src: &Path, depth: usize) -> Vec<String> {
    let mods = modules(src);
    let known: BTreeSet<Module> = mods.keys().cloned().collect();
    let mut graph: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (m, text) in &mods {
        for p in crate_paths(text) {
            let Some(t) = resolve(&p, &known) else {
                continue;
            };
            let (a, b) = (
                m[..m.len().min(depth)].to_vec(),
                t[..t.len().min(depth)].to_vec(),
            );
            // A module using its own parent or child is nesting, not a cycle.
            if a.is_empty() || b.is_empty() || a.starts_with(&b) || b.starts_with(&a) {
                continue;
            }
            graph.entry(a).or_default().insert(b);
        }
    }
    fn dfs(
        u: &Module,
        g: &BTreeMap<Module, BTreeSet<Module>>,
        state: &mut BTreeMap<Module, u8>,
        stack: &mut Vec<Module>,
        found: &mut Vec<String>,
    ) {
        state.insert(u.clone(), 1);
        stack.push(u.clone());
        for v in g.get(u).into_iter().flatten() {
            match state.get(v) {
                Some(1) => {
                    let from = stack.iter().position(|x| x == v).unwrap();
                    let mut c: Vec<String> = stack[from..].iter().map(|m| m.join("::")).collect();
                    c.push(v.join("::"));
                    found.push(c.join(" → "));
                }
                None => dfs(v, g, state, stack, found),
                _ => {}
            }
        }
        stack.pop();
        state.insert(u.clone(), 2);
    }
    let mut state = BTreeMap::new();
    let mut found = Vec::new();
    for u in graph.keys() {
        if !state.contains_key(u) {
            dfs(u, &graph, &mut state, &mut Vec::new(), &mut found);
        }
    }
    found
}

#[test]
fn the_check_sees_a_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    for (name, text) in [
        ("lib.rs", "mod a; mod b;"),
        ("a.rs", "use crate::b::x;"),
        ("b.rs", "pub fn x() { crate::a::y() }"),
        ("c.rs", "use crate::{a, b::x};"),
        ("d.rs", ""),
        ("e.rs", ""),
        ("f.rs", ""),
        ("g.rs", ""),
        ("h.rs", ""),
        ("i.rs", ""),
        ("j.rs", ""),
    ] {
        std::fs::write(src.join(name), text).unwrap();
    }
    assert_eq!(cycles(src, 1), vec!["a → b → a".to_string()]);
}

#[test]
fn no_module_cycles_in_the_web_and_app_crates() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for krate in ["duban-web", "duban-app"] {
        for depth in [1, 2] {
            let found = cycles(&crates.join(krate).join("src"), depth);
            assert!(found.is_empty(), "{krate}: module cycles {found:#?}");
        }
    }
}
