//! The checkout fault run through the real stub over HTTP: the app's own rules (`content_hash`,
//! `attempt_for`, `read_placed`, `failure`, `decide`, `candidates`, `judge`, the reference in
//! `notes`) drive checkouts against
//! `stub-api` with its fault control — slow answers the client gave up on while the stub went
//! on to commit, answers dropped after the commit, 500s, unreadable bodies, 429s — plus double
//! clicks (the same key twice at once, so the stub's 409 for a key in flight is met for real)
//! and reloads (memory gone, the stored attempt and draft read back); same-total neighbours
//! (the stub places another order of the shopper with the same total a second after the
//! commit, `neighbourAfterCommit`) and order details that answer 500. A key that may have gone
//! is looked for before it goes again. The stub's own counters judge: one order per checkout,
//! no neighbour claimed, every send of a checkout with its first key, the draft never lost. `CHECKOUT_FAULT_RUNS` sets the count (200 in `make test`, 1000 in `make bench`);
//! `tests/checkout_faults.rs` (the app crate) runs the same rules against a model with a
//! virtual clock, where the real limiter's minute can be lived through.

use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::Duration;
use vitrina::api::commerce::checkout::{failure, read_placed, Preview};
use vitrina::api::commerce::decode;
use vitrina::api::commerce::orders::{OrderDetailDto, OrdersDto};
use vitrina::api::{ApiError, RawResponse};
use vitrina::domain::checkout::attempt::{
    attempt_for, candidates, content_hash, decide, judge, notes_with_reference, Attempt, Next,
    Verdict, CLOCK_SLACK,
};
use vitrina::domain::checkout::draft::Draft;
use vitrina::domain::checkout::request::CheckoutRequest;
use vitrina::domain::codes::PaymentMethod;
use vitrina::domain::dates::iso_utc;

mod common;
#[path = "common/fault_run.rs"]
mod fault_run;
#[path = "common/faults_http.rs"]
mod faults_http;
#[path = "common/shop.rs"]
mod shop;
use common::{start, Stub, C, HOME, TVERSKAYA};
use fault_run::{listed, runs, Rng};
use faults_http::{as_browser, now_ms};
use shop::Who;

/// How long the client waits for an answer; a slow fault answers later than this.
const CLIENT_TIMEOUT: Duration = Duration::from_millis(200);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Fault {
    None,
    /// The stub takes the key, sleeps past the client's timeout, then commits.
    SlowAfterCommit,
    /// The stub commits, sends the head and a few bytes, then drops the connection.
    DroppedAfterCommit,
    Server500,
    /// A 200 whose body breaks off: nothing committed, nothing readable.
    Unreadable,
    /// A 429 from the gateway, as another device of the shopper used the minute up.
    RateLimited,
}

const FAULTS: [Fault; 6] = [
    Fault::None,
    Fault::SlowAfterCommit,
    Fault::DroppedAfterCommit,
    Fault::Server500,
    Fault::Unreadable,
    Fault::RateLimited,
];

/// The wall clock in seconds, as the app's checkout reads it.
fn now() -> u64 {
    now_ms() / 1000
}

impl Stub {
    async fn inject(&self, f: Fault, neighbour: bool) {
        let mut fault = match f {
            Fault::None if !neighbour => return,
            Fault::None => json!({}),
            Fault::SlowAfterCommit => json!({"delayMs": 400}),
            Fault::DroppedAfterCommit => json!({"dropAfterCommit": true}),
            Fault::Server500 => json!({"status": 500}),
            Fault::Unreadable => json!({"malformed": true}),
            Fault::RateLimited => json!({"status": 429, "headers": {"Retry-After": "1"}}),
        };
        fault["neighbourAfterCommit"] = json!(neighbour);
        self.fault_next_post(&format!("{C}/cart/checkout"), fault)
            .await;
    }

    /// One `POST /cart/checkout` as the browser makes it: the app's key header, a timeout,
    /// and what arrived (or the error the app would see).
    async fn send(&self, who: &Who, body: &Value, key: &str) -> Result<RawResponse, ApiError> {
        let request = self
            .http
            .post(self.url(&format!("{C}/cart/checkout")))
            .bearer_auth(&who.token)
            .header("Idempotency-Key", key)
            .json(body);
        as_browser(request, CLIENT_TIMEOUT).await
    }

