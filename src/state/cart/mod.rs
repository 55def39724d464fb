//! The cart every page shares. A guest's cart lives in localStorage (a versioned record,
//! synced across tabs); once signed in, the account cart on the server is the truth and the
//! guest lines are merged into it. Every change shows at once and settles on the server's
//! numbers; a refused change rolls back with the reason on its line.

use super::local_storage as local;
use crate::api::commerce::{cart as api, catalog};
use crate::api::{ApiError, IdempotencyKey};
use crate::domain::cart::{
    add_line, decode_record, default_variant, encode_record, merge_report, refusal_text,
    remove_line, set_quantity, total_quantity, undo_add, CartLine, Discarded, LineKey, LineOutcome,
    RefusedLine, Restored, ServerCart,
};
use crate::domain::catalog::ProductSummary;
use crate::state::toasts::{ToastAction, ToastKind};
use crate::state::{Session, Toasts};
use leptos::prelude::*;
use std::collections::HashMap;
use std::time::Duration;

/// localStorage key of the guest cart.
pub const STORAGE_KEY: &str = "vitrina.cart";

/// Quiet time after the last stepper click before the final quantity is sent.
pub const STEPPER_SETTLE: Duration = Duration::from_millis(400);

/// The shared cart.
#[derive(Clone, Copy)]
pub struct Cart {
    /// What the shopper sees: optimistic while a change is on its way.
    pub lines: RwSignal<Vec<CartLine>>,
    /// The server's last full answer (summary, coupons, partner estimates); `None` for guests.
    pub server: RwSignal<Option<ServerCart>>,
    /// The account cart is being read for the first time.
    pub loading: RwSignal<bool>,
    /// Why the last change to a line failed, shown on that line.
    pub line_errors: RwSignal<Vec<(LineKey, String)>>,
    /// Guest lines the account cart would not take at sign-in.
    pub refused: RwSignal<Vec<RefusedLine>>,
    /// Lines with a change on its way.
    pub busy: RwSignal<Vec<LineKey>>,
    /// A notice about the stored cart (dropped as unreadable, storage full).
    pub notice: RwSignal<Option<String>>,
    /// The account cart could not be read; the page offers to try again.
    pub load_failed: RwSignal<bool>,
    session: Session,
    toasts: Toasts,
    inflight: StoredValue<u32>,
    timers: StoredValue<HashMap<LineKey, TimeoutHandle>>,
    /// Quantity the server last confirmed per line.
    confirmed: StoredValue<HashMap<LineKey, u32>>,
    quota_warned: StoredValue<bool>,
}

/// Removes the guest cart stored on this device (sign-out: the next person starts empty).
pub fn forget_guest_record() {
    if let Some(st) = local() {
        let _ = st.remove_item(STORAGE_KEY);
    }
}

fn now() -> u64 {
    crate::api::http::now_unix()
}

/// Gives every line that lacks one its own merge key.
fn with_merge_keys(lines: &mut [CartLine]) {
    for l in lines.iter_mut().filter(|l| l.merge_key.is_none()) {
        l.merge_key = Some(IdempotencyKey::new().as_str().to_string());
    }
}

