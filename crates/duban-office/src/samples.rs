//! Example documents built from made-up data: the tests read them back and the test command
//! renders them with LibreOffice for people to look at (`examples/office_samples.rs`).

use crate::decomposition::{DecompositionRow, Milestone, RowKind};
use crate::official::{
    Appendix, Block, Colophon, Masthead, OfficialDoc, Table, chinese_date, doc_number,
};
use crate::progress_sheet::{ProgressRow, ProgressSheet};
use duban_core::status::{Light, Status};

/// A 督查通报 long enough for odd and even pages, with a table, an appendix and a 版记.
pub fn brief() -> OfficialDoc {
    let para = |s: &str| Block::Paragraph(s.to_string());
    let mut body = vec![
        para(
            "按照区政府工作安排，区政府督查室于7月1日至7月10日，采取查阅资料、电话核查、现场核实等方式，对2024年政府工作报告确定的重点任务上半年推进情况开展了专项督查。现将有关情况通报如下。",
        ),
        Block::Heading1("总体情况".into()),
        para(
            "纳入本次督查的重点任务共120项。截至6月底，已完成12项，占10.0%；超进度10项，占8.3%；达进度80项，占66.7%；欠进度15项，占12.5%；严重滞后3项，占2.5%。",
        ),
        Block::Table(Table::new(
            vec!["状态".into(), "项数".into(), "占比".into()],
            vec![
                vec!["已完成".into(), "12".into(), "10.0%".into()],
                vec!["超进度".into(), "10".into(), "8.3%".into()],
                vec!["达进度".into(), "80".into(), "66.7%".into()],
                vec!["欠进度".into(), "15".into(), "12.5%".into()],
                vec!["严重滞后".into(), "3".into(), "2.5%".into()],
            ],
        )),
        Block::Heading1("存在问题".into()),
        Block::Heading2("部分任务推进滞后".into()),
    ];
    for i in 1..=14 {
        body.push(para(&format!(
            "第{i}段示例文字：少数单位重视程度不够高，工作推进不够有力，个别项目前期手续办理缓慢，未能按序时进度推进，需进一步压实责任、加快进度。"
        )));
    }
    body.push(Block::Heading2("信息报送不够及时".into()));
    body.push(para(
        "部分单位未按时报送进展情况，报送内容较为笼统，缺少量化数据支撑。",
    ));
    body.push(Block::Heading1("下一步工作要求".into()));
    body.push(para("一是压实工作责任。二是加快推进滞后任务。三是强化督查问效，对欠进度、严重滞后事项实行重点督查。"));
    OfficialDoc {
        masthead: Some(Masthead {
            organ: "山城区政务督查".into(),
            number: Some("第3期".into()),
            issuer: Some("山城区人民政府督查室".into()),
            date: Some(chinese_date(2024, 7, 12)),
        }),
        title: "关于2024年政府工作报告重点任务\n上半年推进情况的通报".into(),
        recipients: Some("各镇（街道），区直各单位：".into()),
        body,
        signature: Some("山城区人民政府督查室".into()),
        date: Some(chinese_date(2024, 7, 12)),
        appendices: vec![Appendix {
            title: "2024年政府工作报告重点任务落实情况表".into(),
            body: vec![Block::Table(Table {
                widths: vec![1, 6, 3, 2, 2],
                font_half_points: 21,
                ..Table::new(
                    vec![
                        "序号".into(),
                        "任务内容".into(),
                        "牵头单位".into(),
                        "序时进度".into(),
                        "状态".into(),
                    ],
                    (1..=30)
                        .map(|i| {
                            vec![
                                i.to_string(),
                                format!("示例任务{i}：推进重点项目建设，完成年度投资计划"),
                                "区发改局".into(),
                                "50.0%".into(),
                                if i % 7 == 0 { "欠进度" } else { "达进度" }.into(),
                            ]
                        })
                        .collect(),
                )
            })],
        }],
        colophon: Some(Colophon {
            cc: Some("区委办公室，区人大常委会办公室，区政协办公室。".into()),
            printer: "山城区人民政府办公室".into(),
            print_date: chinese_date(2024, 7, 12),
        }),
    }
}

