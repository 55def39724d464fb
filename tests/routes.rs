//! One source for routes: the route table (`routes::PAGES`) against `Route`'s links and
//! parsing, the router (app.rs) and its one sign-in guard, and public/early.js, whose
//! patterns and constants are written from the Rust side by this test
//! (`VITRINA_WRITE_EARLY=1 cargo test --test routes` rewrites them).

use leptos_router::{MatchInterface, MatchNestedRoutes, PathSegment};
use std::collections::BTreeSet;
use vitrina::api::commerce::catalog::products_query;
use vitrina::app::{OpenPages, ShopRoutes, SignInPages};
use vitrina::components::listing::FIRST_ROW;
use vitrina::domain::catalog::CatalogQuery;
use vitrina::domain::codes::WithdrawalStatus;
use vitrina::domain::orders::history::OrdersFilter;
use vitrina::domain::partner::history::HistoryFilter;
use vitrina::domain::partner::WithdrawalsFilter;
use vitrina::routes::{is_catalog, is_sign_in, Page, ProductQuery, Route, PAGES};
use vitrina::state::storage::{Area, Key};

/// A route of every page, with what its URL can carry. The match is exhaustive: a new
/// page is a compile error here until it has a sample (and so a router check).
fn sample(page: Page) -> Route {
    let q = |pairs: &[(&'static str, &'static str)]| pairs.to_vec();
    match page {
        Page::Home => Route::Home,
        Page::Catalog => Route::Catalog(CatalogQuery::from_pairs(q(&[
            ("q", "котёл газовый"),
            ("category", "c 1"),
            ("inStock", "1"),
            ("minPrice", "10.5"),
            ("tags", "a,b"),
            ("page", "2"),
        ]))),
        Page::Categories => Route::Categories,
        Page::Category => Route::Category {
            id: "c/1 ё".into(),
            query: CatalogQuery::from_pairs(q(&[("inStock", "1"), ("size", "48")])),
        },
        Page::Product => Route::Product {
            id: "p?1#&".into(),
            query: ProductQuery::from_pairs(q(&[("variant", "v 2"), ("rating", "5")])),
        },
        Page::Cart => Route::Cart,
        Page::Favorites => Route::Favorites,
        Page::Checkout => Route::Checkout,
        Page::CheckoutReturn => Route::CheckoutReturn,
        Page::Orders => Route::Orders(OrdersFilter::from_pairs(q(&[
            ("status", "SHIPPED"),
            ("from", "2024-01-01"),
            ("page", "3"),
        ]))),
        Page::Order => Route::Order("№ 7/8".into()),
        Page::Partner => Route::Partner,
        Page::PartnerHistory => {
            Route::PartnerHistory(HistoryFilter::from_pairs(q(&[("page", "2")])))
        }
        Page::PartnerWithdrawals => Route::PartnerWithdrawals(WithdrawalsFilter::from_pairs_among(
            q(&[("page", "2")]),
            WithdrawalStatus::is_known,
        )),
        Page::SignIn => Route::SignIn {
            next: Some("/catalog?q=кран&page=2#reviews".into()),
            expired: true,
        },
    }
}

/// A path as the router writes it: `/product/:id`.
fn pattern(segments: &[PathSegment]) -> String {
    let parts: Vec<String> = segments
        .iter()
        .filter_map(|s| match s {
            PathSegment::Unit => None,
            PathSegment::Static(s) => Some(s.trim_matches('/').to_string()),
            PathSegment::Param(p) => Some(format!(":{p}")),
            other => Some(format!("{other:?}")),
        })
        .filter(|s| !s.is_empty())
        .collect();
    format!("/{}", parts.join("/"))
}

fn router_paths(routes: impl MatchNestedRoutes) -> Vec<String> {
    let mut paths: Vec<String> = routes
        .generate_routes()
        .into_iter()
        .map(|r| pattern(&r.segments))
        .collect();
    paths.sort();
    paths
}

fn table_paths(keep: impl Fn(&vitrina::routes::PageDef) -> bool) -> Vec<String> {
    let mut paths: Vec<String> = PAGES
        .iter()
        .filter(|d| keep(d))
        .map(|d| d.path.to_string())
        .collect();
    paths.sort();
    paths
}

#[test]
fn the_table_has_every_page_once_in_order() {
    for (i, d) in PAGES.iter().enumerate() {
        assert_eq!(d.page as usize, i, "{:?} is out of place in PAGES", d.page);
        assert_eq!(d.page.def().page, d.page);
    }
    let paths: BTreeSet<_> = PAGES.iter().map(|d| d.path).collect();
    assert_eq!(paths.len(), PAGES.len(), "two pages share a path");
}

#[test]
fn every_route_is_read_back_from_its_own_path() {
    for d in &PAGES {
        for route in [sample(d.page), bare(d.page)] {
            assert_eq!(route.page(), d.page);
            let path = route.path();
            assert_eq!(Route::parse(&path), Some(route.clone()), "{path}");
        }
    }
    assert_eq!(Route::parse("/catalogue"), None);
    assert_eq!(Route::parse("/product/"), None);
    assert_eq!(Route::parse("/product/a/b"), None);
    assert_eq!(Route::parse("/cart/"), Some(Route::Cart));
    assert_eq!(Route::parse("//"), None);
}

