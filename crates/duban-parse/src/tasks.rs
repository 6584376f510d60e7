//! Tasks: the items of the plan part, with the units and deadline a decomposition notice
//! gives them (牵头单位：…；配合单位：…；完成时限：…).

use crate::structure::{Structure, Style, marker};
use crate::text::{Words, at, class, is_cjk};
use crate::{Doc, Figure, FigureKind, PartKind, Task, Text};
use std::sync::LazyLock;

const LEAD: &[&str] = &[
    "牵头单位",
    "责任单位",
    "主责单位",
    "牵头部门",
    "责任部门",
    "主办单位",
];
const SUPPORT: &[&str] = &["配合单位", "协办单位", "协助单位", "配合部门", "参与单位"];
const DEADLINE: &[&str] = &["完成时限", "完成时间", "时间节点", "时限要求", "时限"];

#[derive(Clone, Copy, PartialEq)]
enum Field {
    Lead,
    Support,
    Deadline,
}

/// Finds the first field label in `s..e`: (position, label end after the colon, field).
fn next_label(doc: &Doc<'_>, s: usize, e: usize) -> Option<(usize, usize, Field)> {
    static ALL: LazyLock<Words> = LazyLock::new(|| Words::new(&[LEAD, SUPPORT, DEADLINE].concat()));
    let c = &doc.c;
    let e = e.min(c.len());
    let mut p = s;
    loop {
        p = doc.next_of(p, e, class::LABEL);
        if p >= e {
            return None;
        }
        if let Some(l) = ALL.longest_at(c, p).filter(|&l| p + l <= e) {
            let w: String = c[p..p + l].iter().collect();
            let f = if LEAD.contains(&w.as_str()) {
                Field::Lead
            } else if SUPPORT.contains(&w.as_str()) {
                Field::Support
            } else {
                Field::Deadline
            };
            let mut le = p + l;
            while le < e && matches!(c[le], ' ' | '：' | ':') {
                le += 1;
            }
            return Some((p, le, f));
        }
        p += 1;
    }
}

fn split_units<'a>(doc: &Doc<'a>, s: usize, e: usize) -> Vec<Text<'a>> {
    let c = &doc.c;
    let mut out = Vec::new();
    let mut st = s;
    for k in s..=e {
        if c.get(k).is_none_or(|&ch| {
            k == e || matches!(ch, '、' | '，' | ',' | '；' | ';' | '/' | ' ' | '。')
        }) {
            let t = doc.squeeze(st, k);
            if !t.is_empty() && t != "等" {
                out.push(match t {
                    Text::Borrowed(b) => Text::Borrowed(b.trim_end_matches('等')),
                    Text::Owned(o) => Text::Owned(o.trim_end_matches('等').to_string()),
                });
            }
            st = k + 1;
        }
    }
    out
}

/// Reads the fields in `s..e` into `task`; returns where the first label starts.
fn read_fields<'a>(doc: &Doc<'a>, s: usize, e: usize, task: &mut Task<'a>) -> Option<usize> {
    let c = &doc.c;
    let (first, _, _) = next_label(doc, s, e)?;
    let mut p = first;
    while let Some((ls, le, f)) = next_label(doc, p, e) {
        let stop = next_label(doc, le, e).map(|x| x.0).unwrap_or(e);
        let mut ve = stop;
        while ve > le
            && matches!(
                c[ve - 1],
                '；' | ';' | '。' | ' ' | '，' | ',' | '）' | ')' | '（' | '('
            )
        {
            ve -= 1;
        }
        match f {
            Field::Lead => task.lead_units.extend(split_units(doc, le, ve)),
            Field::Support => task.supporting_units.extend(split_units(doc, le, ve)),
            Field::Deadline => {
                let d = doc.squeeze(le, ve);
                if !d.is_empty() {
                    task.deadline = Some(d);
                }
            }
        }
        let _ = ls;
        p = stop.max(le);
        if p >= e {
            break;
        }
    }
    Some(first)
}

const ORG_SUFFIX: &[&str] = &[
    "局",
    "委",
    "办",
    "部",
    "院",
    "中心",
    "公司",
    "政府",
    "街道",
    "镇",
    "乡",
    "处",
    "所",
    "站",
    "队",
    "会",
    "集团",
    "办公室",
    "管委会",
    "分局",
    "支队",
    "大队",
    "厅",
    "署",
];

