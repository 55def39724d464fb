//! Every path of the app in one place: the deployment base, the `Route` every link is made
//! from (encoding done once, here), the hooks that read route parameters and queries, and
//! the check that keeps «sign in, then come back» inside the shop.

use crate::api::{encode_component, Query};
use crate::domain::catalog::CatalogQuery;
use crate::domain::codes::WithdrawalStatus;
use crate::domain::orders::history::OrdersFilter;
use crate::domain::partner::history::HistoryFilter;
use crate::domain::partner::WithdrawalsFilter;
use crate::domain::review::ReviewQuery;
use leptos::prelude::*;
use leptos::Params;
use leptos_router::hooks::{use_params, use_query_map};
use leptos_router::params::{Params, ParamsMap};
use std::sync::OnceLock;

mod table;
pub use table::{Page, PageDef, PAGES};

/// A page of the shop, with what its URL carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Catalog(CatalogQuery),
    Categories,
    Category {
        id: String,
        query: CatalogQuery,
    },
    Product {
        id: String,
        query: ProductQuery,
    },
    Cart,
    /// «Избранное»: the products marked on this device.
    Favorites,
    Checkout,
    CheckoutReturn,
    Orders(OrdersFilter),
    Order(String),
    Partner,
    /// The bonus balance's history.
    PartnerHistory(HistoryFilter),
    /// Withdrawal requests (`OrdersFilter` over seed 004's statuses).
    PartnerWithdrawals(OrdersFilter),
    SignIn {
        next: Option<String>,
        expired: bool,
    },
}

/// What the product page keeps in its URL: the variant and the reviews' view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductQuery {
    pub variant: Option<String>,
    pub reviews: ReviewQuery,
}

impl ProductQuery {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)> + Clone) -> Self {
        ProductQuery {
            variant: pairs
                .clone()
                .into_iter()
                .find(|(k, _)| *k == "variant")
                .map(|(_, v)| v.to_string())
                .filter(|v| !v.is_empty()),
            reviews: ReviewQuery::from_pairs(pairs),
        }
    }

    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out: Vec<_> = self
            .variant
            .iter()
            .map(|v| ("variant", v.clone()))
            .collect();
        out.extend(self.reviews.to_pairs());
        out
    }
}

impl Default for ProductQuery {
    fn default() -> Self {
        ProductQuery::from_pairs([])
    }
}

