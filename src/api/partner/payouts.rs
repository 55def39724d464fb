//! Withdrawals and organizations made once: seed 004 documents no idempotency for either,
//! so a lost answer is followed by a look, not by another send (docs/integration.md §11,
//! `domain::partner::payout`). How a send ended, and the lookup's list.

use super::cabinet;
use super::{ApiError, Endpoint};
use crate::domain::partner::cabinet::WithdrawalEntry;
use crate::domain::partner::payout::{ListedWithdrawal, Sent};

/// How a create (withdrawal or organization) ended, as far as its intent is concerned.
pub fn sent(r: &Result<(), ApiError>) -> Sent {
    match r {
        Ok(()) => Sent::Made,
        // No answer at all: the backend may still be at it.
        Err(ApiError::Timeout { .. } | ApiError::Network(_)) => Sent::Unsure { in_flight: true },
        // A gateway that gave up on the backend (502, 504) does not stop it.
        Err(ApiError::Server(e)) => Sent::Unsure {
            in_flight: matches!(e.status, 502 | 504),
        },
        Err(ApiError::Decode { .. }) => Sent::Unsure { in_flight: false },
        Err(_) => Sent::Refused,
    }
}

/// Requests per page of the lookup (the list's most) and pages at most.
const PAGE: u32 = 100;
const PAGES: u32 = 20;

/// Every withdrawal request of partner `id` since the day `since`, any status.
pub async fn since(ep: &Endpoint, id: &str, since: &str) -> Result<Vec<WithdrawalEntry>, ApiError> {
    let from = Some(since.to_string());
    let mut all = Vec::new();
    for page in 0..PAGES {
        let l = cabinet::withdrawals(ep, id, None, (&from, &None), (PAGE, page * PAGE)).await?;
        let n = l.data.len();
        all.extend(l.data);
        if n < PAGE as usize || l.total.is_some_and(|t| all.len() as u64 >= t) {
            break;
        }
    }
    Ok(all)
}

/// What the lookup reads of a listed request.
pub fn listed(w: &WithdrawalEntry) -> ListedWithdrawal<'_> {
    ListedWithdrawal {
        id: &w.id,
        amount: w.amount,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::BackendError;

    fn be(status: u16) -> BackendError {
        BackendError {
            status,
            code: crate::api::ErrorCode::Unknown("X".into()),
            message: String::new(),
            details: Vec::new(),
            request_id: None,
        }
    }

    fn server(status: u16) -> ApiError {
        ApiError::Server(be(status))
    }

    #[test]
    fn only_a_missing_answer_leaves_the_request_possibly_in_flight() {
        assert_eq!(sent(&Ok(())), Sent::Made);
        let unsure = |in_flight| Sent::Unsure { in_flight };
        assert_eq!(sent(&Err(ApiError::Timeout { after_ms: 1 })), unsure(true));
        assert_eq!(sent(&Err(ApiError::Network("reset".into()))), unsure(true));
        assert_eq!(sent(&Err(server(504))), unsure(true));
        assert_eq!(sent(&Err(server(500))), unsure(false));
        let decode = ApiError::Decode {
            status: 200,
            detail: String::new(),
            request_id: None,
        };
        assert_eq!(sent(&Err(decode)), unsure(false));
        assert_eq!(sent(&Err(ApiError::Conflict(be(409)))), Sent::Refused);
        assert_eq!(sent(&Err(ApiError::Validation(be(400)))), Sent::Refused);
    }
}
