//! The partner's cabinet as the app reads it (seed 004), once the wire answer has been
//! mapped at the edge (`api::partner::cabinet::mapping`): the profile with its level,
//! support and organizations, the balance's operations and the withdrawal requests.

use crate::domain::codes::{OrganizationKind, PartnerKind, WithdrawalStatus};
use crate::domain::partner::level::Level;
use rust_decimal::Decimal;

/// What the cabinet shows of a partner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerProfile {
    pub id: String,
    pub kind: PartnerKind,
    pub phone: String,
    pub level: Option<PartnerLevel>,
    /// A mounter's only.
    pub bonus_balance: Option<Decimal>,
    /// A dealer's only.
    pub support: Option<Support>,
    pub organizations: Vec<Organization>,
}

/// The partner's level now and when it is counted again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerLevel {
    pub current: Level,
    pub recalculation_date: Option<String>,
    pub purchase_amount: Option<Decimal>,
}

/// A dealer's managers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Support {
    pub regional_manager: Option<Manager>,
    pub personal_manager: Option<Manager>,
    pub office_manager: Option<Manager>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manager {
    pub phone: String,
    pub name: Option<String>,
}

/// An organization of the partner's; without `id` (empty), one to add.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Organization {
    pub id: String,
    pub kind: OrganizationKind,
    pub name: String,
    pub inn: String,
    pub kpp: Option<String>,
    pub legal_address: String,
    pub actual_address: Option<String>,
}

/// One operation of the bonus balance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    pub id: String,
    pub operation_type: crate::domain::codes::OperationType,
    pub value: Decimal,
    pub description: String,
    pub datetime: String,
}

/// A withdrawal request already made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WithdrawalEntry {
    pub id: String,
    pub status: WithdrawalStatus,
    pub amount: Decimal,
    pub datetime: String,
}
