//! Fuzz target `drafts`: see `jixiao_fuzz::drafts` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| jixiao_fuzz::drafts(data));
