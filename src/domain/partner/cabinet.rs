//! The partner's cabinet as the app reads it (seed 004), once the wire answer has been
//! mapped at the edge (`api::partner::cabinet::mapping`): the profile with its level,
//! support and organizations, the balance's operations and the withdrawal requests. The
//! parts whose wire shape is already the app's (a manager, an organization, an operation, a
//! withdrawal) are read straight from the wire, with no copy.

use crate::domain::codes::{OrganizationKind, PartnerKind, WithdrawalStatus};
use crate::domain::partner::level::Level;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Manager {
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// An organization of the partner's; without `id` (empty), one to add. Seed 004
/// `Organization` on the wire, and the body of `organizations/create` (without `id`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    #[serde(default, skip_serializing)]
    pub id: String,
    #[serde(rename = "type", default)]
    pub kind: OrganizationKind,
    pub name: String,
    pub inn: String,
    #[serde(default)]
    pub kpp: Option<String>,
    #[serde(default)]
    pub legal_address: String,
    #[serde(default)]
    pub actual_address: Option<String>,
}

/// One operation of the bonus balance (seed 004 `BalanceHistoryItem`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    pub id: String,
    pub operation_type: crate::domain::codes::OperationType,
    pub value: Decimal,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub datetime: String,
}

/// A withdrawal request already made (seed 004 `WithdrawalRequest`; the seed names no
/// status field, its filter's is `status`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct WithdrawalEntry {
    pub id: String,
    #[serde(default)]
    pub status: WithdrawalStatus,
    #[serde(default)]
    pub amount: Decimal,
    #[serde(default)]
    pub datetime: String,
}
