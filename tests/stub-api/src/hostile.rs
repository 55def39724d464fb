//! `--hostile`: the same shop, with script injections and awkward text in every string a
//! shopper sees that comes from data — product names, descriptions, attributes, variant
//! names, categories, reviews, the demo users' names, the saved address (and so the demo
//! orders' addresses), pickup points, tracking — and hostile image URLs on a few products.
//! Every payload that could run sets `window.__pwned`, so an end-to-end test proves the
//! storefront ran none of them with `window.__pwned === undefined`, and that the layout
//! holds.
//!
//! Ids, prices, counts, cities, postal codes, phones and slugs stay as they are (slugs
//! come from the clean names), so every flow still navigates and checks out. `reset`
//! seeds the hostile data again.

use crate::data::{Catalog, Product, User};
use serde_json::{json, Value};

macro_rules! x10 {
    ($s:expr) => {
        concat!($s, $s, $s, $s, $s, $s, $s, $s, $s, $s)
    };
}

/// 400 × «Ы»: one word with nowhere to break.
pub const LONG: &str = x10!(x10!("ЫЫЫЫ"));

/// A right-to-left override, then Arabic and Hebrew.
pub const RTL: &str = "\u{202E}مرحبا بالعالم שלום";

/// A `javascript:` URL, for the URL fields.
pub const SCRIPT_URL: &str = "javascript:window.__pwned=1";

/// A `data:` URL with a script, for the URL fields.
pub const DATA_URL: &str = "data:text/html,<script>window.__pwned=1</script>";

pub const PAYLOADS: [&str; 9] = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=1\">",
    "\"><svg onload=window.__pwned=1>",
    "<svg><script>window.__pwned=1</script></svg>",
    SCRIPT_URL,
    DATA_URL,
    "<a href=\"javascript:window.__pwned=1\">ссылка</a>",
    LONG,
    RTL,
];

/// Where the stub serves [`SVG`].
pub const SVG_PATH: &str = "/media/hostile.svg";

/// An image that runs a script if it is ever loaded as a document.
pub const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400"><script>window.__pwned=1</script><rect width="400" height="400" fill="#ffe3e3"/></svg>"##;

/// Payload `n`, round the set.
pub fn payload(n: usize) -> &'static str {
    PAYLOADS[n % PAYLOADS.len()]
}

/// `text`, then payload `n`.
fn taint(text: &str, n: usize) -> String {
    format!("{text} {}", payload(n))
}

/// Payload `n` after the string at `v[key]`; anything else (absent, null) is left alone.
fn taint_field(v: &mut Value, key: &str, n: usize) {
    if let Some(t) = v[key].as_str().map(|s| taint(s, n)) {
        v[key] = json!(t);
    }
}

/// Categories' names and descriptions, and every product's name, get a payload (products
/// are marked so what is made from them later does too). The names whose payload is the
/// long word or the right-to-left text are, for every other such product, nothing else.
pub fn apply(c: &mut Catalog) {
    for cat in &mut c.categories {
        cat.name = taint(&cat.name, cat.idx);
        cat.description = taint(&cat.description, cat.idx + 1);
    }
    let n = PAYLOADS.len();
    for p in &mut c.products {
        p.hostile = true;
        p.name = if p.idx % n >= n - 2 && (p.idx / n).is_multiple_of(2) {
            payload(p.idx).to_string()
        } else {
            taint(&p.name, p.idx)
        };
    }
}

/// The image URLs of a hostile product: every 50th, from the first, points at `javascript:`,
/// the next at a `data:` document, the one after at [`SVG`]; the rest are the usual.
pub fn image_url(base: &str, p: &Product) -> Option<String> {
    match p.idx % 50 {
        _ if !p.hostile => None,
        0 => Some(SCRIPT_URL.into()),
        1 => Some(DATA_URL.into()),
        2 => Some(format!("{base}{SVG_PATH}")),
        _ => None,
    }
}

