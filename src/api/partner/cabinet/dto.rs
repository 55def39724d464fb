//! Seed 004's cabinet shapes on the wire; `mapping` turns them into
//! `domain::partner::cabinet`.

use crate::domain::codes::PartnerKind;
use crate::domain::partner::cabinet::{Manager, Organization};
use rust_decimal::Decimal;
use serde::Deserialize;

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
    pub organizations: Vec<Organization>,
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
    pub regional_manager: Option<Manager>,
    #[serde(default)]
    pub personal_manager: Option<Manager>,
    #[serde(default)]
    pub office_manager: Option<Manager>,
}
