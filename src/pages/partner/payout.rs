//! The withdrawal intent on the page (`domain::partner::payout`): stored before the send,
//! looked for after a lost answer or a reload, cleared once its request is seen or surely
//! never made. Never a second send while the first may exist.

use crate::api::partner::cabinet::{self, Withdrawal};
use crate::api::partner::payouts::{self, listed, sent};
use crate::api::{ApiError, Endpoint, IdempotencyKey};
use crate::domain::partner::cabinet::Organization;
use crate::domain::partner::payout::{
    look_failed, organization_added, verdict, Intent, ListedWithdrawal, Sent, Verdict, TIMING,
};
use crate::state::storage::{self, Key};
use crate::timer::now_ms;
use std::sync::atomic::{AtomicBool, Ordering};

const VERSION: u32 = 1;

/// The stored intent of `partner`; another partner's is dropped.
pub(super) fn stored(partner: &str) -> Option<Intent> {
    let i: Intent = storage::read_record(&Key::withdrawal_intent(), VERSION)?;
    if i.partner == partner {
        Some(i)
    } else {
        forget();
        None
    }
}

fn forget() {
    storage::remove(&Key::withdrawal_intent());
}

/// How a withdrawal ended for the page.
pub(super) enum Outcome {
    Made,
    /// Refused, or never sent (the list before it failed): nothing was made.
    Refused(ApiError),
    /// The answer was lost and the list, once sure, has no such request.
    NotMade,
    /// The page was left while looking: the intent stays for the next visit.
    Left,
}

/// Sends `w` once: the requests since yesterday are listed, the intent stored, then the
/// request sent; after a lost answer, `checking` is told and the list read until sure.
pub(super) async fn make(
    ep: &Endpoint,
    partner: &str,
    w: &Withdrawal,
    checking: impl Fn(&Intent),
    alive: &AtomicBool,
) -> Outcome {
    let now = now_ms();
    let before = match payouts::since(ep, partner, &Intent::since_for(now)).await {
        Ok(l) => l,
        Err(e) => return Outcome::Refused(e),
    };
    let list: Vec<ListedWithdrawal<'_>> = before.iter().map(listed).collect();
    let org = matches!(w.recipient, cabinet::Recipient::Organization { .. });
    let intent = Intent::new(partner, w.amount, org, &w.account, now_ms(), &list);
    // A full storage still sends: the intent then lives as long as this page.
    let _ = storage::write_record(&Key::withdrawal_intent(), VERSION, &intent);
    let r = cabinet::withdraw(ep, partner, w, &IdempotencyKey::new()).await;
    match (sent(&r), r) {
        (Sent::Made, _) => {
            forget();
            Outcome::Made
        }
        (Sent::Unsure { in_flight }, _) => {
            checking(&intent);
            resolve(ep, &intent, in_flight, alive).await
        }
        (Sent::Refused, Err(e)) => {
            forget();
            Outcome::Refused(e)
        }
        (Sent::Refused, Ok(())) => Outcome::Made,
    }
}

/// Reads the list until the intent's request is seen or surely never made.
pub(super) async fn resolve(
    ep: &Endpoint,
    intent: &Intent,
    in_flight: bool,
    alive: &AtomicBool,
) -> Outcome {
    loop {
        if !alive.load(Ordering::Relaxed) {
            return Outcome::Left;
        }
        let at = now_ms();
        let v = match payouts::since(ep, &intent.partner, &intent.since).await {
            Ok(l) => {
                let list: Vec<ListedWithdrawal<'_>> = l.iter().map(listed).collect();
                verdict(
                    intent.sent_at_ms,
                    intent.find_made(&list).is_some(),
                    in_flight,
                    at,
                    TIMING,
                )
            }
            Err(_) => look_failed(at, TIMING),
        };
        match v {
            Verdict::Made => {
                forget();
                return Outcome::Made;
            }
            Verdict::NotMade => {
                forget();
                return Outcome::NotMade;
            }
            Verdict::LookAt(t) => crate::timer::sleep(t.saturating_sub(now_ms()) as u32).await,
        }
    }
}

/// Whether partner `id`'s profile lists an organization of this INN.
async fn has_organization(ep: &Endpoint, id: &str, inn: &str) -> Result<bool, ApiError> {
    let p = cabinet::profile(ep, id).await?;
    Ok(organization_added(
        p.organizations.iter().map(|o| o.inn.as_str()),
        inn,
    ))
}

/// Adds `org` once. An INN is unique in a cabinet (409), so after a lost answer the profile
/// is read until its INN is seen or surely absent; a 409 for an INN whose answer was lost
/// (`lost`) means it is there. `Made` is «added».
pub(super) async fn add_organization(
    ep: &Endpoint,
    partner: &str,
    org: &Organization,
    lost: Option<&str>,
    alive: &AtomicBool,
) -> (Outcome, bool) {
    let sent_at = now_ms();
    let r = cabinet::add_organization(ep, partner, org).await;
    let in_flight = match (sent(&r), r) {
        (Sent::Made, _) | (Sent::Refused, Ok(())) => return (Outcome::Made, false),
        (Sent::Refused, Err(ApiError::Conflict(e))) if lost == Some(org.inn.as_str()) => {
            // Looked for once: it is there, or the 409 stands.
            return match has_organization(ep, partner, &org.inn).await {
                Ok(true) => (Outcome::Made, false),
                _ => (Outcome::Refused(ApiError::Conflict(e)), true),
            };
        }
        (Sent::Refused, Err(e)) => return (Outcome::Refused(e), false),
        (Sent::Unsure { in_flight }, _) => in_flight,
    };
    loop {
        if !alive.load(Ordering::Relaxed) {
            return (Outcome::Left, true);
        }
        let at = now_ms();
        let v = match has_organization(ep, partner, &org.inn).await {
            Ok(found) => verdict(sent_at, found, in_flight, at, TIMING),
            Err(_) => look_failed(at, TIMING),
        };
        match v {
            Verdict::Made => return (Outcome::Made, false),
            // Still `lost`: a 409 on the next press means it landed after all.
            Verdict::NotMade => return (Outcome::NotMade, true),
            Verdict::LookAt(t) => crate::timer::sleep(t.saturating_sub(now_ms()) as u32).await,
        }
    }
}