/// A product of the lists: its description and lead.
pub fn product(p: &Product, v: &mut Value) {
    if p.hostile {
        taint_field(v, "description", p.idx + 1);
        taint_field(v, "shortDescription", p.idx + 2);
    }
}

/// What only the product page adds: the brand attribute, an attribute whose name and value
/// are payloads, and the variants' names.
pub fn product_detail(p: &Product, v: &mut Value) {
    if !p.hostile {
        return;
    }
    taint_field(&mut v["attributes"], "brand", p.idx + 3);
    v["attributes"][payload(p.idx + 4)] = json!(payload(p.idx + 5));
    if let Some(variants) = v["variants"].as_array_mut() {
        for (i, var) in variants.iter_mut().enumerate() {
            taint_field(var, "name", p.idx + 6 + i);
        }
    }
}

/// A product's reviews: author, title, text, the shop's response, a pro and a con each;
/// every third author's avatar is a `javascript:` URL.
pub fn reviews(p: &Product, list: &mut [Value]) {
    if !p.hostile {
        return;
    }
    for (i, r) in list.iter_mut().enumerate() {
        let n = p.idx + i;
        taint_field(&mut r["author"], "name", n);
        taint_field(r, "title", n + 1);
        taint_field(r, "content", n + 2);
        taint_field(&mut r["response"], "content", n + 3);
        for (key, k) in [("pros", n + 4), ("cons", n + 5)] {
            if let Some(items) = r[key].as_array_mut() {
                items.push(json!(payload(k)));
            }
        }
        if i.is_multiple_of(3) {
            r["author"]["avatarUrl"] = json!(SCRIPT_URL);
        }
    }
}

/// The demo users' names.
pub fn users(list: &mut [User]) {
    for (i, u) in list.iter_mut().enumerate() {
        u.name = taint(&u.name, i);
    }
}

/// A saved address: one payload after each text, every payload once (the long word in the
/// notes, which may be longest). City, index, phone and place stay: delivery still works.
pub fn address(a: &mut Value) {
    let fields = [
        "recipientName",
        "street",
        "building",
        "flat",
        "block",
        "floor",
        "metro",
        "notes",
        "region",
    ];
    for (i, k) in fields.iter().enumerate() {
        taint_field(a, k, i);
    }
}

/// Warehouses and shops (the pickup points): titles, addresses and comments.
pub fn warehouses(list: &mut [Value]) {
    for (i, w) in list.iter_mut().enumerate() {
        taint_field(w, "title", i);
        taint_field(w, "address", i + 3);
        taint_field(w, "comment", i + 6);
    }
}

