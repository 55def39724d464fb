//! The checkout draft: every choice the shopper made, kept across reloads and a sign-in
//! round trip — never card data (the card is typed on the payment page, not here).

use super::address::AddressForm;
use super::request::CheckoutRequest;
use crate::domain::codes::{PaymentMethod, ShippingKind};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The express courier's quote the shopper accepted (integration.md §5).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct QuoteChoice {
    pub id: String,
    pub price: Decimal,
    pub pickup_times: Vec<String>,
    pub pickup_time: Option<String>,
    /// For the address it was asked for.
    pub address_id: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Draft {
    pub address_id: Option<String>,
    /// The new-address form is open (and what is typed in it).
    pub adding_address: bool,
    pub new_address: AddressForm,
    pub method_id: Option<String>,
    pub slot_id: Option<String>,
    pub pickup_id: Option<String>,
    pub quote: Option<QuoteChoice>,
    pub payment: PaymentMethod,
    pub coupons: Vec<String>,
    pub notes: String,
    pub use_balance: bool,
    /// Unix seconds before which no order is sent: a 429's `Retry-After` as a moment, kept
    /// with the draft so a reload mid-wait still counts down (integration.md §7).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_at: Option<u64>,
}

/// A stored wait longer than this is not a rate limit's (a wrong clock, an edited record).
pub const MAX_WAIT_SECS: u64 = 3600;

/// What is still to be chosen before the order can be placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    Address,
    Method,
    Slot,
    Pickup,
    Quote,
    PickupTime,
}

impl Missing {
    pub fn text(self) -> &'static str {
        match self {
            Missing::Address => "Выберите или добавьте адрес доставки",
            Missing::Method => "Выберите способ доставки",
            Missing::Slot => "Выберите интервал доставки",
            Missing::Pickup => "Выберите магазин, где заберёте заказ",
            Missing::Quote => "Рассчитайте экспресс-доставку",
            Missing::PickupTime => "Выберите, когда курьер заберёт заказ",
        }
    }
}

/// What the shopper may write: the backend takes 500 characters of `notes`, and the app adds
/// its reference line to them (`attempt::notes_with_reference`).
pub const NOTES_MAX: usize = 500 - super::attempt::REFERENCE_RESERVE;

impl Draft {
    /// The checkout body for these choices, or what is missing. `kind` is the chosen
    /// method's; `return_url` is where the payment page sends the shopper back.
    pub fn request(
        &self,
        kind: Option<&ShippingKind>,
        return_url: &str,
    ) -> Result<CheckoutRequest, Missing> {
        let method = self.method_id.clone().ok_or(Missing::Method)?;
        let kind = kind.ok_or(Missing::Method)?;
        let mut r = CheckoutRequest {
            shipping_method_id: method,
            payment_method: self.payment.clone(),
            coupon_codes: self.coupons.clone(),
            notes: Some(
                self.notes
                    .trim()
                    .chars()
                    .take(NOTES_MAX)
                    .collect::<String>(),
            )
            .filter(|n| !n.is_empty()),
            use_partner_balance: self.use_balance.then_some(true),
            ..CheckoutRequest::default()
        };
        if *kind != ShippingKind::Pickup {
            r.shipping_address_id = Some(self.address_id.clone().ok_or(Missing::Address)?);
        }
        match kind {
            ShippingKind::Slots => {
                r.delivery_slot_id = Some(self.slot_id.clone().ok_or(Missing::Slot)?)
            }
            ShippingKind::Pickup => {
                r.pickup_warehouse_id = Some(self.pickup_id.clone().ok_or(Missing::Pickup)?)
            }
            ShippingKind::Express => {
                let q = self
                    .quote
                    .as_ref()
                    .filter(|q| Some(&q.address_id) == self.address_id.as_ref())
                    .ok_or(Missing::Quote)?;
                r.courier_quote_id = Some(q.id.clone());
                r.courier_pickup_time = Some(q.pickup_time.clone().ok_or(Missing::PickupTime)?);
            }
            _ => {}
        }
        if matches!(self.payment, PaymentMethod::Card | PaymentMethod::Ewallet) {
            r.return_url = Some(return_url.to_string());
        }
        Ok(r)
    }

