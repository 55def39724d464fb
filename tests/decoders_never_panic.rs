//! Property tests (issue 14, «decoders that never panic»): every backend answer the app reads
//! — any status, any bytes, and every seed example with one of its values replaced by
//! anything — comes out as data or an error value, never a panic (a panic kills the whole
//! WASM app). The rate-limit header parsers likewise; and a URL's view survives its round
//! trip. `PROPTEST_CASES` sets the cases (256 by default here; `make bench` runs 10 000).
//!
//! What is covered is one table, [`TABLE`]: each row a seed example (a file of
//! tests/fixtures and the status it comes with), the decoder the app reads it with, and the
//! endpoint functions of `src/api` whose answers that decoder reads. Three tests keep the
//! table whole:
//! - `every_endpoint_of_src_api_is_in_the_table`: every `pub async fn` under src/api that is
//!   not generic (a generic one is a request helper) is named by a row — a new endpoint
//!   fails until its decoder and an example are added — and every name in the table is
//!   still such a function (a renamed or moved endpoint fails until its row follows);
//! - `every_fixture_is_in_the_table`: every file of tests/fixtures is some row's example;
//! - `every_row_reads_its_example_as_its_status_says`: a 2xx example decodes, an error
//!   example is an error value — so no row pairs an example with a decoder that only
//!   refuses it (which the property tests would never notice).
//!
//! Adding or renaming a decoder is one line of the table.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use vitrina::api::commerce::{self, auth, cart, catalog, checkout, orders};
use vitrina::api::error::{parse_rate_limit, parse_retry_after};
use vitrina::api::partner::{self, cabinet};
use vitrina::api::{courier, delivery, ApiError, RawResponse};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

const NOW: u64 = 1_705_329_540;

/// What a decoder made of an answer: its data (thrown away here) or an error value.
type Read = Result<(), ApiError>;

/// One decoder the app uses, and what it is tried on.
struct Row {
    /// A file of tests/fixtures: the seed's (or our contract's) example answer.
    fixture: &'static str,
    /// The status that example comes with.
    status: u16,
    /// The decoder as the app calls it, with the mapping to domain types where the app
    /// has one as a function of its own.
    decode: fn(&RawResponse) -> Read,
    /// The endpoint functions whose answers it reads: `module::function`, the module's path
    /// under src/api (`commerce::cart::get` is `pub async fn get` in src/api/commerce/cart.rs).
    used_by: &'static [&'static str],
}

/// `fixture status decoder => [endpoints];` — one row a line.
macro_rules! table {
    ($($fixture:literal $status:literal $decode:expr => [$($used:literal),*];)*) => {
        &[$(Row { fixture: $fixture, status: $status, decode: $decode, used_by: &[$($used),*] }),*]
    };
}

