//! Word lists around the predicate of a counted thing: the verbs before a count (`完成`, `帮助`,
//! `为`), the words that open what is done to the thing after it (`18个老旧小区完成改造` →
//! 完成改造的老旧小区) and the adverbs around them. Re-exported from [`super::units`].

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
    "改善",
    "加强",
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
    "为全州",
    "为全省",
];

/// Verbs that make the counted people do what follows (帮助300户农户销售农产品, 为2万名妇女
/// 免费开展筛查): any predicate after the count names them, not only one opening with an
/// action word.
pub const CAUSATIVE_VERBS: &[&str] = &["帮助", "组织", "引导", "支持", "扶持", "带动", "吸引"];
/// Prepositions of the people a service is for (为200万中小学生开展心理健康测评): the name is the
/// people with the service (中小学生心理健康测评).
pub const BENEFACTIVE_VERBS: &[&str] = &["为", "给", "向"];

/// Intransitive outcomes that a name keeps with their 实现 (实现就业, 实现脱贫): the verb is
/// part of what is counted.
pub const OUTCOME_VERBS: &[&str] = &["就业", "脱贫", "增收", "转移", "上市", "投产", "达产"];

/// Verbs before a count that a name leaves out (推动116个重点项目加快建设 → 加快建设的重点项目).
pub const LIGHT_VERBS: &[&str] = &["推动", "推进", "加快", "促进", "统筹推进"];

/// Verbs after which an indicator really starts (为未成年人提供…服务 → …服务).
pub const MID_VERBS: [&str; 6] = ["提供", "开展", "发放", "实施", "完成", "实现"];
/// [`MID_VERBS`] as a word list.
pub const MID_VERBS_LIST: &[&str] = &MID_VERBS;
/// The first chars of [`MID_VERBS`].
pub const MID_VERB_FIRST: [char; 5] = ['提', '开', '发', '实', '完'];

/// Verbs that end a noun read after a number (5个项目获评… → 项目).
pub const POST_STOP: &[&str] = &[
    // Merge verbs (…村小学撤并为6所), whose 并 is no conjunction.
    "合并",
    "撤并",
    "归并",
    "稳定",
    "签订",
    "陆续",
    "相继",
    "率先",
    "成功",
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
    // Verbs of becoming (…发展成为中等城市): the noun ends before them.
    "发展成为",
    "发展为",
    "升级为",
    "晋升为",
    "转型为",
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
    "集中开工",
    "集中签约",
    "集中竣工",
    "如期",
    "提前",
    "正式",
    "全覆盖",
];

/// Words that open the predicate of a counted noun (18个老旧小区完成改造): the name becomes
/// 完成改造的老旧小区.
pub const ACTION_AFTER: &[&str] = &[
    "稳定",
    "签订",
    "陆续",
    "相继",
    "率先",
    "成功",
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
    // Verbs of becoming (…发展成为中等城市): the noun ends before them.
    "发展成为",
    "发展为",
    "升级为",
    "晋升为",
    "转型为",
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
    "免费",
    "集中开工",
    "集中签约",
    "集中竣工",
    "如期",
    "提前",
    "正式",
    "全覆盖",
];

/// Words opening a relative clause before 的 after a count (10个有条件的县, 8家符合条件的企业):
/// the clause qualifies the noun after it, which takes the predicate that follows.
pub const RELATIVE_LEADS: &[&str] = &[
    "有", "具有", "具备", "符合", "已", "已经", "正在", "尚未", "未",
];

/// Adverbs before the verb that governs a count (免费为3万名老年人…, 累计帮助…).
pub const PRE_VERB_ADVERBS: &[&str] = &["免费", "累计", "共", "共计", "先后", "陆续", "再", "又"];

/// Adverbs dropped from the head of such a predicate (均建立 → 建立).
pub const ADVERB_LEAD: &[&str] = &["均", "已经", "已", "都", "先后", "陆续"];
