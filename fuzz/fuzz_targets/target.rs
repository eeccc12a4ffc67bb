//! Fuzz target `target`: see `jixiao_fuzz::target` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| jixiao_fuzz::target(data));
