//! Cue words of the figure reader that are not units (those are in [`super::units`]).
//! Each list says in its comment what it does, with an example.

/// Scope words tracked per sentence: 预计 (approximate), 力争 (approximate in its clause),
/// 分别 (a list of names and values). Their first chars carry `class::SCOPE`.
pub const SCOPE_WORDS: [&str; 3] = ["预计", "力争", "分别"];

/// Sentence cues of a target (only unambiguous ones: 争取/计划/目标 also describe past results,
/// 争取上级资金…).
pub const TARGET_CUES: &[&str] = &["将", "力争", "预期", "确保", "今年", "明年", "拟"];
/// Sentence cues of an actual.
pub const ACTUAL_CUES: &[&str] = &[
    "已",
    "同比",
    "比上年",
    "去年",
    "上年",
    "累计",
    "已经",
    "过去",
    "一年来",
];
/// Words counted over the opening of a text that names none of its parts: more of these
/// than of [`FUTURE_WORDS`] make it a review (a press piece about results).
pub const PAST_WORDS: &[&str] = &["同比", "比上年", "完成", "实现", "达到", "累计", "已"];
pub const FUTURE_WORDS: &[&str] = &["将", "力争", "预期", "确保", "目标", "计划", "要"];

/// Nouns that a size class (50户以上木质房屋连片村寨) qualifies: the count is a class.
pub const CLASS_NOUNS: &[&str] = &["村寨", "村", "社区", "小区", "企业", "单位", "乡镇", "园区"];

/// Ages before a noun (1万名65周岁以上常住居民): part of the noun, not a figure.
pub const AGE_WORDS: &[&str] = &["周岁以上", "岁以上", "周岁以下", "岁以下", "周岁", "岁"];
/// Marks between the two ends of an age range (35-64岁).
pub const RANGE_MARKS: &[char] = &['-', '—', '–', '~', '～', '至', '到'];

/// Nouns ending a group of projects (总投资9亿元的6个项目).
pub const PROJECT_NOUNS: &[&str] = &["项目", "工程"];

/// What an index value follows, with or without a verb (空气质量综合指数为6.06).
pub const INDEX_LEADS: &[&str] = &["指数", "指数达到", "指数为", "指数达", "指数是"];

/// Words after …中 that make a count the field of a ranking (在全省91个县中排名第一).
pub const RANKING_WORDS: &[&str] = &["排名", "排在", "位居", "位列", "居", "第"];

/// Words right after a count in a heading that make it a commitment (十件民生实事), not
/// rhetoric (聚焦三项重点).
pub const COMMITMENT_WORDS: &[&str] = &["民生", "实事", "重点民生"];

/// Ends of a phrase before a number that make it a list head: the noun after the number
/// names the figure (泉林路等6条道路).
pub const LIST_HEAD_ENDS: &[&str] = &["等", "及", "和", "与", "以及"];

/// Words holding a separator char (普及率, 惠及, 和谐): a list is never split inside them.
pub const SEP_CHAR_WORDS: &[&str] = &[
    "普及", "惠及", "涉及", "危及", "波及", "及时", "及早", "和谐", "和美", "参与", "与会",
];

/// Words holding 等 that is no list marker (中等职业学校, 高等院校, 平等协商): a name is never cut
/// after their 等.
pub const DENG_WORDS: &[&str] = &[
    "中等", "高等", "初等", "同等", "平等", "均等", "对等", "相等", "优等", "特等", "头等", "上等",
    "一等", "二等", "三等", "等级", "等于", "等同", "等待", "等候", "等额", "等量", "等效",
];

/// Separators of a list of rates sharing one figure (办结率、满意率100%).
pub const RATE_LIST_SEPS: &[&str] = &["、", "和", "及"];
/// Separators of a list of whole names sharing one percentage (工业投资、民间投资增长15%).
pub const PERCENT_LIST_SEPS: &[&str] = &["、"];
/// Words closing a clause that makes the count the size of a set joined (…之一).
pub const MEMBER_WORDS: &[&str] = &["之一"];
/// Chars between a bound word and its number (至少有1人).
pub const BOUND_LINKS: &[char] = &['有'];
/// Separators of a list of names sharing a 均 figure (X和Y均增长10%).
pub const JUN_LIST_SEPS: &[&str] = &["和", "、", "及", "与"];
/// Separators of the names before 分别.
pub const FENBIE_SEPS: &[&str] = &["、", "和", "与", "及"];