fn query_string(pairs: Vec<(&'static str, String)>) -> String {
    let mut q = Query::new();
    for (k, v) in pairs {
        q.push(k, v);
    }
    q.to_query_string()
}

impl Route {
    /// The whole catalog, no filters.
    pub fn catalog() -> Route {
        Route::Catalog(CatalogQuery::from_pairs([]))
    }

    /// A product's page with nothing chosen.
    pub fn product(id: &str) -> Route {
        Route::Product {
            id: id.to_string(),
            query: ProductQuery::default(),
        }
    }

    /// A category's page with no filters.
    pub fn category(id: &str) -> Route {
        Route::Category {
            id: id.to_string(),
            query: CatalogQuery::from_pairs([]),
        }
    }

    /// The order history, unfiltered.
    pub fn orders() -> Route {
        Route::Orders(OrdersFilter::default())
    }

    /// «Sign in, then come back to `next`» (a path without the base).
    pub fn sign_in_to(next: &str) -> Route {
        Route::SignIn {
            next: Some(next.to_string()),
            expired: false,
        }
    }

    /// Which page this is: its row of the route table.
    pub fn page(&self) -> Page {
        match self {
            Route::Home => Page::Home,
            Route::Catalog(_) => Page::Catalog,
            Route::Categories => Page::Categories,
            Route::Category { .. } => Page::Category,
            Route::Product { .. } => Page::Product,
            Route::Cart => Page::Cart,
            Route::Favorites => Page::Favorites,
            Route::Checkout => Page::Checkout,
            Route::CheckoutReturn => Page::CheckoutReturn,
            Route::Orders(_) => Page::Orders,
            Route::Order(_) => Page::Order,
            Route::Partner => Page::Partner,
            Route::PartnerHistory(_) => Page::PartnerHistory,
            Route::PartnerWithdrawals(_) => Page::PartnerWithdrawals,
            Route::SignIn { .. } => Page::SignIn,
        }
    }

    /// The path inside the app (no deployment base): what the router navigates to.
    pub fn path(&self) -> String {
        let (id, pairs) = match self {
            Route::Catalog(q) => (None, q.to_pairs()),
            Route::Category { id, query } => {
                let q = CatalogQuery {
                    category_id: None,
                    ..query.clone()
                };
                (Some(id), q.to_pairs())
            }
            Route::Product { id, query } => (Some(id), query.to_pairs()),
            Route::Orders(f) => (None, f.to_pairs()),
            Route::PartnerWithdrawals(f) => (None, f.to_pairs()),
            Route::Order(id) => (Some(id), Vec::new()),
            Route::PartnerHistory(f) => (None, f.to_pairs()),
            Route::SignIn { next, expired } => {
                let mut pairs = Vec::new();
                if let Some(n) = next {
                    pairs.push(("next", n.clone()));
                }
                if *expired {
                    pairs.push(("reason", "expired".to_string()));
                }
                (None, pairs)
            }
            Route::Home
            | Route::Categories
            | Route::Cart
            | Route::Favorites
            | Route::Checkout
            | Route::CheckoutReturn
            | Route::Partner => (None, Vec::new()),
        };
        let id = id.map(|id| encode_component(id)).unwrap_or_default();
        self.page().path_with(&id) + &query_string(pairs)
    }

    /// The route an in-app path (no base) shows, with what its query carries; `None` for a
    /// path no page has.
    pub fn parse(path: &str) -> Option<Route> {
        let (page, id) = Page::of_path(path)?;
        let id = id.map(decode_component).unwrap_or_default();
        let query = path
            .split('#')
            .next()
            .and_then(|p| p.split_once('?'))
            .map(|(_, q)| q)
            .unwrap_or_default();
        let decoded: Vec<(String, String)> = query
            .split('&')
            .filter(|kv| !kv.is_empty())
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (decode_component(k), decode_component(v))
            })
            .collect();
        let pairs = || decoded.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let value = |key: &str| pairs().find(|(k, _)| *k == key).map(|(_, v)| v);
        Some(match page {
            Page::Home => Route::Home,
            Page::Catalog => Route::Catalog(CatalogQuery::from_pairs(pairs())),
            Page::Categories => Route::Categories,
            Page::Category => Route::Category {
                id,
                query: CatalogQuery {
                    category_id: None,
                    ..CatalogQuery::from_pairs(pairs())
                },
            },
            Page::Product => Route::Product {
                id,
                query: ProductQuery::from_pairs(pairs().collect::<Vec<_>>()),
            },
            Page::Cart => Route::Cart,
            Page::Favorites => Route::Favorites,
            Page::Checkout => Route::Checkout,
            Page::CheckoutReturn => Route::CheckoutReturn,
            Page::Orders => Route::Orders(OrdersFilter::from_pairs(pairs())),
            Page::Order => Route::Order(id),
            Page::Partner => Route::Partner,
            Page::PartnerHistory => Route::PartnerHistory(HistoryFilter::from_pairs(pairs())),
            Page::PartnerWithdrawals => Route::PartnerWithdrawals(
                WithdrawalsFilter::from_pairs_among(pairs(), WithdrawalStatus::is_known),
            ),
            Page::SignIn => Route::SignIn {
                next: value("next").map(str::to_string),
                expired: value("reason") == Some("expired"),
            },
        })
    }

    /// The link for `href`: the path under the deployment base.
    pub fn href(&self) -> String {
        href(&self.path())
    }
}

// ---------- reading the URL ----------

/// The `:id` of `/product/:id`, `/category/:id` and `/account/orders/:id`.
#[derive(Params, Clone, Debug, PartialEq)]
struct IdParams {
    id: Option<String>,
}

/// An id from a path is usable when it is non-empty, short and plain text.
pub fn valid_id(id: &str) -> bool {
    !id.trim().is_empty() && id.len() <= 100 && !id.chars().any(char::is_control)
}

/// The route's `:id`, `None` when it is missing or not a usable id (the page then shows 404).
pub fn use_route_id() -> Memo<Option<String>> {
    let params = use_params::<IdParams>();
    Memo::new(move |_| {
        params
            .with(|p| p.as_ref().ok().and_then(|p| p.id.clone()))
            .filter(|id| valid_id(id))
    })
}

/// The catalog view a URL query describes.
pub fn catalog_query_of(params: &ParamsMap) -> CatalogQuery {
    CatalogQuery::from_pairs(params.latest_values().map(|(k, v)| (k.as_ref(), v)))
}

/// The current catalog view, read from the URL.
pub fn use_catalog_query() -> Memo<CatalogQuery> {
    let query_map = use_query_map();
    Memo::new(move |_| query_map.with(catalog_query_of))
}