/// Writes (or, when empty, removes) the guest cart record. `false` when storage refused.
fn write_record(lines: &[CartLine]) -> bool {
    let Some(st) = local() else { return false };
    let r = if lines.is_empty() {
        st.remove_item(STORAGE_KEY)
    } else {
        st.set_item(STORAGE_KEY, &encode_record(lines, now()))
    };
    r.is_ok()
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
        Some(b) if !b.code.is_empty() && !matches!(e, ApiError::Server(_)) => {
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
            timers: StoredValue::new(HashMap::new()),
            confirmed: StoredValue::new(HashMap::new()),
            quota_warned: StoredValue::new(false),
        };
        if !session.is_signed_in() {
            cart.lines.set(cart.read_guest());
        }
        // Sign-in merges the guest cart into the account; sign-out leaves an empty guest cart.
        Effect::new(move |prev: Option<Option<String>>| {
            let token = session.token.get();
            let was = prev.flatten();
            match (&was, &token) {
                (None, Some(_)) | (Some(_), Some(_)) if was != token => {
                    cart.sign_in_sync();
                }
                (Some(_), None) => {
                    cart.cancel_timers();
                    cart.server.set(None);
                    cart.busy.set(Vec::new());
                    cart.line_errors.set(Vec::new());
                    cart.refused.set(Vec::new());
                    cart.confirmed.set_value(HashMap::new());
                    cart.inflight.set_value(0);
                    cart.loading.set(false);
                    cart.load_failed.set(false);
                    cart.lines.set(cart.read_guest());
                }
                _ => {}
            }
            token
        });
        // Another tab changed the guest cart.
        let handle = window_event_listener(leptos::ev::storage, move |e: web_sys::StorageEvent| {
            let ours = e.key().is_none_or(|k| k == STORAGE_KEY);
            if ours && !session.is_signed_in() {
                let lines = decode_record(e.new_value().as_deref()).lines();
                cart.lines.set(lines);
            }
        });
        // The cart lives as long as the app.
        std::mem::forget(handle);
        cart
    }

    /// Units in the cart, for the header badge.
    pub fn count(&self) -> u32 {
        self.lines.with(|l| total_quantity(l))
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

    // ---------- guest storage ----------

    /// The guest cart from storage; what cannot be read is removed with a notice.
    fn read_guest(&self) -> Vec<CartLine> {
        let Some(st) = local() else {
            return Vec::new();
        };
        let raw = st.get_item(STORAGE_KEY).ok().flatten();
        match decode_record(raw.as_deref()) {
            Restored::Empty => Vec::new(),
            Restored::Lines { lines, upgraded } => {
                if upgraded {
                    // Rewrite in the current version; the cart page fills in names and prices.
                    let _ = st.set_item(STORAGE_KEY, &encode_record(&lines, now()));
                }
                lines
            }
            Restored::Discarded(why) => {
                let _ = st.remove_item(STORAGE_KEY);
                let text = match why {
                    Discarded::Unreadable => {
                        "Сохранённую корзину не удалось прочитать, поэтому она очищена.".to_string()
                    }
                    Discarded::UnknownVersion(v) => {
                        format!("Корзина была сохранена другой версией магазина ({v}) и очищена.")
                    }
                };
                self.notice.set(Some(text.clone()));
                self.toasts.push(ToastKind::Info, text, None);
                Vec::new()
            }
        }
    }

    /// Writes the guest cart; a full storage keeps the cart in memory with a warning.
    fn persist_guest(&self) {
        if self.session.is_signed_in() {
            return;
        }
        // Merge keys are not shown: no need to redraw for them.
        self.lines.update_untracked(|l| with_merge_keys(l));
        let ok = self.lines.with_untracked(|l| write_record(l));
        if !ok && local().is_some() && !self.quota_warned.get_value() {
            self.quota_warned.set_value(true);
            let text = "Память браузера заполнена: корзина работает, но сохранится, только пока открыта эта вкладка.";
            self.notice.set(Some(text.into()));
            self.toasts.push(ToastKind::Error, text, None);
        }
    }

    // ---------- account cart ----------

    /// Stops the pending quantity send of one line, if any.
    fn cancel_timer(&self, key: &LineKey) {
        if let Some(h) = self.timers.try_update_value(|t| t.remove(key)).flatten() {
            h.clear();
        }
    }

    fn cancel_timers(&self) {
        if let Some(timers) = self.timers.try_update_value(std::mem::take) {
            for (_, h) in timers {
                h.clear();
            }
        }
    }

    /// A 401: the sign-in ran out. The session watcher takes the shopper to sign in again.
    fn unauthorized(&self) {
        self.session.expired();
    }

    /// A failed change: the reason in a toast; a 401 asks the shopper to sign in again.
    /// Returns the reason.
    fn explain(&self, e: &ApiError) -> String {
        if matches!(e, ApiError::Unauthorized(_)) {
            self.unauthorized();
        }
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

    /// Takes the server's whole cart as the truth. Its lines go to `lines`; `server`
    /// keeps the rest (summary, coupons, estimates), so nothing is held twice.
    fn apply_server(&self, mut c: ServerCart) {
        let lines = std::mem::take(&mut c.lines);
        self.confirmed
            .set_value(lines.iter().map(|l| (l.key.clone(), l.quantity)).collect());
        self.lines.set(lines);
        self.server.set(Some(c));
        self.load_failed.set(false);
    }

    /// One change has answered: settle if it was the last.
    fn settle(&self) {
        self.end();
        self.refresh_if_idle();
    }

    /// Reads the account cart and takes it as the truth, unless the cart on screen is
    /// someone else's by now or (`only_if_idle`) the shopper changed something meanwhile.
    /// A 401 asks to sign in again; other failures are returned.
    async fn load(
        &self,
        ep: &crate::api::Endpoint,
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
                self.unauthorized();
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Reads the account cart; a failure is shown on the page with «Повторить».
    async fn load_or_report(&self, ep: &crate::api::Endpoint, owner: &Option<String>) {
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
    fn idle(&self) -> bool {
        self.inflight.get_value() == 0 && self.timers.with_value(HashMap::is_empty)
    }

    /// Reads the account cart again once nothing else is on its way, and takes it as the
    /// truth unless the shopper changed something meanwhile.
    fn refresh_if_idle(&self) {
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

    fn begin(&self) {
        self.inflight.update_value(|n| *n += 1);
    }

    fn end(&self) {
        self.inflight.update_value(|n| *n = n.saturating_sub(1));
    }

    /// Whose cart a change was made in: an answer that arrives after sign-out (or after
    /// another sign-in) must not touch the cart on screen, which is someone else's now.
    fn owner(&self) -> Option<String> {
        self.session.token.get_untracked()
    }

    fn still(&self, owner: &Option<String>) -> bool {
        self.session.token.with_untracked(|t| t == owner)
    }

    /// After sign-in: read the account cart, send each guest line, report refusals.
    fn sign_in_sync(&self) {
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
        write_record(&guest);
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
                let outcome = match api::add(&ep, &line.key, line.quantity, &key).await {
                    Ok(_) => LineOutcome::Added,
                    Err(ApiError::Unauthorized(_)) => {
                        finish();
                        cart.unauthorized();
                        return;
                    }
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
                    Err(_) => LineOutcome::Failed,
                };
                if outcome != LineOutcome::Failed {
                    // Done with this line either way: it leaves the stored guest cart now.
                    waiting.retain(|w| w.key != line.key);
                    write_record(&waiting);
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

    // ---------- changes ----------

    /// Adds a line at once and sends it; `Err` carries the reason shown to the shopper.
    pub async fn add(&self, line: CartLine) -> Result<(), String> {
        let key = line.key.clone();
        let qty = line.quantity;
        let mut before = 0;
        self.lines.update(|l| before = add_line(l, line));
        self.set_error(&key, None);
        self.commit_add(key, qty, before).await
    }

    /// A card's button: adds the product at once; a product with variants gets the
    /// first variant in stock, as its page would show.
    pub async fn add_product(&self, p: ProductSummary) -> Result<(), String> {
        let plain = CartLine::from_product(&p, None, 1);
        let key = plain.key.clone();
        let mut before = 0;
        self.lines.update(|l| before = add_line(l, plain));
        let ep = self.session.commerce();
        let owner = self.owner();
        // While the product is read, a settle must not replace the lines and drop this one.
        self.begin();
        let detail = catalog::product(&ep, &p.id).await;
        self.end();
        if !self.still(&owner) {
            // Signed out meanwhile: the lines on screen are another cart now; leave them.
            return Err("Вы вышли из аккаунта".into());
        }
        let (key, before) = match detail {
            Ok(d) => match default_variant(&d.variants) {
                Some(v) => {
                    let line = CartLine::from_product(&d.summary, Some(v), 1);
                    let vkey = line.key.clone();
                    let mut vbefore = 0;
                    self.lines.update(|l| {
                        undo_add(l, &key, before);
                        vbefore = add_line(l, line);
                    });
                    (vkey, vbefore)
                }
                None => (key, before),
            },
            // A guest can still keep it; the account cart decides at sign-in.
            Err(_) if !self.session.is_signed_in() => (key, before),
            Err(e) => {
                self.lines.update(|l| undo_add(l, &key, before));
                return Err(self.explain(&e));
            }
        };
        self.set_error(&key, None);
        self.commit_add(key, 1, before).await
    }

    async fn commit_add(&self, key: LineKey, qty: u32, before: u32) -> Result<(), String> {
        if !self.session.is_signed_in() {
            self.persist_guest();
            return Ok(());
        }
        self.begin();
        self.set_busy(&key, true);
        let ep = self.session.commerce();
        let owner = self.owner();
        let r = api::add(&ep, &key, qty, &IdempotencyKey::new()).await;
        self.set_busy(&key, false);
        if !self.still(&owner) {
            self.settle();
            return r.map(|_| ()).map_err(|e| reason(&e));
        }
        let out = match r {
            Ok(d) => {
                self.lines.update(|l| {
                    if let Some(x) = l.iter_mut().find(|x| x.key == key) {
                        x.server_id = Some(d.cart_item_id.clone());
                        x.unit_price = d.unit_price;
                        x.quantity = d.quantity;
                    }
                });
                self.confirmed.update_value(|c| {
                    c.insert(key.clone(), d.quantity);
                });
                Ok(())
            }
            Err(e) => {
                self.lines.update(|l| undo_add(l, &key, before));
                Err(self.refuse(&key, &e))
            }
        };
        self.settle();
        out
    }

    /// The stepper: shows the new quantity now; the server gets only the final one.
    pub fn set_quantity(&self, key: &LineKey, quantity: u32) {
        let mut changed = false;
        self.lines
            .update(|l| changed = set_quantity(l, key, quantity));
        if !changed {
            return;
        }
        self.set_error(key, None);
        if !self.session.is_signed_in() {
            self.persist_guest();
            return;
        }
        self.schedule_flush(key.clone());
    }

    fn schedule_flush(&self, key: LineKey) {
        let cart = *self;
        self.cancel_timer(&key);
        let k = key.clone();
        let handle = set_timeout_with_handle(
            move || {
                cart.timers.update_value(|t| {
                    t.remove(&k);
                });
                cart.flush(k);
            },
            STEPPER_SETTLE,
        );
        if let Ok(h) = handle {
            self.timers.update_value(|t| {
                t.insert(key, h);
            });
        }
    }

    /// Sends the line's current quantity, unless the server already has it.
    fn flush(&self, key: LineKey) {
        let cart = *self;
        if self.is_busy(&key) {
            // One change at a time per line: try again when this one has answered.
            self.schedule_flush(key);
            return;
        }
        let Some((id, qty)) = self.lines.with_untracked(|l| {
            l.iter()
                .find(|x| x.key == key)
                .and_then(|x| x.server_id.clone().map(|id| (id, x.quantity)))
        }) else {
            return;
        };
        let confirmed = self.confirmed.with_value(|c| c.get(&key).copied());
        if confirmed == Some(qty) {
            // Back where the server already is (+ then −): only the totals may need a look.
            self.refresh_if_idle();
            return;
        }
        self.begin();
        self.set_busy(&key, true);
        let ep = self.session.commerce();
        let owner = self.owner();
        leptos::task::spawn_local(async move {
            let r = api::update(&ep, &id, qty, &IdempotencyKey::new()).await;
            cart.set_busy(&key, false);
            if !cart.still(&owner) {
                cart.settle();
                return;
            }
            match r {
                Ok(d) => {
                    cart.confirmed.update_value(|c| {
                        c.insert(key.clone(), d.quantity);
                    });
                    cart.lines.update(|l| {
                        if let Some(x) = l.iter_mut().find(|x| x.key == key) {
                            x.unit_price = d.unit_price;
                        }
                    });
                }
                Err(e) => {
                    if let Some(back) = confirmed {
                        cart.lines.update(|l| {
                            set_quantity(l, &key, back);
                        });
                    }
                    cart.refuse(&key, &e);
                }
            }
            cart.settle();
        });
    }

    /// Takes a line out at once; it comes back where it was if the server refuses.
    pub fn remove(&self, key: &LineKey) {
        let cart = *self;
        self.cancel_timer(key);
        let mut taken = None;
        self.lines.update(|l| taken = remove_line(l, key));
        let Some((pos, line)) = taken else { return };
        self.set_error(key, None);
        self.offer_undo(&line);
        if !self.session.is_signed_in() {
            self.persist_guest();
            return;
        }
        let Some(id) = line.server_id.clone() else {
            return;
        };
        self.begin();
        let ep = self.session.commerce();
        let key = key.clone();
        let owner = self.owner();
        leptos::task::spawn_local(async move {
            let r = api::remove(&ep, &id).await;
            if !cart.still(&owner) {
                cart.settle();
                return;
            }
            match r {
                Ok(_) => {}
                // Already gone on the server: what the shopper wanted.
                Err(ApiError::NotFound(_)) => {}
                Err(e) => {
                    cart.lines.update(|l| {
                        let at = pos.min(l.len());
                        l.insert(at, line);
                    });
                    cart.refuse(&key, &e);
                }
            }
            cart.settle();
        });
    }

    /// «Вернуть» on a toast after a removal: the line comes back with its quantity.
    fn offer_undo(&self, line: &CartLine) {
        let cart = *self;
        let mut back = line.clone();
        back.server_id = None;
        back.merge_key = None;
        self.toasts.push_action(
            ToastKind::Info,
            format!("«{}» удалён из корзины", line.display_name()),
            ToastAction {
                label: "Вернуть".into(),
                run: std::sync::Arc::new(move || {
                    let line = back.clone();
                    leptos::task::spawn_local(async move {
                        let _ = cart.add(line).await;
                    });
                }),
            },
        );
    }

    /// Empties the cart (the page asks for confirmation first).
    pub fn clear(&self) {
        let cart = *self;
        self.cancel_timers();
        let mut before = Vec::new();
        self.lines.update(|l| before = std::mem::take(l));
        self.line_errors.set(Vec::new());
        self.refused.set(Vec::new());
        if !self.session.is_signed_in() {
            self.persist_guest();
            return;
        }
        self.begin();
        let ep = self.session.commerce();
        let owner = self.owner();
        leptos::task::spawn_local(async move {
            let r = api::clear(&ep).await;
            if !cart.still(&owner) {
                cart.settle();
                return;
            }
            if let Err(e) = r {
                cart.lines.set(before);
                cart.explain(&e);
            }
            cart.settle();
        });
    }

    /// A refused guest line the shopper has read about.
    pub fn dismiss_refused(&self, key: &LineKey) {
        self.refused.update(|r| r.retain(|x| &x.line.key != key));
    }

    /// Guest lines get today's names, prices and stock from the catalog (prices change;
    /// lines from an older record have only ids).
    pub fn refresh_guest(&self) {
        if self.session.is_signed_in() {
            return;
        }
        let cart = *self;
        let keys: Vec<LineKey> = self
            .lines
            .with_untracked(|l| l.iter().map(|x| x.key.clone()).collect());
        if keys.is_empty() {
            return;
        }
        let ep = self.session.commerce();
        leptos::task::spawn_local(async move {
            // Each product once, however many of its variants are in the cart.
            let ids: Vec<&str> = {
                let mut v: Vec<&str> = keys.iter().map(|k| k.product_id.as_str()).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            let found =
                futures_util::future::join_all(ids.iter().map(|id| catalog::product(&ep, id)))
                    .await;
            let mut fresh = HashMap::new();
            let mut gone = Vec::new();
            for (id, r) in ids.iter().zip(found) {
                match r {
                    Ok(d) => {
                        fresh.insert(id.to_string(), d);
                    }
                    Err(ApiError::NotFound(_)) => gone.push(id.to_string()),
                    Err(_) => {}
                }
            }
            if cart.session.is_signed_in() {
                return;
            }
            cart.lines.update(|lines| {
                for l in lines.iter_mut() {
                    if let Some(d) = fresh.get(&l.key.product_id) {
                        let v = l
                            .key
                            .variant_id
                            .as_ref()
                            .and_then(|vid| d.variants.iter().find(|x| &x.id == vid));
                        let mut f = CartLine::from_product(&d.summary, v, l.quantity);
                        f.key = l.key.clone();
                        // Same line, same quantity: the same merge intent.
                        f.merge_key = l.merge_key.take();
                        *l = f;
                    } else if gone.contains(&l.key.product_id) {
                        l.stock = Some(0);
                    }
                }
            });
            cart.persist_guest();
        });
    }
}

pub fn use_cart() -> Cart {
    expect_context::<Cart>()
}
