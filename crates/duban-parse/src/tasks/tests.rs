//! Tasks read from texts of our own making, with near misses.
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
    let p = parse("重点工作任务分解\n1  新建村级养老服务站12个  县民政局  各乡镇  2024年底前\n");
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
    let p =
        parse("2024年工作安排\n扩大有效投资。\n下面我们一起来看看\n2024\n（二○二四年一月十日）\n");
    let texts: Vec<&str> = p.tasks.iter().map(|t| t.text.as_ref()).collect();
    assert_eq!(texts, vec!["扩大有效投资。"]);
}

fn texts(p: &crate::Parsed<'_>) -> Vec<String> {
    p.tasks.iter().map(|t| t.text.to_string()).collect()
}

/// A plan whose sections have their own framing sentence, items of their own and closing
/// rhetoric, all of our own making.
const PLAN: &str = "某县政府工作报告\n一、2025年工作回顾\n去年完成生产总值100亿元。\n二、2026年工作安排\n明年是实施新规划的起步之年。明年政府工作的总体要求是：坚持稳中求进。\n明年全县发展的主要预期目标是：生产总值增长6%左右，城镇新增就业3000人。\n围绕上述目标，重点抓好以下四个方面：\n（一）壮大实体经济\n坚持工业强县，着力构建现代产业体系。\n1.培育龙头企业。新增规模以上工业企业12家。支持企业上市。\n2.建设园区平台。完善园区路网，建成标准厂房5万平方米。\n各位代表，工业是县域经济的根基。我们要久久为功，建成全省一流的工业强县！\n（二）坚持扩大内需，在稳增长上求突破。统筹投资和消费，推动经济稳健增长。\n扩大有效投资。实施重点项目40个，完成投资60亿元。\n促进消费回暖。开展促消费活动20场以上。\n继续办好民生实事。各位代表，我们梳理了三件民生实事，提请本次大会票决。①新建城区公园2个。②改造老旧小区10个。③新增停车位500个。\n此外，统筹做好国防动员、档案史志等工作。\n（三）优化营商环境。深化放管服改革，推行极简审批，压缩办事时限。\n（四）防范化解风险。\n三、加强政府自身建设\n各位代表！实干创造未来。\n坚持依法行政。自觉接受人大监督，办好代表建议。\n坚持廉洁从政。严控一般性支出，持续纠治四风。\n各位代表，让我们团结一心，为建设美好家园而奋斗！\n";

#[test]
fn one_task_per_item_and_nothing_that_frames_leads_in_or_closes() {
    let p = parse(PLAN);
    let got = texts(&p);
    let want = [
        "1.培育龙头企业。新增规模以上工业企业12家。支持企业上市。",
        "2.建设园区平台。完善园区路网，建成标准厂房5万平方米。",
        "扩大有效投资。实施重点项目40个，完成投资60亿元。",
        "促进消费回暖。开展促消费活动20场以上。",
        "①新建城区公园2个。",
        "②改造老旧小区10个。",
        "③新增停车位500个。",
        "此外，统筹做好国防动员、档案史志等工作。",
        "（三）优化营商环境。深化放管服改革，推行极简审批，压缩办事时限。",
        "坚持依法行政。自觉接受人大监督，办好代表建议。",
        "坚持廉洁从政。严控一般性支出，持续纠治四风。",
    ];
    assert_eq!(got, want);
}

#[test]
fn targets_belong_to_the_task_that_carries_them_and_goals_to_the_plan() {
    let p = parse(PLAN);
    let owned: Vec<usize> = p.tasks.iter().flat_map(|t| t.figures.clone()).collect();
    for (i, f) in p.figures.iter().enumerate() {
        let holder = p.tasks.iter().find(|t| t.figures.contains(&i));
        if f.span.contains("生产总值增长") || f.span.contains("城镇新增就业") {
            assert!(holder.is_none(), "a goal in a task: {}", f.span);
        }
        if let Some(t) = holder {
            assert!(
                t.start <= f.start && f.end <= t.end,
                "{} outside {}",
                f.span,
                t.text
            );
        }
    }
    let t = p
        .tasks
        .iter()
        .find(|t| t.text.starts_with("扩大有效投资"))
        .expect("the task");
    assert_eq!(t.figures.len(), 2, "{:?}", t.figures);
    // No figure has two owners.
    let mut sorted = owned.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), owned.len());
}

