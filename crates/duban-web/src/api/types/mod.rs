//! Request and response shapes of the API, documented for the OpenAPI document.

pub mod chase;
pub mod registers;