    /// The body for the preview: whatever is chosen so far.
    pub fn preview_request(&self, kind: Option<&ShippingKind>) -> CheckoutRequest {
        let mut d = self.clone();
        let r = d.request(kind, "");
        match r {
            // Notes and the return address do not change the totals.
            Ok(mut r) => {
                r.return_url = None;
                r.notes = None;
                r
            }
            Err(_) => {
                d.notes.clear();
                CheckoutRequest {
                    shipping_address_id: d.address_id.take(),
                    shipping_method_id: d.method_id.take().unwrap_or_default(),
                    payment_method: d.payment,
                    coupon_codes: d.coupons,
                    use_partner_balance: d.use_balance.then_some(true),
                    delivery_slot_id: d.slot_id,
                    pickup_warehouse_id: d.pickup_id,
                    ..CheckoutRequest::default()
                }
            }
        }
    }

    /// Adds a coupon once (codes are compared without case and spaces).
    pub fn add_coupon(&mut self, code: &str) -> Option<String> {
        let c: String = code.split_whitespace().collect::<String>().to_uppercase();
        if c.is_empty() || self.coupons.contains(&c) {
            return None;
        }
        self.coupons.push(c.clone());
        Some(c)
    }

    /// Seconds left before the order may be sent; `None` when there is nothing to wait for.
    pub fn wait_left(&self, now: u64) -> Option<u64> {
        self.retry_at
            .map(|t| t.saturating_sub(now))
            .filter(|w| (1..=MAX_WAIT_SECS).contains(w))
    }

    /// The draft as read back from storage at `now`: a wait already over (or beyond reason)
    /// is forgotten.
    pub fn restored(mut self, now: u64) -> Draft {
        if self.wait_left(now).is_none() {
            self.retry_at = None;
        }
        self
    }

    /// Another saved address (`Some`) or the new-address form (`None`). The method, slot and
    /// quote were priced for the old address, so they go and the summary stops counting
    /// them until a method is chosen for this one; pickup (`kind`) does not depend on it.
    pub fn choose_address(&mut self, id: Option<&str>, kind: Option<&ShippingKind>) {
        let changed = match id {
            Some(id) => self.adding_address || self.address_id.as_deref() != Some(id),
            None => !self.adding_address,
        };
        match id {
            Some(id) => {
                self.address_id = Some(id.to_string());
                self.adding_address = false;
            }
            None => self.adding_address = true,
        }
        if changed && kind != Some(&ShippingKind::Pickup) {
            self.method_id = None;
            self.slot_id = None;
            self.quote = None;
        }
    }

