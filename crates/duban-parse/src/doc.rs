//! The report as the scanners read it: a char table normalised for scanning, with each
//! char's class, and the way back from a table position to the input.

use crate::{Text, text};
use std::borrow::Cow;

thread_local! {
    static BUFFERS: std::cell::RefCell<Buffers> = const {
        std::cell::RefCell::new((Vec::new(), Vec::new(), Vec::new()))
    };
}

type Buffers = (Vec<char>, Vec<u8>, Vec<u32>);

/// The report as a char table normalised for scanning (`c`) with each char's scanning class
/// (`cls`), plus the original text and a byte offset for every 4th char, so that spans are
/// cut verbatim from the input without keeping a second full char table. Blanks that are no
/// part of the text ([`text::blanks`]) are left out of the table; `gaps` then leads back.
pub(crate) struct Doc<'a> {
    pub c: Vec<char>,
    /// `text::class::of(c[i])`: the scanners skip eight chars of no interest at a time.
    pub cls: Vec<u8>,
    text: &'a str,
    /// Byte offset of every 4th char of the input.
    checkpoints: Vec<u32>,
    /// Where blanks were left out of the table ([`text::blanks::compact`]); empty when the
    /// table is the whole input.
    gaps: Vec<u32>,
    /// The gaps before the position last mapped back (a cursor for [`Doc::input_of`]).
    near: std::cell::Cell<usize>,
    /// Chars in the input.
    chars: usize,
}

impl<'a> Doc<'a> {
    #[inline(never)] // Once per parse; kept out of line so that profiles show it.
    pub fn new(text: &'a str) -> Doc<'a> {
        // The tables are reused from the previous parse on this thread: repeated parsing (a
        // batch import, the benchmark) then touches no fresh pages.
        let (mut c, mut cls, mut checkpoints) =
            BUFFERS.with(|b| std::mem::take(&mut *b.borrow_mut()));
        c.clear();
        cls.clear();
        checkpoints.clear();
        // Capacity by bytes (an upper bound on chars): untouched pages cost nothing, and it
        // saves a counting pass over the text.
        c.reserve(text.len());
        cls.reserve(text.len());
        checkpoints.reserve(text.len() / 4 + 1);
        // The library's decoder (it trusts the input to be UTF-8, as a str is). Chars go
        // through small stack buffers and reach the tables by slice copies, which spares a
        // capacity check per char; the byte offset is taken once per four chars, from what
        // the decoder has left.
        const CHUNK: usize = 256;
        let mut cbuf = ['\0'; CHUNK];
        let mut kbuf = [0u8; CHUNK];
        let mut pbuf = [0u32; CHUNK / 4];
        let mut it = text.chars();
        let mut done = false;
        while !done {
            let mut k = 0;
            'chunk: while k < CHUNK {
                // Texts over 4 GiB keep 0 and fall back to walking from the start.
                pbuf[k / 4] = u32::try_from(text.len() - it.as_str().len()).unwrap_or(0);
                for _ in 0..4 {
                    let Some(ch) = it.next() else {
                        done = true;
                        break 'chunk;
                    };
                    let (ch, cl) = match text::class::raw(ch) {
                        text::class::NORM => {
                            let folded = text::norm(ch);
                            (folded, text::class::of(folded))
                        }
                        cl => (ch, cl),
                    };
                    cbuf[k] = ch;
                    kbuf[k] = cl;
                    k += 1;
                }
            }
            c.extend_from_slice(&cbuf[..k]);
            cls.extend_from_slice(&kbuf[..k]);
            checkpoints.extend_from_slice(&pbuf[..k.div_ceil(4)]);
        }
        let chars = c.len();
        let gaps = text::blanks::compact(&mut c, &mut cls);
        Doc {
            c,
            cls,
            text,
            checkpoints,
            gaps,
            near: std::cell::Cell::new(0),
            chars,
        }
    }

    /// The first position in `from..to` whose class shares a bit with `mask`, or `to`.
    #[inline]
    pub fn next_of(&self, from: usize, to: usize, mask: u8) -> usize {
        let to = to.min(self.cls.len());
        let mut i = from;
        let wide = u64::from_ne_bytes([mask; 8]);
        while i < to {
            if let Some(w) = self.cls[i..to].first_chunk::<8>() {
                let hit = u64::from_le_bytes(*w) & wide;
                if hit == 0 {
                    i += 8;
                    continue;
                }
                return i + (hit.trailing_zeros() / 8) as usize;
            }
            if self.cls[i] & mask != 0 {
                return i;
            }
            i += 1;
        }
        to
    }

