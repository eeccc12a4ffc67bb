//! Fuzz target `profile`: see `jixiao_fuzz::profile` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| jixiao_fuzz::profile(data));
