//! One order, one key: the `Idempotency-Key` and a hash of the order's content are stored
//! before the first send and reused for every retry of the same content, across reloads.
//! New content → a new key. After a lost answer the order is looked for, not placed again.

use super::request::CheckoutRequest;
use crate::domain::codes::OrderStatus;
use crate::domain::dates::parse_iso;
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
        },
    }
}

/// How far back to look for an order, allowing for the server's clock being behind.
pub const CLOCK_SLACK: u64 = 120;

/// What the lookup reads of an order in the list.
#[derive(Clone, Copy, Debug)]
pub struct ListedOrder<'a> {
    pub created_at: &'a str,
    pub status: &'a OrderStatus,
    pub total: Decimal,
}

/// The label of the line the app adds to the order's `notes`: staff read it as the
/// storefront's reference, the app reads it back from the order detail.
pub const REFERENCE_LABEL: &str = "Ссылка витрины";

/// What the reference line takes of the backend's 500 characters of `notes`: a line break
/// and «Ссылка витрины: » with 12 hex digits (29), rounded up.
pub const REFERENCE_RESERVE: usize = 30;

/// At most this many orders' details are read in one look.
pub const LOOKUP_MAX: usize = 5;

impl Attempt {
    /// This attempt's reference: 48 bits of the key's hash — the same after a reload, a
    /// new one with every new key.
    pub fn reference(&self) -> String {
        format!("{:012x}", fnv(self.key.as_bytes()) & 0xffff_ffff_ffff)
    }
}

/// The shopper's notes with the attempt's reference on a line of its own after them.
pub fn notes_with_reference(notes: Option<&str>, reference: &str) -> String {
    let line = format!("{REFERENCE_LABEL}: {reference}");
    match notes.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("{n}\n{line}"),
        None => line,
    }
}

/// Whether an order's notes carry this reference (a whole line, as the app wrote it).
pub fn carries_reference(notes: Option<&str>, reference: &str) -> bool {
    let line = format!("{REFERENCE_LABEL}: {reference}");
    notes.is_some_and(|n| n.lines().any(|l| l.trim() == line))
}

/// The orders whose details a look reads: created since the attempt began (with slack),
/// still awaiting payment or paid, and of the expected total when it is known (checkout
/// charges what the preview showed), newest first, at most `LOOKUP_MAX`; `more` says some
/// were left unread.
pub struct Candidates<'a, T> {
    pub read: Vec<&'a T>,
    pub more: bool,
}

pub fn candidates<'a, T>(
    orders: &'a [T],
    a: &Attempt,
    read: impl Fn(&T) -> ListedOrder<'_>,
) -> Candidates<'a, T> {
    let since = a.started_at.saturating_sub(CLOCK_SLACK) as i64;
    let mut live: Vec<&T> = orders
        .iter()
        .filter(|o| {
            let o = read(o);
            parse_iso(o.created_at).is_some_and(|t| t >= since)
                && o.status.is_fresh()
                && a.expected_total.is_none_or(|t| t == o.total)
        })
        .collect();
    let more = live.len() > LOOKUP_MAX;
    live.truncate(LOOKUP_MAX);
    Candidates { read: live, more }
}

/// What a look after a lost answer proved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict<T> {
    /// This order carries the attempt's reference: it is this attempt's.
    Placed(T),
    /// Every order that could be it was read, and none carries the reference.
    NotPlaced,
    /// Nothing proves either: the list or a detail could not be read, or there were more
    /// orders than one look reads. Never said as «оформлен».
    Unproven,
}

/// The verdict from the notes of the candidates whose details were read; `unread`: some
/// could not be read (or were beyond `LOOKUP_MAX`).
pub fn judge<T>(read: Vec<(T, Option<String>)>, unread: bool, reference: &str) -> Verdict<T> {
    match read
        .into_iter()
        .find(|(_, n)| carries_reference(n.as_deref(), reference))
    {
        Some((o, _)) => Verdict::Placed(o),
        None if unread => Verdict::Unproven,
        None => Verdict::NotPlaced,
    }
}

/// A failed checkout request, as far as the attempt is concerned (`api::commerce::checkout::failure`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// 429, with the moment a retry is allowed.
    RateLimited {
        until: u64,
    },
    /// No usable answer (timeout, dropped, 5xx, unreadable): the order may exist.
    MaybeCommitted,
    /// 409: the same key is being served right now.
    InFlight,
    Unauthorized,
    /// 422: the key met other content.
    KeyReused,
    /// A refusal about the content.
    Refused {
        cart_empty: bool,
    },
}

/// What to do after a checkout request failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// No request before `until` (unix seconds); the form stays as it is.
    Wait { until: u64 },
    /// The answer may have been lost after the order was made: look for it first.
    Look,
    /// The same key is being served right now (another tab): look a moment later.
    LookLater,
    /// The token stopped working: sign in again, the draft and the key are kept.
    SignIn,
    /// A definite refusal (about the content, or the key met other content): nothing was
    /// made under this key, so it is dropped and the next press starts a new attempt. A
    /// gateway may keep a refusal under its key (the stub keeps every answer below 500 but
    /// 429), so the same key would only replay it after the shopper fixed the cause (stock
    /// back, KYC passed).
    Explain,
}

