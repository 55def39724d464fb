//! One withdrawal intent, one withdrawal request. Seed 004 documents no idempotency for
//! `withdrawal-requests/create`, so a lost answer (timeout, dropped connection, 5xx,
//! unreadable 2xx) is never answered by sending again: the intent is stored before the
//! send, and the partner's withdrawal requests are read — a request of the intent's amount
//! that was not there before the send is this one. The intent keeps only what recognises
//! it (amount, recipient kind, the account's last four digits, when it was sent, the ids
//! listed before): no passport, no account number. Organizations are unique by INN (409),
//! so their lookup is the profile's list.

use crate::domain::dates::civil_from_days;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A withdrawal being made, as stored before it is sent (docs/integration.md §11).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Intent {
    /// Whose cabinet: another partner signing in on this browser ignores it.
    pub partner: String,
    pub amount: Decimal,
    pub to_organization: bool,
    /// The account's last four digits, to name the intent to the partner.
    pub account_tail: String,
    /// The lookup's `range.from` (a day before the send, so no time zone hides it).
    pub since: String,
    /// Requests of the same amount listed before the send: not this intent's.
    pub known: Vec<String>,
    /// Unix milliseconds of the send.
    pub sent_at_ms: u64,
}

/// A listed withdrawal request as the lookup reads it.
#[derive(Clone, Copy, Debug)]
pub struct ListedWithdrawal<'a> {
    pub id: &'a str,
    pub amount: Decimal,
}

/// `YYYY-MM-DD` of unix milliseconds, UTC.
pub fn day_of_ms(ms: u64) -> String {
    let (y, m, d) = civil_from_days((ms / 1000) as i64 / 86_400);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The last four digits of an account: «•••• 0001».
pub fn account_tail(account: &str) -> String {
    let digits: Vec<char> = account.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(4)..].iter().collect()
}

impl Intent {
    /// The intent about to be sent at `now_ms`, given the requests listed since `since`
    /// just before (`since` from [`Intent::since_for`]).
    pub fn new(
        partner: &str,
        amount: Decimal,
        to_organization: bool,
        account: &str,
        now_ms: u64,
        listed: &[ListedWithdrawal<'_>],
    ) -> Intent {
        Intent {
            partner: partner.to_string(),
            amount,
            to_organization,
            account_tail: account_tail(account),
            since: Intent::since_for(now_ms),
            known: listed
                .iter()
                .filter(|l| l.amount == amount)
                .map(|l| l.id.to_string())
                .collect(),
            sent_at_ms: now_ms,
        }
    }

    /// The day the lookup lists from: one day before `now_ms`.
    pub fn since_for(now_ms: u64) -> String {
        day_of_ms(now_ms.saturating_sub(86_400_000))
    }

    /// The request this intent made, if the list (everything since `since`) has it.
    pub fn find_made<'a>(&self, listed: &[ListedWithdrawal<'a>]) -> Option<&'a str> {
        listed
            .iter()
            .find(|l| l.amount == self.amount && !self.known.iter().any(|k| k == l.id))
            .map(|l| l.id)
    }
}

/// How a send ended, as far as the intent is concerned (`api::partner::cabinet::sent`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sent {
    /// 201: made.
    Made,
    /// A definite refusal (4xx, 429): nothing was made.
    Refused,
    /// No usable answer. `in_flight`: the backend may still be working on it (timeout,
    /// connection lost, 502/504, or a reload in the middle); else it answered and is done.
    Unsure { in_flight: bool },
}

/// How long lookups wait for a request that may still be in flight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    /// A request not seen this long after its send was not made.
    pub settle_ms: u64,
    /// Between lookups while unsure.
    pub every_ms: u64,
}

/// The app's: 15 s of timeout plus 30 s for a slow backend to commit.
pub const TIMING: Timing = Timing {
    settle_ms: 45_000,
    every_ms: 3_000,
};

/// What a lookup concludes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Made,
    /// Nothing was made: the partner may send again (a new intent).
    NotMade,
    /// Not seen yet and the request may still land: look again at this moment (ms).
    LookAt(u64),
}

