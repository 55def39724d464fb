//! Times, statuses and phones as the shopper reads them: «15 января 2026, 14:05» in their
//! own time zone, a status as a coloured chip, a phone as a `tel:` link (orders, the partner
//! cabinet).

use crate::domain::dates::{day_month, parse_iso};
use crate::domain::phone::{display, to_e164};
use leptos::prelude::*;

/// «15 января 2026, 14:05» in the shopper's own time zone (UTC where there is no browser).
pub fn local_time(unix: i64, with_time: bool) -> String {
    #[cfg(target_arch = "wasm32")]
    let (y, mo, d, h, mi) = {
        let t = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
        (
            t.get_full_year() as i64,
            t.get_month() as usize,
            t.get_date(),
            t.get_hours(),
            t.get_minutes(),
        )
    };
    #[cfg(not(target_arch = "wasm32"))]
    let (y, mo, d, h, mi) = {
        let (y, m, d) = crate::domain::dates::civil_from_days(unix.div_euclid(86_400));
        let s = unix.rem_euclid(86_400);
        (
            y,
            m as usize - 1,
            d,
            (s / 3600) as u32,
            (s % 3600 / 60) as u32,
        )
    };
    let date = format!("{} {y}", day_month(mo as u32 + 1, d));
    if with_time {
        format!("{date}, {h:02}:{mi:02}")
    } else {
        date
    }
}

/// An ISO time as [`when`] writes it; unreadable → as the backend sent it.
pub fn local_time_iso(iso: &str, with_time: bool) -> String {
    parse_iso(iso).map_or_else(|| iso.to_string(), |t| local_time(t, with_time))
}

/// A status as a chip; `tone` picks its colour.
pub fn chip(text: String, tone: &'static str, testid: &'static str) -> impl IntoView {
    view! { <span class=format!("chip chip--{tone}") data-testid=testid>{text}</span> }
}

/// A phone to call: «+7 916 123-45-01» linked as `tel:+79161234501`; what is not a whole
/// number is shown as it came, unlinked.
pub fn tel(p: &str) -> AnyView {
    match to_e164(p) {
        Some(t) => view! { <a href=format!("tel:{t}")>{display(p)}</a> }.into_any(),
        None => view! { <span>{p.to_string()}</span> }.into_any(),
    }
}