/// Measures that the last item of a 分别 list may name for all of them (养老、失业保险参保人数
/// → 养老保险参保人数, 失业保险参保人数; 盗窃、诈骗警情 → 盗窃警情, 诈骗警情). Not 金额 or 面积: 案件、损失金额
/// are two nouns.
pub const SHARED_TAILS: &[&str] = &[
    "率",
    "人数",
    "比例",
    "比重",
    "占比",
    "产量",
    "户数",
    "警情",
    "案件",
    "案件数",
];

/// Attributes that are a stock, not a flow: the things they total are named without the
/// flow word (新增高新技术企业5家，总数达到28家 → 高新技术企业总数).
pub const STOCK_ATTRIBUTES: &[&str] = &["总数", "总量"];
/// Words opening a running total of things just counted (新增3200户，累计达到2.6万户).
pub const STOCK_LEADS: &[&str] = &["累计", "总计", "总数", "总量", "共有"];
/// Flow words opening a count's name.
pub const FLOW_LEADS: &[&str] = &["新增", "新培育", "新认定", "新引进", "净增", "新建", "新"];

/// Periods written before a rate's value (每人每月800元): part of neither name nor value.
pub const PER_PERIODS: &[&str] = &[
    "每人每月",
    "每人每年",
    "每月",
    "每年",
    "每人",
    "每户",
    "每亩",
];

/// Counters of events (事故3起, 火灾12次): a short word in the next clause says what happened in
/// them (死亡4人 → 事故死亡).
pub const EVENT_UNITS: &[&str] = &["起", "次", "宗"];

/// Set words dropped from a long name (各类市场主体 → 市场主体).
pub const SET_WORDS: &[&str] = &["各类", "各项", "各种"];

/// Names of a share that say nothing of what it is a share of (占比, 比重): after a figure
/// they are its share (税收收入8.6亿元，占比70% → 税收收入占比).
pub const SHARE_WORDS: &[&str] = &["占比", "比重", "占比重"];

/// Count words dropped from a counted thing before an attribute (储备项目数量 → 储备项目).
pub const COUNT_WORDS: &[&str] = &["数量", "个数", "数"];

/// Words in a name that make a bare percentage a rate of change (居民消费价格3%左右).
pub const CHANGE_NAMES: &[&str] = &["价格", "物价", "CPI", "增长", "增速", "增幅", "涨幅"];

/// Bound words a few chars before the number (不超过总医疗费10%).
pub const NEAR_BOUNDS: &[&str] = &["不超过", "不低于", "不少于", "不高于", "控制在"];

/// Chars before 近 that make it another word (最近, 附近, 邻近).
pub const NOT_NEAR: &[char] = &['最', '附', '邻'];
/// Chars before 约 that make it another word (节约, 制约, 签约 …).
pub const NOT_ABOUT: &[char] = &['节', '制', '签', '契', '预', '邀', '公', '条', '履', '违'];

/// Names of the three sectors that 分别 splits (一二三产业 → 第一产业, 第二产业, 第三产业).
pub const SECTOR_GROUPS: &[&str] = &["一二三产业", "一、二、三产业", "一二三次产业"];
pub const SECTORS: [&str; 3] = ["第一产业", "第二产业", "第三产业"];

/// Pairs that 分别 splits into two indicators (城乡居民收入 → 城镇…, 农村…).
/// The first that the name holds is used: 低保 has its urban half in 城市 (城市低保, the
/// official term), not 城镇.
pub const PAIRS: &[(&str, &str, &str)] = &[
    ("城乡低保", "城市低保", "农村低保"),
    ("城乡", "城镇", "农村"),
    ("存贷款", "存款", "贷款"),
    ("进出口", "进口", "出口"),
    ("中小学", "中学", "小学"),
];

