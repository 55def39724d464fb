//! Property tests for the dates the backends send (`domain::dates`): reading any string is
//! a date or `None`, never a panic (a panic kills the whole WASM app), and every instant the
//! app writes (`iso_utc`) reads back as itself, with or without a zone offset.
//! `PROPTEST_CASES` sets the cases (256 by default here).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use vitrina::domain::dates::{civil_from_days, days_from_civil, iso_utc, parse_date, parse_iso};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

/// 0000-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z: the years ISO 8601 writes in four digits.
fn instants() -> std::ops::RangeInclusive<i64> {
    days_from_civil(0, 1, 1) * 86_400..=days_from_civil(10_000, 1, 1) * 86_400 - 1
}

/// Strings shaped like what a backend sends, with any piece out of place.
fn iso_like() -> impl Strategy<Value = String> {
    (
        "[0-9]{1,6}",
        "[0-9]{1,3}",
        "[0-9]{1,3}",
        prop::sample::select(vec!["", "T", " ", "t", "Т"]),
        "[0-9:.]{0,12}",
        prop::sample::select(vec!["", "Z", "+", "-", "+03:00", "-0530", "+3", "Zx", "+ю"]),
        "[0-9:]{0,6}",
    )
        .prop_map(|(y, m, d, sep, clock, sign, off)| format!("{y}-{m}-{d}{sep}{clock}{sign}{off}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_string_reads_as_a_date_or_none(s in any::<String>()) {
        let _ = parse_iso(&s);
        let _ = parse_date(&s);
    }

    #[test]
    fn any_iso_like_string_reads_as_a_date_or_none(s in iso_like()) {
        let _ = parse_iso(&s);
        let _ = parse_date(&s);
    }

    #[test]
    fn what_iso_utc_writes_reads_back_as_the_same_instant(t in instants()) {
        let written = iso_utc(t);
        prop_assert_eq!(parse_iso(&written), Some(t), "{}", written);
        // The same instant written in another zone, as a backend in Moscow or New York would.
        for off_min in [180i64, -300, 330, 0] {
            let local = iso_utc(t + off_min * 60);
            let sign = if off_min < 0 { '-' } else { '+' };
            let o = off_min.abs();
            let shifted = format!("{}{sign}{:02}:{:02}", &local[..19], o / 60, o % 60);
            if instants().contains(&(t + off_min * 60)) {
                prop_assert_eq!(parse_iso(&shifted), Some(t), "{}", shifted);
            }
        }
    }

    #[test]
    fn calendar_days_round_trip(days in -1_000_000i64..=3_000_000) {
        let (y, m, d) = civil_from_days(days);
        prop_assert_eq!(days_from_civil(y, m, d), days);
    }
}
