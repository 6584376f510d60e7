//! "What is this file?" — one check before any reader runs, so that a .doc, a PDF, an
//! encrypted workbook or a workbook given where a report is expected gets a message saying what
//! to do instead of a parser error.

use std::io::{Cursor, Read};

/// What a file turned out to be, judged by its bytes (never by its name alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A Word document (.docx, .docm): a zip with `word/document.xml`.
    Docx,
    /// An Excel workbook (.xlsx, .xlsm): a zip with `xl/workbook.xml`.
    Xlsx,
    /// An OpenDocument file (.ods, .odt): a zip with `content.xml`.
    OpenDocument,
    /// Some other zip (PowerPoint, an archive) or a zip that does not open.
    OtherZip,
    /// Old binary Word (.doc): an OLE compound file with a `WordDocument` stream.
    LegacyDoc,
    /// Old binary Excel (.xls): an OLE compound file with a `Workbook`/`Book` stream.
    LegacyXls,
    /// An OOXML file protected with an open password: OLE with an `EncryptionInfo` stream.
    Encrypted,
    /// Another OLE compound file.
    OtherOle,
    Pdf,
    /// Anything else (text, CSV, images, …).
    Other,
}

/// What the caller wants the file to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A report: .docx or .txt.
    Report,
    /// A table: .xlsx, .xls or .csv.
    Table,
}

/// A file that cannot be read, with a message that says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("文件为空")]
    Empty,
    #[error("文件过大（{size} 字节，上限 {limit} 字节）；请拆分后再导入")]
    TooLarge { size: usize, limit: usize },
    #[error("这是旧版 Word（.doc）文件，请用 Word 或 WPS 另存为 .docx 后再导入")]
    LegacyDoc,
    #[error("这是旧版 Excel（.xls）文件，请用 Excel 或 WPS 另存为 .xlsx 后再导入")]
    LegacyXls,
    #[error("文件已加密（设置了打开密码），无法读取；请在 Word/Excel/WPS 中取消密码并另存后再导入")]
    Encrypted,
    #[error(
        "这是 PDF 文件，无法可靠读取其中的文字；请上传 Word（.docx）或文本（.txt）原件，或在 WPS 中将 PDF 转为 Word 后再导入"
    )]
    Pdf,
    #[error("文件已损坏或不完整（{0}）；请重新保存或重新下载后再导入")]
    Broken(String),
    #[error("文件类型不对：这是{found}，这里需要{expected}")]
    WrongType {
        found: &'static str,
        expected: &'static str,
    },
    #[error("{0}")]
    Text(#[from] crate::text::TextError),
}

/// Judges a file by its first bytes and, for zips, by the parts it contains.
pub fn kind(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(b"%PDF") {
        return FileKind::Pdf;
    }
    if bytes.starts_with(OLE_MAGIC) {
        return ole_kind(bytes);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return match zip::ZipArchive::new(Cursor::new(bytes)) {
            Ok(z) => {
                let has = |n: &str| z.index_for_name(n).is_some();
                if has("word/document.xml") {
                    FileKind::Docx
                } else if has("xl/workbook.xml") {
                    FileKind::Xlsx
                } else if has("content.xml") {
                    FileKind::OpenDocument
                } else {
                    FileKind::OtherZip
                }
            }
            // A zip that does not open is reported by `check` as broken.
            Err(_) => FileKind::OtherZip,
        };
    }
    FileKind::Other
}