/// The product page's view (variant, reviews), read from the URL.
pub fn use_product_query() -> Memo<ProductQuery> {
    let query_map = use_query_map();
    Memo::new(move |_| {
        query_map.with(|m| {
            let pairs: Vec<(&str, &str)> =
                m.latest_values().map(|(k, v)| (k.as_ref(), v)).collect();
            ProductQuery::from_pairs(pairs)
        })
    })
}

/// A page's view read from the URL query by `parse`.
pub fn use_query_view<T: Clone + PartialEq + Send + Sync + 'static>(
    parse: for<'a> fn(Vec<(&'a str, &'a str)>) -> T,
) -> Memo<T> {
    let query_map = use_query_map();
    Memo::new(move |_| {
        query_map.with(|m| parse(m.latest_values().map(|(k, v)| (k.as_ref(), v)).collect()))
    })
}

/// The order history's view, read from the URL.
pub fn use_orders_filter() -> Memo<OrdersFilter> {
    use_query_view(|p| OrdersFilter::from_pairs(p))
}

/// Whether an in-app path (no base; query allowed) is the catalog listing.
pub fn is_catalog(path: &str) -> bool {
    Page::of_path(path).is_some_and(|(p, _)| p.def().catalog)
}

/// Whether an in-app path (no base; query allowed) is the sign-in page.
pub fn is_sign_in(path: &str) -> bool {
    Page::of_path(path).is_some_and(|(p, _)| p == Page::SignIn)
}

/// Undoes percent-encoding (and `+` for a space, as a browser's query does); bytes that
/// are not UTF-8 become U+FFFD.
fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------- the deployment base ----------

static BASE: OnceLock<String> = OnceLock::new();

/// Reads the deployment's sub-path once from `<base href>`, which trunk fills in.
pub fn init_base() {
    let _ = BASE.set(detect_base());
}

#[cfg(target_arch = "wasm32")]
fn detect_base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .and_then(|b| b.get_attribute("href"))
        .map(|h| normalize_base(&h))
        .unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn detect_base() -> String {
    String::new()
}

/// `"/shop/"` → `"/shop"`, `"/"` → `""`; absolute URLs keep only their path.
pub fn normalize_base(href: &str) -> String {
    let path = match href.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|i| &rest[i..]).unwrap_or("/"),
        None => href,
    };
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() || !trimmed.starts_with('/') {
        String::new()
    } else {
        trimmed.to_string()
    }
}

/// The deployment's base when drawing natively (the prerender, issue 23): `href` is the
/// built `index.html`'s `<base href>`. Set once; false if a base was set already.
#[cfg(not(target_arch = "wasm32"))]
pub fn set_base(href: &str) -> bool {
    BASE.set(normalize_base(href)).is_ok()
}

/// The router's base: `""` at the root of the host.
pub fn base() -> &'static str {
    BASE.get().map(String::as_str).unwrap_or("")
}

/// An in-app link for a path: `href("/catalog")` → `/shop/catalog` under a sub-path.
fn href(path: &str) -> String {
    format!("{}{}", base(), path)
}

/// The in-app path of a location path, whether or not it carries the base.
pub fn strip_base(path: &str) -> String {
    strip_base_of(base(), path)
}

fn strip_base_of(base: &str, path: &str) -> String {
    match path.strip_prefix(base) {
        Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with(['/', '?'])) => {
            if rest.starts_with('/') {
                rest.to_string()
            } else {
                format!("/{rest}")
            }
        }
        _ => path.to_string(),
    }
}

/// Where the browser is now, as an in-app path with query and fragment.
pub fn current_path() -> String {
    // The prerender has no browser: the page being drawn is the router's request URL.
    #[cfg(feature = "prerender")]
    if cfg!(not(target_arch = "wasm32")) {
        return leptos::prelude::use_context::<leptos_router::location::RequestUrl>()
            .map(|u| u.as_ref().to_string())
            .unwrap_or_else(|| "/".into());
    }
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return "/".into();
    };
    let path = loc.pathname().unwrap_or_default();
    let search = loc.search().unwrap_or_default();
    let hash = loc.hash().unwrap_or_default();
    strip_base(&format!("{path}{search}{hash}"))
}

// ---------- the way back after sign-in ----------

/// The in-app path to return to after sign-in: `next` when it is a plain path of this app,
/// else `/`. Browsers drop tabs and newlines from URLs and read `\` as `/`, so `/%09/x`
/// or `/\x` would become `//x` — another site; any control character, any backslash and a
/// second leading slash are refused.
pub fn safe_return(next: Option<&str>) -> ReturnPath {
    ReturnPath(match next {
        Some(n) if is_plain_app_path(n) && stays_here(n) => n.to_string(),
        _ => "/".to_string(),
    })
}

/// A path of this app that sign-in may return to: only [`safe_return`] makes one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnPath(String);

