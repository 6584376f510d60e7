//! The Chinese text of a reminder digest and of a notice, for robots and e-mail.

use crate::Message;
use duban_core::NoticeKind;
use duban_core::chase::{Digest, NoticeLevel};
use time::Date;

/// One unit's digest: every owed item with its period and due date, and the link to
/// 本期待报.
pub fn digest_message(id: &str, unit_name: &str, d: &Digest, today: Date, link: &str) -> Message {
    let title = format!("{unit_name}：{}项进度待报送", d.lines.len());
    let mut md = format!("### {title}\n");
    let mut text = format!("{title}\n");
    for (i, l) in d.lines.iter().enumerate() {
        let line = l.text(today);
        md.push_str(&format!("{}. {line}\n", i + 1));
        text.push_str(&format!("{}. {line}\n", i + 1));
    }
    md.push_str(&format!("\n[进入本期待报]({link})"));
    text.push_str(&format!("\n本期待报：{link}"));
    Message {
        id: id.to_string(),
        title,
        markdown: md,
        text,
    }
}

/// What a notice says, as issued.
#[derive(Debug, Clone)]
pub struct NoticeView<'a> {
    pub kind: NoticeKind,
    pub level: NoticeLevel,
    pub number: Option<&'a str>,
    pub matter: &'a str,
    pub requirement: &'a str,
    pub unit_name: &'a str,
    pub responsible: Option<&'a str>,
    pub deadline: Option<Date>,
    pub link: &'a str,
}

pub fn notice_message(id: &str, n: &NoticeView<'_>) -> Message {
    let colour = match n.level {
        NoticeLevel::Plain => String::new(),
        l => format!("【{}】", l.label()),
    };
    let title = match n.number {
        Some(no) => format!("{colour}{}（{no}）", n.kind.label()),
        None => format!("{colour}{}", n.kind.label()),
    };
    let deadline = n
        .deadline
        .map(|d| format!("{}年{}月{}日前", d.year(), u8::from(d.month()), d.day()))
        .unwrap_or_else(|| "—".into());
    let fields = [
        ("工作事项", n.matter.to_string()),
        ("工作要求", n.requirement.to_string()),
        ("责任单位", n.unit_name.to_string()),
        ("责任人", n.responsible.unwrap_or("—").to_string()),
        ("时限要求", deadline),
    ];
    let mut md = format!("### {title}\n");
    let mut text = format!("{title}\n");
    for (k, v) in &fields {
        md.push_str(&format!("> **{k}**：{v}\n\n"));
        text.push_str(&format!("{k}：{v}\n"));
    }
    md.push_str(&format!("[查看并反馈]({})", n.link));
    text.push_str(&format!("查看并反馈：{}", n.link));
    Message {
        id: id.to_string(),
        title,
        markdown: md,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use duban_core::Period;
    use duban_core::chase::{DigestLine, ReminderStage};
    use time::macros::date;

    #[test]
    fn a_digest_lists_every_item_and_the_link() {
        let line = |item_id, title: &str| DigestLine {
            key: format!("k{item_id}"),
            item_id,
            item_title: title.into(),
            period: Period {
                year: 2024,
                month: 6,
            },
            due: date!(2024 - 06 - 25),
            stage: ReminderStage::Before(3),
        };
        let d = Digest {
            key: "digest/1/2024-06-22".into(),
            unit_id: 1,
            lines: vec![line(1, "城镇新增就业"), line(2, "高标准农田")],
        };
        let m = digest_message(
            "digest/1/2024-06-22",
            "区人社局",
            &d,
            date!(2024 - 06 - 22),
            "http://duban.local/due",
        );
        assert_eq!(m.title, "区人社局：2项进度待报送");
        assert!(
            m.markdown
                .contains("1. 城镇新增就业（2024-06，6月25日截止，还有3天）")
        );
        assert!(m.markdown.contains("2. 高标准农田"));
        assert!(m.text.ends_with("本期待报：http://duban.local/due"));
    }

    #[test]
    fn a_notice_carries_the_fields_of_a_slip() {
        let m = notice_message(
            "n1",
            &NoticeView {
                kind: NoticeKind::Supervision,
                level: NoticeLevel::Orange,
                number: Some("山督办〔2024〕3号"),
                matter: "城镇新增就业：2024-06 期进度逾期未报送",
                requirement: "请书面说明原因",
                unit_name: "区人社局",
                responsible: Some("张华"),
                deadline: Some(date!(2024 - 07 - 05)),
                link: "http://duban.local/notices/3",
            },
        );
        assert_eq!(m.title, "【橙色】督办通知单（山督办〔2024〕3号）");
        for part in [
            "工作事项：城镇新增就业",
            "责任单位：区人社局",
            "责任人：张华",
            "时限要求：2024年7月5日前",
        ] {
            assert!(m.text.contains(part), "{part}: {}", m.text);
        }
    }
}
