//! The account cart: read it, take the server's figures once nothing is on its way, and
//! at sign-in move the guest lines into it — each with the key stored beside it, so a merge
//! cut short is repeated without counting a line twice.

use super::guest::{with_merge_keys, write_record};
use super::{quantity_detail, Cart};
use crate::api::commerce::cart as api;
use crate::api::{ApiError, Endpoint, IdempotencyKey};
use crate::domain::cart::{merge_report, CartLine, LineKey, LineOutcome, RefusedLine, ServerCart};
use crate::state::toasts::ToastKind;
use leptos::prelude::*;

/// How one guest line fared when sent at sign-in; `None`: the sign-in ran out (401).
fn outcome_of<T>(r: Result<T, ApiError>) -> Option<LineOutcome> {
    Some(match r {
        Ok(_) => LineOutcome::Added,
        Err(ApiError::Unauthorized(_)) => return None,
        Err(
            e @ (ApiError::Validation(_)
            | ApiError::NotFound(_)
            | ApiError::Conflict(_)
            | ApiError::Forbidden(_)),
        ) => {
            let b = e.backend().cloned().unwrap_or_default();
            LineOutcome::Refused {
                code: b.code,
                message: b.message,
                detail: quantity_detail(&e),
            }
        }
        // Network, timeout, 429, 5xx: kept on the device and sent again later.
        Err(_) => LineOutcome::Failed,
    })
}

impl Cart {
    /// Takes the server's whole cart as the truth. Its lines go to `lines`; `server`
    /// keeps the rest (summary, coupons, estimates), so nothing is held twice.
    pub(super) fn apply_server(&self, mut c: ServerCart) {
        let lines = std::mem::take(&mut c.lines);
        self.confirmed
            .set_value(lines.iter().map(|l| (l.key.clone(), l.quantity)).collect());
        self.lines.set(lines);
        self.server.set(Some(c));
        self.load_failed.set(false);
    }

    /// One change has answered: settle if it was the last.
    pub(super) fn settle(&self) {
        self.end();
        self.refresh_if_idle();
    }