/// Splits a table-like row (cells separated by two or more spaces or '|') into cells.
fn cells(c: &[char], s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut st = s;
    let mut k = s;
    while k < e {
        let sep = if matches!(c[k], '|' | '│') {
            1
        } else if c[k] == ' ' && k + 1 < e && c[k + 1] == ' ' {
            let mut j = k;
            while j < e && c[j] == ' ' {
                j += 1;
            }
            j - k
        } else {
            0
        };
        if sep > 0 {
            if k > st {
                out.push((st, k));
            }
            k += sep;
            st = k;
            continue;
        }
        k += 1;
    }
    if e > st {
        out.push((st, e));
    }
    out.retain(|&(a, b)| c[a..b].iter().any(|ch| *ch != ' '));
    out
}

fn is_org_cell(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    let t = doc.squeeze(a, b);
    !t.is_empty()
        && t.chars().count() <= 80
        && t.split(['、', '，', ',', '；', ';', '/']).all(|u| {
            let u = u.trim_end_matches('等');
            !u.is_empty() && ORG_SUFFIX.iter().any(|s| u.ends_with(s))
        })
}

fn is_deadline_cell(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    let t = doc.squeeze(a, b);
    t.chars().count() <= 20
        && ["年", "月", "日", "底", "前", "长期", "持续", "季度"]
            .iter()
            .any(|w| t.contains(w))
}

/// Reads a decomposition table row: (task cell range, lead units, supporting units, deadline).
#[allow(clippy::type_complexity)]
fn table_row<'a>(
    doc: &Doc<'a>,
    s: usize,
    e: usize,
) -> Option<(
    (usize, usize),
    Vec<Text<'a>>,
    Vec<Text<'a>>,
    Option<Text<'a>>,
)> {
    let c = &doc.c;
    if !c[s..e]
        .iter()
        .any(|&ch| ch == ' ' || ch == '|' || ch == '│')
    {
        return None;
    }
    let cs = cells(c, s, e);
    if cs.len() < 3 {
        return None;
    }
    let mut task: Option<(usize, usize)> = None;
    let mut orgs: Vec<(usize, usize)> = Vec::new();
    let mut deadline = None;
    for (i, &(a, b)) in cs.iter().enumerate() {
        let numeric = c[a..b]
            .iter()
            .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | '、' | '（' | '）' | '(' | ')'));
        if i == 0 && numeric {
            continue;
        }
        if task.is_some() && is_org_cell(doc, a, b) {
            orgs.push((a, b));
        } else if task.is_some() && deadline.is_none() && is_deadline_cell(doc, a, b) {
            deadline = Some(doc.squeeze(a, b));
        } else if task.is_none_or(|(ta, tb)| orgs.is_empty() && b - a > tb - ta) {
            task = Some((a, b));
        }
    }
    let task = task?;
    if orgs.is_empty() && deadline.is_none() {
        return None;
    }
    let lead = orgs
        .first()
        .map(|&(a, b)| split_units(doc, a, b))
        .unwrap_or_default();
    let support = orgs
        .get(1)
        .map(|&(a, b)| split_units(doc, a, b))
        .unwrap_or_default();
    Some((task, lead, support, deadline))
}

/// The framing paragraph of the plan (今年政府工作的总体要求是：…; 指导思想…): it states the
/// line to follow, not a piece of work.
fn framing(c: &[char], ss: usize, se: usize) -> bool {
    let head = (ss + 24).min(se);
    c[ss..head].iter().any(|&x| x == '总' || x == '指')
        && ["总体要求", "指导思想"]
            .iter()
            .any(|w| crate::text::find(c, ss, head, w).is_some())
}

/// A short line standing alone without a stop and followed by a numbered heading (抓好八个
///方面⏎（一）…): a title that introduces the list, not an item of it. Unpunctuated list items
/// are followed by their siblings, not by a heading, and stay tasks.
fn bare_title(c: &[char], ss: usize, se: usize) -> bool {
    let alone = (ss == 0 || c[ss - 1] == '\n') && c.get(se).is_none_or(|&x| x == '\n');
    if !alone
        || se - ss > 20
        || matches!(
            c[se - 1],
            '。' | '；' | ';' | '！' | '？' | '!' | '?' | '，' | ','
        )
    {
        return false;
    }
    // A bare line of no words (2024) or a press piece's lead-in (下面一起来看看) names no work.
    let wordless = !c[ss..se].iter().any(|&x| is_cjk(x))
        || c[ss..se].iter().all(|&x| {
            // A date line: （二○二二年十二月二十日）.
            crate::numeral::is_cn_numeral(x)
                || x.is_ascii_digit()
                || matches!(
                    x,
                    '年' | '月' | '日' | '（' | '）' | '(' | ')' | ' ' | '○' | '〇'
                )
        });
    let lead_in = LEAD_INS
        .iter()
        .any(|w| crate::text::find(c, ss, se, w).is_some());
    let next = (se..c.len())
        .find(|&k| !c[k].is_whitespace())
        .unwrap_or(c.len());
    wordless || lead_in || marker(c, next, c.len()).is_some()
}

