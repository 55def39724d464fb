//! The cart as a shopper sees it: lines, their sums in exact decimals, the guest cart's
//! stored record, and what a merge into the account cart reports.

use super::catalog::{Availability, ProductSummary, Variant};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

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
    /// `PERCENTAGE` or `FIXED`.
    pub kind: String,
}

impl Coupon {
    pub fn label(&self) -> String {
        if self.kind == "PERCENTAGE" {
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

// ---------- the guest cart's stored record ----------

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredLine {
    product_id: String,
    #[serde(default)]
    variant_id: Option<String>,
    quantity: u32,
    #[serde(default)]
    name: String,
    #[serde(default)]
    thumbnail: Option<String>,
    #[serde(default)]
    attributes: Vec<(String, String)>,
    /// Decimal as text: exact, whatever the JSON number handling.
    #[serde(default)]
    price: String,
    #[serde(default)]
    compare_at: Option<String>,
    #[serde(default)]
    stock: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    merge_key: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredCart {
    v: u32,
    saved_at: u64,
    lines: Vec<StoredLine>,
}

/// Version 1 kept only ids and quantities.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredLineV1 {
    product_id: String,
    #[serde(default)]
    variant_id: Option<String>,
    quantity: u32,
}

#[derive(Deserialize)]
struct StoredCartV1 {
    lines: Vec<StoredLineV1>,
}

/// Only the version of a record.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    v: Option<u64>,
}

/// Why a stored guest cart was thrown away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Discarded {
    /// Not JSON, or not the shape of any version.
    Unreadable,
    /// Written by a newer (or unknown) build.
    UnknownVersion(u64),
}

/// What was found in storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Restored {
    Empty,
    /// Lines to use; `upgraded` when they came from an older version.
    Lines {
        lines: Vec<CartLine>,
        upgraded: bool,
    },
    Discarded(Discarded),
}

impl Restored {
    pub fn lines(self) -> Vec<CartLine> {
        match self {
            Restored::Lines { lines, .. } => lines,
            _ => Vec::new(),
        }
    }
}

fn valid_key(product_id: &str) -> bool {
    !product_id.trim().is_empty() && product_id.len() <= 100
}

/// Reads the guest cart record. Never fails: what cannot be used is reported, not thrown.
pub fn decode_record(raw: Option<&str>) -> Restored {
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
        return Restored::Empty;
    };
    // The version first, so an unknown one is told apart from an unreadable one.
    let Ok(probe) = serde_json::from_str::<VersionProbe>(raw) else {
        return Restored::Discarded(Discarded::Unreadable);
    };
    let lines = match probe.v {
        Some(2) => match serde_json::from_str::<StoredCart>(raw) {
            Ok(c) => c.lines.into_iter().filter_map(line_from_stored).collect(),
            Err(_) => return Restored::Discarded(Discarded::Unreadable),
        },
        Some(1) => match serde_json::from_str::<StoredCartV1>(raw) {
            Ok(c) => {
                let lines = c
                    .lines
                    .into_iter()
                    .filter(|l| valid_key(&l.product_id) && l.quantity > 0)
                    .map(|l| CartLine {
                        key: LineKey::new(l.product_id, l.variant_id),
                        server_id: None,
                        name: String::new(),
                        thumbnail: None,
                        attributes: Vec::new(),
                        unit_price: Decimal::ZERO,
                        compare_at: None,
                        quantity: clamp_quantity(l.quantity),
                        stock: None,
                        merge_key: None,
                    })
                    .collect();
                return Restored::Lines {
                    lines: dedupe(lines),
                    upgraded: true,
                };
            }
            Err(_) => return Restored::Discarded(Discarded::Unreadable),
        },
        Some(other) => return Restored::Discarded(Discarded::UnknownVersion(other)),
        None => return Restored::Discarded(Discarded::Unreadable),
    };
    Restored::Lines {
        lines: dedupe(lines),
        upgraded: false,
    }
}

