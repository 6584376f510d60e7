//! Decoding a report's text file. Government machines save .txt as UTF-8 (with or without a
//! BOM) or as GBK/GB18030 (Windows "ANSI"); we detect which, and refuse what is not text.

use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("文件为空")]
    Empty,
    #[error(
        "文件不是文本文件（看起来是二进制或其他格式，如 Word/PDF/图片）；请另存为 .txt 后再导入"
    )]
    Binary,
    #[error("无法识别文件编码：既不是 UTF-8 也不是 GBK/GB18030")]
    UnknownEncoding,
}

/// The encoding a text was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
    Utf16,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030/GBK",
            Encoding::Utf16 => "UTF-16",
        }
    }
}

/// Decodes a text file, detecting UTF-8 (BOM optional), UTF-16 (with BOM) or GB18030.
/// Line endings are normalised to `\n` so character offsets do not depend on the platform.
/// A UTF-8 text without a CR (the usual case) is borrowed, not copied.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), TextError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(TextError::Empty);
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc == encoding_rs::UTF_8 {
            let s = utf8(&bytes[bom_len..]).ok_or(TextError::UnknownEncoding)?;
            return finish(Cow::Borrowed(s), Encoding::Utf8);
        }
        let (s, _, bad) = enc.decode(bytes);
        if bad {
            return Err(TextError::UnknownEncoding);
        }
        return finish(s, Encoding::Utf16);
    }
    if looks_binary(bytes) {
        return Err(TextError::Binary);
    }
    if let Some(s) = utf8(bytes) {
        return finish(Cow::Borrowed(s), Encoding::Utf8);
    }
    let (s, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(TextError::UnknownEncoding);
    }
    finish(s, Encoding::Gb18030)
}

/// The bytes as UTF-8 text, if they are. Validated by SIMD: a whole report is 10 MB, and
/// the standard library's check took longer than the rest of the decoding.
fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

fn finish(s: Cow<'_, str>, enc: Encoding) -> Result<(Cow<'_, str>, Encoding), TextError> {
    // Checked on the bytes (one SIMD memchr each): a whole report is millions of chars, and
    // a text without a CR — the usual case — is kept as it is, not rewritten twice.
    if s.trim().is_empty() {
        return Err(TextError::Empty);
    }
    if memchr::memchr(0, s.as_bytes()).is_some() {
        return Err(TextError::Binary);
    }
    let s = if memchr::memchr(b'\r', s.as_bytes()).is_some() {
        Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        s
    };
    Ok((s, enc))
}

/// Zip containers (docx/xlsx), PDFs, images and anything with NUL bytes or many control
/// characters are not text.
fn looks_binary(bytes: &[u8]) -> bool {
    const MAGIC: [&[u8]; 6] = [
        b"PK\x03\x04",
        b"%PDF",
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"\xD0\xCF\x11\xE0",
        b"GIF8",
    ];
    if MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_gbk_and_bom_give_the_same_text() {
        let text = "一、主要目标\n地区生产总值增长6%左右。\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let (a, ea) = decode(text.as_bytes()).unwrap();
        let (b, eb) = decode(&gbk).unwrap();
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        let (c, _) = decode(&bom).unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a, "一、主要目标\n地区生产总值增长6%左右。\n");
        assert_eq!(ea, Encoding::Utf8);
        assert_eq!(eb, Encoding::Gb18030);
    }

    #[test]
    fn plain_utf8_is_borrowed_and_crs_are_rewritten() {
        let (a, _) = decode("第一行\n第二行\n".as_bytes()).unwrap();
        assert!(matches!(a, Cow::Borrowed(_)));
        let (b, _) = decode("第一行\r\n第二行\r".as_bytes()).unwrap();
        assert!(matches!(b, Cow::Owned(_)));
        assert_eq!(b, "第一行\n第二行\n");
    }

    #[test]
    fn refuses_empty_and_binary() {
        assert_eq!(decode(b""), Err(TextError::Empty));
        assert_eq!(decode(b" \n\t "), Err(TextError::Empty));
        assert_eq!(decode(b"PK\x03\x04\x14\x00rest"), Err(TextError::Binary));
        assert_eq!(decode(b"%PDF-1.7 ..."), Err(TextError::Binary));
        assert_eq!(decode(&[1, 2, 3, 0, 5, 6]), Err(TextError::Binary));
    }

    #[test]
    fn line_ends_become_newlines_and_a_nul_past_the_head_is_refused() {
        assert_eq!(
            decode("甲\r乙\r\n丙\n".as_bytes()).unwrap().0,
            "甲\n乙\n丙\n"
        );
        assert_eq!(decode("甲乙\n".as_bytes()).unwrap().0, "甲乙\n");
        // Past the 8 KiB that the binary sniffing reads, and behind a BOM (which skips it).
        let mut long = "增长6%。".repeat(2000).into_bytes();
        long.push(0);
        assert_eq!(decode(&long), Err(TextError::Binary));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("甲\0乙".as_bytes());
        assert_eq!(decode(&bom), Err(TextError::Binary));
    }

    #[test]
    fn refuses_bytes_that_are_neither_utf8_nor_gb18030() {
        // 0x80 alone is invalid in both encodings.
        assert_eq!(
            decode(&[b'a', 0x80, b'b', 0xFF]),
            Err(TextError::UnknownEncoding)
        );
    }
}
