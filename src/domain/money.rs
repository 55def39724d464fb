//! Money in the shop's currency, exact from the wire to the screen.

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

/// The currency of an answer that does not name one.
pub(crate) fn default_currency() -> String {
    "RUB".into()
}

/// An amount of money with its ISO currency code (the shop sells in RUB); seed 000's
/// `Money` on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize)]
pub struct Money {
    pub amount: Decimal,
    pub currency: String,
}

impl Money {
    /// Amount in roubles.
    pub fn rub(amount: Decimal) -> Self {
        Money {
            amount,
            currency: "RUB".into(),
        }
    }

    pub fn new(amount: Decimal, currency: impl Into<String>) -> Self {
        Money {
            amount,
            currency: currency.into(),
        }
    }

    /// Whole percent by which `self` is below `compare_at`, for the «−17 %» badge.
    /// `None` when there is no real discount.
    pub fn discount_percent_from(&self, compare_at: &Money) -> Option<u32> {
        if compare_at.currency != self.currency
            || compare_at.amount <= self.amount
            || compare_at.amount <= Decimal::ZERO
        {
            return None;
        }
        let pct = (compare_at.amount - self.amount) / compare_at.amount * Decimal::from(100);
        let rounded = pct.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        let whole: u32 = rounded.try_into().ok()?;
        (whole > 0).then_some(whole)
    }

    /// `percent` % of this amount, rounded to kopecks (commission, points).
    pub fn percent(&self, percent: Decimal) -> Money {
        // An absurd price from the network must not overflow (a panic ends the app).
        let v = self
            .amount
            .checked_mul(percent)
            .map(|x| x / Decimal::from(100))
            .unwrap_or(Decimal::ZERO)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        Money::new(v, self.currency.clone())
    }
}

/// Currency sign people expect to see; unknown codes are shown as the code itself.
fn currency_sign(code: &str) -> &str {
    match code {
        "RUB" => "₽",
        "USD" => "$",
        "EUR" => "€",
        other => other,
    }
}

/// Groups of three digits separated by a no-break space, as Russian typography does.
fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    let len = digits.chars().count();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(ch);
    }
    out
}

/// An amount in roubles as the pages print it: `1 234,50 ₽`.
pub fn rub_text(amount: Decimal) -> String {
    Money::rub(amount).to_string()
}

/// Formats a decimal the Russian way: `1 234,50`; whole amounts without kopecks: `2 500`.
pub fn format_amount(amount: Decimal) -> String {
    let rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let abs = rounded.abs();
    let whole = abs.trunc();
    let frac = abs - whole;
    let whole_digits = whole.normalize().to_string();
    let mut out = String::new();
    if negative {
        out.push('−');
    }
    out.push_str(&group_thousands(&whole_digits));
    if !frac.is_zero() {
        let kopecks = (frac * Decimal::from(100)).trunc().normalize();
        out.push(',');
        out.push_str(&format!("{:0>2}", kopecks.to_string()));
    }
    out
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}\u{a0}{}",
            format_amount(self.amount),
            currency_sign(&self.currency)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn plain(s: String) -> String {
        s.replace('\u{a0}', " ")
    }

    #[test]
    fn formats_kopecks_and_thousands_like_the_russian_shop_does() {
        assert_eq!(plain(Money::rub(d("1234.5")).to_string()), "1 234,50 ₽");
        assert_eq!(plain(Money::rub(d("2500")).to_string()), "2 500 ₽");
        assert_eq!(plain(Money::rub(d("999.99")).to_string()), "999,99 ₽");
        assert_eq!(
            plain(Money::rub(d("1234567.05")).to_string()),
            "1 234 567,05 ₽"
        );
        assert_eq!(plain(Money::rub(d("0")).to_string()), "0 ₽");
        assert_eq!(plain(Money::rub(d("100.00")).to_string()), "100 ₽");
        assert_eq!(plain(Money::rub(d("-350")).to_string()), "−350 ₽");
    }

    #[test]
    fn rounds_fractions_of_a_kopeck_half_away_from_zero() {
        assert_eq!(plain(Money::rub(d("10.005")).to_string()), "10,01 ₽");
        assert_eq!(plain(Money::rub(d("10.004")).to_string()), "10 ₽");
    }

    #[test]
    fn discount_percent_is_whole_and_only_for_real_discounts() {
        let price = Money::rub(d("2500"));
        assert_eq!(
            price.discount_percent_from(&Money::rub(d("3000"))),
            Some(17)
        );
        assert_eq!(price.discount_percent_from(&Money::rub(d("2500"))), None);
        assert_eq!(price.discount_percent_from(&Money::rub(d("2000"))), None);
        assert_eq!(
            price.discount_percent_from(&Money::new(d("3000"), "USD")),
            None
        );
    }

    #[test]
    fn commission_is_a_percent_rounded_to_kopecks() {
        assert_eq!(Money::rub(d("2500")).percent(d("10")).amount, d("250"));
        assert_eq!(Money::rub(d("1234.5")).percent(d("3")).amount, d("37.04"));
    }
}
