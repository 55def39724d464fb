//! The partner cabinet's rules (seed 004): levels and progress, the bonus balance's history,
//! withdrawals, and the requisites checked before anything is sent.

pub mod history;
pub mod level;
pub mod requisites;

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
}
