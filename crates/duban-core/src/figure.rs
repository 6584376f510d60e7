//! The attributes of a quantitative statement (a target or an actual), named as in the
//! labeling guide so that the parser's output and the database speak the same words.

use std::fmt;
use std::str::FromStr;

/// A forward-looking commitment (`target`) or a figure achieved in the past (`actual`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureKind {
    Target,
    Actual,
}

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// An amount or count (121.3亿元, 3760人).
    Level,
    /// A change relative to the previous period, in % or 个百分点 (增长6%).
    Growth,
    /// A proportion or rate that is not a change (占比, 覆盖率, 办结率).
    Share,
}

/// The comparator attached to a figure's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// 以上, 不低于, 超过, 突破, 余.
    AtLeast,
    /// 以内, 以下, 不超过, 控制在…以内.
    AtMost,
    /// 左右, 约, 近, 力争, 预计.
    About,
    /// No qualifier.
    Exactly,
}

/// The direction of a growth figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Up,
    Down,
}

macro_rules! text_enum {
    ($ty:ty { $($variant:ident => $text:literal, $label:literal;)* }) => {
        impl $ty {
            /// The stable code stored in the database and used in the API.
            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text,)* }
            }
            /// The Chinese label shown to people.
            pub const fn label(self) -> &'static str {
                match self { $(Self::$variant => $label,)* }
            }
            /// Every value, in display order.
            pub const ALL: &'static [$ty] = &[$(Self::$variant,)*];
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl TryFrom<String> for $ty {
            type Error = crate::model::UnknownCode;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                s.parse()
            }
        }
        // The JSON code is the stored code: serde goes through `as_str` and `from_code`, so
        // the two can never drift apart (the enum derives no serde of its own).
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                <$ty>::from_code(&s).ok_or_else(|| {
                    serde::de::Error::unknown_variant(&s, &[$($text,)*])
                })
            }
        }
        impl $ty {
            /// The value of a stored code (codes only; [`FromStr`] also takes labels).
            pub fn from_code(s: &str) -> Option<Self> {
                match s {
                    $($text => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }
        // A column of codes reads and writes as the enum itself (TEXT on both backends);
        // an unknown code in a row is a decoding error, never a default.
        #[cfg(feature = "sqlx")]
        impl<DB: sqlx_core::database::Database> sqlx_core::types::Type<DB> for $ty
        where
            str: sqlx_core::types::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <str as sqlx_core::types::Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <str as sqlx_core::types::Type<DB>>::compatible(ty)
            }
        }
        #[cfg(feature = "sqlx")]
        impl<'q, DB: sqlx_core::database::Database> sqlx_core::encode::Encode<'q, DB> for $ty
        where
            &'static str: sqlx_core::encode::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as sqlx_core::database::Database>::ArgumentBuffer,
            ) -> Result<sqlx_core::encode::IsNull, sqlx_core::error::BoxDynError> {
                <&'static str as sqlx_core::encode::Encode<'q, DB>>::encode_by_ref(&self.as_str(), buf)
            }
        }
        #[cfg(feature = "sqlx")]
        impl<'r, DB: sqlx_core::database::Database> sqlx_core::decode::Decode<'r, DB> for $ty
        where
            &'r str: sqlx_core::decode::Decode<'r, DB>,
        {
            fn decode(
                v: <DB as sqlx_core::database::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx_core::error::BoxDynError> {
                let s = <&'r str as sqlx_core::decode::Decode<'r, DB>>::decode(v)?;
                Ok(s.parse::<$ty>()?)
            }
        }
        impl FromStr for $ty {
            type Err = crate::model::UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text | $label => Ok(Self::$variant),)*
                    _ => Err(crate::model::UnknownCode { what: stringify!($ty), code: s.to_string() }),
                }
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(FigureKind { Target => "target", "目标"; Actual => "actual", "实绩"; });
text_enum!(Measure { Level => "level", "总量"; Growth => "growth", "增速"; Share => "share", "比率"; });
text_enum!(Op { AtLeast => ">=", "以上"; AtMost => "<=", "以内"; About => "~", "左右"; Exactly => "=", "等于"; });
text_enum!(Direction { Up => "up", "增长"; Down => "down", "下降"; });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels_parse_back() {
        for op in Op::ALL {
            assert_eq!(op.as_str().parse::<Op>().unwrap(), *op);
            assert_eq!(op.label().parse::<Op>().unwrap(), *op);
        }
        assert_eq!("以内".parse::<Op>().unwrap(), Op::AtMost);
        assert!("maybe".parse::<Measure>().is_err());
    }

    /// The JSON code is the stored code for every code enum (one source of truth).
    #[test]
    fn json_codes_are_the_stored_codes() {
        fn check<T>(all: &[T], code: fn(&T) -> &'static str)
        where
            T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + fmt::Debug,
        {
            for v in all {
                let json = serde_json::to_string(v).unwrap();
                assert_eq!(json, format!("\"{}\"", code(v)));
                assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), v);
            }
        }
        use crate::*;
        check(Op::ALL, |v| v.as_str());
        check(Measure::ALL, |v| v.as_str());
        check(FigureKind::ALL, |v| v.as_str());
        check(Direction::ALL, |v| v.as_str());
        check(PartKind::ALL, |v| v.as_str());
        check(ReportState::ALL, |v| v.as_str());
        check(Role::ALL, |v| v.as_str());
        check(crate::status::Status::ALL, |v| v.as_str());
        check(Cycle::ALL, |v| v.as_str());
        check(NoticeKind::ALL, |v| v.as_str());
        assert_eq!(
            serde_json::to_string(&PartKind::SelfBuilding).unwrap(),
            "\"self_building\""
        );
        // Labels are for people: JSON takes codes only.
        assert!(serde_json::from_str::<Op>("\"以内\"").is_err());
    }

    /// A reported value read back from JSON is the value written, to the last bit: the
    /// workspace enables serde_json's `float_roundtrip` (its default reader can be one unit
    /// in the last place off, so an acknowledged 2.2199999999999998 came back as 2.22).
    #[test]
    fn json_values_round_trip_to_the_bit() {
        for v in [
            2.2199999999999998_f64,
            0.1 + 0.2,
            1e-7,
            123456.789,
            f64::MAX,
            5e-324,
        ] {
            let back: f64 = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
            assert_eq!(back.to_bits(), v.to_bits(), "{v}");
        }
        let read: f64 = serde_json::from_str("2.2199999999999998").unwrap();
        assert_eq!(read.to_bits(), 2.2199999999999998_f64.to_bits());
    }
}