#[test]
fn sentences_on_request() {
    let opts = crate::ParseOptions {
        tasks: crate::TaskGranularity::Sentence,
    };
    let items = parse(PLAN);
    let p = crate::parse_with(PLAN, &opts);
    assert!(p.tasks.len() > items.tasks.len());
    // Every sentence lies inside one item, and the items' figures are all handed out.
    for t in &p.tasks {
        assert!(
            items
                .tasks
                .iter()
                .any(|i| i.start <= t.start && t.end <= i.end),
            "{}",
            t.text
        );
    }
    let n = |p: &crate::Parsed<'_>| p.tasks.iter().map(|t| t.figures.len()).sum::<usize>();
    assert_eq!(n(&p), n(&items));
    let got = texts(&p);
    assert!(
        got.contains(&"新增规模以上工业企业12家。".to_string()),
        "{got:?}"
    );
    assert!(got.contains(&"支持企业上市。".to_string()), "{got:?}");
    // The default is items.
    assert_eq!(parse(PLAN), crate::parse_with(PLAN, &Default::default()));
}

#[test]
fn a_heading_on_its_own_line_takes_its_one_paragraph() {
    let p = parse(
        "二、明年工作安排\n（一）做强产业\n培育龙头企业，新增规模以上工业企业12家，支持企业上市融资。\n（二）改善民生。\n",
    );
    assert_eq!(
        texts(&p),
        vec!["（一）做强产业培育龙头企业，新增规模以上工业企业12家，支持企业上市融资。"]
    );
    // Near miss: a bare heading of a summary (no text of its own) is no task.
    assert!(texts(&p).iter().all(|t| !t.contains("改善民生")));
}

#[test]
fn an_opening_paragraph_of_aims_among_lead_phrase_paragraphs() {
    let p = parse(
        "二、明年工作安排\n一、做强实体经济\n坚持工业立县不动摇，加快构建现代产业体系，着力做优做强实体经济。\n培育龙头企业。新增规模以上工业企业12家。\n建设园区平台。建成标准厂房5万平方米。\n推动技术改造。实施技改项目20个。\n",
    );
    let got = texts(&p);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        got.iter().all(|t| !t.starts_with("坚持工业立县")),
        "{got:?}"
    );
    // Near miss: paragraphs without lead phrases are all work, the first one too.
    let p = parse(
        "二、明年工作安排\n一、做强实体经济\n坚持工业立县不动摇，培育龙头企业，新增规模以上企业12家。\n建设园区平台，建成标准厂房5万平方米。\n推动技术改造，实施技改项目20个。\n",
    );
    assert_eq!(texts(&p).len(), 3, "{:?}", texts(&p));
}

#[test]
fn the_goals_list_is_not_a_task_but_a_plan_of_goals_and_tasks_is() {
    let p = parse(
        "二、今后五年的主要目标和重点任务\n今后五年全省发展的主要目标是：\n——经济实力显著增强，生产总值年均增长5%。\n——创新能力明显提升。\n围绕上述目标，重点抓好以下工作：\n——坚持创新驱动，建设科技强省。培育高新技术企业1000家。\n——坚持绿色发展，建设美丽家园。持续改善环境质量。\n",
    );
    let got = texts(&p);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[0].contains("科技强省") && got[1].contains("美丽家园"),
        "{got:?}"
    );
    // Near miss: under a heading of goals alone, target lines are the plan's goals.
    let p = parse("二、明年主要预期目标\n（一）生产总值增长6%左右。\n（二）城镇新增就业3000人。\n");
    assert!(p.tasks.is_empty(), "{:?}", texts(&p));
    assert_eq!(p.figures.len(), 2);
}

