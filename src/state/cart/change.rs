//! Changes to the cart: each shows at once, is sent, and — if refused — is taken back with
//! the reason on its line. One helper, [`Cart::send`], runs every change the same way.

use super::{reason, Cart, STEPPER_SETTLE};
use crate::api::commerce::{cart as api, catalog};
use crate::api::{ApiError, IdempotencyKey};
use crate::domain::cart::{
    add_line, default_variant, remove_line, set_quantity, undo_add, CartLine, LineKey, Undo,
};
use crate::domain::catalog::ProductSummary;
use crate::state::toasts::{ToastAction, ToastKind};
use leptos::prelude::*;
use std::collections::HashMap;
use std::future::Future;

/// A change nobody awaits: its outcome is already on screen (line, toast) when it ends.
fn in_background(sent: impl Future<Output = Result<(), String>> + 'static) {
    leptos::task::spawn_local(async move {
        let _ = sent.await;
    });
}

impl Cart {
    /// Sends one change of the account cart. It counts as on its way (its line busy) until
    /// the answer; an answer for someone else's cart by now (signed out, or in as another)
    /// touches nothing; a refusal takes the change back with `undo` and says why; then the
    /// cart settles on the server's figures once nothing else is on its way.
    fn send<T: 'static>(
        &self,
        line: Option<LineKey>,
        call: impl Future<Output = Result<T, ApiError>> + 'static,
        undo: Undo,
        on_ok: impl FnOnce(&Cart, T) + 'static,
    ) -> impl Future<Output = Result<(), String>> + 'static {
        let cart = *self;
        self.begin();
        if let Some(k) = &line {
            self.set_busy(k, true);
        }
        let owner = self.owner();
        async move {
            let r = call.await;
            if let Some(k) = &line {
                cart.set_busy(k, false);
            }
            let out = match r {
                _ if !cart.still(&owner) => r.map(|_| ()).map_err(|e| reason(&e)),
                Ok(d) => {
                    on_ok(&cart, d);
                    Ok(())
                }
                Err(e) => {
                    cart.lines.update(|l| undo.apply(l));
                    Err(match &line {
                        Some(k) => cart.refuse(k, &e),
                        None => cart.explain(&e),
                    })
                }
            };
            cart.settle();
            out
        }
    }

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
        let ep = self.session.commerce();
        let k = key.clone();
        let call = async move { api::add(&ep, &k, qty, &IdempotencyKey::new()).await };
        let undo = Undo::Add {
            key: key.clone(),
            before,
        };
        self.send(Some(key.clone()), call, undo, move |cart, d| {
            cart.lines.update(|l| {
                if let Some(x) = l.iter_mut().find(|x| x.key == key) {
                    x.server_id = Some(d.cart_item_id.clone());
                    x.unit_price = d.unit_price;
                    x.quantity = d.quantity;
                }
            });
            cart.confirmed.update_value(|c| {
                c.insert(key, d.quantity);
            });
        })
        .await
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
        let k = key.clone();
        self.steppers
            .schedule(key, STEPPER_SETTLE, move || cart.flush(k));
    }

    /// Sends the line's current quantity, unless the server already has it.
    fn flush(&self, key: LineKey) {
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
        let ep = self.session.commerce();
        let call = async move { api::update(&ep, &id, qty, &IdempotencyKey::new()).await };
        let undo = Undo::Quantity {
            key: key.clone(),
            back: confirmed,
        };
        let sent = self.send(Some(key.clone()), call, undo, move |cart, d| {
            cart.confirmed.update_value(|c| {
                c.insert(key.clone(), d.quantity);
            });
            cart.lines.update(|l| {
                if let Some(x) = l.iter_mut().find(|x| x.key == key) {
                    x.unit_price = d.unit_price;
                }
            });
        });
        in_background(sent);
    }

    /// Takes a line out at once; it comes back where it was if the server refuses.
    pub fn remove(&self, key: &LineKey) {
        self.steppers.cancel(key);
        let mut taken = None;
        self.lines.update(|l| taken = remove_line(l, key));
        let Some((at, line)) = taken else { return };
        self.set_error(key, None);
        self.offer_undo(&line);
        if !self.session.is_signed_in() {
            self.persist_guest();
            return;
        }
        let Some(id) = line.server_id.clone() else {
            return;
        };
        let ep = self.session.commerce();
        let call = async move {
            match api::remove(&ep, &id).await {
                // Already gone on the server: what the shopper wanted.
                Err(ApiError::NotFound(_)) => Ok(()),
                r => r.map(|_| ()),
            }
        };
        let sent = self.send(
            Some(key.clone()),
            call,
            Undo::Remove { at, line },
            |_, _| {},
        );
        in_background(sent);
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
        self.steppers.cancel_all();
        let mut before = Vec::new();
        self.lines.update(|l| before = std::mem::take(l));
        self.line_errors.set(Vec::new());
        self.refused.set(Vec::new());
        if !self.session.is_signed_in() {
            self.persist_guest();
            return;
        }
        let ep = self.session.commerce();
        let call = async move { api::clear(&ep).await };
        let sent = self.send(None, call, Undo::Clear(before), |_, _| {});
        in_background(sent);
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
