//! Feeds arbitrary CSV text to the progress-import row checks: they must not panic, and
//! every row they pass must keep the import's promises (assigned item, a unit that leads or
//! supports it, a period of the plan year not in the future, no duplicate, a finite value,
//! no report in review overwritten).
#![no_main]

use duban_app::core::{ItemKind, ReportState};
use duban_app::progress_rows::{ImportContext, ItemRef, validate};
use libfuzzer_sys::fuzz_target;
use std::collections::{HashMap, HashSet};

fuzz_target!(|data: &[u8]| {
    let Ok(table) = duban_app::office::table::read("p.csv", data) else {
        return;
    };
    let items = vec![
        ItemRef {
            id: 1,
            kind: ItemKind::Target,
            assigned: true,
            lead_unit_id: Some(10),
            supporting_unit_ids: vec![11],
        },
        ItemRef {
            id: 2,
            kind: ItemKind::Task,
            assigned: true,
            lead_unit_id: Some(11),
            supporting_unit_ids: vec![],
        },
        ItemRef {
            id: 3,
            kind: ItemKind::Target,
            assigned: false,
            lead_unit_id: None,
            supporting_unit_ids: vec![],
        },
    ];
    let units = vec![(10, "甲".to_string()), (11, "乙".to_string()), (12, "丙".to_string())];
    let mut existing = HashMap::new();
    existing.insert((1, 10, "2024-03".to_string()), ReportState::Submitted);
    existing.insert((2, 11, "2024-02".to_string()), ReportState::Accepted);
    let today = time::Date::from_calendar_date(2024, time::Month::June, 20).unwrap();
    let ctx = ImportContext {
        government: "山城区",
        plan_year: 2024,
        items: &items,
        units: &units,
        existing: &existing,
        today,
    };
    match validate(&table, &ctx) {
        Ok(rows) => {
            let mut keys = HashSet::new();
            for r in &rows {
                let item = items.iter().find(|i| i.id == r.item_id).expect("known item");
                assert!(item.assigned);
                assert!(
                    item.lead_unit_id == Some(r.unit_id)
                        || item.supporting_unit_ids.contains(&r.unit_id)
                );
                assert_eq!(r.is_contribution, item.lead_unit_id != Some(r.unit_id));
                assert!(r.period.year == 2024 && r.period.month <= 6);
                assert!(r.value.is_none_or(f64::is_finite));
                assert!(keys.insert((r.item_id, r.unit_id, r.period)), "duplicate passed");
                let state = existing.get(&(r.item_id, r.unit_id, r.period.to_string()));
                assert!(!matches!(
                    state,
                    Some(ReportState::Submitted | ReportState::Approved)
                ));
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            assert!(errors.iter().all(|e| !e.message.is_empty()));
        }
    }
});
