//! Numbers that qualify a noun instead of stating a figure: thresholds and sizes that define a
//! class (`千万元以上纳税企业`, `50户以上村寨`, `10万千瓦及以下机组`), the field of a ranking, and
//! the attributes of one named project, park or plant (`总投资2.8亿元的…项目`, `2000亩桑叶产业园`).

use super::*;

/// A number read with its unit and the qualifier after it.
pub(super) struct Qualified<'u> {
    pub(super) unit: &'u str,
    pub(super) percent: bool,
    pub(super) currency: bool,
    /// End of the unit.
    pub(super) ue: usize,
    /// End of the qualifier after the unit.
    pub(super) end: usize,
    pub(super) op_post: Option<Op>,
    /// The money of a group of projects (总投资9亿元的6个项目): an aggregate, kept.
    pub(super) group: bool,
}

/// The end of the noun at `from` (up to a clause end, a list comma, a predicate word or `lim`).
fn noun_end(c: &[char], from: usize, lim: usize) -> usize {
    (from..lim)
        .find(|&k| {
            is_clause_delim(c[k])
                || c[k] == '、'
                || k > from && W_POST_STOP.longest_at(c, k).is_some()
        })
        .unwrap_or(lim)
}

/// The number defines a class of the noun after it, or sizes the field of a ranking.
pub(super) fn defines_class(c: &[char], s_end: usize, q: &Qualified<'_>) -> bool {
    let end = q.end;
    let bound = matches!(q.op_post, Some(Op::AtLeast | Op::AtMost));
    // Thresholds that define a class (千万元以上纳税企业, 50万元以上的经济强村).
    // A percentage of a class (60%以上的县级机构达标) is a share, not a class.
    if !q.percent && bound && end < s_end && end > q.ue {
        let nx = c[end];
        if nx == '的' || (q.currency && is_cjk(nx)) {
            return true;
        }
    }
    // A bound joined by 及 defines a class (10万千瓦及以下燃煤机组, 县级及以上医院).
    if bound
        && q.ue < end
        && c[q.ue] == '及'
        && c.get(end)
            .is_some_and(|&x| is_cjk(x) && !is_clause_delim(x))
    {
        return true;
    }
    // A size class of the noun that follows (50户以上木质房屋连片村寨, 100人以上企业,
    // 20户以上自然村全部通路).
    if matches!(q.unit, "户" | "人" | "名") && bound {
        let lim = (end + 16).min(s_end);
        let stop = (end..lim)
            .find(|&k| is_clause_delim(c[k]) || c[k] == '、')
            .unwrap_or(lim);
        let noun = noun_end(c, end, stop);
        // The class noun may be followed by the work done on the class (…连片村寨消防改造).
        let classy = CLASS_NOUNS
            .iter()
            .any(|w| ends_with(c, end, stop, w) || find(c, end, noun, w).is_some());
        if stop > end && classy {
            return true;
        }
    }
    !q.percent && !q.currency && ranking_field(c, end, s_end)
}

/// The number is an attribute of one named project, park or plant.
pub(super) fn attribute_of_one(
    c: &[char],
    s_start: usize,
    s_end: usize,
    i: usize,
    q: &Qualified<'_>,
) -> bool {
    let end = q.end;
    let de_after = c.get(end) == Some(&'的');
    // Attributes of one named project (总投资2.8亿元的…项目, 30万吨乙醇项目); a group of
    // projects (总投资9亿元的6个项目, …的A、B项目) is an aggregate and stays.
    if q.currency && de_after && ends_with(c, s_start, i, "投资") && !q.group {
        return true;
    }
    if q.currency && de_after && !q.group {
        let lim = (end + 24).min(s_end);
        if find(c, end, lim, "项目").is_some() || find(c, end, lim, "工程").is_some() {
            let stop = (end..lim).find(|&k| is_clause_delim(c[k])).unwrap_or(lim);
            if find(c, end, stop, "项目").is_some() || find(c, end, stop, "工程").is_some() {
                return true;
            }
        }
    }
    let cjk_after = is_cjk(c.get(end).copied().unwrap_or(' '));
    // The area of one park or base (2000亩桑叶产业园) is its attribute.
    if AREA_UNITS.contains(&q.unit) && cjk_after {
        let lim = (end + 12).min(s_end);
        let stop = (end..lim)
            .find(|&k| is_clause_delim(c[k]) || c[k] == '、')
            .unwrap_or(lim);
        if SITE_NOUNS.iter().any(|w| find(c, end, stop, w).is_some()) {
            return true;
        }
    }
    if !q.percent
        && cjk_after
        && !THING_COUNTERS.contains(&q.unit)
        && names_a_list_member(c, end, s_end)
    {
        return true;
    }
    if matches!(q.unit, "吨" | "千瓦" | "兆瓦") && cjk_after {
        // Capacity, product, then 项目 (20万吨甲乙及丙丁生产项目).
        let lim = (end + 16).min(s_end);
        let stop = (end..lim)
            .find(|&k| is_clause_delim(c[k]) || c[k] == '、')
            .unwrap_or(lim);
        if find(c, end, stop, "项目").is_some() {
            return true;
        }
    }
    false
}

