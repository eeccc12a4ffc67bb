//! `jixiao check`: prints the findings of one or more documents.

pub fn run(args: &[String]) -> u8 {
    let _ = args;
    eprintln!("jixiao check: 尚未实现");
    2
}