/// A 年度工作回顾: short, no 版头 and no 版记, a source table as 附件.
pub fn review() -> OfficialDoc {
    OfficialDoc {
        title: "山城区2023年工作回顾".into(),
        body: vec![
            Block::Heading1("经济运行".into()),
            Block::Paragraph(
                "全年完成地区生产总值121.3亿元，增长6.0%；社会消费品零售总额增长6.1%。".into(),
            ),
            Block::Heading1("项目建设".into()),
            Block::Paragraph(
                "新签约项目42个，总投资261.2亿元。政务服务事项办结率：暂无数据。".into(),
            ),
        ],
        appendices: vec![Appendix {
            title: "数据来源".into(),
            body: vec![Block::Table(Table::new(
                vec!["数据".into(), "来源".into()],
                vec![vec!["地区生产总值121.3亿元".into(), "指标台账".into()]],
            ))],
        }],
        ..OfficialDoc::default()
    }
}

/// A 督办通知单 with a 发文字号 in its 版头: one page.
pub fn notice() -> OfficialDoc {
    OfficialDoc {
        masthead: Some(Masthead {
            organ: "山城区人民政府督查室".into(),
            number: Some(doc_number("山督办", 2024, 5)),
            ..Masthead::default()
        }),
        title: "督办通知单".into(),
        recipients: Some("区农业农村局：".into()),
        body: vec![
            Block::Paragraph("你单位牵头的“新建1万亩高标准农田”任务，截至6月底完成进度严重滞后于序时进度。请于7月20日前书面报送整改措施和完成时限。".into()),
        ],
        signature: Some("山城区人民政府督查室".into()),
        date: Some(chinese_date(2024, 7, 12)),
        ..OfficialDoc::default()
    }
}

/// Decomposition rows with merged-looking repeats, several units and milestones.
pub fn decomposition_rows() -> Vec<DecompositionRow> {
    let ms = |q: &[(&str, &str)]| {
        q.iter()
            .map(|(l, t)| Milestone {
                label: l.to_string(),
                text: t.to_string(),
            })
            .collect::<Vec<_>>()
    };
    vec![
        DecompositionRow {
            kind: RowKind::Section,
            ..DecompositionRow::item("一", "主要预期目标")
        },
        DecompositionRow {
            target: "增长6%左右".into(),
            leader: "张三".into(),
            lead_unit: Some("区发改局".into()),
            supporting_units: vec!["区统计局".into(), "区财政局".into()],
            deadline: "2024年12月底".into(),
            milestones: ms(&[("一季度", "增长5%"), ("二季度", "增长5.5%")]),
            ..DecompositionRow::item("1", "地区生产总值增长6%左右")
        },
        DecompositionRow {
            target: "1万亩".into(),
            leader: "李四".into(),
            lead_unit: Some("区农业农村局".into()),
            deadline: "2024年10月底".into(),
            milestones: ms(&[("三季度", "完成70%"), ("四季度", "全面完成")]),
            ..DecompositionRow::item("2", "新建1万亩高标准农田")
        },
    ]
}

/// A 落实情况表 with every light and a sheet per unit.
pub fn progress_sheet() -> ProgressSheet {
    let cases = [
        ("区发改局", Status::Ahead, Light::Green, 0.61),
        ("区财政局", Status::OnTrack, Light::Green, 0.5),
        ("区农业农村局", Status::Behind, Light::Yellow, 0.41),
        ("区住建局", Status::SeriouslyBehind, Light::Red, 0.2),
        ("区发改局", Status::NotReported, Light::None, 0.0),
    ];
    ProgressSheet {
        title: "山城区2024年政府工作报告重点任务落实情况表（1—6月）".into(),
        rows: cases
            .iter()
            .enumerate()
            .map(|(i, (unit, status, light, done))| ProgressRow {
                number: (i + 1).to_string(),
                content: format!("示例任务{}：推进重点项目建设，完成年度投资计划", i + 1),
                lead_unit: unit.to_string(),
                time_progress: Some(0.5),
                figure: format!("累计完成{:.1}亿元", done * 60.0),
                completion: Some(*done),
                status: *status,
                light: *light,
                progress: "项目前期手续已办结，主体工程加快推进。".into(),
            })
            .collect(),
        sheet_per_unit: true,
    }
}
