//! duban-db