/// 确保10万吨甲产品及乙产品等8个项目投产: a measure inside the names of an open list (up to
/// 等 and its count, with no other figure between) is part of one member's name; a count
/// there (甲等10个枢纽、乙等5个基地) is a list's own.
fn names_a_list_member(c: &[char], end: usize, s_end: usize) -> bool {
    let lim = (end + 32).min(s_end);
    let Some(k) = (end..lim)
        .take_while(|&k| !is_clause_delim(c[k]) && !c[k].is_ascii_digit())
        .find(|&k| c[k] == '等' && W_DENG_WORD.longest_at(c, k - 1) != Some(2))
    else {
        return false;
    };
    let next = c.get(k + 1).copied().unwrap_or(' ');
    next.is_ascii_digit() || numeral::cn_digit(next).is_some()
}

/// Words whose figure is not tracked: money said of one firm (某某公司纳税额突破5000万元), and
/// counts of indicators (5项经济指标增速高于全国, 主要目标设定为12项指标; a quota in 亩 is land).
pub(super) fn untracked(c: &[char], cand: &Cand, seg: usize) -> bool {
    let ns = cand.num_start;
    if cand.currency && FIRM_WORDS.iter().any(|w| find(c, seg, ns, w).is_some()) {
        return true;
    }
    // A change of rank (排名较上年提升12位) and a policy package by its article count
    // (出台稳经济政策措施36条) are not figures.
    if cand.unit == "位" && change_before(c, seg, ns).is_some() {
        return true;
    }
    if cand.unit == "条" && W_PACKAGE.longest_ending(c, seg, ns).is_some() {
        return true;
    }
    // …before the noun too (制定“甲”6条支持政策).
    if cand.unit == "条"
        && let Some((ps, pe)) = cand.post
        && ps == cand.end
        && W_PACKAGE.longest_ending(c, ps, pe).is_some()
    {
        return true;
    }
    if member_of_a_set(c, cand) || strengthened(c, cand) {
        return true;
    }
    if oversight(c, cand) {
        return true;
    }
    matches!(&*cand.unit, "项" | "个")
        && cand
            .post
            .is_some_and(|(ps, pe)| INDICATOR_NOUNS.iter().any(|w| find(c, ps, pe, w).is_some()))
}

/// 壮大6大特色产业集群和18条乡村富民产业链: counts in a clause opened by a verb of making
/// what exists stronger say which things it strengthens.
fn strengthened(c: &[char], cand: &Cand) -> bool {
    if cand.currency || cand.percent {
        return false;
    }
    let (vs, _) = strip_punct(c, clause_start(c, 0, cand.num_start), cand.num_start);
    W_STRENGTHEN.longest_at(c, vs).is_some()
}

/// 成为全省27个试点县（市、区）之一: the count is the size of a set the place joins, not a
/// result of its own.
fn member_of_a_set(c: &[char], cand: &Cand) -> bool {
    if cand.currency || cand.percent {
        return false;
    }
    let lim = (cand.end + MAX_CLAUSE).min(c.len());
    (cand.end..lim)
        .take_while(|&k| !is_clause_delim(c[k]) && !c[k].is_ascii_digit())
        .any(|k| MEMBER_WORDS.iter().any(|w| at(c, k, w)))
}

/// 加强对3个水质监测点的数据研判: a count in a clause of oversight says what is overseen.
fn oversight(c: &[char], cand: &Cand) -> bool {
    if cand.currency || cand.percent {
        return false;
    }
    // The clause end first: an oversight word there is rare, so most counts stop here.
    let lim = (cand.end + MAX_CLAUSE).min(c.len());
    let ce = (cand.end..lim)
        .find(|&k| is_clause_delim(c[k]))
        .unwrap_or(lim);
    if W_OVERSIGHT_END.longest_ending(c, cand.end, ce).is_none() {
        return false;
    }
    let (vs, _) = strip_punct(c, clause_start(c, 0, cand.num_start), cand.num_start);
    W_OVERSIGHT_VERB.longest_at(c, vs).is_some()
}
