//! Writing the output folder: whether a build may write it (`output_guard`), writing beneath its
//! handle without following links (`beneath`), the spare folder and the swap (`write`), the record
//! of what each build wrote (`manifest`) and comparing with older copies (`same_content`). Imports
//! nothing else from `output/`; only the build command uses it (the preview keeps files in memory).

pub(crate) mod beneath;
pub(crate) mod manifest;
pub mod output_guard;
pub(crate) mod same_content;
pub(crate) mod write;