/// Pairs written apart, read as the pair (城、乡居民收入 → 城乡居民收入).
pub const PAIRS_APART: &[(&str, &str)] = &[("城、乡", "城乡"), ("城镇、乡村", "城乡")];

/// Generic tails dropped from a long noun read after a number (…污水治理工程 → …污水治理).
pub const GENERIC_TAILS: &[&str] = &["建设任务", "建设项目", "项目", "工程"];

/// Suffixes that name a firm: a numeral phrase before them is the firm's name (X棵树公司).
pub const FIRM_SUFFIXES: [[char; 2]; 2] = [['公', '司'], ['集', '团']];

/// Counters that firm and brand names are made with (三只松鼠, 七匹狼, 三棵树): a Chinese digit
/// with one of them, as an item of a list of firms (…等企业), is a name, not a count.
pub const BRAND_COUNTERS: &[char] = &['只', '棵', '匹', '头', '朵', '颗', '把'];
/// Nouns that close such a list after 等.
pub const FIRM_LIST_NOUNS: &[&str] = &["企业", "品牌", "公司", "集团", "龙头"];

/// Phrases of a five-year period: the figures of a sentence that opens with one are said of
/// the period as a whole and have no year (“十四五”时期年均增长6.5%).
pub const FIVE_YEAR_PERIODS: &[&str] = &[
    "“十三五”时期",
    "“十三五”期间",
    "“十四五”时期",
    "“十四五”期间",
    "“十四五”以来",
    "“十五五”时期",
    "“十五五”期间",
    "十三五时期",
    "十三五期间",
    "十四五时期",
    "十四五期间",
    "十五五时期",
    "十五五期间",
    "五年来",
    "过去五年",
    "今后五年",
    "未来五年",
];

/// Time words, never part of a name (年内确保…).
pub const TIME_WORDS: &[&str] = &[
    "年内", "今年", "全年", "当年", "同期", "目前", "去年", "明年",
];

/// Words that start like a leading word to strip but are names (在建项目, not 在 + 建项目).
pub const KEEP_LEAD: &[&str] = &[
    "在建",
    "在校",
    "在岗",
    "在册",
    "在线",
    "在库",
    "及时",
    "建设用地",
    // 开发区 is a place, not 开发 + 区.
    "开发区",
];

/// Words comparing with another place (高于全市2个百分点): with the place alone after them
/// they name nothing, and the figure continues the one before.
pub const COMPARE_WORDS: &[&str] = &["高于", "低于", "快于", "慢于", "领先"];
/// Places such a comparison is with.
pub const COMPARE_BASES: &[&str] = &[
    "全国",
    "全省",
    "全市",
    "全州",
    "全区",
    "全县",
    "全国平均",
    "全省平均",
    "全市平均",
    "全国平均水平",
    "全省平均水平",
    "全市平均水平",
    "平均水平",
];

/// Places that scope a count right after them (的全省35家企业): they qualify the count, not
/// the name.
pub const SCOPE_PLACES: &[&str] = &[
    "全国", "全省", "全市", "全州", "全区", "全县", "全镇", "全乡", "我省", "我市", "我州", "我区",
    "我县",
];

/// Measure words before a number that name no thing (总长7.6公里的…工程).
pub const MEASURE_WORDS: &[&str] = &["总长", "全长", "长度", "总面积", "面积", "总里程", "里程"];

/// Administrative levels that qualify a noun (省级、市级示范村: both share 示范村).
pub const LEVELS: &[&str] = &[
    "国家级",
    "省级",
    "市级",
    "县级",
    "区级",
    "乡级",
    "镇级",
    "村级",
    "省市级",
];

