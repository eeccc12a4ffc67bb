//! `jixiao score`: prints the score of a self-evaluation and its reconciliation.

pub fn run(args: &[String]) -> u8 {
    let _ = args;
    eprintln!("jixiao score: 尚未实现");
    2
}
