//! Units and counters as reports write them, and the small word lists the figure reader
//! needs (qualifiers, change words). Lists are ordered only for readability; matching is
//! longest-first.

/// Currency units that keep their 万/亿 multiplier (the base, after the multiplier).
pub const CURRENCY: &[&str] = &["元", "美元", "欧元", "港元", "元人民币"];

/// Percent-like units.
pub const PERCENT: &[&str] = &["%", "个百分点", "百分点", "‰", "倍", "成"];

/// Counters and measures (any 万/亿 before them is folded into the value).
pub const COUNTERS: &[&str] = &[
    "个工作日",
    "工作日",
    "个",
    "家",
    "户",
    "户次",
    "人",
    "人次",
    "名",
    "位",
    "亩",
    "公顷",
    "平方米",
    "平方公里",
    "立方米",
    "公里",
    "千米",
    "米",
    "延米",
    "吨",
    "斤",
    "公斤",
    "千克",
    "项",
    "件",
    "件次",
    "处",
    "座",
    "所",
    "条",
    "台",
    "台套",
    "套",
    "栋",
    "幢",
    "间",
    "场",
    "场次",
    "次",
    "起",
    "口",
    "辆",
    "艘",
    "架",
    "眼",
    "天",
    "大类",
    "方面",
    "宗",
    "张",
    "床",
    "株",
    "棵",
    "头",
    "只",
    "羽",
    "份",
    "笔",
    "支",
    "盏",
    "种",
    "部",
    "篇",
    "册",
    "例",
    "门",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "标箱",
    "标准箱",
    "吨标准煤",
    "微克/立方米",
    "微克每立方米",
    "平米",
    "方",
    "轮",
    "批次",
    "列",
    "班次",
];

/// Units that are fixed terms: the multiplier chars inside them are not folded into the value
/// (10.36百亿亿次/秒 is 10.36 of that unit).
pub const FIXED_UNITS: &[&str] = &["百亿亿次/秒", "百亿亿次每秒"];

/// Counters read after Arabic digits only: after a Chinese numeral they sit in words
/// (四面八方, 三方协议).
pub const ARABIC_ONLY: &[&str] = &["方", "轮"];

/// Nouns for people that take the natural counter 人 when the text has none
/// (200万中小学生 → 人).
pub const PERSON_NOUNS: &[&str] = &[
    "中小学生",
    "学生",
    "大学生",
    "高校毕业生",
    "毕业生",
    "人口",
    "贫困人口",
    "群众",
    "农民",
    "农民工",
    "居民",
    "职工",
    "儿童",
    "老人",
    "老年人",
    "妇女",
    "劳动力",
    "青年",
    "人才",
    "游客",
    "患者",
    "考生",
    "监测对象",
    "困难群众",
    "低收入人口",
];

/// Words after a number-with-unit that make it part of a name or a duration, not a count
/// (3人制篮球场, 二次会议, 两个位次, 36个月).
pub const UNIT_BREAKERS: &[&str] = &[
    "人制",
    "次会",
    "次全会",
    "次党代会",
    "位次",
    "名次",
    "个月",
    "个小时",
    "个季度",
    "件事",
    "场景",
    "处理",
    "条措施",
    "条举措",
    "条意见",
    "条政策",
    "条规定",
    "条硬措施",
    "项规定",
    "项措施",
    "项举措",
    "项政策",
    "项意见",
    "项制度",
    "项任务分解",
    "家庭",
    "位数",
    // 成/方/轮/列 begin common words as well as being units.
    "成员",
    "成果",
    "成本",
    "成为",
    "成立",
    "成功",
    "成交",
    "成效",
    "成绩",
    "成长",
    "成片",
    "成熟",
    "成都",
    "成型",
    "方式",
    "方案",
    "方向",
    "方法",
    "方针",
    "方位",
    "方阵",
    "方协议",
    "方合作",
    "方面军",
    "轮车",
    "轮驱动",
    "列入",
    "列为",
    "列车",
];

/// Named phrases that start with a numeral and are not quantities.
pub const NAMED_NUMBERS: &[&str] = &[
    "两项补贴",
    "八项规定",
    "三项制度",
    "三次产业",
    "两个确立",
    "两个维护",
    "四个意识",
    "四个自信",
    "两个毫不动摇",
    "三个务必",
    "四个全面",
    "五位一体",
    "一二三产",
    "三大攻坚战",
];

