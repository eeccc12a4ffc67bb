//! Fuzz target `paste`: see `jixiao_fuzz::paste` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| jixiao_fuzz::paste(data));