crate::lexicon::words! {
    W_KEEP_LEAD = KEEP_LEAD;
    W_DENG_WORD = DENG_WORDS;
    W_SCOPE_PLACE = SCOPE_PLACES;
    W_MEASURE_WORD = MEASURE_WORDS;
    W_TIME_WORD = TIME_WORDS;
    W_TARGET = TARGET_CUES;
    W_ACTUAL = ACTUAL_CUES;
    W_PAST = PAST_WORDS;
    W_FUTURE = FUTURE_WORDS;
    W_INDEX_LEAD = INDEX_LEADS;
    W_STOCK = STOCK_ATTRIBUTES;
    W_FLOW_LEAD = FLOW_LEADS;
    W_STOCK_LEAD = STOCK_LEADS;
    W_PER_PERIOD = PER_PERIODS;
    W_PACKAGE = PACKAGE_NOUNS;
    W_FIVE_YEAR = FIVE_YEAR_PERIODS;
    W_OVERSIGHT_VERB = OVERSIGHT_VERBS;
    W_OVERSIGHT_END = OVERSIGHT_ENDS;
    W_STRENGTHEN = STRENGTHEN_VERBS;
    W_COMPARE = COMPARE_WORDS;
    W_COMPARE_BASE = COMPARE_BASES;
}

/// Words naming a firm: money said of one firm (某某公司纳税额) is its attribute, not a figure.
pub const FIRM_WORDS: &[&str] = &["公司", "集团"];

/// Chars that may join an attribute word to its money (总投资达16亿元, 总投资约5亿元).
pub const MONEY_LINKS: &[char] = &['达', '为', '约'];

/// Nouns of a policy package counted by its articles (政策措施36条).
pub const PACKAGE_NOUNS: &[&str] = &["措施", "举措", "政策", "意见", "规定", "条款", "办法"];

/// Verbs opening a clause of oversight (加强对3个水质监测点的数据研判): the counts in it say
/// what is overseen, not work done, when the clause ends in one of [`OVERSIGHT_ENDS`].
pub const OVERSIGHT_VERBS: &[&str] = &["加强", "强化"];
/// Ends of such a clause.
pub const OVERSIGHT_ENDS: &[&str] = &["管理", "监管", "研判", "分析", "调度", "指导", "监测"];

/// Verbs of making what exists stronger (壮大6大产业集群和18条产业链): a count right after
/// one opening its clause says which things, not things to be made.
pub const STRENGTHEN_VERBS: &[&str] = &["壮大", "做强", "做大", "做优", "做精"];

/// Nouns of plan indicators: a count of them (5项经济指标) is not a figure.
pub const INDICATOR_NOUNS: &[&str] = &["指标"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::class;

    /// The scanning loop finds scope words through `class::SCOPE`: the bit must be on the
    /// first char of every scope word and on nothing else but the semicolons.
    #[test]
    fn scope_class_matches_the_scope_words() {
        let firsts: Vec<char> = SCOPE_WORDS
            .iter()
            .filter_map(|w| w.chars().next())
            .chain(['；', ';'])
            .collect();
        for u in 0..65536u32 {
            let Some(ch) = char::from_u32(u) else {
                continue;
            };
            assert_eq!(
                class::of(ch) & class::SCOPE != 0,
                firsts.contains(&ch),
                "U+{u:04X}"
            );
        }
    }

    /// `class::NUM` marks exactly the chars a number can start with.
    #[test]
    fn num_class_matches_the_numerals() {
        for u in 0..65536u32 {
            let Some(ch) = char::from_u32(u) else {
                continue;
            };
            let numeral = ch.is_ascii_digit() || crate::numeral::is_cn_numeral(ch);
            assert_eq!(class::of(ch) & class::NUM != 0, numeral, "U+{u:04X}");
        }
    }

    #[test]
    fn lists_have_no_empty_or_repeated_entries() {
        for l in [
            TARGET_CUES,
            ACTUAL_CUES,
            PAST_WORDS,
            FUTURE_WORDS,
            CLASS_NOUNS,
            AGE_WORDS,
            RANKING_WORDS,
            COMMITMENT_WORDS,
            LIST_HEAD_ENDS,
            SET_WORDS,
            CHANGE_NAMES,
            NEAR_BOUNDS,
            GENERIC_TAILS,
        ] {
            assert!(l.iter().all(|w| !w.is_empty()));
            for (i, w) in l.iter().enumerate() {
                assert!(!l[..i].contains(w), "{w} twice");
            }
        }
    }
}
