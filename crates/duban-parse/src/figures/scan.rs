//! Pass 1 over a sentence: where its numbers and scope words (预计, 力争, 分别) stand, with
//! quotes, footnote markers, numerals inside words and firm names passed over.

use super::*;

/// Scope words and semicolons of one sentence, by position.
#[derive(Debug, Default)]
pub(super) struct Scopes {
    pub(super) semis: Vec<usize>,
    pub(super) yuji: Vec<usize>,
    pub(super) lizheng: Vec<usize>,
    pub(super) fenbies: Vec<usize>,
}

/// Pass 1 over a sentence: its candidate numbers outside quotes and footnote markers, and where
/// its scope words stand (`预计新增就业3760人` → one candidate, 预计 at its start).
pub(super) fn scan(
    doc: &Doc<'_>,
    loc: &mut Locator<'_>,
    firms: &[Vec<char>],
    (ss, se): (usize, usize),
    scopes: &mut Scopes,
    cands: &mut Vec<Cand>,
) {
    let c = &doc.c;
    let n = c.len();
    let Scopes {
        semis,
        yuji,
        lizheng,
        fenbies,
    } = scopes;
    semis.clear();
    yuji.clear();
    lizheng.clear();
    fenbies.clear();
    cands.clear();
    let mut depth = 0i32;
    let mut ascii_quote = false;
    let mut i = ss;
    while i < se {
        // Fast path: skip chars that are neither numerals, quotes nor scope words' starts.
        i = doc.next_of(i, se, class::NUM | class::SCOPE | class::QUOTE);
        if i >= se {
            break;
        }
        let ch = c[i];
        match ch {
            '；' | ';' => semis.push(i),
            _ if doc.cls[i] & class::SCOPE == 0 => {}
            _ => match SCOPE_WORDS.iter().position(|w| at(c, i, w)) {
                Some(0) => yuji.push(i),
                Some(1) => lizheng.push(i),
                Some(2) => fenbies.push(i),
                _ => {}
            },
        }
        let d = quote_delta(ch);
        if d != 0 {
            depth = (depth + d).max(0);
            i += 1;
            continue;
        }
        if ch == '"' {
            ascii_quote = !ascii_quote;
            i += 1;
            continue;
        }
        if ch == '[' {
            // Footnote markers [1].
            let mut k = i + 1;
            while k < se && c[k].is_ascii_digit() && k - i < 4 {
                k += 1;
            }
            if k > i + 1 && c.get(k) == Some(&']') {
                i = k + 1;
                continue;
            }
        }
        let starts = ch.is_ascii_digit() || numeral::is_cn_numeral(ch);
        if !starts {
            i += 1;
            continue;
        }
        let prev_num = i > ss
            && (c[i - 1].is_ascii_digit() || numeral::is_cn_numeral(c[i - 1]) || c[i - 1] == '.');
        // 办好“十件民生实事”: a quoted commitment that opens with its count is counted.
        let quoted_commitment = depth == 1
            && !ascii_quote
            && i > ss
            && quote_delta(c[i - 1]) > 0
            && quoted_commitment(doc, i, ss, se);
        if prev_num || (depth > 0 || ascii_quote) && !quoted_commitment {
            i += 1;
            continue;
        }
        // Most Chinese numerals sit inside words (一批, 统一, 三农): a run of them not
        // followed by what could start a unit is skipped before any number is read
        // (read_figure would reject it the same way).
        let percent_words = ch == '百' && at(c, i, "百分之");
        if !ch.is_ascii_digit() && !percent_words {
            let mut k = i + 1;
            while k < n && k - i < 16 && numeral::is_cn_numeral(c[k]) {
                k += 1;
            }
            if k > se || !c.get(k).is_some_and(|&u| unit_may_start(u)) {
                i = k;
                continue;
            }
        }
        if !ch.is_ascii_digit()
            && let Some(f) = firms.iter().find(|f| c[i..].starts_with(f))
        {
            i += f.len();
            continue;
        }
        if !ch.is_ascii_digit() && firm_in_list(c, i, se) {
            i += 2;
            continue;
        }
        let (cand, next) = read_figure(doc, i, ss, se);
        if let Some(cd) = cand {
            // Rhetorical counts in headings (聚焦三项重点) are not figures.
            let commitment = COMMITMENT_WORDS.iter().any(|w| at(c, cd.end, w));
            let rhetorical = !c[cd.num_start].is_ascii_digit()
                && !commitment
                && loc.in_heading(cd.num_start, cd.end);
            if !rhetorical {
                cands.push(cd);
            }
        }
        i = next.max(i + 1);
    }
}

/// Whether the quotation opened just before `i` is a commitment with its count
/// (“十件民生实事”): the count, its unit and a commitment word.
fn quoted_commitment(doc: &Doc<'_>, i: usize, ss: usize, se: usize) -> bool {
    let c = &doc.c;
    read_figure(doc, i, ss, se)
        .0
        .is_some_and(|cd| COMMITMENT_WORDS.iter().any(|w| at(c, cd.end, w)))
}
