//! Commands: what `jobsite build`, `check`, `serve`, `new` and `report` do, each assembled from
//! the layers below.

pub mod build;
pub mod check;
pub mod report;
pub mod scaffold;
pub mod schedule;
pub mod schema;
pub mod serve;
