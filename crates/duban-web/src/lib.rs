//! duban-web