    /// Reads the account cart and takes it as the truth, unless the cart on screen is
    /// someone else's by now or (`only_if_idle`) the shopper changed something meanwhile.
    /// A 401 asks to sign in again; other failures are returned.
    pub(super) async fn load(
        &self,
        ep: &Endpoint,
        owner: &Option<String>,
        only_if_idle: bool,
    ) -> Result<(), ApiError> {
        match api::get(ep).await {
            Ok(c) if self.still(owner) && (!only_if_idle || self.idle()) => {
                self.apply_server(c);
                Ok(())
            }
            Ok(_) => Ok(()),
            Err(ApiError::Unauthorized(_)) => {
                self.session.expired();
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Reads the account cart; a failure is shown on the page with «Повторить».
    async fn load_or_report(&self, ep: &Endpoint, owner: &Option<String>) {
        if let Err(e) = self.load(ep, owner, false).await {
            self.load_failed.set(true);
            self.toasts.error(&e);
        }
    }

    /// «Повторить» after the account cart could not be read.
    pub fn retry_load(&self) {
        let cart = *self;
        if !self.session.is_signed_in() {
            return;
        }
        let ep = self.session.commerce();
        let owner = self.owner();
        self.loading.set(true);
        leptos::task::spawn_local(async move {
            cart.load_or_report(&ep, &owner).await;
            cart.loading.set(false);
        });
    }

    /// Nothing on its way and no stepper waiting.
    pub(super) fn idle(&self) -> bool {
        self.inflight.get_value() == 0 && self.steppers.is_idle()
    }

    /// Reads the account cart again once nothing else is on its way, and takes it as the
    /// truth unless the shopper changed something meanwhile.
    pub(super) fn refresh_if_idle(&self) {
        let cart = *self;
        if !self.idle() || !self.session.is_signed_in() {
            return;
        }
        let ep = self.session.commerce();
        let owner = self.owner();
        leptos::task::spawn_local(async move {
            // On failure the optimistic figures stay; the next change settles them.
            let _ = cart.load(&ep, &owner, true).await;
        });
    }

    pub(super) fn begin(&self) {
        self.inflight.update_value(|n| *n += 1);
    }

    pub(super) fn end(&self) {
        self.inflight.update_value(|n| *n = n.saturating_sub(1));
    }

    /// Whose cart a change was made in: an answer that arrives after sign-out (or after
    /// another sign-in) must not touch the cart on screen, which is someone else's now.
    pub(super) fn owner(&self) -> Option<String> {
        self.session.token_now()
    }

    pub(super) fn still(&self, owner: &Option<String>) -> bool {
        self.session.token_now() == *owner
    }

    /// After sign-in: read the account cart, send each guest line, report refusals.
    pub(super) fn sign_in_sync(&self) {
        let cart = *self;
        let mut guest: Vec<CartLine> = self
            .lines
            .get_untracked()
            .into_iter()
            .filter(|l| l.server_id.is_none())
            .collect();
        if guest.is_empty() {
            // A reload while signed in: lines an earlier sign-in could not send wait here.
            guest = self.read_guest();
        }
        // Each line's key is stored before it is sent: if the tab closes or the answer is
        // lost, the next try repeats the same request and the server does not add it twice.
        with_merge_keys(&mut guest);
        let _ = write_record(&guest);
        let guest_keys: Vec<LineKey> = guest.iter().map(|l| l.key.clone()).collect();
        // Until the merge is done these lines cannot be changed (the merge sends them as
        // they are now).
        self.busy.update(|b| b.extend(guest_keys.iter().cloned()));
        self.loading.set(true);
        self.begin();
        let ep = self.session.commerce();
        let owner = self.owner();
        let finish = move || {
            cart.busy.update(|b| b.retain(|k| !guest_keys.contains(k)));
            cart.end();
            cart.loading.set(false);
        };
        leptos::task::spawn_local(async move {
            let mut outcomes = Vec::new();
            let mut waiting = guest.clone();
            for line in guest {
                let key = IdempotencyKey::from_string(line.merge_key.clone().unwrap_or_default());
                let Some(outcome) = outcome_of(api::add(&ep, &line.key, line.quantity, &key).await)
                else {
                    finish();
                    cart.session.expired();
                    return;
                };
                if outcome != LineOutcome::Failed {
                    // Done with this line either way: it leaves the stored guest cart now.
                    waiting.retain(|w| w.key != line.key);
                    let _ = write_record(&waiting);
                }
                outcomes.push((line, outcome));
            }
            if !cart.still(&owner) {
                finish();
                return;
            }
            let report = merge_report(outcomes);
            if report.added > 0 {
                cart.toasts.push(
                    ToastKind::Success,
                    format!(
                        "Товары из корзины гостя перенесены в ваш аккаунт: {}",
                        report.added
                    ),
                    None,
                );
            }
            let mut refused = report.refused;
            // Lines that could not be sent stay stored and are shown, not silently dropped.
            refused.extend(report.kept.into_iter().map(|line| RefusedLine {
                line,
                reason: "Нет связи с магазином: товар сохранён на этом устройстве, перенесём его при следующем входе или обновлении страницы".into(),
            }));
            if !refused.is_empty() {
                cart.toasts.push(
                    ToastKind::Error,
                    format!(
                        "Не все товары удалось перенести в корзину: {}. Причины — в корзине.",
                        refused.len()
                    ),
                    None,
                );
            }
            cart.refused.set(refused);
            cart.load_or_report(&ep, &owner).await;
            finish();
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{BackendError, ErrorCode};

    fn refused(status: u16, code: &str) -> Result<(), ApiError> {
        let b = BackendError {
            status,
            code: ErrorCode::parse(code),
            message: "нет".into(),
            details: vec![("quantity".into(), vec!["Доступно 2 шт.".into()])],
            request_id: None,
        };
        Err(ApiError::from_status(status, b, Default::default(), 0))
    }

    #[test]
    fn a_refused_line_is_reported_a_lost_one_kept_and_a_401_stops_the_merge() {
        assert_eq!(outcome_of(Ok(())), Some(LineOutcome::Added));
        assert_eq!(
            outcome_of(refused(400, "INSUFFICIENT_STOCK")),
            Some(LineOutcome::Refused {
                code: ErrorCode::InsufficientStock,
                message: "нет".into(),
                detail: Some("Доступно 2 шт.".into()),
            })
        );
        assert!(matches!(
            outcome_of(refused(404, "PRODUCT_NOT_FOUND")),
            Some(LineOutcome::Refused { .. })
        ));
        assert_eq!(outcome_of(refused(503, "")), Some(LineOutcome::Failed));
        assert_eq!(outcome_of(refused(429, "")), Some(LineOutcome::Failed));
        assert_eq!(
            outcome_of::<()>(Err(ApiError::Timeout { after_ms: 1 })),
            Some(LineOutcome::Failed)
        );
        assert_eq!(outcome_of(refused(401, "")), None);
    }
}
