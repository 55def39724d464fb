//! The cart every page shares. A guest's cart lives in localStorage (`guest`); once signed
//! in, the account cart on the server is the truth and the guest lines are merged into it
//! (`sync`). Every change shows at once and settles on the server's numbers; a refused
//! change rolls back with the reason on its line (`change`).

mod change;
mod guest;
mod sync;

use crate::api::ApiError;
use crate::domain::cart::{
    refusal_text, total_quantity, CartLine, LineKey, RefusedLine, ServerCart,
};
use crate::state::storage::{self, Key};
use crate::state::toasts::ToastKind;
use crate::state::{Session, Toasts};
use crate::timer::KeyedDebounce;
use leptos::prelude::*;
use std::collections::HashMap;
use std::time::Duration;

/// Quiet time after the last stepper click before the final quantity is sent.
pub const STEPPER_SETTLE: Duration = Duration::from_millis(400);

/// The shared cart: what the shopper sees, and what is on its way to the server.
#[derive(Clone, Copy)]
pub struct Cart {
    /// What the shopper sees: optimistic while a change is on its way.
    lines: RwSignal<Vec<CartLine>>,
    /// The server's last full answer (summary, coupons, partner estimates); `None` for guests.
    server: RwSignal<Option<ServerCart>>,
    /// The account cart is being read for the first time.
    loading: RwSignal<bool>,
    /// Why the last change to a line failed, shown on that line.
    line_errors: RwSignal<Vec<(LineKey, String)>>,
    /// Guest lines the account cart would not take at sign-in.
    refused: RwSignal<Vec<RefusedLine>>,
    /// Lines with a change on its way.
    busy: RwSignal<Vec<LineKey>>,
    /// A notice about the stored cart (dropped as unreadable, storage full).
    notice: RwSignal<Option<String>>,
    /// The account cart could not be read; the page offers to try again.
    load_failed: RwSignal<bool>,
    session: Session,
    toasts: Toasts,
    /// Changes on their way.
    inflight: StoredValue<u32>,
    /// Stepper quantities waiting for a quiet moment, per line.
    steppers: KeyedDebounce<LineKey>,
    /// Quantity the server last confirmed per line.
    confirmed: StoredValue<HashMap<LineKey, u32>>,
}

/// The detail a refusal gave about quantity (`details.quantity`), for the line's message.
fn quantity_detail(e: &ApiError) -> Option<String> {
    e.backend()
        .and_then(|b| b.field("quantity").or_else(|| b.field("variantId")))
        .and_then(|m| m.first().cloned())
}

/// What to tell the shopper about a failed change.
fn reason(e: &ApiError) -> String {
    match e.backend() {
        Some(b) if !b.code.as_str().is_empty() && !matches!(e, ApiError::Server(_)) => {
            refusal_text(&b.code, &b.message, quantity_detail(e).as_deref())
        }
        _ => e.user_message(),
    }
}

impl Cart {
    /// Creates the cart, reads the guest record and starts following the session and
    /// other tabs.
    pub fn install(session: Session, toasts: Toasts) -> Cart {
        let cart = Cart {
            lines: RwSignal::new(Vec::new()),
            server: RwSignal::new(None),
            loading: RwSignal::new(false),
            line_errors: RwSignal::new(Vec::new()),
            refused: RwSignal::new(Vec::new()),
            busy: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            load_failed: RwSignal::new(false),
            session,
            toasts,
            inflight: StoredValue::new(0),
            steppers: KeyedDebounce::new(),
            confirmed: StoredValue::new(HashMap::new()),
        };
        if !session.is_signed_in() {
            cart.lines.set(cart.read_guest());
        }
        // Sign-in merges the guest cart into the account; sign-out leaves an empty guest cart.
        Effect::new(move |prev: Option<Option<String>>| {
            let token = session.token();
            let was = prev.flatten();
            match (&was, &token) {
                (None, Some(_)) | (Some(_), Some(_)) if was != token => cart.sign_in_sync(),
                (Some(_), None) => cart.reset_to_guest(),
                _ => {}
            }
            token
        });
        // Another tab changed the guest cart.
        storage::on_change(Key::cart(), move |value| {
            if !session.is_signed_in() {
                cart.lines.set(guest::decode(value.as_deref()));
            }
        });
        cart
    }

    /// Signed out: nothing of the account stays on screen.
    fn reset_to_guest(&self) {
        self.steppers.cancel_all();
        self.server.set(None);
        self.busy.set(Vec::new());
        self.line_errors.set(Vec::new());
        self.refused.set(Vec::new());
        self.confirmed.set_value(HashMap::new());
        self.inflight.set_value(0);
        self.loading.set(false);
        self.load_failed.set(false);
        self.lines.set(self.read_guest());
    }

    // ---------- what pages read ----------

    /// The lines on screen.
    pub fn lines(&self) -> ReadSignal<Vec<CartLine>> {
        self.lines.read_only()
    }

    /// The server's last whole answer (summary, coupons, estimates); `None` for guests.
    pub fn server(&self) -> ReadSignal<Option<ServerCart>> {
        self.server.read_only()
    }

    /// Units in the cart, for the header badge.
    pub fn count(&self) -> u32 {
        self.lines.with(|l| total_quantity(l))
    }

    /// How many units of a line are in the cart, if any.
    pub fn quantity_of(&self, key: &LineKey) -> Option<u32> {
        self.lines
            .with(|l| l.iter().find(|x| &x.key == key).map(|x| x.quantity))
    }

    /// The account cart is being read for the first time.
    pub fn is_loading(&self) -> bool {
        self.loading.get()
    }

    /// The account cart could not be read.
    pub fn load_failed(&self) -> bool {
        self.load_failed.get()
    }

    pub fn refused(&self) -> Vec<RefusedLine> {
        self.refused.get()
    }

    pub fn notice(&self) -> Option<String> {
        self.notice.get()
    }

    pub fn dismiss_notice(&self) {
        self.notice.set(None);
    }

    pub fn error_for(&self, key: &LineKey) -> Option<String> {
        self.line_errors
            .with(|e| e.iter().find(|(k, _)| k == key).map(|(_, m)| m.clone()))
    }

    pub fn is_busy(&self, key: &LineKey) -> bool {
        self.busy.with(|b| b.contains(key))
    }

    fn set_error(&self, key: &LineKey, msg: Option<String>) {
        self.line_errors.update(|e| {
            e.retain(|(k, _)| k != key);
            if let Some(m) = msg {
                e.push((key.clone(), m));
            }
        });
    }

    fn set_busy(&self, key: &LineKey, on: bool) {
        self.busy.update(|b| {
            b.retain(|k| k != key);
            if on {
                b.push(key.clone());
            }
        });
    }

    /// A failed change: the reason in a toast; a 401 asks the shopper to sign in again.
    /// Returns the reason.
    fn explain(&self, e: &ApiError) -> String {
        self.session.refused(e);
        let r = reason(e);
        self.toasts.push(
            ToastKind::Error,
            r.clone(),
            e.request_id().map(str::to_string),
        );
        r
    }

    /// A change to a line the server refused: [`Self::explain`], and the reason on the line.
    fn refuse(&self, key: &LineKey, e: &ApiError) -> String {
        let r = self.explain(e);
        self.set_error(key, Some(r.clone()));
        r
    }
}

pub fn use_cart() -> Cart {
    expect_context::<Cart>()
}