#[rustfmt::skip]
const TABLE: &[Row] = table! {
    // commerce (seed 003; sign-in is our contract, README)
    "commerce_auth_code_sent.json"         200 commerce_data::<auth::OtpSent>             => ["commerce::auth::request_code"];
    "commerce_auth_signed_in.json"         200 commerce_data::<auth::SignedIn>            => ["commerce::auth::verify"];
    "commerce_products.json"               200 products                                   => ["commerce::catalog::products", "commerce::catalog::suggest"];
    "commerce_product.json"                200 product                                    => ["commerce::catalog::product", "commerce::catalog::cards_for", "commerce::catalog::read_each"];
    "commerce_category.json"               200 category                                   => ["commerce::catalog::category"];
    "commerce_categories.json"             200 categories                                 => ["commerce::catalog::categories"];
    "commerce_reviews.json"                200 commerce_data::<catalog::ReviewsDto>       => ["commerce::catalog::reviews"];
    "commerce_review_created.json"         201 commerce_data::<catalog::CreatedReviewDto> => ["commerce::catalog::create_review"];
    "commerce_cart.json"                   200 cart_get                                   => ["commerce::cart::get"];
    "commerce_cart_item_added.json"        201 commerce_data::<cart::LineChangedDto>       => ["commerce::cart::add"];
    "commerce_cart_item_updated.json"      200 commerce_data::<cart::LineChangedDto>       => ["commerce::cart::update"];
    "commerce_cart_item_removed.json"      200 commerce_data::<cart::RemovedDto>          => ["commerce::cart::remove"];
    "commerce_cart_cleared.json"           200 commerce_data::<cart::ClearedDto>          => ["commerce::cart::clear"];
    "commerce_addresses.json"              200 commerce_data::<checkout::AddressList>     => ["commerce::checkout::addresses"];
    "commerce_address.json"                201 commerce_data::<checkout::Address>         => ["commerce::checkout::save_address"];
    "commerce_shipping_methods.json"       200 commerce_data::<checkout::MethodsDto>      => ["commerce::checkout::methods"];
    "commerce_shipping_calculate.json"     200 commerce_data::<checkout::CalculationDto>  => ["commerce::checkout::calculate"];
    "commerce_checkout_preview.json"       200 commerce_data::<checkout::Preview>      => ["commerce::checkout::preview"];
    "commerce_checkout.json"               201 placed                                     => ["commerce::checkout::place"];
    "commerce_orders.json"                 200 commerce_data::<orders::OrdersDto>         => ["commerce::orders::list", "commerce::orders::since"];
    "commerce_order.json"                  200 commerce_data::<orders::OrderDetailDto>    => ["commerce::orders::detail"];
    "commerce_tracking.json"               200 commerce_data::<orders::TrackingDto>       => ["commerce::orders::tracking"];
    "commerce_order_cancelled.json"        200 commerce_data::<orders::CancelDto>         => ["commerce::orders::cancel"];
    "commerce_refund.json"                 201 commerce_data::<orders::RefundDto>         => ["commerce::orders::refund"];
    // OK Delivery (seed 000)
    "delivery_inventory.json"              200 delivery_data::<delivery::InventoryDto>    => ["delivery::inventory"];
    "delivery_slots.json"                  200 delivery_data::<delivery::SlotsDto>        => ["delivery::slots"];
    "delivery_payment.json"                200 delivery_data::<delivery::PaymentDto>      => ["delivery::payment"];
    "delivery_order.json"                  200 delivery_data::<delivery::DeliveryOrderDto> => ["delivery::order"];
    "delivery_error.json"                  400 delivery_data::<delivery::SlotsDto>        => ["delivery::slots"];
    // express courier (seed 002)
    "courier_verify.json"                  200 courier_data::<courier::QuoteDto>          => ["courier::verify"];
    "courier_orders.json"                  200 courier_data::<Vec<courier::CourierOrderDto>> => ["courier::order"];
    "courier_error_400.json"               400 courier_data::<courier::QuoteDto>          => ["courier::verify"];
    "courier_error_403.json"               403 courier_data::<Vec<courier::CourierOrderDto>> => ["courier::order"];
    // partner (seed 004): the catalogue's extras
    "partner_selections.json"              200 partner_data::<partner::List<partner::Selection>> => ["partner::selections"];
    "partner_selection_products.json"      200 partner_data::<partner::ProductsPage>      => ["partner::selection_products"];
    "partner_also_buy.json"                200 partner_data::<partner::ProductsPage>      => ["partner::also_buy"];
    // The seed's related products, the also-buy shape; the product page takes its related
    // products from commerce, so no endpoint asks for these.
    "partner_related.json"                 200 partner_data::<partner::ProductsPage>      => [];
    "partner_certificates.json"            200 partner_data::<partner::List<partner::Certificate>> => ["partner::certificates"];
    "partner_products_warehouses.json"     200 partner_data::<partner::List<partner::ProductStock>> => ["partner::stocks"];
    "partner_warehouses_stub.json"         200 partner_data::<partner::List<partner::Warehouse>> => ["partner::warehouses"];
    "partner_address_check.json"           200 partner_data::<partner::AddressCheckDto>   => ["partner::address_check"];
    // partner (seed 004): the cabinet
    "partner_profile_dealer.json"          200 partner_data::<cabinet::PartnerDto>        => ["partner::cabinet::profile"];
    "partner_profile_mounter.json"         200 partner_data::<cabinet::PartnerDto>        => ["partner::cabinet::profile"];
    "partner_levels.json"                  200 partner_data::<Vec<cabinet::LevelDto>>     => ["partner::cabinet::levels"];
    "partner_balance_history.json"         200 partner_data::<partner::List<vitrina::domain::partner::cabinet::Operation>> => ["partner::cabinet::history"];
    "partner_withdrawal_requests.json"     200 partner_data::<partner::List<vitrina::domain::partner::cabinet::WithdrawalEntry>> => ["partner::cabinet::withdrawals", "partner::payouts::since"];
    "partner_error.json"                   409 cabinet_done                               => ["partner::cabinet::withdraw", "partner::cabinet::add_organization", "partner::cabinet::remove_organization"];
};

