//! Blanks that are no part of the text: a space set beside a number (`增长 6.1 %`, `2023 年`,
//! as web pages and PDF copies space them) and the line breaks of hard-wrapped text (a
//! report copied out of a PDF, every line cut at the page width). The scanners read the text
//! without them; every offset the parser reports still points into the input.

use super::{class, is_cjk};

/// A line counts as long enough to be a page line from this display width on.
const MIN_PAGE_WIDTH: usize = 30;
/// Lines of about one width needed before a text is taken as hard-wrapped.
const MIN_WRAPPED_LINES: usize = 6;
/// The classes of a space and a line break.
const BLANK: u8 = class::CELL | class::NEWLINE;

/// Leaves the blanks out of `c` and `cls` (in place) and returns where they were: for each
/// blank left out, the table position of the char that followed it (ascending, equal for
/// adjacent blanks); empty when nothing was left out. [`input_of`] leads back to the input.
/// Blanks left out are few (a spaced number, a wrapped line), so this costs four bytes a
/// blank, not four bytes a char.
pub fn compact(c: &mut Vec<char>, cls: &mut Vec<u8>) -> Vec<u32> {
    let drops = blanks(c, cls);
    if drops.is_empty() {
        return Vec::new();
    }
    let n = c.len();
    let mut gaps: Vec<u32> = Vec::with_capacity(drops.len());
    let mut w = 0;
    let mut from = 0;
    // Run by run: a whole report may have many blanks left out and millions of chars.
    for &d in drops.iter().chain(std::iter::once(&n)) {
        c.copy_within(from..d, w);
        cls.copy_within(from..d, w);
        w += d - from;
        if d < n {
            gaps.push(u32::try_from(w).unwrap_or(u32::MAX));
        }
        from = d + 1;
    }
    c.truncate(w);
    cls.truncate(w);
    gaps
}

/// The input position of table position `t`, given the gaps [`compact`] returned: `t` plus
/// the blanks left out before it.
#[inline]
pub fn input_of(gaps: &[u32], t: usize) -> usize {
    t + gaps.partition_point(|&g| g as usize <= t)
}

/// [`input_of`], starting from the count of gaps found for the last position asked (`near`):
/// the parser asks about positions close to each other, mostly in order.
#[inline]
pub fn input_of_near(gaps: &[u32], t: usize, near: &std::cell::Cell<usize>) -> usize {
    t + super::partition_point_near(gaps, |&g| g as usize <= t, near)
}

/// Positions of the blanks to leave out, in order.
fn blanks(c: &[char], cls: &[u8]) -> Vec<usize> {
    let wrap = wrap_width(c, cls);
    let mut out = Vec::new();
    let mut line_start = 0;
    let mut i = next_with(cls, 0, BLANK);
    while i < c.len() {
        let drop = match c[i] {
            ' ' => spaced_number(c, line_start, i),
            '\n' => wrap.is_some_and(|width| wrapped(c, line_start, i, width)),
            _ => false,
        };
        if drop {
            out.push(i);
        }
        if c[i] == '\n' {
            line_start = i + 1;
        }
        // Jump to the next blank, eight chars at a time.
        i = next_with(cls, i + 1, BLANK);
    }
    out
}

/// The first position from `from` whose class shares a bit with `mask`, or the end; eight
/// class bytes at a time.
fn next_with(cls: &[u8], from: usize, mask: u8) -> usize {
    let mut i = from;
    while let Some(w) = cls.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let hit = u64::from_le_bytes(*w) & u64::from_ne_bytes([mask; 8]);
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < cls.len() && cls[i] & mask == 0 {
        i += 1;
    }
    i
}

/// A single space between a number and a word (`6.1 %`, `2023 年`, `完成 121 亿元`). A
/// short number opening a line keeps its space: it is a row number (`1 推进…`), and two
/// spaces or more separate the cells of a table.
fn spaced_number(c: &[char], line_start: usize, i: usize) -> bool {
    let (Some(&p), Some(&q)) = (i.checked_sub(1).and_then(|k| c.get(k)), c.get(i + 1)) else {
        return false;
    };
    let digit = |x: char| x.is_ascii_digit();
    let joins = (digit(p) || p == '%') && (is_cjk(q) || q == '%') || is_cjk(p) && digit(q);
    if !joins || p == ' ' || q == ' ' {
        return false;
    }
    if digit(p) {
        let mut k = i;
        while k > line_start && digit(c[k - 1]) {
            k -= 1;
        }
        if k == line_start && i - k <= 2 {
            return false;
        }
    }
    true
}

