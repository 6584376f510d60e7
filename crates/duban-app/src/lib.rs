//! duban-app