    async fn raw_get(&self, who: &Who, path: &str) -> RawResponse {
        let r = self
            .http
            .get(self.url(path))
            .bearer_auth(&who.token)
            .send()
            .await
            .unwrap();
        RawResponse {
            status: r.status().as_u16(),
            headers: vec![],
            body: r.text().await.unwrap(),
        }
    }

    /// Up to `n` products without variants (stock made plentiful by `cart_of`).
    async fn plain_products(&self, n: usize) -> Vec<String> {
        let mut out = Vec::new();
        for page in 1..=3 {
            let (_, list) = self
                .get(
                    &format!("{C}/products?status=ACTIVE&pageSize=100&page={page}"),
                    None,
                )
                .await;
            for p in list["data"]["products"].as_array().unwrap() {
                let id = p["id"].as_str().unwrap();
                let (_, d) = self.get(&format!("{C}/products/{id}"), None).await;
                if d["data"]["variants"]
                    .as_array()
                    .is_some_and(|v| v.is_empty())
                {
                    out.push(id.to_string());
                    if out.len() == n {
                        return out;
                    }
                }
            }
        }
        out
    }

    /// The app's look (`place::check`): the orders since the attempt began, the details of
    /// those that could be it, the verdict; `fail_details`: the details answer 500.
    async fn look(&self, who: &Who, a: &Attempt, fail_details: bool) -> Verdict<String> {
        if fail_details {
            let path = format!("{C}/orders/");
            self.control(
                "faults",
                json!({"method": "GET", "path": path, "count": 100, "status": 500}),
            )
            .await;
        }
        let since = iso_utc(a.started_at.saturating_sub(CLOCK_SLACK) as i64);
        let raw = self
            .raw_get(who, &format!("{C}/orders?dateFrom={since}&pageSize=20"))
            .await;
        let list = decode::<OrdersDto>(&raw, now()).unwrap().data.orders;
        let c = candidates(&list, a, listed);
        let mut unread = c.more;
        let mut read = Vec::new();
        for o in c.read {
            let raw = self.raw_get(who, &format!("{C}/orders/{}", o.id)).await;
            match decode::<OrderDetailDto>(&raw, now()) {
                Ok(d) => read.push((o.id.clone(), d.data.notes)),
                Err(_) => unread = true,
            }
        }
        if fail_details {
            self.http
                .delete(self.url("/__control/faults"))
                .send()
                .await
                .unwrap();
        }
        judge(read, unread, &a.reference())
    }

    async fn neighbours(&self) -> Vec<String> {
        let (_, v) = self.get("/__control/counters", None).await;
        serde_json::from_value(v["neighbourOrders"].clone()).unwrap_or_default()
    }

    async fn counter(&self, name: &str, who: &Who) -> u64 {
        let (_, v) = self.get("/__control/counters", None).await;
        v[name][&who.id].as_u64().unwrap_or(0)
    }
}

#[derive(Default, Debug)]
struct Figures {
    checkouts: u64,
    sends: u64,
    faults: HashMap<String, u64>,
    waits: u64,
    looks: u64,
    found_by_look: u64,
    looks_before_resend: u64,
    unproven: u64,
    neighbours: u64,
    wrong_orders_claimed: u64,
    conflicts: u64,
    reloads: u64,
    double_clicks: u64,
    duplicate_orders: u64,
    key_changes: u64,
    lost_drafts: u64,
}

/// The content of an order of product slot `k`: a pickup or a courier order, with or
/// without a coupon — what the app would send.
fn request_for(k: usize, i: u64) -> CheckoutRequest {
    let mut r = CheckoutRequest {
        payment_method: PaymentMethod::BankTransfer,
        notes: Some(format!("прогон {i}")),
        ..CheckoutRequest::default()
    };
    if k.is_multiple_of(2) {
        r.shipping_method_id = "ship-004".into();
        r.pickup_warehouse_id = Some(TVERSKAYA.into());
    } else {
        r.shipping_method_id = "ship-001".into();
        r.shipping_address_id = Some(HOME.into());
    }
    if k.is_multiple_of(3) {
        r.coupon_codes = vec!["WELCOME10".into()];
    }
    r
}