/// Display width as a page sets it: ASCII half, everything else whole (two columns).
fn width(c: &[char]) -> usize {
    // Counted in u32 lanes, which the compiler vectorises (a usize sum of chars it did not),
    // a block at a time so that no line is long enough to overflow them.
    let wide: usize = c
        .chunks(1 << 16)
        .map(|b| b.iter().map(|&x| u32::from(!x.is_ascii())).sum::<u32>() as usize)
        .sum();
    c.len() + wide
}

/// The page width of a hard-wrapped text: no line is wider, and many lines fall within one
/// character of it. None for a text whose lines are paragraphs.
fn wrap_width(c: &[char], cls: &[u8]) -> Option<usize> {
    // Line lengths in chars first: a text of paragraph lines is ruled out without measuring.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut s = 0;
    while s < c.len() {
        let e = next_with(cls, s, class::NEWLINE);
        if e - s >= MIN_PAGE_WIDTH / 2 {
            lines.push((s, e));
        }
        s = e + 1;
    }
    if lines.len() < MIN_WRAPPED_LINES {
        return None;
    }
    page_width(lines.iter().map(|&(s, e)| width(&c[s..e])).collect())
}

/// The page width that the line widths show, if any (see [`wrap_width`]).
fn page_width(mut widths: Vec<usize>) -> Option<usize> {
    let n = widths.len();
    if n < MIN_WRAPPED_LINES {
        return None;
    }
    // The lines at the page's edge are the widest ones (a few strays aside, such as a table
    // row or a long title), and many lines reach it: the most lines within three columns of
    // one width, taken among the widest. Only lines within two columns of the narrowest
    // such width can count, so those alone are sorted (a whole report has thousands).
    let strays = n / 20;
    let (_, &mut edge, _) = widths.select_nth_unstable(n - strays - 1);
    let mut top: Vec<usize> = widths.into_iter().filter(|&w| w + 2 >= edge).collect();
    if top.len() * 5 < n {
        return None;
    }
    top.sort_unstable();
    let mut best = (0, 0);
    let mut lo = 0;
    for hi in 0..top.len() {
        while top[hi] - top[lo] > 2 {
            lo += 1;
        }
        if top[hi] >= edge && hi + 1 - lo >= best.0 {
            best = (hi + 1 - lo, top[hi]);
        }
    }
    let (count, width) = best;
    (width >= MIN_PAGE_WIDTH && count >= MIN_WRAPPED_LINES && count * 5 >= n).then_some(width)
}

/// The line break at `i` only wraps: its line fills the page (to within one character) and
/// the next line goes on without an indent. A full line that ends a sentence still wraps: a
/// paragraph has several sentences and one last line, so a sentence end falls at the edge of
/// the page more often inside a paragraph than at its close.
fn wrapped(c: &[char], line_start: usize, i: usize, page: usize) -> bool {
    let goes_on = c.get(i + 1).is_some_and(|&x| x != ' ' && x != '\n');
    goes_on
        && i > line_start
        && c[i - 1] != ' '
        && !opens_item(c, i + 1)
        && width(&c[line_start..i]) + 3 >= page
}

