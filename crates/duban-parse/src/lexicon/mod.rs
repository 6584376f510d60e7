//! Every cue word list the parser matches, by subject. A new phenomenon is a line in one of
//! these tables; the class bits and prefilters of the scanning loops are derived from them or
//! checked against them by tests.

pub(crate) mod figures;
pub(crate) mod names;
pub(crate) mod predicates;
pub(crate) mod structure;
pub(crate) mod tasks;
pub mod units;

/// Declares a `LazyLock<Words>` matcher for each word list.
macro_rules! words {
    ($($name:ident = $list:path;)*) => {
        $(pub static $name: std::sync::LazyLock<crate::text::Words> =
            std::sync::LazyLock::new(|| crate::text::Words::new($list));)*
    };
}
pub(crate) use words;