fn line_from_stored(l: StoredLine) -> Option<CartLine> {
    if !valid_key(&l.product_id) || l.quantity == 0 {
        return None;
    }
    let unit_price = Decimal::from_str(&l.price)
        .ok()
        .filter(|p| !p.is_sign_negative() && *p <= max_price())?;
    Some(CartLine {
        key: LineKey::new(l.product_id, l.variant_id),
        server_id: None,
        name: l.name,
        thumbnail: l.thumbnail,
        attributes: l.attributes,
        unit_price,
        compare_at: l.compare_at.and_then(|c| Decimal::from_str(&c).ok()),
        quantity: clamp_quantity(l.quantity),
        stock: l.stock,
        merge_key: l.merge_key.filter(|k| !k.is_empty() && k.len() <= 64),
    })
}

/// Two stored lines with one key become one; too many lines are cut.
fn dedupe(lines: Vec<CartLine>) -> Vec<CartLine> {
    let mut out: Vec<CartLine> = Vec::with_capacity(lines.len());
    for l in lines {
        add_line(&mut out, l);
    }
    out.truncate(MAX_GUEST_LINES);
    out
}

/// The guest cart record for storage, written at `now`.
pub fn encode_record(lines: &[CartLine], now: u64) -> String {
    let rec = StoredCart {
        v: STORAGE_VERSION,
        saved_at: now,
        lines: lines
            .iter()
            .take(MAX_GUEST_LINES)
            .map(|l| StoredLine {
                product_id: l.key.product_id.clone(),
                variant_id: l.key.variant_id.clone(),
                quantity: l.quantity,
                name: l.name.clone(),
                thumbnail: l.thumbnail.clone(),
                attributes: l.attributes.clone(),
                price: l.unit_price.to_string(),
                compare_at: l.compare_at.map(|c| c.to_string()),
                stock: l.stock,
                merge_key: l.merge_key.clone(),
            })
            .collect(),
    };
    serde_json::to_string(&rec).unwrap_or_else(|_| "{}".into())
}

// ---------- merging the guest cart into the account ----------

/// A line the server would not take, and why, in words for the shopper.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedLine {
    pub line: CartLine,
    pub reason: String,
}

/// What came of moving the guest cart into the account cart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub added: usize,
    pub refused: Vec<RefusedLine>,
    /// Lines that could not be sent (network, server down): they stay in the guest cart.
    pub kept: Vec<CartLine>,
}

/// How one guest line fared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineOutcome {
    Added,
    /// The server said no: code, message, and the per-field detail about quantity.
    Refused {
        code: String,
        message: String,
        detail: Option<String>,
    },
    /// Could not be sent; try again later.
    Failed,
}

pub fn merge_report(outcomes: Vec<(CartLine, LineOutcome)>) -> MergeReport {
    let mut r = MergeReport::default();
    for (line, outcome) in outcomes {
        match outcome {
            LineOutcome::Added => r.added += 1,
            LineOutcome::Refused {
                code,
                message,
                detail,
            } => {
                let reason = refusal_text(&code, &message, detail.as_deref());
                r.refused.push(RefusedLine { line, reason });
            }
            LineOutcome::Failed => r.kept.push(line),
        }
    }
    r
}

