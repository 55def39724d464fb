//! From seed 004's cabinet shapes to `domain::partner::cabinet` (and an organization to
//! add back to its wire shape).

use super::dto::*;
use crate::api::partner::List;
use crate::domain::partner::cabinet::*;
use crate::domain::partner::level::Level;

/// A list answer with its items mapped.
pub(super) fn list_of<T, U: From<T>>(l: List<T>) -> List<U> {
    List {
        data: l.data.into_iter().map(U::from).collect(),
        limit: l.limit,
        offset: l.offset,
        total: l.total,
    }
}

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

impl From<ManagerDto> for Manager {
    fn from(m: ManagerDto) -> Self {
        Manager {
            phone: m.phone,
            name: m.name,
        }
    }
}

impl From<OrganizationDto> for Organization {
    fn from(o: OrganizationDto) -> Self {
        Organization {
            id: o.id,
            kind: o.kind,
            name: o.name,
            inn: o.inn,
            kpp: o.kpp,
            legal_address: o.legal_address,
            actual_address: o.actual_address,
        }
    }
}

impl From<Organization> for OrganizationDto {
    fn from(o: Organization) -> Self {
        OrganizationDto {
            id: o.id,
            kind: o.kind,
            name: o.name,
            inn: o.inn,
            kpp: o.kpp,
            legal_address: o.legal_address,
            actual_address: o.actual_address,
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
                regional_manager: s.regional_manager.map(Into::into),
                personal_manager: s.personal_manager.map(Into::into),
                office_manager: s.office_manager.map(Into::into),
            }),
            organizations: p.organizations.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<OperationDto> for Operation {
    fn from(o: OperationDto) -> Self {
        Operation {
            id: o.id,
            operation_type: o.operation_type,
            value: o.value,
            description: o.description,
            datetime: o.datetime,
        }
    }
}

impl From<WithdrawalDto> for WithdrawalEntry {
    fn from(w: WithdrawalDto) -> Self {
        WithdrawalEntry {
            id: w.id,
            status: w.status,
            amount: w.amount,
            datetime: w.datetime,
        }
    }
}
