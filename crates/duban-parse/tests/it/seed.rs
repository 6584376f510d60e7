//! Snapshot of the shipped seed report's full parse (structure, figures, tasks).

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/reports/shancheng_2024.txt"
    ))
    .expect("seed report ships with the project")
}

#[test]
fn seed_tree_snapshot() {
    let p = duban_parse::parse(&seed());
    insta::assert_yaml_snapshot!("seed_parsed", p);
}

#[test]
fn seed_jsonl_snapshot() {
    let p = duban_parse::parse(&seed());
    insta::assert_snapshot!("seed_jsonl", duban_parse::output::jsonl(&p));
}

#[test]
fn seed_table_snapshot() {
    let p = duban_parse::parse(&seed());
    insta::assert_snapshot!("seed_table", duban_parse::output::table(&p));
}

#[test]
fn seed_has_the_usual_parts_and_years() {
    use duban_parse::PartKind;
    let p = duban_parse::parse(&seed());
    assert_eq!((p.plan_year, p.review_year), (Some(2024), Some(2023)));
    let kinds: Vec<PartKind> = p.parts.iter().map(|x| x.kind).collect();
    assert!(
        kinds.contains(&PartKind::Review)
            && kinds.contains(&PartKind::Work)
            && kinds.contains(&PartKind::SelfBuilding)
    );
    assert!(p.tasks.iter().any(|t| !t.figures.is_empty()));
}