/// Phrases with which press pieces lead into what follows.
const LEAD_INS: &[&str] = &["一起来看", "来看看", "划重点", "一图读懂", "速览"];

#[inline(never)] // Kept out of line so that profiles show each phase.
pub(crate) fn collect<'a>(
    doc: &Doc<'a>,
    st: &Structure<'_>,
    figures: &[Figure<'_>],
) -> Vec<Task<'a>> {
    let c = &doc.c;
    // Sized once (then trimmed), as the figures are.
    let mut tasks: Vec<Task> = Vec::with_capacity(st.sentences.len() + 16);
    let mut fi = 0;
    let mut loc = st.locator();
    for s in &st.sentences {
        let (ss, se) = (s.start, s.end);
        while fi < figures.len() && figures[fi].end <= ss && figures[fi].start < ss {
            fi += 1;
        }
        let mut figs = Vec::new();
        let mut k = fi;
        while k < figures.len() && figures[k].start < se {
            if figures[k].start >= ss {
                figs.push(k);
            }
            k += 1;
        }
        let part = loc.part_at(ss);
        let plan = matches!(
            part,
            PartKind::Goals | PartKind::Work | PartKind::SelfBuilding
        ) || figs.iter().any(|&f| figures[f].kind == FigureKind::Target);
        if !plan {
            continue;
        }
        // One pass tells which of the finer readings below can apply at all.
        let flags = doc.classes(ss, se);
        // 一是/二是: a Chinese numeral right before 是.
        let mut has_shi = false;
        if flags & class::NUM != 0 {
            let mut p = doc.next_of(ss, se, class::NUM);
            while p + 1 < se {
                if !c[p].is_ascii_digit() && c[p + 1] == '是' {
                    has_shi = true;
                    break;
                }
                p = doc.next_of(p + 1, se, class::NUM);
            }
        }
        // A line of decomposition fields belongs to the task before it.
        let label = if flags & class::LABEL != 0 {
            next_label(doc, ss, se)
        } else {
            None
        };
        if label.is_some_and(|(p, _, _)| p == ss || (p - ss <= 2 && !at(c, ss, "由"))) {
            if let Some(t) = tasks.last_mut() {
                read_fields(doc, ss, se, t);
            }
            continue;
        }
        if se - ss < 4 || (loc.in_heading(ss, se) && figs.is_empty()) {
            continue;
        }
        if figs.is_empty() && matches!(c[se - 1], '：' | ':') {
            continue;
        }
        if figs.is_empty() && (framing(c, ss, se) || bare_title(c, ss, se)) {
            continue;
        }
        let mut task = Task {
            section: loc.section_at(ss),
            text: Text::Borrowed(""),
            start: ss,
            end: se,
            figures: figs,
            lead_units: Vec::new(),
            supporting_units: Vec::new(),
            deadline: None,
        };
        let mut te = se;
        if let Some(((a, b), lead, support, deadline)) = (flags & class::CELL != 0)
            .then(|| table_row(doc, ss, se))
            .flatten()
        {
            task.start = a;
            task.end = b;
            task.text = doc.squeeze(a, b);
            task.lead_units = lead;
            task.supporting_units = support;
            task.deadline = deadline;
            tasks.push(task);
            continue;
        }
        if let Some(p) = label.and_then(|_| read_fields(doc, ss, se, &mut task)) {
            te = p;
            while te > ss && matches!(c[te - 1], '（' | '(' | ' ' | '；' | ';' | '，' | ',') {
                te -= 1;
            }
        }
        // Inline enumerations (一是…；二是…；三是…) are one task per item.
        let items = if has_shi {
            inline_items(c, ss, te)
        } else {
            Vec::new()
        };
        if items.len() >= 2 && label.is_none() {
            for (a, b) in items {
                let figures = task
                    .figures
                    .iter()
                    .copied()
                    .filter(|&f| figures[f].start >= a && figures[f].start < b)
                    .collect();
                tasks.push(Task {
                    section: loc.section_at(a),
                    text: doc.squeeze(a, b),
                    start: a,
                    end: b,
                    figures,
                    lead_units: Vec::new(),
                    supporting_units: Vec::new(),
                    deadline: None,
                });
            }
            continue;
        }
        task.end = te;
        task.text = doc.squeeze(ss, te);
        tasks.push(task);
    }
    tasks.shrink_to_fit();
    tasks
}