/// Examples that are no JSON, as the seed prints them: each is an error value (`Decode`).
const NOT_JSON: &[(&str, &str)] = &[(
    "partner_profile_mounter.json",
    "seed 004 misses a comma after `\"bonusBalance\": 10000`",
)];

/// `pub async fn`s of src/api that read no backend's answer.
const NOT_ENDPOINTS: &[(&str, &str)] = &[
    ("http::send", "the transport itself"),
    (
        "asset::probe",
        "asks whether a file is still there; reads no body",
    ),
];

// ---------- the decoders, as the app calls them ----------

fn commerce_data<T: DeserializeOwned>(r: &RawResponse) -> Read {
    commerce::decode::<T>(r, NOW).map(drop)
}

fn delivery_data<T: DeserializeOwned>(r: &RawResponse) -> Read {
    delivery::decode::<T>(r, NOW).map(drop)
}

fn courier_data<T: DeserializeOwned>(r: &RawResponse) -> Read {
    courier::decode::<T>(r, NOW).map(drop)
}

fn partner_data<T: DeserializeOwned>(r: &RawResponse) -> Read {
    partner::decode::<T>(r, NOW).map(drop)
}

fn products(r: &RawResponse) -> Read {
    commerce::decode::<catalog::ProductsDto>(r, NOW)
        .and_then(catalog::products_page)
        .map(drop)
}

fn product(r: &RawResponse) -> Read {
    use vitrina::domain::catalog::ProductDetail;
    commerce::decode::<catalog::ProductDetailDto>(r, NOW)
        .and_then(|e| ProductDetail::try_from(e.data))
        .map(drop)
}

fn category(r: &RawResponse) -> Read {
    use vitrina::domain::catalog::CategoryInfo;
    commerce::decode::<catalog::CategoryDetailDto>(r, NOW).map(|e| drop(CategoryInfo::from(e.data)))
}

fn categories(r: &RawResponse) -> Read {
    use vitrina::domain::catalog::CategoryNode;
    commerce::decode::<catalog::CategoriesDto>(r, NOW).map(|e| {
        let tree: Vec<CategoryNode> = e.data.categories.into_iter().map(Into::into).collect();
        drop(tree)
    })
}

fn cart_get(r: &RawResponse) -> Read {
    use vitrina::domain::cart::ServerCart;
    commerce::decode::<cart::CartDto>(r, NOW).map(|e| drop(ServerCart::from(e.data)))
}

fn placed(r: &RawResponse) -> Read {
    checkout::read_placed(r, NOW).result.map(drop)
}

fn cabinet_done(r: &RawResponse) -> Read {
    cabinet::read_done(r, NOW)
}

/// Hands `raw` to every decoder of the table; the results are thrown away — only a panic
/// fails.
fn decode_all(raw: &RawResponse) {
    for row in TABLE {
        let _ = (row.decode)(raw);
    }
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Each row's example, read once.
fn examples() -> &'static [String] {
    static ALL: OnceLock<Vec<String>> = OnceLock::new();
    ALL.get_or_init(|| {
        TABLE
            .iter()
            .map(|row| {
                std::fs::read_to_string(fixtures_dir().join(row.fixture))
                    .unwrap_or_else(|e| panic!("tests/fixtures/{}: {e}", row.fixture))
            })
            .collect()
    })
}

