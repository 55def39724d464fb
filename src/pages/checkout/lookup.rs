//! The look after a lost checkout answer: which order, if any, carries this attempt's
//! reference (docs/integration.md §7).

use super::listed;
use crate::api::commerce::orders;
use crate::api::Endpoint;
use crate::domain::checkout::attempt::{
    candidates, carries_reference, judge, Attempt, Verdict, CLOCK_SLACK,
};
use crate::domain::dates::iso_utc;
use crate::domain::orders::order::OrderDetail;

/// Reads the orders made since the attempt began and the details of those that could be it
/// (a few, of the expected total), until one carries the attempt's reference.
pub(super) async fn check(ep: &Endpoint, a: &Attempt) -> Verdict<OrderDetail> {
    let since = iso_utc(a.started_at.saturating_sub(CLOCK_SLACK) as i64);
    let Ok(list) = orders::since(ep, &since).await else {
        return Verdict::Unproven;
    };
    let c = candidates(&list, a, listed);
    let reference = a.reference();
    let mut unread = c.more;
    let mut read = Vec::new();
    for o in c.read {
        match orders::detail(ep, &o.id).await {
            Ok(d) => {
                let notes = d.notes.clone();
                let ours = carries_reference(notes.as_deref(), &reference);
                read.push((d, notes));
                if ours {
                    break;
                }
            }
            Err(_) => unread = true,
        }
    }
    judge(read, unread, &reference)
}
