//! Checkout's rules, free of the browser: the draft and what it sends, the attempt's key,
//! finding an order whose answer was lost, the slots by day, every refusal explained, and
//! what the shop answers (`offer`).

pub mod address;
pub mod attempt;
pub mod draft;
pub mod explain;
pub mod offer;
pub mod pickup;
pub mod request;
pub mod schedule;

use rust_decimal::Decimal;

/// How much more to buy for free shipping, while there is something left.
pub fn free_shipping_left(threshold: Option<Decimal>, subtotal: Decimal) -> Option<Decimal> {
    threshold.filter(|t| *t > subtotal).map(|t| t - subtotal)
}

/// A slot id `2025-10-16T10:00/12:00` as (date, «10:00–12:00»); `None` if unreadable.
pub fn slot_parts(slot_id: &str) -> Option<(&str, String)> {
    let (date, hours) = slot_id.split_once('T')?;
    let (from, to) = hours.split_once('/')?;
    crate::domain::dates::parse_date(date)?;
    Some((date, format!("{from}–{to}")))
}

/// Slots grouped by day in the order they came, each with its hours; unreadable ids are
/// left out. `id` reads a slot's `slot_id`.
pub fn slots_by_day<T: Clone>(
    slots: &[T],
    id: impl Fn(&T) -> &str,
) -> Vec<(String, Vec<(T, String)>)> {
    let mut out: Vec<(String, Vec<(T, String)>)> = Vec::new();
    for s in slots {
        let Some((date, label)) = slot_parts(id(s)) else {
            continue;
        };
        match out.iter_mut().find(|(d, _)| d == date) {
            Some((_, v)) => v.push((s.clone(), label)),
            None => out.push((date.to_string(), vec![(s.clone(), label)])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn slot(id: &str) -> String {
        id.to_string()
    }

    #[test]
    fn free_shipping_nudge_counts_what_is_left() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(
            free_shipping_left(Some(d("5000")), d("3766")),
            Some(d("1234"))
        );
        assert_eq!(free_shipping_left(Some(d("5000")), d("5000")), None);
        assert_eq!(free_shipping_left(None, d("10")), None);
    }

    #[test]
    fn slots_group_by_day_and_read_as_hours() {
        let g = slots_by_day(
            &[
                slot("2025-10-16T10:00/12:00"),
                slot("2025-10-16T12:00/14:00"),
                slot("garbage"),
                slot("2025-10-17T10:00/12:00"),
            ],
            |s| s.as_str(),
        );
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].0, "2025-10-16");
        assert_eq!(g[0].1[1].1, "12:00–14:00");
        let (date, hours) = slot_parts("2025-10-16T10:00/12:00").unwrap();
        assert_eq!(
            format!("{}, {hours}", crate::domain::dates::day_label(date)),
            "чт, 16 октября, 10:00–12:00"
        );
    }
}