/// A line that opens with an item's marker (`（三）`, `①`, `2.`, `3、`, `四、`, `二是`) starts
/// an item even when the line before it is full: a list of items of one length is no
/// wrapped paragraph.
fn opens_item(c: &[char], k: usize) -> bool {
    let at = |j: usize| c.get(k + j).copied().unwrap_or('\n');
    let numeral = |x: char| x.is_ascii_digit() || "一二三四五六七八九十".contains(x);
    match at(0) {
        '①'..='⑳' => true,
        '（' | '(' => {
            numeral(at(1)) && (matches!(at(2), '）' | ')') || matches!(at(3), '）' | ')'))
        }
        x if numeral(x) => {
            let mut j = 1;
            while numeral(at(j)) && j < 3 {
                j += 1;
            }
            matches!(at(j), '、' | '是' | '）' | ')') || at(j) == '.' && !at(j + 1).is_ascii_digit()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> (String, Vec<u32>) {
        let mut c: Vec<char> = s.chars().collect();
        let mut cls: Vec<u8> = c.iter().map(|&x| class::of(x)).collect();
        let gaps = compact(&mut c, &mut cls);
        assert_eq!(c.len(), cls.len());
        (c.into_iter().collect(), gaps)
    }

    #[test]
    fn spaces_beside_numbers_are_left_out() {
        let (t, gaps) = run("全年增长 6.5 %，2026 年完成 30 亿元");
        assert_eq!(t, "全年增长6.5%，2026年完成30亿元");
        assert_eq!(input_of(&gaps, 4), 5, "the 6 is the input's sixth char");
        assert_eq!(input_of(&gaps, 3), 3);
    }

    #[test]
    fn every_char_left_in_leads_back_to_its_input_position() {
        // Spaced numbers and the breaks of a hard-wrapped page, some blanks side by side.
        let line = "各级政府要坚持把改善民生作为工作的出发点和落脚点，全年完成投资";
        let mut wrapped = String::new();
        for k in 0..8 {
            wrapped.push_str(line);
            wrapped.push_str(if k % 2 == 0 { " 30 亿元\n" } else { "\n" });
        }
        for s in [wrapped.as_str(), "增长 6.5 %，2026 年", "完成 30 亿元 "] {
            let input: Vec<char> = s.chars().collect();
            let (t, gaps) = run(s);
            assert!(t.len() < s.len(), "something is left out of {s:?}");
            for (k, ch) in t.chars().enumerate() {
                assert_eq!(input[input_of(&gaps, k)], ch, "char {k} of {s:?}");
            }
            // Asked in order, backwards and at random, the cursor gives the same answers.
            let near = std::cell::Cell::new(0);
            let n = t.chars().count();
            let order = (0..n)
                .chain((0..n).rev())
                .chain((0..n).map(|k| k * 7919 % n));
            for k in order.chain([n, n + 5]) {
                assert_eq!(
                    input_of_near(&gaps, k, &near),
                    input_of(&gaps, k),
                    "{k} of {s:?}"
                );
            }
            let mut seen: Vec<usize> = (0..t.chars().count()).map(|k| input_of(&gaps, k)).collect();
            seen.dedup();
            assert_eq!(seen.len(), t.chars().count(), "positions ascend strictly");
        }
    }

    #[test]
    fn row_numbers_cells_and_words_keep_their_spaces() {
        for s in [
            "1 推进项目建设",
            "完成  30亿元",
            "2025 2026",
            "政 府 工 作",
            "5G 基站",
        ] {
            let (t, gaps) = run(s);
            assert_eq!(t, s);
            assert!(gaps.is_empty());
        }
    }

    /// The page width by a full sort, as it was first written.
    fn page_width_by_sorting(mut widths: Vec<usize>) -> Option<usize> {
        if widths.len() < MIN_WRAPPED_LINES {
            return None;
        }
        widths.sort_unstable();
        let strays = widths.len() / 20;
        let (mut best, mut lo) = ((0, 0), 0);
        for hi in 0..widths.len() {
            while widths[hi] - widths[lo] > 2 {
                lo += 1;
            }
            if hi + 1 + strays >= widths.len() && hi + 1 - lo >= best.0 {
                best = (hi + 1 - lo, widths[hi]);
            }
        }
        let (count, width) = best;
        (width >= MIN_PAGE_WIDTH && count >= MIN_WRAPPED_LINES && count * 5 >= widths.len())
            .then_some(width)
    }

    proptest::proptest! {
        #[test]
        fn page_width_by_selection_is_the_sorted_one(
            widths in proptest::collection::vec(15usize..90, 0..300),
            page in 28usize..80,
            full in 0usize..200,
            wide in proptest::collection::vec(15usize..400, 0..20),
        ) {
            // Lines up to a page width, some of them full, as a wrapped text has them.
            let mut widths: Vec<usize> = widths.into_iter().map(|w| w.min(page)).collect();
            widths.extend(std::iter::repeat_n(page, full.min(widths.len())));
            // And a few wider strays (titles, table rows).
            widths.extend(wide);
            proptest::prop_assert_eq!(
                page_width(widths.clone()),
                page_width_by_sorting(widths)
            );
        }
    }

    #[test]
    fn items_of_one_length_stay_apart() {
        let mut list = String::new();
        for k in 1..=8 {
            list.push_str(&format!(
                "{k}.新建改建城乡公办幼儿园和中小学校舍共计二十所。\n"
            ));
        }
        let (t, gaps) = run(&list);
        assert_eq!(t, list);
        assert!(gaps.is_empty());
    }

    #[test]
    fn hard_wrapped_lines_join_and_paragraph_lines_do_not() {
        let line = "一二三四五六七八九十一二三四五六七八九十";
        let mut wrapped = String::new();
        for k in 0..8 {
            wrapped.push_str(line);
            wrapped.push(if k == 3 { '。' } else { '，' });
            wrapped.push('\n');
            if k == 5 {
                // An indented line opens a paragraph.
                wrapped.push(' ');
            }
        }
        let (t, _) = run(&wrapped);
        assert_eq!(t.matches('\n').count(), 2, "{t}");
        // The same lines, each a paragraph of its own width: no page width shows.
        let mut paras = String::new();
        for k in 0..8 {
            paras.push_str(&line[..line.len() - 3 * k]);
            paras.push_str("，\n");
        }
        let (t, gaps) = run(&paras);
        assert_eq!(t, paras);
        assert!(gaps.is_empty());
    }
}
