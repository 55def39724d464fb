//! The partner cabinet's rules (seed 004): levels and progress, the bonus balance's history,
//! withdrawals, and the requisites checked before anything is sent.

pub mod history;
pub mod level;
pub mod payout;
pub mod requisites;

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

/// Seed 004 `PartnerType` in Russian.
pub fn partner_type_word(t: &str) -> &'static str {
    match t {
        "MOUNTER" => "Монтажник",
        "DEALER" => "Дилер",
        "CLIENT" => "Покупатель",
        _ => "Партнёр",
    }
}

/// Seed 004 `OrganizationType` in Russian.
pub fn organization_type_word(t: &str) -> &'static str {
    match t {
        "INDIVIDUAL" => "Индивидуальный предприниматель",
        _ => "Юридическое лицо",
    }
}

/// Seed 004 withdrawal request statuses and what the partner reads.
pub const WITHDRAWAL_STATUSES: [(&str, &str); 4] = [
    ("CREATED", "Создана"),
    ("PROCESSING", "В обработке"),
    ("COMPLETED", "Выполнена"),
    ("ERROR", "Ошибка"),
];

pub fn withdrawal_word(status: &str) -> &'static str {
    WITHDRAWAL_STATUSES
        .iter()
        .find(|(k, _)| *k == status)
        .map_or("Статус уточняется", |(_, w)| w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_and_statuses_read_in_russian() {
        assert_eq!(partner_type_word("MOUNTER"), "Монтажник");
        assert_eq!(partner_type_word("DEALER"), "Дилер");
        assert_eq!(
            organization_type_word("INDIVIDUAL"),
            "Индивидуальный предприниматель"
        );
        assert_eq!(organization_type_word("LEGAL"), "Юридическое лицо");
        assert_eq!(withdrawal_word("PROCESSING"), "В обработке");
        assert_eq!(withdrawal_word("LOST"), "Статус уточняется");
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
            &WITHDRAWAL_STATUSES,
        );
        assert_eq!((f.status.as_deref(), f.page), (Some("ERROR"), 2));
        let f = WithdrawalsFilter::from_pairs_among([("status", "PAID")], &WITHDRAWAL_STATUSES);
        assert_eq!(f.status, None);
    }
}
