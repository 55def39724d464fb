//! Stub backends for Vitrina: commerce, delivery, courier and partner APIs on one port,
//! faithful to the seed documents' envelopes, error codes and limits, plus a control API
//! for tests.

// Handlers return axum's `Response` as their error: it is what they answer with.
#![allow(clippy::result_large_err)]

pub mod addresses;
pub mod cabinet;
pub mod cart;
pub mod checkout;
pub mod commerce;
pub mod control;
pub mod courier;
pub mod data;
pub mod delivery;
pub mod envelope;
pub mod gate;
pub mod hostile;
pub mod journey;
pub mod media;
pub mod orders;
pub mod partner;
pub mod payments;
pub mod shipping;

use axum::{http::HeaderMap, Router};
use data::{Catalog, Order, User};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{atomic::AtomicU64, Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How the stub is started.
#[derive(Clone, Debug)]
pub struct Options {
    pub products: usize,
    /// Length of the per-minute limit windows (60 s in the seeds; shorter in tests).
    pub rate_window_secs: u64,
    /// Absolute origin used in image and payment URLs.
    pub public_base: String,
    /// Extra allowed CORS origins; any loopback origin is always allowed.
    pub allow_origins: Vec<String>,
    pub token_ttl_secs: u64,
    pub otp_cooldown_secs: u64,
    /// XSS and hostile-text payloads in the data a shopper reads (see [`hostile`]).
    pub hostile: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            products: 300,
            rate_window_secs: 60,
            public_base: "http://127.0.0.1:8081".into(),
            allow_origins: Vec::new(),
            token_ttl_secs: 3600,
            otp_cooldown_secs: 30,
            hostile: false,
        }
    }
}

/// A code sent to a phone.
#[derive(Clone, Debug)]
pub struct Otp {
    pub code: String,
    pub expires: Instant,
    pub sent: Instant,
}

/// One line of a server cart: product, variant, quantity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CartLine {
    pub id: String,
    pub product: usize,
    pub variant: Option<usize>,
    pub quantity: u32,
    pub added: i64,
}

/// An express-courier quote handed out by `POST /courier/orders/verify/`.
#[derive(Clone, Debug)]
pub struct Quote {
    pub id: String,
    /// `final_price`, kopecks: the shipping cost at checkout.
    pub final_price: i64,
    pub pickup_times: Vec<String>,
    /// Unix seconds.
    pub expires: i64,
    pub warehouse: String,
}

/// A card payment (the delivery API's `payment_id`), linked to an order.
#[derive(Clone, Debug)]
pub struct Payment {
    pub id: String,
    pub order_id: String,
    /// Kopecks.
    pub amount: i64,
    /// `pending`, `succeeded`, `failed` or `expired`.
    pub status: &'static str,
    /// Unix seconds; a pending payment past it is `expired`.
    pub expires: i64,
    /// Where the payment page sends the shopper back (checkout's `returnUrl`).
    pub return_url: Option<String>,
}

/// Everything tests may change; `reset` rebuilds it from the seed.
#[derive(Default)]
pub struct Mutable {
    pub users: Vec<User>,
    pub tokens: HashMap<String, (String, Instant)>,
    pub otps: HashMap<String, Otp>,
    pub carts: HashMap<String, Vec<CartLine>>,
    /// When each user's cart last changed (unix seconds): the cart's `updatedAt`.
    pub cart_updated: HashMap<String, i64>,
    /// Stock set through `/__control/stock`: (product index, variant index or None for
    /// the product as a whole) → units available to the cart.
    pub stock_overrides: HashMap<(usize, Option<usize>), i64>,
    /// Products made unavailable through `/__control/stock` (PRODUCT_UNAVAILABLE).
    pub unavailable: HashSet<usize>,
    pub orders: Vec<Order>,
    /// Reviews written through the API: (user id, product index, review JSON).
    pub reviews: Vec<(String, usize, serde_json::Value)>,
    /// Saved addresses per user id (Address JSON of docs/integration.md §1).
    pub addresses: HashMap<String, Vec<serde_json::Value>>,
    pub address_seq: u64,
    pub quotes: HashMap<String, Quote>,
    pub quote_seq: u64,
    pub payments: HashMap<String, Payment>,
    pub payment_seq: u64,
    /// Partner bonus balances in kopecks, by partner id (seed 004 `bonusBalance`).
    pub partner_balances: HashMap<String, i64>,
    /// Partner cabinets by partner id: history, withdrawals, organizations (seed 004).
    pub cabinets: HashMap<String, cabinet::Cabinet>,
    pub orders_created: BTreeMap<String, u64>,
    pub checkout_attempts: BTreeMap<String, u64>,
    pub checkout_previews: BTreeMap<String, u64>,
    /// Tests only: a limit's window in seconds instead of `--rate-window-secs`, by bucket
    /// name (`checkout`, `cart`, …).
    pub window_overrides: BTreeMap<String, i64>,
    pub requests: BTreeMap<String, u64>,
    pub windows: HashMap<(String, String), gate::Window>,
    pub idempotency: HashMap<gate::IdemKey, gate::IdemEntry>,
    pub faults: Vec<control::Fault>,
    /// Ids of the same-total orders a fault's `neighbourAfterCommit` placed.
    pub neighbours: Vec<String>,
    pub seq: u64,
}