#[test]
fn inline_lists_with_a_lead_and_catch_all_paragraphs() {
    let p = parse(
        "二、明年工作安排\n（一）推动乡村振兴。一是稳定粮食生产，建设高标准农田1万亩；二是发展特色产业；三是改善人居环境。\n",
    );
    let got = texts(&p);
    assert_eq!(
        got,
        vec![
            "一是稳定粮食生产，建设高标准农田1万亩",
            "二是发展特色产业",
            "三是改善人居环境。"
        ]
    );
    assert_eq!(p.tasks[0].figures.len(), 1);
}

#[test]
fn minsheng_entries_in_one_paragraph_and_a_closing_call() {
    let p = parse(
        "二、明年工作安排\n（五）增进民生福祉\n继续办好十件民生实事。新建城区公园2个。改造老旧小区10个。新增公共停车位500个。\n让我们携手并进，共同谱写美好新篇章。\n",
    );
    assert_eq!(
        texts(&p),
        vec![
            "新建城区公园2个。",
            "改造老旧小区10个。",
            "新增公共停车位500个。"
        ]
    );
    // Near miss: a paragraph of work that names the 实事 once stays one task.
    let p = parse(
        "二、明年工作安排\n（五）增进民生福祉\n办好民生实事。加大财政投入，完善推进机制，新建公园2个。强化督查考核。\n",
    );
    assert_eq!(p.tasks.len(), 1, "{:?}", texts(&p));
}

#[test]
fn circled_numbers_are_found_wherever_they_sit() {
    let t: Vec<char> = "甲①乙⑳丙⑴丁".repeat(7).chars().collect();
    let want: Vec<usize> = (0..t.len())
        .filter(|&i| ('①'..='⑳').contains(&t[i]))
        .collect();
    assert_eq!(super::circled_numbers(&t), want);
    assert_eq!(want.len(), 14);
}

#[test]
fn a_heading_whose_own_text_is_work_stays_a_task_before_more_paragraphs() {
    let p = parse(
        "二、明年工作安排\n（一）培育优强企业。深入实施强县行动，新增规模以上工业企业20家。加快建设重点园区。\n持续完善产业链条，建立链长制。\n（二）扩大内需\n扩大有效投资，实施重点项目40个。\n",
    );
    let got = texts(&p);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got[0].starts_with("（一）培育优强企业"), "{got:?}");
    assert!(got[1].starts_with("持续完善"), "{got:?}");
}

#[test]
fn a_text_that_lost_its_line_breaks_falls_back_to_sentences() {
    let mut t = String::from("二、明年工作安排\n");
    for k in 0..100 {
        t.push_str(&format!("实施第{k}批重点项目，完成投资5亿元。"));
    }
    let p = parse(&t);
    assert_eq!(p.tasks.len(), 100);
    // Near miss: an ordinary long item stays whole.
    let t = format!(
        "二、明年工作安排\n{}\n",
        "实施重点项目，完成投资5亿元。".repeat(10)
    );
    assert_eq!(parse(&t).tasks.len(), 1);
}

#[test]
fn the_goals_list_ends_where_headings_of_another_style_begin() {
    let p = parse(
        "二、明年工作安排\n明年全县发展的主要预期目标是：\n1.生产总值增长6%左右；\n2.城镇新增就业3000人。\n（一）扩大有效投资。实施重点项目40个，完成投资60亿元。\n",
    );
    assert_eq!(
        texts(&p),
        vec!["（一）扩大有效投资。实施重点项目40个，完成投资60亿元。"]
    );
}

#[test]
fn a_paragraph_of_fields_alone_gives_no_empty_task() {
    // Found by the task invariants' proptest: a stray ； before a field label.
    let s = "。\n；  牵头单位：。。。新开工项目30个\n\n";
    for t in &parse(s).tasks {
        assert!(t.start < t.end && !t.text.is_empty(), "{t:?}");
    }
    // Near miss: a row with a real task cell keeps it.
    let p = parse("二、工作安排\n1  新建高标准农田1万亩  县农业农村局  10月底前\n");
    assert_eq!(texts(&p), vec!["新建高标准农田1万亩"]);
}
