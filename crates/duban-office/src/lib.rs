//! Office documents in and out. Everything here works on bytes in memory and returns typed
//! errors with a message a person can act on; nothing here knows the database.

pub mod table;
pub mod text;