/// After a lookup that started at `looked_at_ms` and did (not) find what was sent at
/// `sent_at_ms` (a withdrawal intent's request, an organization's INN).
pub fn verdict(
    sent_at_ms: u64,
    found: bool,
    in_flight: bool,
    looked_at_ms: u64,
    t: Timing,
) -> Verdict {
    let settled_at = sent_at_ms + t.settle_ms;
    if found {
        Verdict::Made
    } else if !in_flight || looked_at_ms >= settled_at {
        Verdict::NotMade
    } else {
        Verdict::LookAt((looked_at_ms + t.every_ms).min(settled_at))
    }
}

/// A look that could not be made (the list failed): try again later, never conclude.
pub fn look_failed(looked_at_ms: u64, t: Timing) -> Verdict {
    Verdict::LookAt(looked_at_ms + t.every_ms)
}

/// An organization whose add lost its answer is there if the profile lists its INN; a 409
/// for that INN afterwards means the same.
pub fn organization_added<'a>(mut listed_inns: impl Iterator<Item = &'a str>, inn: &str) -> bool {
    listed_inns.any(|i| i.trim() == inn.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(id: &'static str, rub: i64) -> ListedWithdrawal<'static> {
        ListedWithdrawal {
            id,
            amount: Decimal::from(rub),
        }
    }

    // 2026-12-06T20:00:00Z.
    const NOW: u64 = 1_796_587_200_000;

    #[test]
    fn the_intent_keeps_only_what_recognises_it() {
        let before = [l("W-1", 1500), l("W-2", 700), l("W-3", 1500)];
        let i = Intent::new(
            "p1",
            Decimal::from(1500),
            false,
            "40702810938000000001",
            NOW,
            &before,
        );
        assert_eq!(i.known, ["W-1", "W-3"]);
        assert_eq!(i.account_tail, "0001");
        assert_eq!(i.since, "2026-12-05");
        let stored = serde_json::to_string(&i).unwrap();
        assert!(!stored.contains("40702810938000000001"), "{stored}");
        assert_eq!(serde_json::from_str::<Intent>(&stored).unwrap(), i);
    }

    #[test]
    fn only_a_new_request_of_the_same_amount_is_the_intents() {
        let w1 = ListedWithdrawal {
            id: "W-1",
            amount: Decimal::new(150_050, 2),
        };
        let i = Intent::new(
            "p",
            Decimal::new(150_050, 2),
            true,
            "1234",
            NOW,
            &[w1, l("W-0", 1500)],
        );
        assert_eq!(i.known, ["W-1"]);
        assert_eq!(i.find_made(&[l("W-9", 1500), w1]), None, "W-1 was there");
        let w2 = ListedWithdrawal {
            id: "W-2",
            amount: Decimal::new(1_500_500, 3),
        };
        assert_eq!(i.find_made(&[l("W-9", 1500), w2]), Some("W-2"));
        let known = Intent::new(
            "p",
            Decimal::from(1500),
            true,
            "1234",
            NOW,
            &[l("W-1", 1500)],
        );
        assert_eq!(known.find_made(&[l("W-1", 1500)]), None);
    }

    #[test]
    fn an_unsure_send_is_looked_for_until_it_settles_and_only_then_given_up() {
        let i = NOW;
        let t = TIMING;
        assert_eq!(verdict(i, true, true, NOW + 10, t), Verdict::Made);
        // The backend answered (500): nothing more will land.
        assert_eq!(verdict(i, false, false, NOW + 10, t), Verdict::NotMade);
        // A timeout: the request may still commit.
        assert_eq!(
            verdict(i, false, true, NOW + 15_000, t),
            Verdict::LookAt(NOW + 18_000)
        );
        assert_eq!(
            verdict(i, false, true, NOW + 44_000, t),
            Verdict::LookAt(NOW + 45_000)
        );
        assert_eq!(verdict(i, false, true, NOW + 45_000, t), Verdict::NotMade);
        assert_eq!(look_failed(NOW + 99_000, t), Verdict::LookAt(NOW + 102_000));
    }

    #[test]
    fn an_organization_is_recognised_by_its_inn() {
        assert!(organization_added(
            ["7743013902", " 500100732259 "].into_iter(),
            "500100732259"
        ));
        assert!(!organization_added(
            ["7743013902"].into_iter(),
            "500100732259"
        ));
    }
}
