//! Feeds arbitrary bytes to the text decoder: it must not panic, and whatever it accepts
//! must decode the same way twice, and UTF-8 comes back as given (line endings normalised).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, enc)) = duban_office::text::decode(data) else {
        return;
    };
    let (again, enc2) = duban_office::text::decode(data).expect("decodes twice");
    assert_eq!(text, again);
    assert_eq!(enc, enc2);
    assert!(!text.contains('\r') && !text.contains('\0'));
    if let Ok(s) = std::str::from_utf8(data)
        && enc == duban_office::text::Encoding::Utf8
    {
        let s = s.strip_prefix('\u{feff}').unwrap_or(s);
        assert_eq!(text, s.replace("\r\n", "\n").replace('\r', "\n"));
    }
});