#[test]
fn the_catalog_and_sign_in_are_known_by_the_table_as_the_router_knows_them() {
    for d in &PAGES {
        let bare = d.page.path_with("x");
        let mut paths = vec![sample(d.page).path(), bare.clone()];
        if bare != "/" {
            // The router shows the page with a trailing slash too.
            paths.push(format!("{bare}/?q=1"));
        }
        for path in paths {
            assert_eq!(is_catalog(&path), d.catalog, "is_catalog({path:?})");
            assert_eq!(
                is_sign_in(&path),
                d.page == Page::SignIn,
                "is_sign_in({path:?})"
            );
        }
    }
}

/// A route with nothing in its URL but its id.
fn bare(page: Page) -> Route {
    Route::parse(&page.path_with("x")).expect("every table path parses")
}

#[test]
fn the_router_has_exactly_the_table_s_paths() {
    assert_eq!(router_paths(ShopRoutes()), table_paths(|_| true));
    let routes = ShopRoutes();
    for d in &PAGES {
        let path = sample(d.page).path();
        let bare_path = path.split(['?', '#']).next().unwrap();
        // With a trailing slash too, as `Page::of_path` and early.js read paths.
        let slashed = (bare_path != "/").then(|| format!("{bare_path}/"));
        for p in [Some(bare_path.to_string()), slashed].into_iter().flatten() {
            let (matched, rest) = routes.match_nested(&p);
            assert!(
                matched.is_some() && (rest.is_empty() || rest == "/"),
                "the router shows no page at {p}"
            );
        }
    }
}

#[test]
fn the_one_guard_holds_exactly_the_sign_in_pages() {
    assert_eq!(router_paths(SignInPages()), table_paths(|d| d.sign_in));
    assert_eq!(router_paths(OpenPages()), table_paths(|d| !d.sign_in));
    // In the router, every sign-in page is a child of the guard's parent route (which
    // matches no path of its own) and no other page is.
    let routes = ShopRoutes();
    for d in &PAGES {
        let path = d.page.path_with("x");
        let (matched, _) = routes.match_nested(&path);
        let (_, top) = matched.unwrap_or_else(|| panic!("no route for {path}"));
        let under_guard = top.as_matched().is_empty();
        let (_, child) = top.into_view_and_child();
        assert_eq!(
            under_guard && child.is_some(),
            d.sign_in,
            "{path}: under the guard ≠ needs sign-in"
        );
    }
}

/// A path pattern as a JavaScript regex, as the router matches it: one trailing slash is
/// allowed (not on `/`); `:id` is captured.
fn js_regex(path: &str) -> String {
    if path == "/" {
        return r"/^\/$/".into();
    }
    let body: String = path
        .split('/')
        .skip(1)
        .map(|seg| {
            if seg.starts_with(':') {
                r"\/([^/]+)".to_string()
            } else {
                assert!(seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
                format!(r"\/{seg}")
            }
        })
        .collect();
    format!(r"/^{body}\/?$/")
}

/// The part of public/early.js written from here.
fn early_block() -> String {
    let session = Key::session();
    let (area, key) = session.place();
    let storage = match area {
        Area::Local => "localStorage",
        Area::Session => "sessionStorage",
    };
    let first_page = format!(
        "/products{}",
        products_query(&CatalogQuery::from_pairs([])).to_query_string()
    );
    let chunks: Vec<String> = PAGES
        .iter()
        .filter(|d| !d.sign_in)
        .filter_map(|d| Some(format!("    [{}, '{}'],\n", js_regex(d.path), d.chunk?)))
        .collect();
    let regex = |p: Page| js_regex(p.def().path);
    format!(
        "  // The signed-in shopper's session: its storage and key (state/storage.rs).\n\
         \x20 var SESSION = ['{storage}', '{key}'];\n\
         \x20 // Cards whose images load at once (components/listing.rs FIRST_ROW).\n\
         \x20 var FIRST_ROW = {FIRST_ROW};\n\
         \x20 // The catalog's first page, as the app asks for it (api products_query).\n\
         \x20 var FIRST_PAGE = '{first_page}';\n\
         \x20 // The pages a guest may open whose code is a chunk of its own: path, chunk.\n\
         \x20 var PAGES = [\n{}  ];\n\
         \x20 // The pages whose first requests start here.\n\
         \x20 var HOME = {};\n\
         \x20 var CATALOG = {};\n\
         \x20 var PRODUCT = {};\n",
        chunks.concat(),
        regex(Page::Home),
        regex(Page::Catalog),
        regex(Page::Product),
    )
}

const BEGIN: &str = "  // VITRINA_WRITE_EARLY=1 cargo test --test routes\n";
const END: &str = "  // END\n";

#[test]
fn early_js_is_written_from_the_route_table() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/public/early.js");
    let text = std::fs::read_to_string(file).unwrap();
    let start = text.find(BEGIN).expect("early.js has its BEGIN line") + BEGIN.len();
    let end = start + text[start..].find(END).expect("early.js has its END line");
    let want = early_block();
    if std::env::var_os("VITRINA_WRITE_EARLY").is_some() {
        let new = format!("{}{want}{}", &text[..start], &text[end..]);
        std::fs::write(file, new).unwrap();
        return;
    }
    assert!(
        text[start..end] == want,
        "public/early.js disagrees with the Rust side; run VITRINA_WRITE_EARLY=1 cargo test \
         --test routes\n--- early.js has:\n{}--- the Rust side says:\n{want}",
        &text[start..end]
    );
}
