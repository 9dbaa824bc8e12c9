//! Fuzzes a whole-site build (load, check, plan, render) with one fuzzed vacancy file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    jobsite::fuzzing::site_build(data);
});