    /// A new method forgets the companions of the old one.
    pub fn choose_method(&mut self, id: &str) {
        if self.method_id.as_deref() != Some(id) {
            self.method_id = Some(id.to_string());
            self.slot_id = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Draft {
        Draft {
            address_id: Some("a1".into()),
            method_id: Some("ship-003".into()),
            slot_id: Some("2025-10-16T10:00/12:00".into()),
            payment: PaymentMethod::Card,
            coupons: vec!["WELCOME10".into()],
            notes: "  позвонить заранее ".into(),
            ..Draft::default()
        }
    }

    #[test]
    fn a_courier_order_with_a_slot_carries_the_slot_and_the_return_url() {
        let r = base()
            .request(Some(&ShippingKind::Slots), "https://shop/checkout/return")
            .unwrap();
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["shippingAddressId"], "a1");
        assert_eq!(json["deliverySlotId"], "2025-10-16T10:00/12:00");
        assert_eq!(json["couponCodes"][0], "WELCOME10");
        assert_eq!(json["notes"], "позвонить заранее");
        assert_eq!(json["returnUrl"], "https://shop/checkout/return");
        assert!(json.get("pickupWarehouseId").is_none());
        assert!(json.get("usePartnerBalance").is_none());
    }

    #[test]
    fn each_kind_asks_for_its_own_choice() {
        let mut d = base();
        d.slot_id = None;
        assert_eq!(
            d.request(Some(&ShippingKind::Slots), "").unwrap_err(),
            Missing::Slot
        );
        assert_eq!(d.request(None, "").unwrap_err(), Missing::Method);
        // Pickup needs no address, only the place.
        d.address_id = None;
        assert_eq!(
            d.request(Some(&ShippingKind::Pickup), "").unwrap_err(),
            Missing::Pickup
        );
        d.pickup_id = Some("w2".into());
        let r = d.request(Some(&ShippingKind::Pickup), "").unwrap();
        assert_eq!(r.shipping_address_id, None);
        assert_eq!(r.pickup_warehouse_id.as_deref(), Some("w2"));
        assert_eq!(
            d.request(Some(&ShippingKind::Delivery), "").unwrap_err(),
            Missing::Address
        );
    }

    #[test]
    fn an_express_quote_counts_only_for_the_address_it_was_asked_for() {
        let mut d = base();
        d.quote = Some(QuoteChoice {
            id: "q-1".into(),
            address_id: "a1".into(),
            pickup_times: vec!["t1".into()],
            ..QuoteChoice::default()
        });
        assert_eq!(
            d.request(Some(&ShippingKind::Express), "").unwrap_err(),
            Missing::PickupTime
        );
        d.quote.as_mut().unwrap().pickup_time = Some("t1".into());
        let r = d.request(Some(&ShippingKind::Express), "").unwrap();
        assert_eq!(r.courier_quote_id.as_deref(), Some("q-1"));
        d.address_id = Some("a2".into());
        assert_eq!(
            d.request(Some(&ShippingKind::Express), "").unwrap_err(),
            Missing::Quote
        );
    }

    #[test]
    fn bank_transfer_sends_no_return_url_and_coupons_are_added_once() {
        let mut d = base();
        d.payment = PaymentMethod::BankTransfer;
        let r = d.request(Some(&ShippingKind::Slots), "x").unwrap();
        assert_eq!(r.return_url, None);
        assert_eq!(d.add_coupon(" free ship "), Some("FREESHIP".into()));
        assert_eq!(d.add_coupon("freeship"), None);
        assert_eq!(d.coupons, ["WELCOME10", "FREESHIP"]);
    }

    #[test]
    fn a_429_wait_is_kept_as_a_moment_and_one_already_past_is_ignored() {
        let now = 1_780_000_000;
        let mut d = base();
        assert_eq!(d.wait_left(now), None);
        assert!(!serde_json::to_string(&d).unwrap().contains("retry_at"));
        d.retry_at = Some(now + 30);
        // A reload 10 s later: the same moment, 20 s left.
        let json = serde_json::to_string(&d).unwrap();
        let back = serde_json::from_str::<Draft>(&json)
            .unwrap()
            .restored(now + 10);
        assert_eq!(back.retry_at, Some(now + 30));
        assert_eq!(back.wait_left(now + 10), Some(20));
        assert_eq!(
            back.wait_left(now + 30),
            None,
            "the wait ends at its moment"
        );
        // A reload after the moment: nothing to wait for, and nothing kept.
        let late = serde_json::from_str::<Draft>(&json)
            .unwrap()
            .restored(now + 31);
        assert_eq!((late.retry_at, late.wait_left(now + 31)), (None, None));
        // A moment beyond reason (a wrong clock, an edited record) does not lock checkout.
        d.retry_at = Some(now + MAX_WAIT_SECS + 1);
        assert_eq!(d.clone().restored(now).retry_at, None);
    }

    #[test]
    fn another_address_drops_the_method_priced_for_the_old_one_but_not_pickup() {
        let mut d = base();
        d.choose_address(Some("a1"), Some(&ShippingKind::Slots));
        assert_eq!(d.method_id.as_deref(), Some("ship-003"), "the same address");
        d.choose_address(Some("a2"), Some(&ShippingKind::Slots));
        assert_eq!(
            (
                d.address_id.as_deref(),
                d.method_id.as_deref(),
                d.slot_id.as_deref()
            ),
            (Some("a2"), None, None)
        );
        // The new-address form is another address too.
        let mut d = base();
        d.choose_address(None, Some(&ShippingKind::Slots));
        assert!(d.adding_address);
        assert_eq!(d.method_id, None);
        // Pickup does not depend on the address.
        let mut d = base();
        d.method_id = Some("ship-004".into());
        d.pickup_id = Some("w2".into());
        d.choose_address(Some("a2"), Some(&ShippingKind::Pickup));
        assert_eq!(
            (d.method_id.as_deref(), d.pickup_id.as_deref()),
            (Some("ship-004"), Some("w2"))
        );
    }

    #[test]
    fn the_draft_survives_a_round_trip_through_storage_and_old_records_still_read() {
        let d = base();
        let json = serde_json::to_string(&d).unwrap();
        assert!(!json.to_lowercase().contains("card_number"));
        assert_eq!(serde_json::from_str::<Draft>(&json).unwrap(), d);
        let partial: Draft = serde_json::from_str(r#"{"method_id":"ship-001"}"#).unwrap();
        assert_eq!(partial.method_id.as_deref(), Some("ship-001"));
        assert_eq!(partial.payment, PaymentMethod::Card);
    }
}
