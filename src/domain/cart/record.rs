//! The guest cart's stored record: versioned, upgraded from v1, never fatal to read.

use super::{
    add_line, clamp_quantity, max_price, CartLine, LineKey, MAX_GUEST_LINES, STORAGE_VERSION,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

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
    let Ok(probe) = crate::domain::json::from_str::<VersionProbe>(raw) else {
        return Restored::Discarded(Discarded::Unreadable);
    };
    let lines = match probe.v {
        Some(2) => match crate::domain::json::from_str::<StoredCart>(raw) {
            Ok(c) => c.lines.into_iter().filter_map(line_from_stored).collect(),
            Err(_) => return Restored::Discarded(Discarded::Unreadable),
        },
        Some(1) => match crate::domain::json::from_str::<StoredCartV1>(raw) {
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

#[cfg(test)]
mod tests {
    use super::super::test_support::{d, line};
    use super::super::MAX_LINE_QUANTITY;
    use super::*;

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
}
