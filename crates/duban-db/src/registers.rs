//! Registers (key projects, proposals, service items). The tables exist in the schema;
//! their behaviour comes with their own issue. (The notice functions that lived here are
//! in [`crate::notices`].)
