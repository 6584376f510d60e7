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
    let text = seed();
    let p = duban_parse::parse(&text);
    insta::assert_yaml_snapshot!("seed_parsed", p);
}

#[test]
fn seed_jsonl_snapshot() {
    let text = seed();
    let p = duban_parse::parse(&text);
    insta::assert_snapshot!("seed_jsonl", duban_parse::output::jsonl(&p));
}

#[test]
fn seed_table_snapshot() {
    let text = seed();
    let p = duban_parse::parse(&text);
    insta::assert_snapshot!("seed_table", duban_parse::output::table(&p));
}

#[test]
fn seed_has_the_usual_parts_and_years() {
    use duban_parse::PartKind;
    let text = seed();
    let p = duban_parse::parse(&text);
    assert_eq!((p.plan_year, p.review_year), (Some(2024), Some(2023)));
    let kinds: Vec<PartKind> = p.parts.iter().map(|x| x.kind).collect();
    assert!(
        kinds.contains(&PartKind::Review)
            && kinds.contains(&PartKind::Work)
            && kinds.contains(&PartKind::SelfBuilding)
    );
    assert!(p.tasks.iter().any(|t| !t.figures.is_empty()));
}

#[test]
fn owned_result_equals_the_borrowed_one() {
    let text = seed();
    let p = duban_parse::parse(&text);
    let owned = p.clone().into_owned();
    drop(text);
    // The owned copy outlives the text and keeps every field.
    let text2 = seed();
    let again = duban_parse::parse(&text2);
    assert_eq!(owned, again);
    assert!(!owned.tasks.is_empty() && !owned.figures.is_empty());
}