/// Words before a number that make it a rank, ordinal, streak or project attribute.
pub const SKIP_BEFORE: &[&str] = &[
    "第",
    "连续",
    "排名",
    "位居",
    "位列",
    "前进",
    "年产",
    "年产值",
    "年产能",
    "年处理",
    "日处理",
    "日产",
    "年吞吐",
    "设计产能",
    "周年",
    "星期",
    "礼拜",
    "编号",
    "电话",
    "热线",
    "届",
    "稳增长",
    "稳经济",
    "稳外贸",
    "稳就业",
    "促消费",
    "号",
    // One machine's or product's size (全球首台25兆瓦…), not an amount.
    "首台",
    "首套",
    // The site of one building or park (占地270亩的新职教中心).
    "占地",
    "占地面积",
];

/// Area units: an area followed by a park or base (2000亩桑叶产业园) is that site's size.
pub const AREA_UNITS: &[&str] = &["亩", "平方米", "平米", "公顷", "平方公里"];
/// Nouns naming one site.
pub const SITE_NOUNS: &[&str] = &["园", "基地", "中心"];

/// Change words that mean up.
pub const CHANGE_UP: &[&str] = &[
    "增长", "增加", "提高", "提升", "上涨", "上升", "涨幅", "增幅", "增速", "回升", "扩大", "增",
];

/// Change words that mean down.
pub const CHANGE_DOWN: &[&str] = &[
    "下降", "降低", "减少", "回落", "下滑", "缩小", "降幅", "改善", "压减", "下调", "降", "减",
];

/// Fillers between a change word and its number (增长了, 分别增长, 提高约).
pub const CHANGE_FILL: &[&str] = &[
    "了",
    "分别",
    "均",
    "约",
    "近",
    "达",
    "为",
    "超过",
    "超",
    "高达",
    "在",
    "控制在",
    " ",
];

/// Qualifiers written after the unit.
pub const POST_QUAL: &[&str] = &["以上", "以下", "以内", "之内", "左右"];

/// Qualifiers written before the number (checked at the end of the text before it).
pub const PRE_QUAL: &[&str] = &[
    "不低于",
    "不少于",
    "不小于",
    "超过",
    "超",
    "至少",
    "突破",
    "逾",
    "高于",
    "不超过",
    "不高于",
    "不大于",
    "低于",
    "控制在",
    "约",
    "近",
    "接近",
    "大约",
    "将近",
];

/// The comparator a qualifier word means.
pub fn qual_op(w: &str) -> duban_core::Op {
    use duban_core::Op;
    match w {
        "以上" | "不低于" | "不少于" | "不小于" | "超过" | "超" | "至少" | "突破" | "逾"
        | "高于" => Op::AtLeast,
        "以下" | "以内" | "之内" | "不超过" | "不高于" | "不大于" | "低于" | "控制在" => {
            Op::AtMost
        }
        "左右" | "约" | "近" | "接近" | "大约" | "将近" => Op::About,
        _ => Op::Exactly,
    }
}

/// Words stripped from the start of an indicator (verbs, connectives, scope words).
pub const LEAD_STRIP: &[&str] = &[
    "其中",
    // 总投资X亿元的重点项目21个: the count's name starts after 的.
    "的",
    "全年",
    "今年",
    "去年",
    "当年",
    "同时",
    "并且",
    "并",
    "以及",
    "和",
    "及",
    "与",
    "另外",
    "此外",
    "预计",
    "力争",
    "争取",
    "确保",
    "计划",
    "累计",
    "共",
    "全区",
    "全县",
    "全市",
    "全省",
    "全国",
    "全镇",
    "全乡",
    "我区",
    "我县",
    "我市",
    "我省",
    "为",
    "对",
    "在",
    "把",
    "将",
    "使",
    "完成",
    "实现",
    "建设",
    "建成",
    "新建",
    "实施",
    "开展",
    "打造",
    "培育",
    "引进",
    "引导",
    "办理",
    "发放",
    "获评",
    "认定",
    "创建",
    "加装",
    "启动",
    "推进",
    "落实",
    "组建",
    "设立",
    "安装",
    "投放",
    "拆除",
    "修缮",
    "铺设",
    "评选",
    "聘任",
    "安置",
    "封停",
    "更换",
    "施划",
    "争创",
    "申报",
    "谋划",
    "规划",
    "建立",
    "扩建",
    "研制",
    "开发",
    "帮助",
    "改造",
    "提供",
    "加快",
    "积极",
    "持续",
    "努力",
    "进一步",
    "全面",
    "大力",
    "深入",
    "着力",
    "达到",
    "达",
    "有",
    "是",
    "已",
    "首次",
    "再",
    "又",
    "均",
    "总计",
    "合计",
    "盘活",
    "缩短",
    "压缩",
    "减少",
    "节约",
    "节省",
    "首创",
    "率先",
    "统筹推进",
    "统筹",
    "同口径",
    "较年初",
    "比上年",
    "较上年",
    "同比",
    "办好",
    "办成",
    "做好",
    "抓好",
    "新改建",
    "改扩建",
];

