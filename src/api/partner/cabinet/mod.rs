//! Partner API (seed 004) — the partner's cabinet: profile and levels, the bonus balance's
//! history, withdrawal requests, organizations. Bodies and answers as the seed writes them;
//! the token says whose cabinet it is (docs/integration.md §11).

use super::{backend_error, Backend, List, Partner};
use crate::api::{refused, ApiError, Endpoint, IdempotencyKey, Method, RawResponse};
use crate::domain::partner::cabinet::{Operation, Organization, PartnerProfile, WithdrawalEntry};
use crate::domain::partner::history::{HistoryFilter, PAGE_SIZE};
use crate::domain::partner::level::Level;
use rust_decimal::Decimal;
use serde::Serialize;

mod dto;
mod mapping;

pub use dto::*;

/// The partner's own id in a path.
fn path(id: &str, rest: &str) -> String {
    format!("/partners/{}{rest}", crate::api::encode_component(id))
}

/// An answer with no body (200, 201, 204): done, or the backend's refusal. A 2xx whose body
/// breaks off is no answer (`Decode`): the request may or may not have been made.
pub fn read_done(raw: &RawResponse, now: u64) -> Result<(), ApiError> {
    if raw.is_success() && !raw.body.trim().is_empty() {
        crate::domain::json::from_str::<serde::de::IgnoredAny>(&raw.body)
            .map(|_| ())
            .map_err(|e| ApiError::Decode {
                status: raw.status,
                detail: e.to_string(),
                request_id: raw.header("x-request-id").map(str::to_string),
            })
    } else if raw.is_success() {
        Ok(())
    } else {
        Err(refused(raw, backend_error(raw), now))
    }
}

async fn send_done(
    ep: &Endpoint,
    path: &str,
    body: Option<String>,
    key: Option<&IdempotencyKey>,
) -> Result<(), ApiError> {
    Partner::exchange(ep, Method::Post, path, body, key, read_done).await
}

pub async fn profile(ep: &Endpoint, id: &str) -> Result<PartnerProfile, ApiError> {
    let p: PartnerDto = Partner::request(ep, Method::Get, &path(id, ""), None, None).await?;
    Ok(p.into())
}

/// `GET /partners/levels`: a bare array.
pub async fn levels(ep: &Endpoint) -> Result<Vec<Level>, ApiError> {
    let l: Vec<LevelDto> =
        Partner::request(ep, Method::Get, "/partners/levels", None, None).await?;
    Ok(l.into_iter().map(Into::into).collect())
}

#[derive(Serialize, Default)]
struct Range<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<&'a str>,
}

/// The body of a list request (seed 004 balance-history and withdrawal-requests).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListBody<'a> {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    when: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    operation_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<Range<'a>>,
    sort: &'static str,
    direction: &'static str,
    limit: u32,
    offset: u32,
}

fn range<'a>(from: &'a Option<String>, to: &'a Option<String>) -> Option<Range<'a>> {
    (from.is_some() || to.is_some()).then_some(Range {
        from: from.as_deref(),
        to: to.as_deref(),
    })
}

/// One page of the balance history as `f` asks; `limit`/`offset` override its page (the
/// chart asks for everything since the period began).
pub async fn history(
    ep: &Endpoint,
    id: &str,
    f: &HistoryFilter,
    page: Option<(u32, u32)>,
) -> Result<List<Operation>, ApiError> {
    let body = history_body(f, page);
    Partner::request(ep, Method::Post, &history_path(id), body, None).await
}

fn history_path(id: &str) -> String {
    path(id, "/balance-history")
}

/// The body [`history`] sends.
fn history_body(f: &HistoryFilter, page: Option<(u32, u32)>) -> Option<String> {
    let (limit, offset) = page.unwrap_or((PAGE_SIZE, f.offset()));
    let body = ListBody {
        when: Some(if f.upcoming { "FUTURE" } else { "PAST" }),
        operation_type: f
            .additions
            .map(|a| if a { "ADDITION" } else { "SUBTRACTION" }),
        status: None,
        range: range(&f.from, &f.to),
        sort: "DATETIME",
        direction: if f.ascending { "ASC" } else { "DESC" },
        limit,
        offset,
    };
    serde_json::to_string(&body).ok()
}

/// The request [`history`] sends: its path and body, through the one request builder.
#[cfg(test)]
fn history_request(
    ep: &Endpoint,
    id: &str,
    f: &HistoryFilter,
    page: Option<(u32, u32)>,
) -> crate::api::http::HttpRequest {
    let body = history_body(f, page);
    crate::api::outgoing::<Partner>(ep, Method::Post, &history_path(id), body, None)
}

/// Withdrawal requests, newest first: by status and date range, `limit` from `offset`.
pub async fn withdrawals(
    ep: &Endpoint,
    id: &str,
    status: Option<&str>,
    (from, to): (&Option<String>, &Option<String>),
    (limit, offset): (u32, u32),
) -> Result<List<WithdrawalEntry>, ApiError> {
    let body = ListBody {
        when: None,
        operation_type: None,
        status,
        range: range(from, to),
        sort: "DATETIME",
        direction: "DESC",
        limit,
        offset,
    };
    let json = serde_json::to_string(&body).ok();
    Partner::request(
        ep,
        Method::Post,
        &path(id, "/withdrawal-requests"),
        json,
        None,
    )
    .await
}

