//! The cart as a shopper sees it: lines, their sums in exact decimals, the guest cart's
//! stored record, and what a merge into the account cart reports.

mod merge;
mod record;

pub use merge::{merge_report, refusal_text, LineOutcome, MergeReport, RefusedLine};
pub use record::{decode_record, encode_record, Discarded, Restored};

use super::catalog::{Availability, ProductSummary, Variant};
use super::codes::CouponKind;
use rust_decimal::Decimal;

/// The most of one line the app lets a shopper ask for; the server has the final word.
pub const MAX_LINE_QUANTITY: u32 = 99;
/// At most this many different lines are kept in a guest cart.
pub const MAX_GUEST_LINES: usize = 100;
/// Version of the guest cart record this build writes.
pub const STORAGE_VERSION: u32 = 2;

/// What makes two lines the same line: the product and its variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineKey {
    pub product_id: String,
    pub variant_id: Option<String>,
}

impl LineKey {
    pub fn new(product_id: impl Into<String>, variant_id: Option<String>) -> Self {
        LineKey {
            product_id: product_id.into(),
            variant_id,
        }
    }

    /// A stable text form for DOM ids and test hooks.
    pub fn dom_id(&self) -> String {
        match &self.variant_id {
            Some(v) => format!("{}--{}", self.product_id, v),
            None => self.product_id.clone(),
        }
    }
}

/// One line of the cart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CartLine {
    pub key: LineKey,
    /// The line's id in the account cart; `None` for guest lines and lines still being added.
    pub server_id: Option<String>,
    pub name: String,
    pub thumbnail: Option<String>,
    /// Variant attributes, e.g. `("Мощность", "2 кВт")`.
    pub attributes: Vec<(String, String)>,
    pub unit_price: Decimal,
    pub compare_at: Option<Decimal>,
    pub quantity: u32,
    /// Units on hand, when the shop says.
    pub stock: Option<u64>,
    /// The `Idempotency-Key` that moves this guest line into the account cart: kept with
    /// the line, so a merge cut short (reload, lost answer) and tried again is not counted
    /// twice. A new quantity is a new intent and gets a new key.
    pub merge_key: Option<String>,
}

/// The most a price may be for the app to take it: a billion roubles.
pub fn max_price() -> Decimal {
    Decimal::from(1_000_000_000u64)
}

impl CartLine {
    /// Never panics: an absurd amount saturates instead of overflowing.
    pub fn total(&self) -> Decimal {
        self.unit_price
            .checked_mul(Decimal::from(self.quantity))
            .unwrap_or(Decimal::MAX)
    }

    /// The name to show; a line read from an old record has none until it is refreshed.
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            "Товар"
        } else {
            &self.name
        }
    }

    /// What the shopper should know about stock for this line, if anything.
    pub fn stock_warning(&self) -> Option<String> {
        match self.stock {
            Some(0) => Some("Нет в наличии".into()),
            Some(n) if n < u64::from(self.quantity) => {
                Some(format!("В наличии только {n} шт. — уменьшите количество"))
            }
            Some(n) if n <= 5 => Some(format!("Осталось {n} шт.")),
            _ => None,
        }
    }
}

impl CartLine {
    /// A line for `quantity` units of a product, or of its `variant` (price, stock and
    /// attributes of the variant then).
    pub fn from_product(p: &ProductSummary, variant: Option<&Variant>, quantity: u32) -> CartLine {
        CartLine {
            key: LineKey::new(p.id.clone(), variant.map(|v| v.id.clone())),
            server_id: None,
            name: p.name.clone(),
            thumbnail: p.cover().map(|i| i.thumbnail_url.clone()),
            attributes: variant.map(|v| v.attributes.clone()).unwrap_or_default(),
            unit_price: variant.map_or(p.price.amount, |v| v.price.amount),
            compare_at: if variant.is_some() {
                None
            } else {
                p.compare_at.as_ref().map(|c| c.amount)
            },
            quantity,
            stock: match variant {
                Some(v) => v.stock,
                None if p.availability != Availability::InStock => Some(0),
                None => p.stock_quantity,
            },
            merge_key: None,
        }
    }
}

/// The variant a shopper gets from a card's button: the first one in stock, else the first.
pub fn default_variant(variants: &[Variant]) -> Option<&Variant> {
    variants
        .iter()
        .find(|v| v.stock != Some(0))
        .or_else(|| variants.first())
}

/// Sum of the lines, exact.
pub fn subtotal(lines: &[CartLine]) -> Decimal {
    lines.iter().fold(Decimal::ZERO, |acc, l| {
        acc.checked_add(l.total()).unwrap_or(Decimal::MAX)
    })
}