    /// The union of the classes of `from..to`.
    #[inline]
    pub fn classes(&self, from: usize, to: usize) -> u8 {
        let to = to.min(self.cls.len());
        let from = from.min(to);
        let mut acc = 0u64;
        let chunks = self.cls[from..to].chunks_exact(8);
        let rest = chunks.remainder().iter().fold(0u8, |a, &x| a | x);
        for w in chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(w);
            acc |= u64::from_ne_bytes(a);
        }
        acc.to_ne_bytes().iter().fold(rest, |a, &x| a | x)
    }

    /// Hands the tables back for the next parse on this thread (small ones are kept only
    /// up to a bound, so that one huge text does not pin its memory).
    pub fn recycle(self) {
        if self.c.capacity() <= 16 << 20 {
            BUFFERS.with(|b| *b.borrow_mut() = (self.c, self.cls, self.checkpoints));
        }
    }

    /// Whether the table leaves blanks of the input out (its positions are then not offsets).
    pub fn left_out_blanks(&self) -> bool {
        !self.gaps.is_empty()
    }

    /// Input char offset of table position `i` (the input's end for the table's end).
    #[inline]
    pub fn input_of(&self, i: usize) -> usize {
        if self.gaps.is_empty() {
            i.min(self.chars)
        } else if i >= self.c.len() {
            self.chars
        } else {
            text::blanks::input_of_near(&self.gaps, i, &self.near)
        }
    }

    /// The input range of table range `s..e`: from its first char to just after its last, so
    /// that a blank left out after it is not part of it.
    pub fn input_range(&self, s: usize, e: usize) -> (usize, usize) {
        if self.gaps.is_empty() {
            return (s.min(self.chars), e.min(self.chars));
        }
        let a = self.input_of(s);
        let b = if e > s && e <= self.c.len() {
            self.input_of(e - 1) + 1
        } else {
            self.input_of(e)
        };
        (a, b.max(a))
    }

    /// Byte offset of input char `i` (clamped to the end).
    fn byte_of(&self, i: usize) -> usize {
        if i >= self.chars {
            return self.text.len();
        }
        let (b, skip) = if self.text.len() <= u32::MAX as usize {
            (self.checkpoints[i / 4] as usize, i % 4)
        } else {
            (0, i)
        };
        // Step over whole chars by their lead bytes: the text is valid UTF-8.
        let bytes = self.text.as_bytes();
        let mut b = b;
        for _ in 0..skip {
            b += match bytes.get(b) {
                None => break,
                Some(&x) if x < 0x80 => 1,
                Some(&x) if x < 0xe0 => 2,
                Some(&x) if x < 0xf0 => 3,
                Some(_) => 4,
            };
        }
        b.min(self.text.len())
    }

    /// The original text of chars `s..e`.
    pub fn text_of(&self, s: usize, e: usize) -> &'a str {
        self.cut(s, e).2
    }

    /// The input range of table range `s..e` (clamped to the table) and its original text.
    fn cut(&self, s: usize, e: usize) -> (usize, usize, &'a str) {
        let e = e.min(self.c.len());
        let (a, b) = self.input_range(s.min(e), e);
        (a, b, &self.text[self.byte_of(a)..self.byte_of(b)])
    }

    /// The original text of `s..e`.
    pub fn slice(&self, s: usize, e: usize) -> Text<'a> {
        Cow::Borrowed(self.text_of(s, e))
    }

    /// The original text of `s..e` without whitespace (line breaks inside words).
    pub fn squeeze(&self, s: usize, e: usize) -> Text<'a> {
        let (a, b, t) = self.cut(s, e);
        let e = e.min(self.c.len());
        let s = s.min(e);
        // The normalised table maps every blank to ' ' or '\n', whose classes (CELL,
        // NEWLINE) the class table answers eight chars at a time; a blank left out of the
        // table makes the input range longer than the table's.
        let blank_inside = self.classes(s, e) & (text::class::CELL | text::class::NEWLINE) != 0
            && self.c[s..e].iter().any(|&ch| ch == ' ' || ch == '\n');
        if blank_inside || b - a != e - s {
            Cow::Owned(text::without_whitespace(t))
        } else {
            Cow::Borrowed(t)
        }
    }
}
