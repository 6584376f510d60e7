//! 政务服务事项: the catalogue's rates and the approval time saved (法定 − 承诺时限).

use super::{pct_text, rate};
use serde::{Deserialize, Serialize};

/// What the rates need of a catalogue entry. Time limits are working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ServiceFacts {
    pub at_most_once: bool,
    /// 不见面审批.
    pub no_visit: bool,
    /// 全程网办.
    pub fully_online: bool,
    /// 一窗受理.
    pub one_window: bool,
    pub legal_days: Option<u32>,
    pub promised_days: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceStats {
    pub total: usize,
    pub at_most_once: usize,
    pub no_visit: usize,
    pub fully_online: usize,
    pub one_window: usize,
    pub at_most_once_rate: Option<f64>,
    pub no_visit_rate: Option<f64>,
    pub fully_online_rate: Option<f64>,
    pub one_window_rate: Option<f64>,
    /// Fewest and most working days saved among items whose promise beats the legal limit.
    pub saved_min: Option<u32>,
    pub saved_max: Option<u32>,
}

impl ServiceStats {
    /// "缩短审批时间5至10个工作日" (None when no item saves time).
    pub fn saved_text(&self) -> Option<String> {
        match (self.saved_min, self.saved_max) {
            (Some(a), Some(b)) if a == b => Some(format!("缩短审批时间{a}个工作日")),
            (Some(a), Some(b)) => Some(format!("缩短审批时间{a}至{b}个工作日")),
            _ => None,
        }
    }

    /// "承接1144项政务服务事项，100%实现“最多跑一次”和“不见面审批”".
    pub fn sentence(&self) -> String {
        let p = |r: Option<f64>| r.map(pct_text).unwrap_or_else(|| "—".into());
        if self.at_most_once_rate == self.no_visit_rate {
            format!(
                "承接{}项政务服务事项，{}实现“最多跑一次”和“不见面审批”",
                self.total,
                p(self.at_most_once_rate)
            )
        } else {
            format!(
                "承接{}项政务服务事项，{}实现“最多跑一次”，{}实现“不见面审批”",
                self.total,
                p(self.at_most_once_rate),
                p(self.no_visit_rate)
            )
        }
    }
}

pub fn stats(list: &[ServiceFacts]) -> ServiceStats {
    let n = list.len();
    let count = |f: fn(&ServiceFacts) -> bool| list.iter().filter(|s| f(s)).count();
    let (a, b, c, d) = (
        count(|s| s.at_most_once),
        count(|s| s.no_visit),
        count(|s| s.fully_online),
        count(|s| s.one_window),
    );
    let saved: Vec<u32> = list
        .iter()
        .filter_map(|s| match (s.legal_days, s.promised_days) {
            (Some(l), Some(p)) if l > p => Some(l - p),
            _ => None,
        })
        .collect();
    ServiceStats {
        total: n,
        at_most_once: a,
        no_visit: b,
        fully_online: c,
        one_window: d,
        at_most_once_rate: rate(a, n),
        no_visit_rate: rate(b, n),
        fully_online_rate: rate(c, n),
        one_window_rate: rate(d, n),
        saved_min: saved.iter().min().copied(),
        saved_max: saved.iter().max().copied(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn seed_figures_and_time_saved() {
        let all = vec![
            ServiceFacts {
                at_most_once: true,
                no_visit: true,
                ..Default::default()
            };
            1144
        ];
        let s = stats(&all);
        assert_eq!(s.total, 1144);
        assert_eq!(
            s.sentence(),
            "承接1144项政务服务事项，100%实现“最多跑一次”和“不见面审批”"
        );
        assert_eq!(s.saved_text(), None);
        let timed = [(20, 15), (20, 10), (15, 8), (10, 10)].map(|(l, p)| ServiceFacts {
            legal_days: Some(l),
            promised_days: Some(p),
            one_window: l > 15,
            ..Default::default()
        });
        let s = stats(&timed);
        assert_eq!(s.saved_text().unwrap(), "缩短审批时间5至10个工作日");
        assert_eq!(s.one_window_rate, Some(50.0));
        assert_eq!(s.at_most_once_rate, Some(0.0));
    }

    proptest! {
        #[test]
        fn rates_in_range(flags in proptest::collection::vec(any::<(bool, bool, bool, bool)>(), 0..200)) {
            let list: Vec<ServiceFacts> = flags.iter().map(|(a, b, c, d)| ServiceFacts {
                at_most_once: *a, no_visit: *b, fully_online: *c, one_window: *d, ..Default::default()
            }).collect();
            let s = stats(&list);
            prop_assert_eq!(s.total, list.len());
            for r in [s.at_most_once_rate, s.no_visit_rate, s.fully_online_rate, s.one_window_rate].into_iter().flatten() {
                prop_assert!((0.0..=100.0).contains(&r));
            }
        }
    }
}
