//! The catalogue in and out: CSV (`csv_file.rs`, with the cells in `cells.rs`) and Open
//! Referral HSDS 3 (`hsds.rs`), read into one shape (`item.rs`) and checked and written by `service.rs`.

mod cells;
pub mod csv_file;
pub mod hsds;
pub mod item;
pub mod routes;
pub mod service;