/// Refuses what the readers cannot take for `expected`, with the message that applies.
/// Returns the kind for the caller's dispatch. `Other` passes (text and CSV are decoded later).
pub fn check(bytes: &[u8], expected: Expected, max_bytes: usize) -> Result<FileKind, FileError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileError::Empty);
    }
    if bytes.len() > max_bytes {
        return Err(FileError::TooLarge {
            size: bytes.len(),
            limit: max_bytes,
        });
    }
    if bytes.starts_with(b"PK\x03\x04")
        && let Err(e) = zip::ZipArchive::new(Cursor::new(bytes))
    {
        return Err(FileError::Broken(format!("压缩包结构错误：{e}")));
    }
    if bytes.starts_with(b"PK\x05\x06") {
        return Err(FileError::Broken("压缩包内没有内容".into()));
    }
    let k = kind(bytes);
    let expected_name = match expected {
        Expected::Report => "Word（.docx）或文本（.txt）文件",
        Expected::Table => "Excel（.xlsx）或 CSV 表格",
    };
    let wrong = |found| FileError::WrongType {
        found,
        expected: expected_name,
    };
    match (k, expected) {
        (FileKind::Pdf, _) => Err(FileError::Pdf),
        (FileKind::Encrypted, _) => Err(FileError::Encrypted),
        (FileKind::LegacyDoc, Expected::Report) => Err(FileError::LegacyDoc),
        (FileKind::LegacyDoc, Expected::Table) => Err(wrong("Word 文档（.doc）")),
        (FileKind::LegacyXls, Expected::Table) => Ok(k),
        (FileKind::LegacyXls, Expected::Report) => Err(wrong("Excel 表格（.xls）")),
        (FileKind::OtherOle, _) => Err(wrong("无法识别的 Office 旧格式文件")),
        (FileKind::Docx, Expected::Report) | (FileKind::Xlsx, Expected::Table) => Ok(k),
        (FileKind::Docx, Expected::Table) => Err(wrong("Word 文档（.docx）")),
        (FileKind::Xlsx, Expected::Report) => Err(wrong("Excel 表格（.xlsx）")),
        (FileKind::OpenDocument, Expected::Table) => Ok(k),
        (FileKind::OpenDocument, Expected::Report) => {
            Err(wrong("OpenDocument 文件（.odt/.ods）；请另存为 .docx"))
        }
        (FileKind::OtherZip, _) => Err(wrong("压缩包或其他格式（不是 .docx/.xlsx）")),
        (FileKind::Other, _) => Ok(k),
    }
}

pub(crate) const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Tells the OLE files apart by their directory entries. An entry is 128 bytes at a multiple
/// of 128 from the file start (sectors are 512 or 4096 bytes after a header of the same size):
/// the name in UTF-16LE, its byte length (with the NUL) at offset 64, the type (2 = stream) at
/// 66. Looking for whole entries rather than the name anywhere avoids matching document text.
fn ole_kind(bytes: &[u8]) -> FileKind {
    let mut names = Vec::new();
    for entry in bytes.chunks_exact(128).skip(4) {
        let len = u16::from_le_bytes([entry[64], entry[65]]) as usize;
        if !(2..=64).contains(&len) || !len.is_multiple_of(2) || !matches!(entry[66], 1 | 2 | 5) {
            continue;
        }
        let units: Vec<u16> = entry[..len - 2]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        if let Ok(name) = String::from_utf16(&units) {
            names.push(name);
        }
        if names.len() > 10_000 {
            break;
        }
    }
    let has = |n: &str| names.iter().any(|x| x == n);
    if has("EncryptionInfo") || has("EncryptedPackage") {
        FileKind::Encrypted
    } else if has("WordDocument") {
        FileKind::LegacyDoc
    } else if has("Workbook") || has("Book") {
        FileKind::LegacyXls
    } else {
        FileKind::OtherOle
    }
}

/// The sum of a zip's declared unpacked sizes, so that a small workbook that would unpack
/// into gigabytes is refused before a reader inflates it.
pub(crate) fn unpacked_size(bytes: &[u8]) -> u64 {
    let Ok(mut z) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return 0;
    };
    (0..z.len())
        .filter_map(|i| z.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add)
}

