//! Who may do what.

pub mod registers;
