//! Feeds arbitrary bytes to the CSV/XLSX table reader (the first byte picks the type): it
//! must not panic, and a table it returns has a non-blank header and no blank rows.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let name = match kind % 3 {
        0 => "p.csv",
        1 => "p.xlsx",
        _ => "p.xls",
    };
    if let Ok(t) = duban_office::table::read(name, bytes) {
        assert!(t.header.iter().any(|c| !c.is_empty()));
        assert!(t.rows.iter().all(|r| r.iter().any(|c| !c.is_empty())));
    }
});
