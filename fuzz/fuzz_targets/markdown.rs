//! Fuzzes rendering a markdown body (headings, anchors, first paragraph) and its HTML as plain text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    jobsite::fuzzing::markdown(data);
});