/// An order's tracking: a `javascript:` tracking link, payloads in the events' places and
/// descriptions.
pub fn tracking(v: &mut Value) {
    if v["trackingUrl"].is_string() {
        v["trackingUrl"] = json!(SCRIPT_URL);
    }
    if let Some(events) = v["events"].as_array_mut() {
        for (i, e) in events.iter_mut().enumerate() {
            taint_field(e, "location", i);
            taint_field(e, "description", i + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commerce::{product_detail_json, product_reviews};
    use crate::{Options, Shared};

    /// Every string and object key in `v`, one a line.
    fn text(v: &Value) -> String {
        let mut out = String::new();
        fn walk(v: &Value, out: &mut String) {
            match v {
                Value::String(s) => {
                    out.push_str(s);
                    out.push('\n');
                }
                Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                Value::Object(m) => m.iter().for_each(|(k, x)| {
                    out.push_str(k);
                    out.push('\n');
                    walk(x, out);
                }),
                _ => {}
            }
        }
        walk(v, &mut out);
        out
    }

    fn assert_every_payload(what: &str, text: &str) {
        for x in PAYLOADS {
            assert!(text.contains(x), "{what} lack {x:?}");
        }
    }

    fn stub(hostile: bool) -> Shared {
        Shared::new(Options {
            hostile,
            ..Options::default()
        })
    }

    #[test]
    fn the_payloads_are_what_the_e2e_test_expects() {
        assert_eq!(LONG.chars().count(), 400);
        assert!(!LONG.contains(char::is_whitespace));
        for x in PAYLOADS
            .iter()
            .filter(|x| x.contains('<') || x.contains(':'))
        {
            assert!(x.contains("window.__pwned=1"), "{x}");
        }
        assert!(SVG.contains("<script>window.__pwned=1</script>"));
    }

    #[test]
    fn every_payload_is_everywhere_a_shopper_reads() {
        let s = stub(true);
        let c = &s.catalog;
        let base = &s.opts.public_base;
        let details: Vec<Value> = c
            .products
            .iter()
            .map(|p| product_detail_json(c, base, p))
            .collect();
        let field = |k: &str| -> String { details.iter().map(|d| text(&d[k])).collect() };
        assert_every_payload("names", &field("name"));
        assert_every_payload("descriptions", &field("description"));
        assert_every_payload("leads", &field("shortDescription"));
        assert_every_payload("attributes", &field("attributes"));
        let categories: String = c
            .categories
            .iter()
            .map(|k| format!("{}\n{}\n", k.name, k.description))
            .collect();
        assert_every_payload("categories", &categories);
        let reviews: String = c
            .products
            .iter()
            .take(40)
            .map(|p| text(&json!(product_reviews(base, p))))
            .collect();
        assert_every_payload("reviews", &reviews);
        let m = s.lock();
        let anna = &m.users[0];
        assert_every_payload("addresses", &text(&json!(m.addresses[&anna.id])));
        assert!(PAYLOADS.iter().any(|x| anna.name.contains(x)));
        let shipped_to: String = m
            .orders
            .iter()
            .map(|o| text(&json!(o.shipping_address)))
            .collect();
        assert!(PAYLOADS.iter().any(|x| shipped_to.contains(x)));
        drop(m);
        assert_every_payload("pickup points", &text(&json!(s.warehouses())));
        let images = field("images");
        for url in [SCRIPT_URL, DATA_URL, &format!("{base}{SVG_PATH}")] {
            assert!(images.contains(url), "no image at {url}");
        }
        // A few names are the long word or the right-to-left text alone.
        assert!(c.products.iter().any(|p| p.name == LONG));
        assert!(c.products.iter().any(|p| p.name == RTL));
    }

    #[test]
    fn slugs_ids_and_prices_stay_clean() {
        let (clean, hostile) = (stub(false), stub(true));
        for (a, b) in clean.catalog.products.iter().zip(&hostile.catalog.products) {
            assert_eq!(
                (a.slug(), a.price, a.stock, &a.search),
                (b.slug(), b.price, b.stock, &b.search)
            );
            assert!(b
                .slug()
                .bytes()
                .all(|x| x.is_ascii_alphanumeric() || x == b'-'));
            assert!(!b.slug().is_empty());
        }
        let slugs = |s: &Shared| -> Vec<String> {
            s.catalog
                .categories
                .iter()
                .map(|c| c.slug.clone())
                .collect()
        };
        assert_eq!(slugs(&clean), slugs(&hostile));
    }

    #[test]
    fn reset_brings_the_hostile_data_back_and_the_clean_shop_has_none() {
        let s = stub(true);
        let anna = s.lock().users[0].id.clone();
        s.lock().addresses.clear();
        s.reset();
        let saved = text(&json!(s.lock().addresses[&anna]));
        assert_every_payload("addresses after reset", &saved);

        let clean = stub(false);
        let c = &clean.catalog;
        let base = &clean.opts.public_base;
        let m = clean.lock();
        let mut all = text(&json!(m.addresses[&m.users[0].id]));
        all += &text(&json!(clean.warehouses()));
        for p in &c.products {
            all += &text(&product_detail_json(c, base, p));
            all += &text(&json!(product_reviews(base, p)));
        }
        all += &c
            .categories
            .iter()
            .map(|k| k.name.clone())
            .collect::<String>();
        assert!(!all.contains("__pwned") && !all.contains(RTL));
    }
}