const SLOTS: usize = 20;
const MAX_QUANTITY: u32 = 10;

/// `SLOTS` products whose `SLOTS × MAX_QUANTITY` orders all have different totals. The lookup
/// after a lost answer matches an order by its total among those made since the attempt
/// began (less two minutes of clock slack), and this run makes far more orders in two
/// minutes than a shopper does: with equal totals it found another checkout's order.
async fn distinct_totals(s: &Stub, who: &Who) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut chosen = Vec::new();
    for p in s.plain_products(80).await {
        let k = chosen.len();
        let mut totals = Vec::new();
        for q in 1..=MAX_QUANTITY {
            s.cart_of(who, &p, q).await;
            let body = serde_json::to_value(request_for(k, 0)).unwrap();
            let (_, v) = s.preview(who, body).await;
            totals.push(v["data"]["summary"]["total"].to_string());
        }
        if totals.iter().all(|t| !seen.contains(t)) {
            seen.extend(totals);
            chosen.push(p);
            if chosen.len() == SLOTS {
                return chosen;
            }
        }
    }
    panic!("fewer than {SLOTS} products with distinct totals");
}

async fn run(n: u64, seed: u64) -> Figures {
    let s = start(stub_api::Options {
        otp_cooldown_secs: 0,
        ..stub_api::Options::default()
    })
    .await;
    // The stub's own limiters off (a run makes far more than 100 cart calls a minute): this
    // run injects its 429s; the e2e and the model run meet the real checkout limiter.
    for bucket in ["checkout", "cart", "catalog", "orders"] {
        s.control("rate-window", json!({"bucket": bucket, "secs": 0}))
            .await;
    }
    let who = s.sign_in("+79990000001").await;
    let products = distinct_totals(&s, &who).await;
    let mut rng = Rng(seed);
    let mut f = Figures::default();
    let mut keys = 0u64;
    for i in 0..n {
        // A total none of the last 199 checkouts had: the lookup can only find this one's.
        let k = (i % SLOTS as u64) as usize;
        let product = &products[k];
        let quantity = 1 + ((i / SLOTS as u64) % MAX_QUANTITY as u64) as u32;
        s.cart_of(&who, product, quantity).await;
        let request = request_for(k, i);
        let body = serde_json::to_value(&request).unwrap();
        let lines = vec![(product.clone(), None, quantity)];
        let hash = content_hash(&request, &lines);
        let (_, preview) = s.preview(&who, body.clone()).await;
        let preview: Preview = serde_json::from_value(preview["data"].clone()).unwrap();
        let expected = Some(preview.summary.total);
        let before = s.counter("ordersCreated", &who).await;
        let draft = Draft {
            notes: request.notes.clone().unwrap_or_default(),
            ..Draft::default()
        };
        // What localStorage holds.
        let mut stored_draft = serde_json::to_string(&draft).unwrap();
        let mut stored: Option<Attempt> = None;
        let mut used_keys: Vec<String> = Vec::new();
        let mut done = false;
        let mut claimed: Option<String> = None;
        f.checkouts += 1;
        for _step in 0..200 {
            let double = match rng.below(10) {
                0 => {
                    // A reload: memory is gone, storage stays.
                    f.reloads += 1;
                    let back: Draft = serde_json::from_str(&stored_draft).unwrap();
                    if back != draft {
                        f.lost_drafts += 1;
                    }
                    stored_draft = serde_json::to_string(&back).unwrap();
                    let back: Option<Attempt> =
                        serde_json::from_str(&serde_json::to_string(&stored).unwrap()).unwrap();
                    stored = back;
                    false
                }
                1 => true,
                _ => false,
            };
            // Before a key that may have gone goes again: look once more (`place::submit`).
            if let Some(prior) = stored.clone() {
                f.looks_before_resend += 1;
                match s.look(&who, &prior, rng.below(6) == 0).await {
                    Verdict::Placed(id) => {
                        claimed = Some(id);
                        done = true;
                        break;
                    }
                    Verdict::Unproven => {
                        f.unproven += 1;
                        continue;
                    }
                    Verdict::NotPlaced => {}
                }
            }
            let a = attempt_for(stored.clone(), &hash, now(), expected, || {
                keys += 1;
                format!("fault-run-{seed:x}-{keys}")
            });
            stored = Some(a.clone());
            used_keys.push(a.key.clone());
            let fault = rng.fault(&FAULTS, &mut f.faults, "");
            s.inject(fault, rng.below(3) == 0).await;
            let mut body = body.clone();
            body["notes"] = json!(notes_with_reference(
                request.notes.as_deref(),
                &a.reference()
            ));
            f.sends += 1;
            let result = if double {
                // Two sends with the same key at once (a second tab past the lock): the
                // stub serves one, the other meets the key in flight or its replay.
                f.double_clicks += 1;
                f.sends += 1;
                let (x, y) = tokio::join!(s.send(&who, &body, &a.key), s.send(&who, &body, &a.key));
                let read = |r: Result<RawResponse, ApiError>| {
                    r.and_then(|raw| read_placed(&raw, now()).result.map(|_| ()))
                };
                match (read(x), read(y)) {
                    (Ok(()), _) | (_, Ok(())) => Ok(()),
                    (Err(e), _) => Err(e),
                }
            } else {
                s.send(&who, &body, &a.key)
                    .await
                    .and_then(|raw| read_placed(&raw, now()).result.map(|_| ()))
            };
            let next = match result {
                Ok(()) => {
                    done = true;
                    break;
                }
                Err(e) => decide(failure(&e, now())),
            };
            match next {
                Next::Wait { until } => {
                    f.waits += 1;
                    // Nothing is sent before the moment the 429 gave.
                    let left = until.saturating_sub(now());
                    tokio::time::sleep(Duration::from_secs(left)).await;
                }
                Next::Look | Next::LookLater => {
                    f.looks += 1;
                    if next == Next::LookLater {
                        f.conflicts += 1;
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                    match s.look(&who, &a, rng.below(6) == 0).await {
                        Verdict::Placed(id) => {
                            f.found_by_look += 1;
                            claimed = Some(id);
                            done = true;
                            break;
                        }
                        Verdict::Unproven => f.unproven += 1,
                        Verdict::NotPlaced => {}
                    }
                }
                Next::SignIn => panic!("checkout {i}: no 401 in this run"),
                Next::Explain => panic!("checkout {i}: refused: {next:?}"),
            }
        }
        assert!(done, "checkout {i} never finished");
        if let Some(id) = &claimed {
            if s.neighbours().await.contains(id) {
                f.wrong_orders_claimed += 1;
            }
        }
        // A slow fault's commit may land after the lookup found nothing and the retry met
        // its key in flight; let it settle before counting.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let made = s.counter("ordersCreated", &who).await - before;
        f.duplicate_orders += made.saturating_sub(1);
        assert_eq!(made, 1, "checkout {i}: {made} orders");
        used_keys.dedup();
        f.key_changes += used_keys.len() as u64 - 1;
    }
    f.neighbours = s.neighbours().await.len() as u64;
    f
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checkouts_through_the_real_stub_under_faults_make_one_order_each_with_one_key() {
    let n = runs("CHECKOUT_FAULT_RUNS");
    let f = run(n, 0x2545_f491_4f6c_dd1d).await;
    println!("checkout fault run through the stub: {f:#?}");
    assert_eq!(f.checkouts, n);
    assert_eq!(
        f.wrong_orders_claimed, 0,
        "a neighbour taken for this checkout's order"
    );
    assert_eq!(f.duplicate_orders, 0);
    assert_eq!(f.key_changes, 0);
    assert_eq!(f.lost_drafts, 0);
    assert_eq!(f.faults.len(), FAULTS.len(), "every fault was met");
    assert!(f.waits > 0 && f.found_by_look > 0 && f.reloads > 0 && f.double_clicks > 0);
    assert!(f.neighbours > 0 && f.unproven > 0 && f.looks_before_resend > 0);
}
