//! One order, one key: the `Idempotency-Key` and a hash of the order's content are stored
//! before the first send and reused for every retry of the same content, across reloads.
//! New content → a new key. After a lost answer the order is looked for, not placed again.

use super::dates::parse_iso;
use crate::api::commerce::checkout::CheckoutRequest;
use crate::api::commerce::orders::OrderSummaryDto;
use crate::api::{ApiError, ErrorCode};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A checkout attempt as stored (localStorage, so every tab sees the same key).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Attempt {
    pub key: String,
    pub hash: String,
    /// Unix seconds of the first send of this content.
    pub started_at: u64,
    /// The total the preview showed, to recognise the order in the list.
    pub expected_total: Option<Decimal>,
    /// How many times this content was sent.
    pub sends: u32,
}

/// FNV-1a, 64 bits: stable across builds and platforms (unlike `DefaultHasher`).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The order's content: the request and the cart lines (product, variant, quantity).
pub fn content_hash(body: &CheckoutRequest, lines: &[(String, Option<String>, u32)]) -> String {
    let mut sorted = lines.to_vec();
    sorted.sort();
    let json = serde_json::json!({ "body": body, "lines": sorted }).to_string();
    format!("{:016x}", fnv(json.as_bytes()))
}

/// The attempt to send now: the stored one if its content is the same, else a new one.
pub fn attempt_for(
    stored: Option<Attempt>,
    hash: &str,
    now: u64,
    expected_total: Option<Decimal>,
    fresh_key: impl FnOnce() -> String,
) -> Attempt {
    match stored {
        Some(a) if a.hash == hash => a,
        _ => Attempt {
            key: fresh_key(),
            hash: hash.to_string(),
            started_at: now,
            expected_total,
            sends: 0,
        },
    }
}

/// How far back to look for an order, allowing for the server's clock being behind.
pub const CLOCK_SLACK: u64 = 120;

/// The order this attempt placed, if the list has it: created since the attempt began
/// (with slack), still awaiting payment or paid, and of the expected total when known.
pub fn find_placed<'a>(orders: &'a [OrderSummaryDto], a: &Attempt) -> Option<&'a OrderSummaryDto> {
    let since = a.started_at.saturating_sub(CLOCK_SLACK) as i64;
    orders.iter().find(|o| {
        parse_iso(&o.created_at).is_some_and(|t| t >= since)
            && matches!(o.status.as_str(), "PENDING_PAYMENT" | "PAID")
            && a.expected_total.is_none_or(|t| t == o.total)
    })
}

/// What to do after a checkout request failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// 429: no request before `until` (unix seconds); the form stays as it is.
    Wait { until: u64 },
    /// The answer may have been lost after the order was made: look for it first.
    Look,
    /// The same key is being served right now (another tab): look a moment later.
    LookLater,
    /// The token stopped working: sign in again, the draft and the key are kept.
    SignIn,
    /// A refusal about the content; the next attempt of other content gets a new key.
    Explain { forget_key: bool },
}

/// The one rule for every failed send: never a blind resubmit.
pub fn decide(e: &ApiError, sends: u32, now: u64) -> Next {
    match e {
        ApiError::RateLimited(r) => Next::Wait {
            until: r.retry_at().unwrap_or(now + 60),
        },
        // A timeout, a dropped connection, a 5xx from a proxy, an unreadable 2xx: the order
        // may exist.
        ApiError::Network(_)
        | ApiError::Timeout { .. }
        | ApiError::Server(_)
        | ApiError::Decode { .. } => Next::Look,
        ApiError::Conflict(_) => Next::LookLater,
        // An empty cart on a retry: the first send most likely made the order.
        _ if e.is(ErrorCode::CartEmpty) && sends > 1 => Next::Look,
        ApiError::Unauthorized(_) => Next::SignIn,
        // 422: the key met other content (IDEMPOTENCY_KEY_REUSED).
        ApiError::Validation(b) if b.status == 422 => Next::Explain { forget_key: true },
        _ => Next::Explain { forget_key: false },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::PaymentStatus;
    use std::str::FromStr;

    fn body(method: &str) -> CheckoutRequest {
        CheckoutRequest {
            shipping_address_id: Some("a1".into()),
            shipping_method_id: method.into(),
            ..CheckoutRequest::default()
        }
    }

    fn lines() -> Vec<(String, Option<String>, u32)> {
        vec![("p2".into(), None, 1), ("p1".into(), Some("v".into()), 2)]
    }

    #[test]
    fn the_same_content_keeps_its_key_and_new_content_gets_a_new_one() {
        let h = content_hash(&body("ship-001"), &lines());
        let mut reversed = lines();
        reversed.reverse();
        assert_eq!(
            h,
            content_hash(&body("ship-001"), &reversed),
            "line order does not matter"
        );
        assert_ne!(h, content_hash(&body("ship-002"), &lines()));
        let mut more = lines();
        more[0].2 = 2;
        assert_ne!(h, content_hash(&body("ship-001"), &more));

        let first = attempt_for(None, &h, 1000, None, || "k1".into());
        assert_eq!((first.key.as_str(), first.started_at), ("k1", 1000));
        let again = attempt_for(Some(first.clone()), &h, 5000, None, || "k2".into());
        assert_eq!(
            again, first,
            "a retry, even after a reload, reuses key and start"
        );
        let other = attempt_for(Some(first), "other", 5000, None, || "k3".into());
        assert_eq!((other.key.as_str(), other.started_at), ("k3", 5000));
    }

    fn order(id: &str, created: &str, total: &str, status: &str) -> OrderSummaryDto {
        OrderSummaryDto {
            id: id.into(),
            order_number: format!("ORD-{id}"),
            status: status.into(),
            payment_status: PaymentStatus::Pending,
            item_count: 1,
            total: Decimal::from_str(total).unwrap(),
            currency: Some("RUB".into()),
            created_at: created.into(),
            updated_at: None,
        }
    }

    #[test]
    fn a_lost_answer_finds_the_order_created_since_the_attempt() {
        // 2024-01-15T14:40:00Z = 1_705_329_600.
        let a = Attempt {
            key: "k".into(),
            hash: "h".into(),
            started_at: 1_705_329_600,
            expected_total: Some(Decimal::from(8100)),
            sends: 1,
        };
        let orders = [
            order(
                "new-other",
                "2024-01-15T14:41:00Z",
                "999",
                "PENDING_PAYMENT",
            ),
            order("mine", "2024-01-15T14:39:00Z", "8100", "PENDING_PAYMENT"),
            order("old", "2024-01-10T10:00:00Z", "8100", "PENDING_PAYMENT"),
        ];
        assert_eq!(
            find_placed(&orders, &a).map(|o| o.id.as_str()),
            Some("mine")
        );
        let too_old = [order(
            "old",
            "2024-01-15T14:30:00Z",
            "8100",
            "PENDING_PAYMENT",
        )];
        assert!(find_placed(&too_old, &a).is_none());
        let cancelled = [order("c", "2024-01-15T14:41:00Z", "8100", "CANCELLED")];
        assert!(find_placed(&cancelled, &a).is_none());
    }
}