/// The stub's state, shared by every handler.
pub struct Shared {
    pub opts: Options,
    pub catalog: Catalog,
    pub mutable: Mutex<Mutable>,
    pub request_seq: AtomicU64,
}

pub type AppState = Arc<Shared>;

pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl Shared {
    pub fn new(opts: Options) -> Self {
        let mut catalog = Catalog::generate(opts.products);
        if opts.hostile {
            hostile::apply(&mut catalog);
        }
        let mutable = Mutex::new(Self::seed(&catalog, opts.hostile));
        Shared {
            opts,
            catalog,
            mutable,
            request_seq: AtomicU64::new(1),
        }
    }

    fn seed(catalog: &Catalog, hostile: bool) -> Mutable {
        let mut users = data::demo_users();
        if hostile {
            hostile::users(&mut users);
        }
        let shopper = users[0].id.clone();
        let mut m = Mutable {
            orders: journey::demo_orders(catalog, &shopper, unix_now()),
            users,
            ..Default::default()
        };
        control::fill_cart(&mut m, catalog, &shopper);
        let mut home = addresses::demo_address(&mut m);
        if hostile {
            hostile::address(&mut home);
        }
        m.addresses.insert(shopper.clone(), vec![home.clone()]);
        payments::seed_demo(&mut m, &home);
        for p in data::partners() {
            if let Some(id) = p["id"].as_str() {
                let kopecks = p["bonusBalance"]
                    .as_f64()
                    .map_or(0, |r| (r * 100.0).round() as i64);
                m.partner_balances.insert(id.to_string(), kopecks);
                if p["bonusBalance"].is_number() {
                    m.cabinets
                        .insert(id.to_string(), cabinet::demo_cabinet(kopecks, unix_now()));
                }
            }
        }
        m
    }

    pub fn lock(&self) -> MutexGuard<'_, Mutable> {
        // A panicking handler must not wedge the stub for every later test.
        self.mutable.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn reset(&self) {
        *self.lock() = Self::seed(&self.catalog, self.opts.hostile);
    }

    /// Warehouses and shops (seed 004), with `--hostile` texts when so started.
    pub fn warehouses(&self) -> Vec<serde_json::Value> {
        let mut list = data::warehouses();
        if self.opts.hostile {
            hostile::warehouses(&mut list);
        }
        list
    }

    /// The signed-in user behind `Authorization: Bearer`, if the token is live.
    pub fn user(&self, headers: &HeaderMap) -> Option<User> {
        let token = headers
            .get("authorization")?
            .to_str()
            .ok()?
            .strip_prefix("Bearer ")?
            .trim()
            .to_string();
        let m = self.lock();
        let (uid, exp) = m.tokens.get(&token)?;
        if *exp < Instant::now() {
            return None;
        }
        m.users.iter().find(|u| &u.id == uid).cloned()
    }

    pub fn window(&self) -> Duration {
        Duration::from_secs(self.opts.rate_window_secs.max(1))
    }
}

/// The whole stub as a router.
pub fn app(opts: Options) -> Router {
    let state: AppState = Arc::new(Shared::new(opts));
    Router::new()
        .nest("/commerce/api/v1", commerce::routes())
        .nest("/delivery/v1", delivery::routes())
        .nest("/partner", partner::routes().merge(cabinet::routes()))
        .nest("/courier", courier::routes())
        .nest("/__control", control::routes())
        .merge(media::routes())
        .fallback(gate::unknown_route)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            gate::gate,
        ))
        .layer(gate::cors(&state.opts))
        .with_state(state)
}

/// Serves the stub on `listener` until the process is told to stop.
pub async fn serve(listener: tokio::net::TcpListener, opts: Options) -> std::io::Result<()> {
    axum::serve(
        listener,
        app(opts).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

/// Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
