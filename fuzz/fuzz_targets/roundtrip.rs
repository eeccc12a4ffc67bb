//! Fuzz target `roundtrip`: see `jixiao_fuzz::roundtrip` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| jixiao_fuzz::roundtrip(data));
