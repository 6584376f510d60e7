//! Folding: full-width forms to ASCII and traditional ideographs to simplified (`萬` → `万`),
//! so that the scanners only know one spelling.

/// Folds the full-width forms that reports mix freely into their ASCII counterparts, so that
/// the scanners only need to know one spelling. Chinese punctuation is kept as is.
#[inline]
pub fn norm(c: char) -> char {
    // Fast path: plain ASCII never changes; ideographs only through the traditional table.
    if c.is_ascii() && !matches!(c, '\t' | '\r') {
        return c;
    }
    let u = c as u32;
    if (0x4e00..0x4e00 + 0x5200).contains(&u) {
        let k = (u - 0x4e00) as usize;
        if T2S_BITS[k / 64] & (1 << (k % 64)) == 0 {
            return c;
        }
        return match T2S.binary_search_by_key(&c, |p| p.0) {
            Ok(i) => T2S[i].1,
            Err(_) => c,
        };
    }
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        'Ａ'..='Ｚ' => char::from_u32(c as u32 - 'Ａ' as u32 + 'A' as u32).unwrap_or(c),
        'ａ'..='ｚ' => char::from_u32(c as u32 - 'ａ' as u32 + 'a' as u32).unwrap_or(c),
        '％' => '%',
        '．' => '.',
        '－' | '—' | '–' | '～' | '〜' => '-',
        '／' => '/',
        '［' | '【' => '[',
        '］' | '】' => ']',
        '\u{3000}' | '\u{a0}' | '\t' | '\r' => ' ',
        _ => c,
    }
}

/// Traditional forms of the characters the scanners look for (numerals, counters, qualifier
/// and change words), folded to simplified for scanning only; spans keep the original.
pub(super) const T2S: &[(char, char)] = &[
    ('並', '并'),
    ('來', '来'),
    ('倉', '仓'),
    ('個', '个'),
    ('們', '们'),
    ('價', '价'),
    ('億', '亿'),
    ('內', '内'),
    ('兩', '两'),
    ('別', '别'),
    ('劃', '划'),
    ('動', '动'),
    ('務', '务'),
    ('勞', '劳'),
    ('區', '区'),
    ('協', '协'),
    ('參', '参'),
    ('噸', '吨'),
    ('圍', '围'),
    ('園', '园'),
    ('場', '场'),
    ('學', '学'),
    ('實', '实'),
    ('將', '将'),
    ('專', '专'),
    ('對', '对'),
    ('屆', '届'),
    ('幣', '币'),
    ('幹', '干'),
    ('幾', '几'),
    ('廠', '厂'),
    ('廣', '广'),
    ('張', '张'),
    ('從', '从'),
    ('態', '态'),
    ('應', '应'),
    ('戰', '战'),
    ('戶', '户'),
    ('據', '据'),
    ('擴', '扩'),
    ('數', '数'),
    ('於', '于'),
    ('會', '会'),
    ('東', '东'),
    ('條', '条'),
    ('棟', '栋'),
    ('業', '业'),
    ('標', '标'),
    ('機', '机'),
    ('歲', '岁'),
    ('歷', '历'),
    ('滬', '沪'),
    ('漲', '涨'),
    ('澇', '涝'),
    ('瀋', '沈'),
    ('為', '为'),
    ('營', '营'),
    ('爭', '争'),
    ('獲', '获'),
    ('現', '现'),
    ('環', '环'),
    ('產', '产'),
    ('畝', '亩'),
    ('當', '当'),
    ('發', '发'),
    ('稅', '税'),
    ('種', '种'),
    ('積', '积'),
    ('節', '节'),
    ('簽', '签'),
    ('籌', '筹'),
    ('糧', '粮'),
    ('約', '约'),
    ('級', '级'),
    ('紹', '绍'),
    ('統', '统'),
    ('綠', '绿'),
    ('網', '网'),
    ('線', '线'),
    ('縣', '县'),
    ('總', '总'),
    ('續', '续'),
    ('臺', '台'),
    ('與', '与'),
    ('興', '兴'),
    ('舉', '举'),
    ('萬', '万'),
    ('蘇', '苏'),
    ('處', '处'),
    ('號', '号'),
    ('衛', '卫'),
    ('裏', '里'),
    ('製', '制'),
    ('規', '规'),
    ('計', '计'),
    ('設', '设'),
    ('調', '调'),
    ('證', '证'),
    ('議', '议'),
    ('豐', '丰'),
    ('財', '财'),
    ('貧', '贫'),
    ('貨', '货'),
    ('費', '费'),
    ('資', '资'),
    ('車', '车'),
    ('較', '较'),
    ('輛', '辆'),
    ('辦', '办'),
    ('農', '农'),
    ('這', '这'),
    ('週', '周'),
    ('進', '进'),
    ('運', '运'),
    ('過', '过'),
    ('達', '达'),
    ('遠', '远'),
    ('邊', '边'),
    ('鄉', '乡'),
    ('醫', '医'),
    ('鎮', '镇'),
    ('鐵', '铁'),
    ('長', '长'),
    ('門', '门'),
    ('開', '开'),
    ('間', '间'),
    ('關', '关'),
    ('陸', '陆'),
    ('際', '际'),
    ('隻', '只'),
    ('雙', '双'),
    ('電', '电'),
    ('項', '项'),
    ('預', '预'),
    ('額', '额'),
    ('顯', '显'),
    ('養', '养'),
    ('餘', '余'),
    ('體', '体'),
    ('鹽', '盐'),
    ('點', '点'),
];

/// One bit per ideograph: set when it has a traditional→simplified fold. Small enough to
/// stay in L1 cache; the pair list is searched only on a hit.
pub(super) const fn build_t2s_bits() -> [u64; 0x5200 / 64] {
    let mut t = [0u64; 0x5200 / 64];
    let mut i = 0;
    while i < T2S.len() {
        let k = T2S[i].0 as usize - 0x4e00;
        t[k / 64] |= 1 << (k % 64);
        i += 1;
    }
    t
}

pub(super) static T2S_BITS: [u64; 0x5200 / 64] = build_t2s_bits();
