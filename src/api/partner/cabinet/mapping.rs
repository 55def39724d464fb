//! From seed 004's cabinet shapes to `domain::partner::cabinet`.

use super::dto::*;
use crate::domain::partner::cabinet::*;
use crate::domain::partner::level::Level;

impl From<LevelDto> for Level {
    fn from(l: LevelDto) -> Self {
        Level {
            id: l.id,
            number: l.number,
            title: l.title,
            range: l.purchase_range.map(|r| (r.min, r.max)),
        }
    }
}

impl From<PartnerDto> for PartnerProfile {
    fn from(p: PartnerDto) -> Self {
        PartnerProfile {
            id: p.id,
            kind: p.kind,
            phone: p.phone,
            level: p.level.map(|l| PartnerLevel {
                current: l.current.into(),
                recalculation_date: l.recalculation_date,
                purchase_amount: l.purchase_amount,
            }),
            bonus_balance: p.bonus_balance,
            support: p.support.map(|s| Support {
                regional_manager: s.regional_manager,
                personal_manager: s.personal_manager,
                office_manager: s.office_manager,
            }),
            organizations: p.organizations,
        }
    }
}
