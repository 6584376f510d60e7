//! Numbers that are names, not figures: firms with numerals (`三棵树`) and ranking fields.

use super::*;

/// Firm names that start with a Chinese numeral (X棵树公司, X只松鼠集团): wherever the report
/// names the firm with its suffix, the same words elsewhere are the name, not a count.
pub(super) fn firm_names(c: &[char]) -> Vec<Vec<char>> {
    let mut out: Vec<Vec<char>> = Vec::new();
    let [a, b] = [FIRM_SUFFIXES[0][0], FIRM_SUFFIXES[1][0]];
    // Blocks without either first char are rejected by a loop the compiler vectorises: this
    // pass touches every char of the report.
    const BLOCK: usize = 32;
    let (ua, ub) = (a as u32, b as u32);
    for (bi, block) in c.chunks(BLOCK).enumerate() {
        let hits = block.iter().fold(0u32, |acc, &x| {
            acc | (x as u32 == ua) as u32 | (x as u32 == ub) as u32
        });
        if hits == 0 {
            continue;
        }
        for (k, _) in block.iter().enumerate().filter(|&(_, &x)| x == a || x == b) {
            let p = bi * BLOCK + k;
            if p < 3 || p + 1 >= c.len() || !FIRM_SUFFIXES.contains(&[c[p], c[p + 1]]) {
                continue;
            }
            firm_before(c, p, &mut out);
        }
    }
    out
}

/// Records the numeral-led name before a firm suffix at `p`.
pub(super) fn firm_before(c: &[char], p: usize, out: &mut Vec<Vec<char>>) {
    {
        for l in [3, 4] {
            if p >= l
                && numeral::cn_digit(c[p - l]).is_some()
                && c[p - l + 1..p]
                    .iter()
                    .all(|&x| is_cjk(x) && !numeral::is_cn_numeral(x))
                && W_COUNTERS.word_at(c, p - l + 1).is_some()
            {
                let name = c[p - l..p].to_vec();
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
}

/// 引进三只松鼠、良品铺子等企业: a Chinese digit with a brand counter at `i`, in a list that
/// ends in 等 and a firm noun, is a firm's name. Only that rare pair is looked at further.
pub(super) fn firm_in_list(c: &[char], i: usize, se: usize) -> bool {
    if numeral::cn_digit(c[i]).is_none()
        || !c.get(i + 1).is_some_and(|x| BRAND_COUNTERS.contains(x))
    {
        return false;
    }
    let lim = (i + 24).min(se);
    let Some(d) = (i + 2..lim)
        .take_while(|&k| !is_clause_delim(c[k]))
        .find(|&k| c[k] == '等')
    else {
        return false;
    };
    let w = (d + 8).min(se);
    FIRM_LIST_NOUNS
        .iter()
        .any(|p| find(c, d + 1, w, p).is_some())
}

/// A count that sizes the field of a ranking (在全省91个县（市）中排名第一) is not a figure.
pub(super) fn ranking_field(c: &[char], from: usize, s_end: usize) -> bool {
    let lim = (from + 16).min(s_end);
    let Some(z) = (from..lim).find(|&k| c[k] == '中' || is_clause_delim(c[k])) else {
        return false;
    };
    c[z] == '中' && {
        let w = (z + 8).min(s_end);
        RANKING_WORDS.iter().any(|p| find(c, z + 1, w, p).is_some())
    }
}
