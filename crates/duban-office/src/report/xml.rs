//! Small helpers over quick-xml: names without their namespace prefix (documents use `w:` by
//! convention only) and entity references resolved.

use quick_xml::events::{BytesRef, BytesStart};

/// The local part of a qualified name: `w:p` → `p`.
pub(crate) fn local<S: AsRef<[u8]> + ?Sized>(name: &S) -> String {
    let s = String::from_utf8_lossy(name.as_ref());
    match s.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => s.into_owned(),
    }
}

/// An attribute's unescaped value by local name.
pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (local(a.key.as_ref()) == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
    })
}

/// The text of `&amp;`, `&#x4E00;` and the other predefined references.
pub(crate) fn reference(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match r.as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
    .to_string()
}
