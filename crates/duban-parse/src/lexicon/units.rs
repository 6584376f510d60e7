//! Units and counters as reports write them, and the small word lists the figure reader
//! needs (qualifiers, change words). Lists are ordered only for readability; matching is
//! longest-first.

/// Currency units that keep their 万/亿 multiplier (the base, after the multiplier).
pub const CURRENCY: &[&str] = &["元", "美元", "欧元", "港元", "元人民币"];

/// Percent-like units.
pub const PERCENT: &[&str] = &["%", "个百分点", "百分点", "‰", "倍", "成"];

/// Counters and measures (any 万/亿 before them is folded into the value).
/// Counters of things, not of amounts (个, 所; not 公里, 吨): what a head noun after the
/// count can be.
pub const THING_COUNTERS: &[&str] = &[
    "个", "所", "条", "家", "座", "处", "项", "宗", "栋", "幢", "间", "台", "支", "套",
];

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
    "大项",
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
    "根",
    "道",
];

/// Units that are fixed terms: the multiplier chars inside them are not folded into the value
/// (10.36百亿亿次/秒 is 10.36 of that unit).
pub const FIXED_UNITS: &[&str] = &["百亿亿次/秒", "百亿亿次每秒"];

/// Counters read after Arabic digits only: after a Chinese numeral they sit in words
/// (四面八方, 三方协议, 黑三轮, 一道) unless a verb governs the count (开展三轮巡察).
pub const ARABIC_ONLY: &[&str] = &["方", "轮", "道"];

/// What may follow 元 after a slash, kept in the unit as written (560元/月, 20元/人).
pub const PER_UNITS: &[&str] = &[
    "人·月",
    "人/月",
    "人·年",
    "人/年",
    "月",
    "年",
    "人",
    "户",
    "亩",
    "吨",
    "天",
    "平方米",
];

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
    "农村人口",
    "城镇人口",
    "脱贫人口",
    "农村居民",
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
    "根据",
    "根本",
    "根源",
    "道路",
    "道德",
    "道理",
    "道口",
];

/// Abstract heads after a Chinese-numeral count (三个不动摇, 两个确保, 四项改革): rhetoric, not a
/// tracked count. Arabic digits before them still count (开展3项改革试点).
pub const RHETORIC_HEADS: &[&str] = &[
    "不动摇",
    "确保",
    "重点",
    "百分之百",
    "机制",
    "体系",
    "格局",
    "战略",
    "目标",
    "领域",
    "环节",
    "优先",
    "转变",
    "统筹",
    "结合",
    "融合",
    "意识",
    "自信",
    "维护",
    "务必",
    "改革",
    "行动",
    "整治",
    "坚持",
    "作风",
    "攻坚",
];

/// Named phrases that start with a numeral and are not quantities.
pub const NAMED_NUMBERS: &[&str] = &[
    // Place names with a numeral and a counter char.
    "三门峡",
    "七台河",
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
    // A record of one machine or structure (世界最长120米的叶片), not an amount of work.
    "全球最高",
    "全球最大",
    "全球最长",
    "世界最高",
    "世界最大",
    "世界最长",
    "国内最大",
    "国内最长",
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
    "达到",
    "保持在",
    "稳定在",
    " ",
];

/// Qualifiers written after the unit.
pub const POST_QUAL: &[&str] = &["以上", "以下", "以内", "之内", "左右", "及以上", "及以下"];

/// Qualifiers written before the number (checked at the end of the text before it).
pub const PRE_QUAL: &[&str] = &[
    "不低于",
    "不少于",
    "不小于",
    "超过",
    "超",
    "至少",
    "突破",
    "迈上",
    "跨上",
    "跃上",
    "站上",
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
        "以上" | "及以上" | "不低于" | "不少于" | "不小于" | "超过" | "超" | "至少" | "突破"
        | "迈上" | "跨上" | "跃上" | "站上" | "逾" | "高于" => Op::AtLeast,
        "以下" | "及以下" | "以内" | "之内" | "不超过" | "不高于" | "不大于" | "低于"
        | "控制在" => Op::AtMost,
        "左右" | "约" | "近" | "接近" | "大约" | "将近" => Op::About,
        _ => Op::Exactly,
    }
}

pub use super::names::*;
pub use super::predicates::*;

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
    fn thing_counters_are_counters() {
        for w in THING_COUNTERS {
            assert!(
                COUNTERS.contains(w),
                "{w} is read as a unit only if it is a counter"
            );
        }
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
    W_PER = PER_UNITS;
    W_RHETORIC = RHETORIC_HEADS;
    W_ATTRIBUTE = ATTRIBUTE;
    W_POPULATION_END = POPULATION_END;
    W_ENTITY = ENTITY_NOUNS;
    W_WORK_END = WORK_ENDS;
    W_WORK_TAIL = WORK_TAILS;
    W_WORK_OBJECT = WORK_OBJECT_ENDS;
    W_GROUP_HEAD = GROUP_HEADS;
    W_MERGE_VERB = MERGE_VERBS;
    W_LIGHT_VERB = LIGHT_VERBS;
    W_CAUSATIVE = CAUSATIVE_VERBS;
    W_OUTCOME = OUTCOME_VERBS;
    W_PRE_VERB = PRE_VERB_ADVERBS;
    W_BENEFACTIVE = BENEFACTIVE_VERBS;
    W_MID_VERB = MID_VERBS_LIST;
    W_FUND_END = FUND_ENDS;
    W_AMOUNT_NOUN = AMOUNT_NOUNS;
    W_FUND_VERB = FUND_VERBS;
    W_SKIP_BEFORE = SKIP_BEFORE;
    W_LEAD = LEAD_STRIP;
    W_TRAIL = TRAIL_STRIP;
    W_POST_STOP = POST_STOP;
    W_ACTION_AFTER = ACTION_AFTER;
    W_ADVERB_LEAD = ADVERB_LEAD;
    W_RELATIVE_LEAD = RELATIVE_LEADS;
    W_VERB_END = VERB_END;
    W_UP = CHANGE_UP;
    W_DOWN = CHANGE_DOWN;
    W_FILL = CHANGE_FILL;
    W_PRE_QUAL = PRE_QUAL;
    W_POST_QUAL = POST_QUAL;
}