/// Who receives the money: a person (passport) or an organization — seed 004's `person`
/// or `organization` beside the other fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Recipient {
    Person {
        #[serde(rename = "fullName")]
        full_name: String,
        birthday: String,
        #[serde(rename = "passportNumber")]
        passport: String,
        /// The seed's «С» here is Cyrillic; sent as written there.
        #[serde(rename = "departmentСode")]
        department: String,
    },
    Organization {
        name: String,
        kpp: String,
        address: String,
    },
}

/// A withdrawal request as seed 004's body. Never stored, never logged: built, sent, dropped.
pub struct Withdrawal {
    pub inn: String,
    pub bik: String,
    pub account: String,
    pub recipient: Recipient,
    pub amount: Decimal,
}

/// The wire shape: one of `person` / `organization` (no `#[serde(flatten)]`, which costs
/// the chunk 4 KB gzip), the amount a JSON number as the seed writes it (`1500.5`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WithdrawalBody<'a> {
    inn: &'a str,
    bik: &'a str,
    current_account: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<&'a Recipient>,
    #[serde(skip_serializing_if = "Option::is_none")]
    organization: Option<&'a Recipient>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    amount: Decimal,
}

/// The body as seed 004 writes it.
pub fn withdrawal_body(w: &Withdrawal) -> String {
    let person = matches!(w.recipient, Recipient::Person { .. });
    serde_json::to_string(&WithdrawalBody {
        inn: &w.inn,
        bik: &w.bik,
        current_account: &w.account,
        person: person.then_some(&w.recipient),
        organization: (!person).then_some(&w.recipient),
        amount: w.amount.normalize(),
    })
    .unwrap_or_default()
}

pub async fn withdraw(
    ep: &Endpoint,
    id: &str,
    w: &Withdrawal,
    key: &IdempotencyKey,
) -> Result<(), ApiError> {
    let body = withdrawal_body(w);
    send_done(
        ep,
        &path(id, "/withdrawal-requests/create"),
        Some(body),
        Some(key),
    )
    .await
}

pub async fn add_organization(ep: &Endpoint, id: &str, org: &Organization) -> Result<(), ApiError> {
    let json = serde_json::to_string(org).ok();
    send_done(ep, &path(id, "/organizations/create"), json, None).await
}

pub async fn remove_organization(ep: &Endpoint, id: &str, org: &str) -> Result<(), ApiError> {
    let rest = format!(
        "/organizations/{}/delete",
        crate::api::encode_component(org)
    );
    send_done(ep, &path(id, &rest), None, None).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_withdrawal_body_is_the_seeds_shape_with_a_number_amount() {
        let w = Withdrawal {
            inn: "500100732259".into(),
            bik: "044525225".into(),
            account: "40702810938000000001".into(),
            recipient: Recipient::Person {
                full_name: "Иван \"Ваня\" Петров".into(),
                birthday: "1985-04-12".into(),
                passport: "4510123456".into(),
                department: "770-001".into(),
            },
            amount: Decimal::new(150_050, 2),
        };
        let v: serde_json::Value = serde_json::from_str(&withdrawal_body(&w)).unwrap();
        assert_eq!(v["amount"].to_string(), "1500.5");
        assert_eq!(v["person"]["fullName"], "Иван \"Ваня\" Петров");
        assert_eq!(v["person"]["departmentСode"], "770-001");
        assert_eq!(v["currentAccount"], "40702810938000000001");
        assert!(v.get("organization").is_none());
        let org = Withdrawal {
            recipient: Recipient::Organization {
                name: "ООО «Тепло»".into(),
                kpp: "770201001".into(),
                address: "Москва".into(),
            },
            ..w
        };
        let v: serde_json::Value = serde_json::from_str(&withdrawal_body(&org)).unwrap();
        assert_eq!(v["organization"]["kpp"], "770201001");
        assert!(v.get("person").is_none());
    }

    #[test]
    fn list_bodies_say_only_what_is_asked() {
        let f = HistoryFilter {
            additions: Some(false),
            from: Some("2026-01-01".into()),
            ..HistoryFilter::default()
        };
        let ep =
            Endpoint::new("http://127.0.0.1:8084/partner/", || 0).with_token(Some("tok".into()));
        let req = history_request(&ep, "m/1", &f, None);
        assert_eq!(req.method, Method::Post);
        assert_eq!(
            req.url,
            "http://127.0.0.1:8084/partner/partners/m%2F1/balance-history"
        );
        assert_eq!(
            req.body.as_deref().unwrap(),
            r#"{"type":"PAST","operationType":"SUBTRACTION","range":{"from":"2026-01-01"},"sort":"DATETIME","direction":"DESC","limit":20,"offset":0}"#
        );
    }
}
