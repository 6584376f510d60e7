//! Every cue list the rules read, by subject: a new phenomenon is one table line more.

pub(crate) mod structure;
pub(crate) mod tasks;