/// Units in the cart: the header badge.
pub fn total_quantity(lines: &[CartLine]) -> u32 {
    lines.iter().map(|l| l.quantity).sum()
}

fn clamp_quantity(q: u32) -> u32 {
    q.clamp(1, MAX_LINE_QUANTITY)
}

/// Adds `line`, growing the line with the same key if there is one. Returns the
/// quantity the line had before (0 when it is new), so the change can be rolled back.
pub fn add_line(lines: &mut Vec<CartLine>, line: CartLine) -> u32 {
    if let Some(l) = lines.iter_mut().find(|l| l.key == line.key) {
        let before = l.quantity;
        l.quantity = clamp_quantity(before.saturating_add(line.quantity));
        l.merge_key = None;
        // Newer facts about price and stock win.
        l.unit_price = line.unit_price;
        l.stock = line.stock.or(l.stock);
        before
    } else {
        let mut line = line;
        line.quantity = clamp_quantity(line.quantity);
        lines.push(line);
        0
    }
}

/// Sets one line's quantity (clamped); `false` when there is no such line.
pub fn set_quantity(lines: &mut [CartLine], key: &LineKey, quantity: u32) -> bool {
    match lines.iter_mut().find(|l| &l.key == key) {
        Some(l) => {
            let q = clamp_quantity(quantity);
            if q != l.quantity {
                l.merge_key = None;
            }
            l.quantity = q;
            true
        }
        None => false,
    }
}

/// Takes a line out, with its position so it can be put back where it was.
pub fn remove_line(lines: &mut Vec<CartLine>, key: &LineKey) -> Option<(usize, CartLine)> {
    let i = lines.iter().position(|l| &l.key == key)?;
    Some((i, lines.remove(i)))
}

/// Undoes [`add_line`]: back to `before` units, or gone when it was new.
pub fn undo_add(lines: &mut Vec<CartLine>, key: &LineKey, before: u32) {
    if before == 0 {
        remove_line(lines, key);
    } else {
        set_quantity(lines, key, before);
    }
}

/// A change already on screen, remembered so that a refusal can take it back exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Undo {
    /// Back to `before` units, or gone when the line was new (`before == 0`).
    Add { key: LineKey, before: u32 },
    /// Back to the quantity the server last confirmed (nothing to do when unknown).
    Quantity { key: LineKey, back: Option<u32> },
    /// The removed line back where it was.
    Remove { at: usize, line: CartLine },
    /// Every line back, after a refused «clear».
    Clear(Vec<CartLine>),
}

impl Undo {
    pub fn apply(self, lines: &mut Vec<CartLine>) {
        match self {
            Undo::Add { key, before } => undo_add(lines, &key, before),
            Undo::Quantity { key, back } => {
                if let Some(q) = back {
                    set_quantity(lines, &key, q);
                }
            }
            Undo::Remove { at, line } => {
                let at = at.min(lines.len());
                lines.insert(at, line);
            }
            Undo::Clear(before) => *lines = before,
        }
    }
}

/// The account cart's figures, as the server computed them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub subtotal: Decimal,
    pub discount: Decimal,
    /// `None` until a shipping method is chosen.
    pub shipping: Option<Decimal>,
    pub tax: Decimal,
    pub total: Decimal,
    pub currency: String,
    pub item_count: u32,
    pub total_quantity: u32,
}

/// A coupon the server applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coupon {
    pub code: String,
    pub discount: Decimal,
    pub kind: CouponKind,
}

impl Coupon {
    pub fn label(&self) -> String {
        if self.kind == CouponKind::Percentage {
            format!("{} (−{} %)", self.code, self.discount.normalize())
        } else {
            self.code.clone()
        }
    }
}

