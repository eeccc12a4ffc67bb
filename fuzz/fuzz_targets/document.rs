//! Fuzz target `document`: see `jixiao_fuzz::document` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| jixiao_fuzz::document(data));