/// The one rule for every failed send: never a blind resubmit.
pub fn decide(f: Failure) -> Next {
    match f {
        Failure::RateLimited { until } => Next::Wait { until },
        Failure::MaybeCommitted => Next::Look,
        Failure::InFlight => Next::LookLater,
        // An empty cart on a retry: the first send most likely made the order; on a first
        // send, another tab may just have made it. Either way, look before saying so.
        Failure::Refused { cart_empty: true } => Next::Look,
        Failure::Unauthorized => Next::SignIn,
        Failure::KeyReused | Failure::Refused { .. } => Next::Explain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    #[derive(Clone)]
    struct O(&'static str, &'static str, &'static str, OrderStatus);

    fn order(
        id: &'static str,
        created: &'static str,
        total: &'static str,
        status: &'static str,
    ) -> O {
        O(id, created, total, OrderStatus::parse(status))
    }

    fn read(o: &O) -> ListedOrder<'_> {
        ListedOrder {
            created_at: o.1,
            status: &o.3,
            total: Decimal::from_str(o.2).unwrap(),
        }
    }

    #[test]
    fn only_a_lost_answer_or_an_empty_cart_looks_for_the_order() {
        assert_eq!(
            decide(Failure::RateLimited { until: 9 }),
            Next::Wait { until: 9 }
        );
        assert_eq!(decide(Failure::MaybeCommitted), Next::Look);
        assert_eq!(decide(Failure::InFlight), Next::LookLater);
        assert_eq!(decide(Failure::Refused { cart_empty: true }), Next::Look);
        // A definite refusal made nothing: the key goes, the next press is a new attempt.
        assert_eq!(
            decide(Failure::Refused { cart_empty: false }),
            Next::Explain
        );
        assert_eq!(decide(Failure::KeyReused), Next::Explain);
        assert_eq!(decide(Failure::Unauthorized), Next::SignIn);
    }

    fn attempt() -> Attempt {
        // 2024-01-15T14:40:00Z = 1_705_329_600.
        Attempt {
            key: "k".into(),
            hash: "h".into(),
            started_at: 1_705_329_600,
            expected_total: Some(Decimal::from(8100)),
        }
    }

    #[test]
    fn the_reference_rides_in_the_notes_after_what_the_shopper_wrote() {
        let a = attempt();
        let r = a.reference();
        assert_eq!(r.len(), 12);
        assert_eq!(r, attempt().reference(), "the same key, the same reference");
        let other = Attempt {
            key: "k2".into(),
            ..attempt()
        };
        assert_ne!(r, other.reference());
        let notes = notes_with_reference(Some(" позвонить заранее "), &r);
        assert_eq!(notes, format!("позвонить заранее\nСсылка витрины: {r}"));
        assert_eq!(
            notes_with_reference(Some("  "), &r),
            format!("Ссылка витрины: {r}")
        );
        assert!(notes.chars().count() <= 17 + REFERENCE_RESERVE);
        assert!(carries_reference(Some(&notes), &r));
        assert!(!carries_reference(Some(&notes), &other.reference()));
        assert!(!carries_reference(Some("позвонить заранее"), &r));
        assert!(!carries_reference(None, &r));
        // A reference that merely starts like ours is not ours.
        assert!(!carries_reference(
            Some(&format!("Ссылка витрины: {r}0")),
            &r
        ));
    }

    #[test]
    fn a_same_total_neighbour_a_second_later_is_never_taken_for_this_attempt() {
        let a = attempt();
        // Newest first, as the list answers: another device's order of the same total, a
        // second after this attempt's own.
        let orders = [
            order(
                "neighbour",
                "2024-01-15T14:40:02Z",
                "8100",
                "PENDING_PAYMENT",
            ),
            order("mine", "2024-01-15T14:40:01Z", "8100", "PENDING_PAYMENT"),
            order("other", "2024-01-15T14:40:03Z", "999", "PENDING_PAYMENT"),
            order("old", "2024-01-10T10:00:00Z", "8100", "PENDING_PAYMENT"),
            order("c", "2024-01-15T14:41:00Z", "8100", "CANCELLED"),
        ];
        let c = candidates(&orders, &a, read);
        let ids: Vec<&str> = c.read.iter().map(|o| o.0).collect();
        assert_eq!(ids, ["neighbour", "mine"], "the same total, newest first");
        assert!(!c.more);
        let notes = |id: &str| match id {
            "mine" => Some(notes_with_reference(Some("домофон 12"), &a.reference())),
            "neighbour" => Some("Ссылка витрины: 0123456789ab".to_string()),
            _ => None,
        };
        let read_all = |c: &Candidates<'_, O>| -> Vec<(&'static str, Option<String>)> {
            c.read.iter().map(|o| (o.0, notes(o.0))).collect()
        };
        let r = a.reference();
        assert_eq!(judge(read_all(&c), false, &r), Verdict::Placed("mine"));
        // Even when another detail could not be read, the one that carries it proves it.
        assert_eq!(judge(read_all(&c), true, &r), Verdict::Placed("mine"));

        // Only the neighbour: not this attempt's order, and it is not claimed.
        let only = [orders[0].clone()];
        let c = candidates(&only, &a, read);
        assert_eq!(judge(read_all(&c), c.more, &r), Verdict::NotPlaced);

        // The neighbour's detail could not be read (or more orders than a look reads):
        // nothing proves anything either way.
        assert_eq!(judge(vec![("other", None)], true, &r), Verdict::Unproven);
        assert_eq!(judge::<&str>(vec![], true, &r), Verdict::Unproven);
    }

    #[test]
    fn a_look_reads_at_most_a_few_details() {
        let a = attempt();
        let many: Vec<O> = (0..LOOKUP_MAX + 2)
            .map(|_| order("x", "2024-01-15T14:40:05Z", "8100", "PAID"))
            .collect();
        let c = candidates(&many, &a, read);
        assert_eq!(c.read.len(), LOOKUP_MAX);
        assert!(c.more);
    }
}
