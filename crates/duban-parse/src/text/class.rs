//! Char classes for the hot scanning loops, looked up in one table instead of a chain of
//! comparisons: most chars of a report are ideographs of no interest and are skipped at once.

pub const NUM: u8 = 1;
/// First char of a scope word tracked per sentence (预计, 力争, 分别) or a semicolon.
pub const SCOPE: u8 = 2;
/// Quotes, book-title marks and footnote brackets.
pub const QUOTE: u8 = 4;
/// '?' and 'I' (of IO(X)): garbled or unreadable numbers.
pub const GARBLE: u8 = 8;
pub const SENT_END: u8 = 16;
pub const NEWLINE: u8 = 32;
/// First char of a decomposition field label (牵头单位, 配合单位, 完成时限 …).
pub const LABEL: u8 = 64;
/// Cell separators of table-like rows (space, '|').
pub const CELL: u8 = 128;

const fn build() -> [u8; 65536] {
    let mut t = [0u8; 65536];
    let nums = [
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '〇', '零', '○', '一', '二', '两', '三',
        '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿',
    ];
    let mut i = 0;
    while i < nums.len() {
        t[nums[i] as usize] |= NUM;
        i += 1;
    }
    let scope = ['预', '力', '分', '；', ';'];
    i = 0;
    while i < scope.len() {
        t[scope[i] as usize] |= SCOPE;
        i += 1;
    }
    let quotes = [
        '“', '”', '《', '》', '「', '」', '『', '』', '〈', '〉', '‘', '’', '"', '[',
    ];
    i = 0;
    while i < quotes.len() {
        t[quotes[i] as usize] |= QUOTE;
        i += 1;
    }
    t['?' as usize] |= GARBLE;
    t['？' as usize] |= GARBLE;
    t['I' as usize] |= GARBLE;
    let ends = ['。', '！', '？', '!', '?'];
    i = 0;
    while i < ends.len() {
        t[ends[i] as usize] |= SENT_END;
        i += 1;
    }
    t['\n' as usize] |= NEWLINE;
    let labels = ['牵', '责', '主', '配', '协', '参', '完', '时'];
    i = 0;
    while i < labels.len() {
        t[labels[i] as usize] |= LABEL;
        i += 1;
    }
    t[' ' as usize] |= CELL;
    t['|' as usize] |= CELL;
    t['│' as usize] |= CELL;
    // Chars that `norm` changes. None of them has a class of its own (they are folded
    // before classing), so the entry can say "fold me" instead: one lookup per char
    // while the report is read. Must list exactly what `norm` folds (a test checks).
    i = 0;
    while i < super::T2S.len() {
        t[super::T2S[i].0 as usize] = NORM;
        i += 1;
    }
    let mut u = '０' as usize;
    while u <= '９' as usize {
        t[u] = NORM;
        u += 1;
    }
    u = 'Ａ' as usize;
    while u <= 'Ｚ' as usize {
        t[u] = NORM;
        u += 1;
    }
    u = 'ａ' as usize;
    while u <= 'ｚ' as usize {
        t[u] = NORM;
        u += 1;
    }
    let singles = [
        '％', '．', '－', '—', '–', '～', '〜', '／', '［', '【', '］', '】', '\u{3000}', '\u{a0}',
        '\t', '\r',
    ];
    i = 0;
    while i < singles.len() {
        t[singles[i] as usize] = NORM;
        i += 1;
    }
    t
}

/// The table entry of a char that `norm` folds (no real class has every bit set).
pub const NORM: u8 = 0xff;

static TABLE: [u8; 65536] = build();

/// The class bits of `c`, a normalised char (0 for chars outside the basic plane).
#[inline(always)]
pub fn of(c: char) -> u8 {
    match raw(c) {
        NORM => 0,
        t => t,
    }
}

/// The table entry of `c` before normalising: its class, or [`NORM`].
#[inline(always)]
pub fn raw(c: char) -> u8 {
    let u = c as u32;
    if u < 65536 { TABLE[u as usize] } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_marks_match_norm_exactly() {
        for u in 0..65536u32 {
            let Some(ch) = char::from_u32(u) else {
                continue;
            };
            let folds = super::super::norm(ch) != ch;
            assert_eq!(raw(ch) == NORM, folds, "U+{u:04X}");
            if folds {
                assert_ne!(raw(super::super::norm(ch)), NORM, "U+{u:04X} folds twice");
            }
        }
    }
}
