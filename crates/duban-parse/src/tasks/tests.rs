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