/// Reads one part of a zip as UTF-8 text, refusing parts that unpack past `limit` bytes
/// (a small file must not unpack into gigabytes). `Ok(None)` when the part does not exist.
pub(crate) fn zip_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<Option<String>, FileError> {
    let f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(FileError::Broken(format!("{name}：{e}"))),
    };
    let mut out = String::new();
    let n = f
        .take(limit + 1)
        .read_to_string(&mut out)
        .map_err(|e| FileError::Broken(format!("{name}：{e}")))?;
    if n as u64 > limit {
        return Err(FileError::TooLarge {
            size: n,
            limit: limit as usize,
        });
    }
    Ok(Some(out))
}

/// A minimal OLE compound file with the given stream names in its directory — enough for
/// [`kind`] to classify; used by tests here and in other crates.
pub fn ole_stub(streams: &[&str]) -> Vec<u8> {
    let mut b = vec![0u8; 512];
    b[..8].copy_from_slice(OLE_MAGIC);
    b[0x1E] = 9; // sector shift: 512-byte sectors
    let mut dir = vec![0u8; 128];
    root_entry(&mut dir, "Root Entry", 5);
    for s in streams {
        let mut e = vec![0u8; 128];
        root_entry(&mut e, s, 2);
        dir.extend(e);
    }
    dir.resize(dir.len().div_ceil(512) * 512, 0);
    b.extend(dir);
    b
}

fn root_entry(e: &mut [u8], name: &str, typ: u8) {
    let units: Vec<u16> = name.encode_utf16().collect();
    for (i, u) in units.iter().enumerate() {
        e[i * 2..i * 2 + 2].copy_from_slice(&u.to_le_bytes());
    }
    let len = (units.len() as u16 + 1) * 2;
    e[64..66].copy_from_slice(&len.to_le_bytes());
    e[66] = typ;
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: usize = 1 << 20;

    #[test]
    fn tells_ole_files_apart() {
        assert_eq!(
            kind(&ole_stub(&["WordDocument", "1Table"])),
            FileKind::LegacyDoc
        );
        assert_eq!(kind(&ole_stub(&["Workbook"])), FileKind::LegacyXls);
        assert_eq!(
            kind(&ole_stub(&["EncryptionInfo", "EncryptedPackage"])),
            FileKind::Encrypted
        );
        assert_eq!(kind(&ole_stub(&["Foo"])), FileKind::OtherOle);
    }

    #[test]
    fn messages_say_what_to_do() {
        let doc = check(&ole_stub(&["WordDocument"]), Expected::Report, MB).unwrap_err();
        assert!(doc.to_string().contains("另存为 .docx"), "{doc}");
        let enc = check(&ole_stub(&["EncryptionInfo"]), Expected::Table, MB).unwrap_err();
        assert_eq!(enc, FileError::Encrypted);
        assert!(enc.to_string().contains("取消密码"));
        assert_eq!(
            check(b"%PDF-1.7\n", Expected::Report, MB),
            Err(FileError::Pdf)
        );
        assert_eq!(check(b"  \n", Expected::Report, MB), Err(FileError::Empty));
        assert!(matches!(
            check(b"PK\x03\x04broken", Expected::Report, MB),
            Err(FileError::Broken(_))
        ));
        assert!(matches!(
            check(&[b'a'; 100], Expected::Report, 10),
            Err(FileError::TooLarge {
                size: 100,
                limit: 10
            })
        ));
        assert_eq!(
            check("一、目标".as_bytes(), Expected::Report, MB),
            Ok(FileKind::Other)
        );
    }

    #[test]
    fn a_workbook_is_not_a_report() {
        let xlsx = crate::table::write_xlsx("s", &["a"], &[vec!["1".into()]]).unwrap();
        assert_eq!(kind(&xlsx), FileKind::Xlsx);
        let e = check(&xlsx, Expected::Report, MB).unwrap_err();
        assert!(
            e.to_string().contains("Excel 表格（.xlsx）") && e.to_string().contains(".docx"),
            "{e}"
        );
        assert_eq!(check(&xlsx, Expected::Table, MB), Ok(FileKind::Xlsx));
    }
}
