//! Fuzzes reading a vacancy file: front-matter split, YAML, key checks and every field's checks.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    jobsite::fuzzing::front_matter(data);
});