/// Items of an inline enumeration in `s..e`: each starts at 一是/二是/… right after the
/// sentence start or a clause stop; the text before the first item stays with it.
fn inline_items(c: &[char], s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut starts = Vec::new();
    for p in s..e {
        if class::of(c[p]) & class::NUM == 0 || c[p].is_ascii_digit() {
            continue;
        }
        let after_stop = p == s || matches!(c[p - 1], '；' | ';' | '：' | ':' | '，' | ',' | '。');
        if !after_stop {
            continue;
        }
        if let Some((Style::CnShi, _, _)) = marker(c, p, e) {
            starts.push(p);
        }
    }
    if starts.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (k, &a) in starts.iter().enumerate() {
        let a = if k == 0 { s } else { a };
        let mut b = starts.get(k + 1).copied().unwrap_or(e);
        while b > a && matches!(c[b - 1], '；' | ';' | '，' | ',' | ' ') {
            b -= 1;
        }
        if b > a {
            out.push((a, b));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::parse;

    #[test]
    fn decomposition_fields() {
        let p = parse(
            "某县任务分解方案\n二、主要预期目标\n（一）全县生产总值增长6%左右。\n牵头单位：县发改局；配合单位：县统计局、县财政局；完成时限：2024年12月底\n",
        );
        let t = p
            .tasks
            .iter()
            .find(|t| !t.figures.is_empty())
            .expect("a task with the figure");
        assert_eq!(t.lead_units, vec!["县发改局"]);
        assert_eq!(t.supporting_units, vec!["县统计局", "县财政局"]);
        assert_eq!(t.deadline.as_deref(), Some("2024年12月底"));
    }

    #[test]
    fn decomposition_table_rows() {
        let p =
            parse("重点工作任务分解\n1  新建村级养老服务站12个  县民政局  各乡镇  2024年底前\n");
        let t = p
            .tasks
            .iter()
            .find(|t| t.text.contains("养老"))
            .expect("row task");
        assert_eq!(t.text, "新建村级养老服务站12个");
        assert_eq!(t.lead_units, vec!["县民政局"]);
        assert_eq!(t.supporting_units, vec!["各乡镇"]);
        assert_eq!(t.deadline.as_deref(), Some("2024年底前"));
        assert_eq!(t.figures.len(), 1);
    }

    #[test]
    fn inline_enumerations_split() {
        let p = parse(
            "今年重点工作\n一是扩大投资，新开工项目30个；二是稳定就业，新增就业2000人；三是改善环境。\n",
        );
        let texts: Vec<&str> = p.tasks.iter().map(|t| t.text.as_ref()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert_eq!(p.tasks[1].figures.len(), 1);
    }

    #[test]
    fn framing_paragraphs_and_bare_titles_are_not_tasks() {
        let p = parse(
            "2024年工作安排\n今年政府工作的总体要求是：坚持稳中求进，推动高质量发展。\n重点抓好六个方面\n一、稳增长\n扩大有效投资，新开工项目30个以上。\n推动消费回暖。\n实施老旧小区改造\n建设口袋公园\n",
        );
        let texts: Vec<&str> = p.tasks.iter().map(|t| t.text.as_ref()).collect();
        assert!(texts.iter().all(|t| !t.contains("总体要求")), "{texts:?}");
        assert!(texts.iter().all(|t| !t.contains("六个方面")), "{texts:?}");
        assert!(
            texts.contains(&"扩大有效投资，新开工项目30个以上。"),
            "{texts:?}"
        );
        assert!(texts.contains(&"推动消费回暖。"), "{texts:?}");
        // Unpunctuated items of a list are not titles.
        assert!(texts.contains(&"实施老旧小区改造"), "{texts:?}");
        assert!(texts.contains(&"建设口袋公园"), "{texts:?}");
        let p = parse(
            "2024年工作安排\n扩大有效投资。\n下面我们一起来看看\n2024\n（二○二四年一月十日）\n",
        );
        let texts: Vec<&str> = p.tasks.iter().map(|t| t.text.as_ref()).collect();
        assert_eq!(texts, vec!["扩大有效投资。"]);
    }
}
