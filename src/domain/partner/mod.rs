//! The partner cabinet's rules (seed 004): levels and progress, the bonus balance's history,
//! withdrawals, and the requisites checked before anything is sent.

pub mod cabinet;
pub mod history;
pub mod level;
pub mod payout;
pub mod requisites;

use crate::domain::codes::{OrganizationKind, PartnerKind, WithdrawalStatus};
use rust_decimal::Decimal;

/// The withdrawal requests' list as its URL carries it: status, date range, page — the
/// order history's filter over seed 004's statuses.
pub type WithdrawalsFilter = crate::domain::orders::history::OrdersFilter;

/// Withdrawal requests per page.
pub const WITHDRAWALS_PAGE: u32 = 20;

/// An amount as typed: «1 500,50» → 1500.50; above zero, kopecks at most.
pub fn parse_amount(typed: &str) -> Option<Decimal> {
    let t: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if !t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let d: Decimal = t.parse().ok()?;
    (d > Decimal::ZERO && d.scale() <= 2).then_some(d)
}

impl PartnerKind {
    /// Seed 004 `PartnerType` in Russian.
    pub fn word(&self) -> &'static str {
        match self {
            PartnerKind::Mounter => "Монтажник",
            PartnerKind::Dealer => "Дилер",
            PartnerKind::Client => "Покупатель",
            PartnerKind::Unknown(_) => "Партнёр",
        }
    }
}

impl OrganizationKind {
    /// Seed 004 `OrganizationType` in Russian.
    pub fn word(&self) -> &'static str {
        match self {
            OrganizationKind::Individual => "Индивидуальный предприниматель",
            OrganizationKind::Legal | OrganizationKind::Unknown(_) => "Юридическое лицо",
        }
    }
}

impl WithdrawalStatus {
    /// What the partner reads for a withdrawal request.
    pub fn word(&self) -> &'static str {
        match self {
            WithdrawalStatus::Created => "Создана",
            WithdrawalStatus::Processing => "В обработке",
            WithdrawalStatus::Completed => "Выполнена",
            WithdrawalStatus::Error => "Ошибка",
            WithdrawalStatus::Unknown(_) => "Статус уточняется",
        }
    }

    /// The chip's tone.
    pub fn tone(&self) -> &'static str {
        match self {
            WithdrawalStatus::Completed => "ok",
            WithdrawalStatus::Error => "bad",
            WithdrawalStatus::Created => "warn",
            WithdrawalStatus::Processing | WithdrawalStatus::Unknown(_) => "info",
        }
    }

    /// Whether a URL's `status=` names one of seed 004's.
    pub fn is_known(v: &str) -> bool {
        WithdrawalStatus::KNOWN.iter().any(|s| s.as_str() == v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_and_statuses_read_in_russian() {
        assert_eq!(PartnerKind::parse("MOUNTER").word(), "Монтажник");
        assert_eq!(PartnerKind::parse("DEALER").word(), "Дилер");
        assert_eq!(
            OrganizationKind::parse("INDIVIDUAL").word(),
            "Индивидуальный предприниматель"
        );
        assert_eq!(OrganizationKind::parse("LEGAL").word(), "Юридическое лицо");
        assert_eq!(WithdrawalStatus::parse("PROCESSING").word(), "В обработке");
        assert_eq!(WithdrawalStatus::parse("LOST").word(), "Статус уточняется");
    }

    #[test]
    fn amounts_read_as_typed_in_russian() {
        assert_eq!(parse_amount("1 500,50"), Some(Decimal::new(150_050, 2)));
        assert_eq!(parse_amount("\u{a0}700"), Some(Decimal::from(700)));
        assert_eq!(parse_amount("0.5"), Some(Decimal::new(5, 1)));
        for bad in ["", "0", "-5", "1,005", "1e3", "сто", "1.2.3"] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_withdrawals_url_knows_only_seed_004s_statuses() {
        let f = WithdrawalsFilter::from_pairs_among(
            [("status", "ERROR"), ("page", "2")],
            WithdrawalStatus::is_known,
        );
        assert_eq!((f.status.as_deref(), f.page), (Some("ERROR"), 2));
        let f =
            WithdrawalsFilter::from_pairs_among([("status", "PAID")], WithdrawalStatus::is_known);
        assert_eq!(f.status, None);
    }
}
