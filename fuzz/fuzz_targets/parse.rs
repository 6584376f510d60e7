//! Feeds arbitrary UTF-8 to the parser: it must not panic, and every figure's span must be
//! the text at its char offsets.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let p = duban_parse::parse(s);
    let chars: Vec<char> = s.chars().collect();
    for f in &p.figures {
        assert!(f.start <= f.end && f.end <= chars.len());
        let span: String = chars[f.start..f.end].iter().collect();
        assert_eq!(span, f.span);
    }
    for t in &p.tasks {
        assert!(t.start <= t.end && t.end <= chars.len());
        assert!(t.figures.iter().all(|&i| i < p.figures.len()));
    }
    for x in &p.sections {
        assert!(x.start <= x.end && x.end <= chars.len());
    }
    let _ = duban_parse::output::jsonl(&p);
});