/// Words stripped from the end of an indicator (links between the name and the number).
pub const TRAIL_STRIP: &[&str] = &[
    "达到了",
    "达到",
    "达",
    "为",
    "是",
    "完成了",
    "完成",
    "实现了",
    "实现",
    "突破",
    "超过",
    "超",
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "控制在",
    "保持在",
    "保持",
    "增长",
    "下降",
    "提高",
    "提升",
    "上涨",
    "上升",
    "回落",
    "减少",
    "降低",
    "改善",
    "增加",
    "同比",
    "比上年",
    "较上年",
    "比去年",
    "较去年",
    "较年初",
    "比年初",
    "同口径",
    "分别",
    "了",
    "均",
    "约",
    "近",
    "接近",
    "大约",
    "预计",
    "累计",
    "共",
    "的",
    "在",
    "至",
    "到",
    "总计",
    "合计",
    "逾",
    "首次",
    "涨幅",
    "增幅",
    "年均",
    "平均",
    "已",
    "就",
    "可",
    "将",
    "稳定在",
    "保持在",
    "计",
    "有",
    "全国首个",
    "全省首个",
    "全市首个",
    "首个",
    "力争",
    "确保",
    "争取",
];

/// Verbs that end a phrase before a count, so that the noun after the count names it.
pub const VERB_END: &[&str] = &[
    "实现",
    "推动",
    "新设",
    "办好",
    "办成",
    "建设",
    "建成",
    "新建",
    "实施",
    "打造",
    "开展",
    "引进",
    "培育",
    "完成",
    "创建",
    "启动",
    "推进",
    "组建",
    "设立",
    "安装",
    "投放",
    "建立",
    "扩建",
    "改造",
    "提升",
    "新增",
    "认定",
    "评选",
    "培训",
    "帮助",
    "引导",
    "支持",
    "扶持",
    "资助",
    "救助",
    "慰问",
    "走访",
    "举办",
    "承办",
    "开通",
    "开设",
    "这",
    "对",
    "为",
    "向",
    "给",
    "为全市",
    "为全县",
    "为全区",
];

/// Ends of a fund's name after an amount (拨付1600万元就业补助资金).
pub const FUND_ENDS: &[&str] = &["资金", "经费", "补贴", "补助", "奖补", "贷款", "奖励"];
/// Verbs before such an amount, kept in its name (拨付就业补助资金).
pub const FUND_VERBS: &[&str] = &[
    "拨付",
    "发放",
    "争取",
    "兑现",
    "落实",
    "下达",
    "筹集",
    "投入",
    "撬动",
    "募集",
    "兑付",
    "减免",
    "争取到",
    "安排",
    "统筹",
    "整合",
];

/// Verbs before a count that a name leaves out (推动116个重点项目加快建设 → 加快建设的重点项目).
pub const LIGHT_VERBS: &[&str] = &["推动", "推进", "加快", "促进", "统筹推进"];

/// Verbs after which an indicator really starts (为未成年人提供…服务 → …服务).
pub const MID_VERBS: [&str; 6] = ["提供", "开展", "发放", "实施", "完成", "实现"];
/// The first chars of [`MID_VERBS`].
pub const MID_VERB_FIRST: [char; 5] = ['提', '开', '发', '实', '完'];

/// Verbs that end a noun read after a number (5个项目获评… → 项目).
pub const POST_STOP: &[&str] = &[
    "获",
    "入选",
    "列入",
    "完成",
    "实现",
    "认定",
    "达到",
    "达",
    "投入",
    "开展",
    "发放",
    "整合",
    "搬",
    "纳入",
    "通过",
    "建成",
    "申报",
    "实施",
    "全部",
    "均",
    "被",
    "进行",
    "参加",
    "参与",
    "受益",
    "得到",
    "提供",
    "享受",
    "开通",
    "覆盖",
    "落地",
    "签约",
    "开工",
    "投产",
    "竣工",
    "和",
    "及",
    "与",
    "并",
    "设立",
    "成为",
    "取得",
    "创成",
    "荣获",
    "周边",
    "全面",
    "顺利",
    "圆满",
    "已经",
    "已",
    "进展",
    "运行",
    "投入使用",
    "通车",
    "按期",
    "加快",
    "保持",
];

/// Words that open the predicate of a counted noun (18个老旧小区完成改造): the name becomes
/// 完成改造的老旧小区.
pub const ACTION_AFTER: &[&str] = &[
    "获",
    "入选",
    "列入",
    "完成",
    "实现",
    "认定",
    "达到",
    "投入",
    "整合",
    "按期",
    "搬",
    "纳入",
    "通过",
    "建成",
    "申报",
    "实施",
    "全部",
    "均",
    "被",
    "参加",
    "参与",
    "受益",
    "得到",
    "享受",
    "开通",
    "落地",
    "签约",
    "开工",
    "投产",
    "竣工",
    "设立",
    "成为",
    "取得",
    "创成",
    "荣获",
    "全面",
    "顺利",
    "已经",
    "已",
    "投入使用",
    "通车",
    "建立",
    "加快",
    "保持",
];

