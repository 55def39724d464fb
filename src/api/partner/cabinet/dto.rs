//! Seed 004's cabinet shapes on the wire; `mapping` turns them into
//! `domain::partner::cabinet`.

use crate::domain::codes::{OrganizationKind, PartnerKind, WithdrawalStatus};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Seed 004 `Partner`: what the cabinet shows of it.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PartnerDto {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: PartnerKind,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub level: Option<PartnerLevelDto>,
    /// A mounter's only.
    #[serde(default)]
    pub bonus_balance: Option<Decimal>,
    /// A dealer's only.
    #[serde(default)]
    pub support: Option<SupportDto>,
    #[serde(default)]
    pub organizations: Vec<OrganizationDto>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PartnerLevelDto {
    pub current: LevelDto,
    #[serde(default)]
    pub recalculation_date: Option<String>,
    #[serde(default)]
    pub purchase_amount: Option<Decimal>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct LevelDto {
    pub id: String,
    /// Seed 004's mounter example has none.
    #[serde(default)]
    pub number: Option<u32>,
    pub title: String,
    #[serde(default)]
    pub purchase_range: Option<RangeDto>,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub struct RangeDto {
    #[serde(default)]
    pub min: Decimal,
    #[serde(default)]
    pub max: Option<Decimal>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SupportDto {
    #[serde(default)]
    pub regional_manager: Option<ManagerDto>,
    #[serde(default)]
    pub personal_manager: Option<ManagerDto>,
    #[serde(default)]
    pub office_manager: Option<ManagerDto>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct ManagerDto {
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// Seed 004 `Organization`; also the body of `organizations/create` (without `id`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationDto {
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

/// Seed 004 `BalanceHistoryItem`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OperationDto {
    pub id: String,
    pub operation_type: crate::domain::codes::OperationType,
    pub value: Decimal,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub datetime: String,
}

/// Seed 004 `WithdrawalRequest` (the seed names no status field; its filter's is `status`).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct WithdrawalDto {
    pub id: String,
    #[serde(default)]
    pub status: WithdrawalStatus,
    #[serde(default)]
    pub amount: Decimal,
    #[serde(default)]
    pub datetime: String,
}