/// The account cart: lines and the server's totals.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerCart {
    pub id: String,
    pub lines: Vec<CartLine>,
    pub summary: Summary,
    pub coupons: Vec<Coupon>,
    pub estimated_commission: Option<Decimal>,
    pub estimated_career_points: Option<Decimal>,
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use std::str::FromStr;

    pub fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// A plain line of product `id`, ten in stock.
    pub fn line(id: &str, price: &str, q: u32) -> CartLine {
        CartLine {
            key: LineKey::new(id, None),
            server_id: None,
            name: format!("Товар {id}"),
            thumbnail: None,
            attributes: vec![],
            unit_price: d(price),
            compare_at: None,
            quantity: q,
            stock: Some(10),
            merge_key: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{d, line};
    use super::*;

    #[test]
    fn every_refused_change_rolls_back_to_what_was_there() {
        let start = vec![line("a", "10", 2), line("b", "5", 1)];
        let a = LineKey::new("a", None);

        let mut lines = start.clone();
        let before = add_line(&mut lines, line("a", "10", 3));
        Undo::Add {
            key: a.clone(),
            before,
        }
        .apply(&mut lines);
        assert_eq!(lines, start, "a grown line shrinks back");

        let mut lines = start.clone();
        let before = add_line(&mut lines, line("c", "1", 1));
        Undo::Add {
            key: LineKey::new("c", None),
            before,
        }
        .apply(&mut lines);
        assert_eq!(lines, start, "a new line goes");

        let mut lines = start.clone();
        set_quantity(&mut lines, &a, 7);
        Undo::Quantity {
            key: a.clone(),
            back: Some(2),
        }
        .apply(&mut lines);
        assert_eq!(
            lines, start,
            "the stepper goes back to the confirmed quantity"
        );

        let mut lines = start.clone();
        let (at, gone) = remove_line(&mut lines, &a).unwrap();
        Undo::Remove { at, line: gone }.apply(&mut lines);
        assert_eq!(lines, start, "a removed line comes back in its place");

        let mut lines = Vec::new();
        Undo::Clear(start.clone()).apply(&mut lines);
        assert_eq!(lines, start, "a refused clear brings every line back");
    }

    #[test]
    fn sums_are_exact_decimals() {
        let lines = vec![
            line("a", "0.10", 3),
            line("b", "1234.50", 2),
            line("c", "0.2", 1),
        ];
        assert_eq!(subtotal(&lines), d("2469.50"));
        assert_eq!(total_quantity(&lines), 6);
        // 0.1 + 0.2 is 0.3, not 0.30000000000000004.
        assert_eq!(
            subtotal(&[line("a", "0.1", 1), line("b", "0.2", 1)]),
            d("0.3")
        );
    }

    #[test]
    fn adding_the_same_product_and_variant_grows_one_line() {
        let mut lines = vec![];
        assert_eq!(add_line(&mut lines, line("a", "10", 1)), 0);
        assert_eq!(add_line(&mut lines, line("a", "12", 2)), 1);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].quantity, 3);
        assert_eq!(lines[0].unit_price, d("12"));
        let mut other = line("a", "10", 1);
        other.key.variant_id = Some("v1".into());
        add_line(&mut lines, other);
        assert_eq!(lines.len(), 2);
        undo_add(&mut lines, &LineKey::new("a", Some("v1".into())), 0);
        undo_add(&mut lines, &LineKey::new("a", None), 1);
        assert_eq!(lines, vec![line("a", "12", 1)]);
    }

    #[test]
    fn quantities_stay_between_one_and_the_maximum() {
        let mut lines = vec![line("a", "1", 98)];
        add_line(&mut lines, line("a", "1", 5));
        assert_eq!(lines[0].quantity, MAX_LINE_QUANTITY);
        assert!(set_quantity(&mut lines, &LineKey::new("a", None), 0));
        assert_eq!(lines[0].quantity, 1);
        assert!(!set_quantity(&mut lines, &LineKey::new("zz", None), 2));
        let (i, l) = remove_line(&mut lines, &LineKey::new("a", None)).unwrap();
        assert_eq!((i, l.key.product_id.as_str()), (0, "a"));
        assert!(lines.is_empty());
    }

    #[test]
    fn stock_warnings_say_what_is_wrong() {
        let mut l = line("a", "1", 3);
        l.stock = Some(0);
        assert_eq!(l.stock_warning().as_deref(), Some("Нет в наличии"));
        l.stock = Some(2);
        assert!(l.stock_warning().unwrap().contains("только 2 шт."));
        l.stock = Some(4);
        assert_eq!(l.stock_warning().as_deref(), Some("Осталось 4 шт."));
        l.stock = Some(40);
        assert_eq!(l.stock_warning(), None);
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;

    fn line(price: Decimal, q: u32) -> CartLine {
        CartLine {
            key: LineKey::new("p", None),
            server_id: None,
            name: "Товар".into(),
            thumbnail: None,
            attributes: vec![],
            unit_price: price,
            compare_at: None,
            quantity: q,
            stock: None,
            merge_key: Some("k".into()),
        }
    }

    #[test]
    fn absurd_amounts_saturate_instead_of_panicking() {
        let l = line(Decimal::MAX, 99);
        assert_eq!(l.total(), Decimal::MAX);
        assert_eq!(subtotal(&[l.clone(), l]), Decimal::MAX);
    }

    #[test]
    fn a_new_quantity_is_a_new_merge_intent() {
        let mut lines = vec![line(Decimal::ONE, 1)];
        let key = LineKey::new("p", None);
        set_quantity(&mut lines, &key, 1);
        assert_eq!(lines[0].merge_key.as_deref(), Some("k"));
        set_quantity(&mut lines, &key, 2);
        assert_eq!(lines[0].merge_key, None);
    }
}
