//! The one table of the shop's paths: each page's path, whether it needs a signed-in
//! shopper, whether it is the catalog listing, and its code's chunk. `Route`'s links and
//! parsing, `is_catalog`, `is_sign_in`, the router's guard (checked by tests/routes.rs) and
//! public/early.js's patterns (written from it by tests/routes.rs) all come from here.

/// A page of the shop, without what its URL carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Home,
    Catalog,
    Categories,
    Category,
    Product,
    Cart,
    Favorites,
    Checkout,
    CheckoutReturn,
    Orders,
    Order,
    Partner,
    PartnerHistory,
    PartnerWithdrawals,
    SignIn,
}

/// What the shop knows about one page's path.
#[derive(Debug)]
pub struct PageDef {
    pub page: Page,
    /// The router's pattern: static segments and at most one `:id`.
    pub path: &'static str,
    /// Shown only to a signed-in shopper (app.rs puts it under the one guard).
    pub sign_in: bool,
    /// The catalog listing: the header's search shows its results in place here.
    pub catalog: bool,
    /// The wasm chunk of its code (app.rs's `lazy_page!`); `None`: in the main module.
    pub chunk: Option<&'static str>,
}

const fn def(
    page: Page,
    path: &'static str,
    sign_in: bool,
    chunk: Option<&'static str>,
) -> PageDef {
    PageDef {
        page,
        path,
        sign_in,
        catalog: false,
        chunk,
    }
}

/// Every page, in the order of [`Page`] (a test holds the two together).
pub const PAGES: [PageDef; 15] = [
    def(Page::Home, "/", false, Some("home")),
    PageDef {
        catalog: true,
        ..def(Page::Catalog, "/catalog", false, None)
    },
    def(Page::Categories, "/categories", false, Some("categories")),
    def(Page::Category, "/category/:id", false, Some("category")),
    def(Page::Product, "/product/:id", false, Some("product")),
    def(Page::Cart, "/cart", false, Some("cart")),
    def(Page::Favorites, "/favorites", false, Some("favorites")),
    def(Page::Checkout, "/checkout", true, Some("checkout")),
    def(
        Page::CheckoutReturn,
        "/checkout/return",
        true,
        Some("checkout_return"),
    ),
    def(Page::Orders, "/account/orders", true, Some("orders")),
    def(Page::Order, "/account/orders/:id", true, Some("order")),
    def(Page::Partner, "/partner", true, Some("partner")),
    def(
        Page::PartnerHistory,
        "/partner/history",
        true,
        Some("partner"),
    ),
    def(
        Page::PartnerWithdrawals,
        "/partner/withdrawals",
        true,
        Some("partner"),
    ),
    def(Page::SignIn, "/signin", false, Some("signin")),
];

impl Page {
    /// This page's row of [`PAGES`].
    pub fn def(self) -> &'static PageDef {
        &PAGES[self as usize]
    }

    /// The page an in-app path (no base; query and fragment allowed) shows, with its `:id`
    /// still percent-encoded. As the router: one trailing slash is allowed, not on `/`.
    pub fn of_path(path: &str) -> Option<(Page, Option<&str>)> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let path = match path.strip_suffix('/') {
            Some(p) if !p.is_empty() && !p.ends_with('/') => p,
            _ => path,
        };
        PAGES.iter().find_map(|d| {
            let mut id = None;
            let mut got = path.split('/');
            for want in d.path.split('/') {
                match (want, got.next()) {
                    (":id", Some(seg)) if !seg.is_empty() => id = Some(seg),
                    (want, Some(seg)) if want == seg => {}
                    _ => return None,
                }
            }
            got.next().is_none().then_some((d.page, id))
        })
    }

    /// The path with `id` (already encoded) in place of `:id`.
    pub fn path_with(self, id: &str) -> String {
        self.def().path.replacen(":id", id, 1)
    }
}