impl ReturnPath {
    /// For the router (no base).
    pub fn path(&self) -> &str {
        &self.0
    }

    pub fn href(&self) -> String {
        href(&self.0)
    }
}

fn is_plain_app_path(n: &str) -> bool {
    n.starts_with('/') && !n.starts_with("//") && !n.chars().any(|c| c.is_control() || c == '\\')
}

/// The browser's own reading: the URL it would open has this page's origin and lies
/// under the app's base.
#[cfg(target_arch = "wasm32")]
fn stays_here(n: &str) -> bool {
    let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) else {
        return false;
    };
    let target = format!("{}{}", base(), n);
    match web_sys::Url::new_with_base(&target, &origin) {
        Ok(u) => {
            let path = u.pathname();
            u.origin() == origin
                && (base().is_empty()
                    || path == base()
                    || path.starts_with(&format!("{}/", base())))
        }
        Err(_) => false,
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn stays_here(_: &str) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_is_taken_off_once() {
        assert_eq!(strip_base_of("/shop", "/shop/catalog?q=1"), "/catalog?q=1");
        assert_eq!(strip_base_of("/shop", "/shop"), "/");
        assert_eq!(strip_base_of("/shop", "/shopping"), "/shopping");
        assert_eq!(strip_base_of("", "/catalog"), "/catalog");
    }

    #[test]
    fn base_is_taken_from_the_base_href() {
        assert_eq!(normalize_base("/"), "");
        assert_eq!(normalize_base("/shop/"), "/shop");
        assert_eq!(normalize_base("/a/b"), "/a/b");
        assert_eq!(normalize_base("http://127.0.0.1:8080/shop/"), "/shop");
        assert_eq!(normalize_base("http://127.0.0.1:8080"), "");
    }

    #[test]
    fn sign_in_links_carry_the_way_back_encoded_and_the_reason() {
        let r = Route::SignIn {
            next: Some("/catalog?q=кран&page=2#reviews".into()),
            expired: true,
        };
        assert_eq!(
            r.path(),
            "/signin?next=%2Fcatalog%3Fq%3D%D0%BA%D1%80%D0%B0%D0%BD%26page%3D2%23reviews&reason=expired"
        );
        assert_eq!(
            Route::sign_in_to("/checkout").path(),
            "/signin?next=%2Fcheckout"
        );
    }

    #[test]
    fn every_link_is_encoded_in_one_place() {
        assert_eq!(Route::product("a b/c").path(), "/product/a%20b%2Fc");
        assert_eq!(
            Route::Order("№1".into()).path(),
            "/account/orders/%E2%84%961"
        );
        let q = CatalogQuery::from_pairs([("category", "c1"), ("inStock", "1"), ("page", "2")]);
        assert_eq!(
            Route::Category {
                id: "c1".into(),
                query: q.clone()
            }
            .path(),
            "/category/c1?inStock=1&page=2"
        );
        assert_eq!(
            Route::Catalog(q).path(),
            "/catalog?category=c1&inStock=1&page=2"
        );
        let pq = ProductQuery::from_pairs([("variant", "v2"), ("rating", "5"), ("rpage", "2")]);
        assert_eq!(
            Route::Product {
                id: "p1".into(),
                query: pq
            }
            .path(),
            "/product/p1?variant=v2&rating=5&rpage=2"
        );
    }

    #[test]
    fn pages_are_recognised_by_their_path_alone() {
        assert!(is_catalog("/catalog?q=1"));
        assert!(!is_catalog("/catalogue"));
        assert!(is_sign_in("/signin?next=%2F"));
        assert!(!is_sign_in("/product/signin"));
    }

    #[test]
    fn a_route_id_must_be_plain_text() {
        assert!(valid_id("7f1c0e9a-2b1d"));
        assert!(!valid_id(""));
        assert!(!valid_id("  "));
        assert!(!valid_id("a\tb"));
        assert!(!valid_id(&"x".repeat(101)));
    }

    #[test]
    fn the_way_back_never_leaves_the_shop() {
        let back = |n| safe_return(Some(n)).path().to_string();
        assert_eq!(back("/product/1?v=2#reviews"), "/product/1?v=2#reviews");
        assert_eq!(back("/catalog?q=котёл газовый"), "/catalog?q=котёл газовый");
        for bad in [
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "https:evil.example",
            "javascript:alert(1)",
            " /catalog",
            "catalog",
            "/\u{0}x",
            "",
        ] {
            assert_eq!(back(bad), "/", "{bad:?}");
        }
        assert_eq!(safe_return(None).path(), "/");
    }
}
