//! A tiny element tree over quick-xml, for asserting on generated parts.

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::Read;

#[derive(Debug, Default, Clone)]
pub struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<El>,
    pub text: String,
}

fn local<S: AsRef<[u8]> + ?Sized>(s: &S) -> String {
    let s = String::from_utf8_lossy(s.as_ref());
    s.rsplit(':').next().unwrap_or(&s).to_string()
}

impl El {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    /// Every descendant (and self) with this local name, in document order.
    pub fn all(&self, name: &str) -> Vec<&El> {
        let mut out = Vec::new();
        self.walk(name, &mut out);
        out
    }
    fn walk<'a>(&'a self, name: &str, out: &mut Vec<&'a El>) {
        if self.name == name {
            out.push(self);
        }
        for c in &self.children {
            c.walk(name, out);
        }
    }
    pub fn first(&self, name: &str) -> &El {
        self.all(name)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no <{name}>"))
    }
    pub fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }
    /// The concatenated text of all `t` descendants.
    pub fn texts(&self) -> String {
        self.all("t").iter().map(|t| t.text.as_str()).collect()
    }
}

pub fn parse(xml: &str) -> El {
    let mut r = Reader::from_str(xml);
    let mut stack = vec![El::default()];
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) => {
                stack.push(element(&e));
            }
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut().unwrap().children.push(el);
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(el);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(g) => {
                let s = match g.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    _ => "?",
                };
                stack.last_mut().unwrap().text.push_str(s);
            }
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unbalanced XML");
    stack.pop().unwrap().children.remove(0)
}

fn element(e: &quick_xml::events::BytesStart<'_>) -> El {
    El {
        name: local(e.name().as_ref()),
        attrs: e
            .attributes()
            .flatten()
            .map(|a| {
                (
                    local(a.key.as_ref()),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned(),
                )
            })
            .collect(),
        ..El::default()
    }
}

/// One part of a zip package as text.
pub fn part(zip_bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name)
        .unwrap_or_else(|_| panic!("part {name} missing"))
        .read_to_string(&mut s)
        .unwrap();
    s
}