/// The shopper-facing reason for a refused cart change.
pub fn refusal_text(code: &str, message: &str, detail: Option<&str>) -> String {
    let base = match code {
        "INSUFFICIENT_STOCK" => "Недостаточно товара на складе",
        "MAX_QUANTITY_EXCEEDED" => "Превышено максимальное количество",
        "PRODUCT_UNAVAILABLE" => "Товар больше не продаётся",
        "PRODUCT_NOT_FOUND" => "Товар не найден в каталоге",
        "VARIANT_NOT_FOUND" => "Этот вариант товара больше не продаётся",
        "CART_ITEM_NOT_FOUND" => "Этой строки уже нет в корзине",
        _ if !message.is_empty() => message,
        _ => "Не удалось изменить корзину",
    };
    match detail.filter(|d| !d.is_empty()) {
        Some(d) => {
            let mut c = d.chars();
            let first = c.next().map(|f| f.to_lowercase().collect::<String>());
            format!("{base}: {}{}", first.unwrap_or_default(), c.as_str())
        }
        None => base.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn line(id: &str, price: &str, q: u32) -> CartLine {
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

    #[test]
    fn the_record_round_trips() {
        let mut a = line("a", "1234.50", 2);
        a.attributes = vec![("Мощность".into(), "2 кВт".into())];
        a.key.variant_id = Some("v".into());
        a.compare_at = Some(d("1500"));
        a.merge_key = Some("7f1c0e9a-2b1d-4c3e-9f00-0123456789ab".into());
        let lines = vec![a, line("b", "0.1", 1)];
        let raw = encode_record(&lines, 1_700_000_000);
        assert!(raw.contains("\"v\":2"));
        assert!(raw.contains("\"savedAt\":1700000000"));
        assert_eq!(
            decode_record(Some(&raw)),
            Restored::Lines {
                lines,
                upgraded: false
            }
        );
    }

    #[test]
    fn a_version_1_record_is_upgraded_and_marked_for_refresh() {
        let raw = r#"{"v":1,"savedAt":5,"lines":[{"productId":"p1","quantity":2},{"productId":"p1","quantity":1},{"productId":"p2","variantId":"v","quantity":1}]}"#;
        match decode_record(Some(raw)) {
            Restored::Lines { lines, upgraded } => {
                assert!(upgraded);
                assert_eq!(lines.len(), 2);
                assert_eq!(lines[0].quantity, 3);
                assert!(lines.iter().all(|l| l.name.is_empty()));
                assert_eq!(lines[0].display_name(), "Товар");
                assert_eq!(lines[1].key, LineKey::new("p2", Some("v".into())));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unreadable_or_unknown_records_are_discarded_not_fatal() {
        assert_eq!(decode_record(None), Restored::Empty);
        assert_eq!(decode_record(Some("  ")), Restored::Empty);
        for raw in [
            "{oops",
            "[]",
            "null",
            r#"{"lines":[]}"#,
            r#"{"v":2,"savedAt":1,"lines":{"a":1}}"#,
            r#"{"v":"2"}"#,
        ] {
            assert_eq!(
                decode_record(Some(raw)),
                Restored::Discarded(Discarded::Unreadable),
                "{raw}"
            );
        }
        assert_eq!(
            decode_record(Some(r#"{"v":3,"savedAt":1,"lines":[]}"#)),
            Restored::Discarded(Discarded::UnknownVersion(3))
        );
    }

    #[test]
    fn bad_lines_inside_a_good_record_are_skipped() {
        let raw = r#"{"v":2,"savedAt":1,"lines":[
            {"productId":"","quantity":1,"price":"1"},
            {"productId":"a","quantity":0,"price":"1"},
            {"productId":"b","quantity":2,"price":"-5"},
            {"productId":"c","quantity":2,"price":"abc"},
            {"productId":"e","quantity":1,"price":"79228162514264337593543950335"},
            {"productId":"d","quantity":500,"price":"10.5","name":"Лампа"}]}"#;
        let lines = decode_record(Some(raw)).lines();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].key.product_id, "d");
        assert_eq!(lines[0].quantity, MAX_LINE_QUANTITY);
        assert_eq!(lines[0].unit_price, d("10.5"));
    }

    #[test]
    fn a_merge_reports_each_refused_line_with_its_reason() {
        let r = merge_report(vec![
            (line("a", "1", 1), LineOutcome::Added),
            (
                line("b", "1", 3),
                LineOutcome::Refused {
                    code: "INSUFFICIENT_STOCK".into(),
                    message: "Недостаточно".into(),
                    detail: Some("Доступно 0 шт.".into()),
                },
            ),
            (
                line("c", "1", 1),
                LineOutcome::Refused {
                    code: "SOMETHING_NEW".into(),
                    message: "Сервер сказал нет".into(),
                    detail: None,
                },
            ),
            (line("d", "1", 1), LineOutcome::Failed),
        ]);
        assert_eq!(r.added, 1);
        assert_eq!(r.refused.len(), 2);
        assert_eq!(
            r.refused[0].reason,
            "Недостаточно товара на складе: доступно 0 шт."
        );
        assert_eq!(r.refused[1].reason, "Сервер сказал нет");
        assert_eq!(r.kept.len(), 1);
        assert_eq!(
            refusal_text("VARIANT_NOT_FOUND", "", None),
            "Этот вариант товара больше не продаётся"
        );
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