// ---------- the table is whole ----------

/// `module::function` of every non-generic `pub async fn` under src/api (a method's module
/// is its file's).
fn endpoints_in_src_api() -> BTreeSet<String> {
    fn walk(dir: &Path, module: &[String], out: &mut BTreeSet<String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            if path.is_dir() {
                walk(&path, &[module, &[name]].concat(), out);
                continue;
            }
            let Some(stem) = name.strip_suffix(".rs") else {
                continue;
            };
            let here = if stem == "mod" {
                module.to_vec()
            } else {
                [module, &[stem.to_string()]].concat()
            };
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                let line = line.trim_start();
                let Some(rest) = ["pub async fn ", "pub(crate) async fn "]
                    .iter()
                    .find_map(|p| line.strip_prefix(p))
                else {
                    continue;
                };
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                if rest[end..].starts_with('<') {
                    continue; // a generic request helper, not an endpoint
                }
                out.insert([&here[..], &[rest[..end].to_string()]].concat().join("::"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api"),
        &[],
        &mut out,
    );
    out
}

#[test]
fn every_endpoint_of_src_api_is_in_the_table() {
    let found = endpoints_in_src_api();
    assert!(found.len() > 20, "the scan of src/api found only {found:?}");
    let named: BTreeSet<String> = TABLE
        .iter()
        .flat_map(|r| r.used_by.iter().map(|s| s.to_string()))
        .chain(NOT_ENDPOINTS.iter().map(|(f, _)| f.to_string()))
        .collect();
    let missing: Vec<_> = found.difference(&named).collect();
    let stale: Vec<_> = named.difference(&found).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "tests/decoders_never_panic.rs's TABLE is not the endpoints of src/api:\n\
         endpoints no row names (add a row: an example in tests/fixtures, the decoder, the endpoint): {missing:?}\n\
         names in the table that are no endpoint of src/api (renamed or moved? follow them): {stale:?}"
    );
}

#[test]
fn every_fixture_is_in_the_table() {
    let tabled: BTreeSet<&str> = TABLE.iter().map(|r| r.fixture).collect();
    let files: BTreeSet<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".json"))
        .collect();
    let untried: Vec<_> = files
        .iter()
        .filter(|f| !tabled.contains(f.as_str()))
        .collect();
    assert!(
        untried.is_empty(),
        "examples in tests/fixtures that no row of TABLE decodes: {untried:?}"
    );
    assert_eq!(examples().len(), TABLE.len());
}

#[test]
fn every_row_reads_its_example_as_its_status_says() {
    for (row, body) in TABLE.iter().zip(examples()) {
        let got = (row.decode)(&raw(row.status, body.clone(), vec![]));
        let json = serde_json::from_str::<Value>(body).is_ok();
        if NOT_JSON.iter().any(|(f, _)| *f == row.fixture) {
            assert!(!json, "{} is JSON: take it off NOT_JSON", row.fixture);
            assert!(
                matches!(got, Err(ApiError::Decode { .. })),
                "{}: {got:?}",
                row.fixture
            );
            continue;
        }
        assert!(json, "{} is no JSON", row.fixture);
        let success = (200..300).contains(&row.status);
        assert_eq!(
            got.is_ok(),
            success,
            "{} with status {}: {got:?}",
            row.fixture,
            row.status
        );
    }
}

fn raw(status: u16, body: String, headers: Vec<(String, String)>) -> RawResponse {
    RawResponse {
        status,
        headers,
        body,
    }
}