/// Adverbs dropped from the head of such a predicate (均建立 → 建立).
pub const ADVERB_LEAD: &[&str] = &["均", "已经", "已", "都", "先后", "陆续"];

/// Names of an attribute of counted things: after a count in the same sentence they are named
/// with the things (重点项目21个，完成投资8.2亿元 → 重点项目完成投资).
pub const ATTRIBUTE: &[&str] = &[
    "总投资",
    "投资",
    "完成投资",
    "年度投资",
    "年度完成投资",
    "计划投资",
    "年度计划投资",
    "计划总投资",
    "资金",
    "到位资金",
    "下达资金",
    "总量",
    "产值",
    "金额",
    "交易金额",
    "授信金额",
    "总额",
    "开工率",
    "完成率",
    "到位率",
];

/// Ends of nouns naming a population: a rate said of several populations
/// (脱贫户和监测对象就业率) is one figure, not one per population.
pub const POPULATION_END: &[&str] = &[
    "户", "人", "者", "员", "对象", "企业", "群体", "儿童", "学生", "家庭", "人口", "居民",
];

/// Counted entities that work is done on (38个村电网改造, 10个传统产业提质升级): the name puts
/// the work first (电网改造的村).
pub const ENTITY_NOUNS: &[&str] = &[
    "村",
    "村庄",
    "行政村",
    "自然村",
    "社区",
    "小区",
    "片区",
    "企业",
    "产业",
    "学校",
    "医院",
    "乡镇",
    "镇",
    "园区",
    "景区",
    "河流",
    "河道",
    "路段",
    "传统产业",
];

/// Nouns of work done on a thing, ending such a name.
pub const WORK_ENDS: &[&str] = &[
    "改造", "治理", "征收", "管控", "硬化", "重组", "升级", "建设", "提升", "整治", "搬迁", "验收",
    "达标", "提标", "修缮", "绿化", "亮化", "美化",
];

/// Generic tails dropped before a work noun (…管控治理任务 → …管控治理).
pub const WORK_TAILS: &[&str] = &["任务", "工程", "项目", "工作"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_have_no_empty_entries() {
        for l in [
            CURRENCY,
            PERCENT,
            COUNTERS,
            PERSON_NOUNS,
            UNIT_BREAKERS,
            LEAD_STRIP,
        ] {
            assert!(l.iter().all(|s| !s.is_empty()));
        }
        assert!(CHANGE_UP.iter().chain(CHANGE_DOWN).all(|s| !s.is_empty()));
        assert_eq!(qual_op("不超过"), duban_core::Op::AtMost);
    }

    #[test]
    fn longest_unit_wins() {
        let c: Vec<char> = "人次以上".chars().collect();
        assert_eq!(crate::text::longest_at(&c, 0, COUNTERS), Some("人次"));
        let c: Vec<char> = "个百分点".chars().collect();
        assert_eq!(crate::text::longest_at(&c, 0, PERCENT), Some("个百分点"));
        let c: Vec<char> = "个工作日".chars().collect();
        assert_eq!(crate::text::longest_at(&c, 0, COUNTERS), Some("个工作日"));
    }
}

crate::lexicon::words! {
    W_CURRENCY = CURRENCY;
    W_PERCENT = PERCENT;
    W_COUNTERS = COUNTERS;
    W_PERSON = PERSON_NOUNS;
    W_BREAKERS = UNIT_BREAKERS;
    W_NAMED = NAMED_NUMBERS;
    W_FIXED = FIXED_UNITS;
    W_ATTRIBUTE = ATTRIBUTE;
    W_POPULATION_END = POPULATION_END;
    W_ENTITY = ENTITY_NOUNS;
    W_WORK_END = WORK_ENDS;
    W_WORK_TAIL = WORK_TAILS;
    W_LIGHT_VERB = LIGHT_VERBS;
    W_FUND_END = FUND_ENDS;
    W_FUND_VERB = FUND_VERBS;
    W_SKIP_BEFORE = SKIP_BEFORE;
    W_LEAD = LEAD_STRIP;
    W_TRAIL = TRAIL_STRIP;
    W_POST_STOP = POST_STOP;
    W_ACTION_AFTER = ACTION_AFTER;
    W_ADVERB_LEAD = ADVERB_LEAD;
    W_VERB_END = VERB_END;
    W_UP = CHANGE_UP;
    W_DOWN = CHANGE_DOWN;
    W_FILL = CHANGE_FILL;
    W_PRE_QUAL = PRE_QUAL;
    W_POST_QUAL = POST_QUAL;
}
