//! What every catalog page shares: recent and running listing requests (forgotten on
//! sign-out) and the category tree, read once per visit.

use super::listings::{InFlight, Listings};
use super::resource::resource;
use super::session::Session;
use crate::api::commerce::catalog;
use crate::api::ApiError;
use crate::domain::catalog::{CatalogQuery, CategoryNode, Page, ProductSummary};
use leptos::prelude::*;

/// The catalog's shared memory.
#[derive(Clone, Copy)]
pub struct CatalogStore {
    session: Session,
    listings: StoredValue<Listings, LocalStorage>,
    tree: RwSignal<Option<Vec<CategoryNode>>>,
}

impl CatalogStore {
    /// Created once at the root; follows the session to forget listings on sign-out.
    pub fn install(session: Session) -> CatalogStore {
        let store = CatalogStore {
            session,
            listings: StoredValue::new_local(Listings::default()),
            tree: RwSignal::new(None),
        };
        Effect::new(move |was: Option<bool>| {
            let signed_in = session.is_signed_in();
            if was == Some(true) && !signed_in {
                store.listings.with_value(Listings::clear);
            }
            signed_in
        });
        store
    }

    /// A catalog view's products (from memory, shared, or asked).
    pub async fn list(&self, q: &CatalogQuery) -> Result<Page<ProductSummary>, ApiError> {
        let (listings, ep) = (self.listings.get_value(), self.session.commerce());
        listings.list(&ep, q).await
    }

    /// Starts loading a view the shopper is about to open; the page shares the answer.
    pub fn prefetch(&self, q: &CatalogQuery) -> InFlight {
        let ep = self.session.commerce();
        self.listings.with_value(|l| l.prefetch(&ep, q))
    }

    /// `f` of the category tree if it was read already (else of none), tracked.
    pub fn with_held_tree<R>(&self, f: impl FnOnce(&[CategoryNode]) -> R) -> R {
        self.tree.with(|t| f(t.as_deref().unwrap_or_default()))
    }

    /// The category tree as a resource: from memory when read before, else `GET /categories`.
    pub fn tree(&self) -> LocalResource<Result<Vec<CategoryNode>, ApiError>> {
        let (session, tree) = (self.session, self.tree);
        let res = resource(move || {
            let cached = tree.get_untracked();
            let ep = session.commerce();
            Box::pin(async move {
                if let Some(t) = cached {
                    return Ok(t);
                }
                let t = catalog::categories(&ep).await?;
                tree.set(Some(t.clone()));
                Ok(t)
            })
        });
        super::seed::fill(res, |s| s.categories);
        res
    }
}

pub fn use_catalog() -> CatalogStore {
    expect_context::<CatalogStore>()
}

/// The category tree, shared by every page that shows it.
pub fn use_category_tree() -> LocalResource<Result<Vec<CategoryNode>, ApiError>> {
    use_catalog().tree()
}
