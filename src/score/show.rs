//! Rounding and the notation of `how` strings.
//!
//! Scores are rounded half away from zero (`19.665 → 19.67`) to the profile's
//! places and written with that many decimals (`9.50`, or `20` for whole
//! points). An exact intermediate value is shown in full when it has at most
//! six decimals, otherwise cut to six with an ellipsis, then `≈` and the
//! rounded value: `19.666666… ≈ 19.67`.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::profile::scoring::Rounding;

/// Decimals kept for a score under a rounding option.
pub fn places(rounding: Rounding) -> u32 {
    match rounding {
        Rounding::Cent => 2,
        Rounding::Whole => 0,
    }
}

/// Rounds half away from zero to `dp` decimals and writes exactly `dp` decimals.
pub fn round_to(x: Decimal, dp: u32) -> Decimal {
    let mut r = x.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// Rounds a row or execution score as the profile says, kept within [0, weight].
pub fn round_score(exact: Decimal, weight: Decimal, rounding: Rounding) -> Decimal {
    let clamped = exact.max(Decimal::ZERO).min(weight.max(Decimal::ZERO));
    let r = round_to(clamped, places(rounding));
    if r > weight {
        weight
    } else {
        r
    }
}

/// An exact value as shown in a formula: in full up to six decimals, else cut
/// to six with `…`.
pub fn exact(x: Decimal) -> String {
    let n = x.normalize();
    if n.scale() <= 6 {
        n.to_string()
    } else {
        format!("{}…", n.trunc_with_scale(6))
    }
}

/// `exact ≈ rounded`, or only `rounded` when they are the same number.
pub fn approx(x: Decimal, rounded: Decimal) -> String {
    if x == rounded {
        rounded.to_string()
    } else {
        format!("{} ≈ {}", exact(x), rounded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn check_round(x: &str, w: &str, rounding: Rounding, expected: &str) {
        let r = round_score(d(x), d(w), rounding);
        assert_eq!(
            r.to_string(),
            expected,
            "round_score({x}, {w}, {rounding:?})"
        );
    }

    #[test]
    fn rounds_half_away_from_zero() {
        check_round("19.665", "20", Rounding::Cent, "19.67");
        check_round("19.664999", "20", Rounding::Cent, "19.66");
        check_round("0.005", "20", Rounding::Cent, "0.01");
        check_round("0.004", "20", Rounding::Cent, "0.00");
        check_round("9.5", "10", Rounding::Cent, "9.50");
        check_round("19.5", "20", Rounding::Whole, "20");
        check_round("19.49", "20", Rounding::Whole, "19");
        check_round("2.5", "2.5", Rounding::Whole, "2.5");
        check_round("33.335", "33.335", Rounding::Cent, "33.335");
        check_round("-1", "20", Rounding::Cent, "0.00");
        check_round("25", "20", Rounding::Cent, "20.00");
    }

    #[test]
    fn shows_exact_values() {
        assert_eq!(
            approx(d("19.6666666666666666666666667"), d("19.67")),
            "19.666666… ≈ 19.67"
        );
        assert_eq!(approx(d("19.665"), d("19.67")), "19.665 ≈ 19.67");
        assert_eq!(approx(d("9.5"), d("9.50")), "9.50");
        assert_eq!(exact(d("-1.66666666667")), "-1.666666…");
        assert_eq!(exact(d("120.00")), "120");
    }
}
