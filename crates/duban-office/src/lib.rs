//! duban-office
