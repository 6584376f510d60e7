//! Op: the bound a figure states, from the qualifier around the number (`以上`, `左右`, `近`),
//! a bound word shortly before it (`不超过总医疗费10%`), or a 预计/力争 scope (`预计增长6%` → `~`).

use super::*;

/// The op of `cand`, whose clause starts at `cs` and phrase at `seg`; `continues` says the
/// figure continues the previous one (居民人均可支配收入预计4.6万元，增长10%).
pub(super) fn op_of(
    sent: &Sentence<'_, '_>,
    cand: &Cand,
    figs: &[Fig<'_>],
    cs: usize,
    seg: usize,
    continues: bool,
) -> Op {
    if let Some(op) = cand.op_post {
        return op;
    }
    let c = &sent.doc.c;
    let ns = cand.num_start;
    let mut e = ns;
    while e > seg && matches!(c[e - 1], '了' | ' ') {
        e -= 1;
    }
    // 至少有1人: 有 joins the bound to the number.
    if e > seg + 1
        && BOUND_LINKS.contains(&c[e - 1])
        && W_PRE_QUAL.longest_ending(c, seg, e - 1).is_some()
    {
        e -= 1;
    }
    if let Some(w) = W_PRE_QUAL.word_ending(c, seg.min(e), e) {
        // 最近/附近 are not 近.
        let near_word = w == "近" && e >= 2 && NOT_NEAR.contains(&c[e - 2]);
        // 节约/制约/签约 are not 约.
        let yue_word = w == "约" && e >= 2 && NOT_ABOUT.contains(&c[e - 2]);
        if !near_word && !yue_word {
            return qual_op(w);
        }
    }
    // A bound word a few chars before the number (不超过总医疗费10%).
    let near = ns.saturating_sub(14).max(seg);
    if c[near..ns].iter().any(|&x| x == '不' || x == '控') {
        for w in NEAR_BOUNDS {
            if find(c, near, ns, w).is_some() {
                return qual_op(w);
            }
        }
    }
    // 预计/力争 inside a clause cover that clause (and elided continuations).
    let scopes = sent.scopes;
    let clause_yuji = any_in(&scopes.yuji, cs, ns);
    // 力争 reaches past commas to the next semicolon (力争A增长7%，B增长10%；C…).
    let semi = scopes.semis.partition_point(|&q| q < ns);
    let ls = semi
        .checked_sub(1)
        .map_or(sent.ss, |k| scopes.semis[k] + 1)
        .max(sent.ss);
    let lizheng = any_in(&scopes.lizheng, ls, ns);
    let prev_scoped = figs.last().is_some_and(|f| f.scoped);
    if sent.yuji_sentence || clause_yuji || lizheng || continues && prev_scoped {
        // 居民人均可支配收入预计4.6万元，增长10%: 预计 covers the continuation.
        Op::About
    } else {
        Op::Exactly
    }
}