/// Any JSON value, with keys the backends use so that decoders go deep.
fn json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("success".to_string()),
        Just("data".to_string()),
        Just("error".to_string()),
        Just("code".to_string()),
        Just("message".to_string()),
        Just("details".to_string()),
        Just("items".to_string()),
        Just("id".to_string()),
        Just("price".to_string()),
        Just("status".to_string()),
        Just("total".to_string()),
        Just("value".to_string()),
        Just("meta".to_string()),
        "[a-zA-Z]{1,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::from)),
        ".{0,40}".prop_map(Value::from),
        "-?[0-9]{1,40}(\\.[0-9]{1,40})?(e-?[0-9]{1,4})?"
            .prop_map(|n| serde_json::from_str(&n).unwrap_or(Value::Null)),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Replaces the value `path` leads to (each step an index taken modulo the node's size).
fn replace_at(v: &mut Value, path: &[usize], with: Value) {
    match (path.split_first(), v) {
        (Some((i, rest)), Value::Object(m)) if !m.is_empty() => {
            let k = m.keys().nth(i % m.len()).cloned().unwrap_or_default();
            if let Some(child) = m.get_mut(&k) {
                replace_at(child, rest, with);
            }
        }
        (Some((i, rest)), Value::Array(a)) if !a.is_empty() => {
            let n = a.len();
            replace_at(&mut a[i % n], rest, with);
        }
        (_, v) => *v = with,
    }
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(200u16),
        Just(201),
        Just(204),
        Just(400),
        Just(401),
        Just(404),
        Just(409),
        Just(422),
        Just(429),
        Just(500),
        Just(503),
        100u16..600,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_bytes_with_any_status_are_data_or_an_error(status in status(), body in prop::collection::vec(any::<u8>(), 0..400)) {
        decode_all(&raw(status, String::from_utf8_lossy(&body).into_owned(), vec![]));
    }

    #[test]
    fn any_json_is_data_or_an_error(status in status(), v in json()) {
        decode_all(&raw(status, v.to_string(), vec![("x-request-id".into(), "r".into())]));
    }

    #[test]
    fn a_seed_example_with_any_value_replaced_is_data_or_an_error(
        which in 0..TABLE.len(),
        path in prop::collection::vec(any::<usize>(), 0..6),
        with in json(),
    ) {
        let body = &examples()[which];
        // An example that is no JSON (NOT_JSON) is tried as it is.
        let body = match serde_json::from_str::<Value>(body) {
            Ok(mut v) => {
                replace_at(&mut v, &path, with);
                v.to_string()
            }
            Err(_) => body.clone(),
        };
        decode_all(&raw(TABLE[which].status, body, vec![]));
    }

    #[test]
    fn rate_limit_headers_of_any_text_are_read_or_ignored(
        retry in ".{0,40}", reset in ".{0,40}", remaining in ".{0,20}", now in any::<u64>(),
    ) {
        let _ = parse_retry_after(&retry);
        let headers = [("retry-after", retry.as_str()), ("x-ratelimit-reset", reset.as_str()),
            ("x-ratelimit-remaining", remaining.as_str()), ("x-ratelimit-limit", remaining.as_str())];
        let _ = parse_rate_limit(|name| headers.iter().find(|(k, _)| *k == name).map(|(_, v)| *v), now);
    }

    #[test]
    fn a_url_view_is_the_same_after_its_round_trip(pairs in prop::collection::vec(("[a-z]{1,8}", ".{0,20}"), 0..10)) {
        use vitrina::domain::catalog::CatalogQuery;
        use vitrina::domain::orders::history::OrdersFilter;
        use vitrina::domain::partner::history::HistoryFilter;
        let given = || pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let q = CatalogQuery::from_pairs(given());
        let back = q.to_pairs();
        prop_assert_eq!(CatalogQuery::from_pairs(back.iter().map(|(k, v)| (*k, v.as_str()))), q);
        let f = OrdersFilter::from_pairs(given());
        let back = f.to_pairs();
        prop_assert_eq!(OrdersFilter::from_pairs(back.iter().map(|(k, v)| (*k, v.as_str()))), f);
        let h = HistoryFilter::from_pairs(given());
        let back = h.to_pairs();
        prop_assert_eq!(HistoryFilter::from_pairs(back.iter().map(|(k, v)| (*k, v.as_str()))), h);
    }
}
