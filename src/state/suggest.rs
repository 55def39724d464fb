//! The header search's suggestions: one question at a time (the previous one aborted),
//! answers kept for the session, quiet while the listing's rate limit is near; and the last
//! searches kept on the device. Only the suggestion chunk (components::suggest) calls this,
//! so none of it is in the main module.

use crate::api::commerce::catalog;
use crate::api::ApiError;
use crate::domain::catalog::{CatalogQuery, ProductSummary};
use crate::domain::suggest::{self as rules, AnswerCache};
use crate::state::session::{use_session, Session};
use crate::state::storage::{self, Key};
use crate::timer::{now_unix, Debounce};
use futures_util::future::{abortable, AbortHandle};
use leptos::prelude::*;

/// The header's search box: its text and its pending catalog follow, for the suggestion
/// list: opening a product or a past search must not be overtaken by the follow.
#[derive(Clone, Copy)]
pub struct SearchBox {
    pub text: RwSignal<String>,
    pub follow: Debounce,
}

/// The app's search box: over a prerendered page (main.rs) the app draws into `#app` after
/// `#prerendered`, so the first `#site-search` of the document may be the static one.
pub fn search_box() -> Option<web_sys::Element> {
    let doc = document();
    doc.query_selector("#app #site-search")
        .ok()
        .flatten()
        .or_else(|| doc.get_element_by_id("site-search"))
}

/// The stored record's format.
const VERSION: u32 = 1;

/// What the shopper searched for last, newest first.
pub fn recent_searches() -> Vec<String> {
    storage::read_record(&Key::searches(), VERSION).unwrap_or_default()
}

/// The shopper searched for `typed`: it goes first in the list.
pub fn remember_search(typed: &str) {
    let next = rules::searched(&recent_searches(), typed);
    let _ = storage::write_record(&Key::searches(), VERSION, &next);
}

/// The shopper cleared the list.
pub fn forget_searches() {
    storage::remove(&Key::searches());
}

/// Products for a query: asked once per session, never while the limit is near.
#[derive(Clone, Copy)]
pub struct Suggester {
    session: Session,
    cache: StoredValue<AnswerCache<Vec<ProductSummary>>, LocalStorage>,
    running: StoredValue<Option<AbortHandle>, LocalStorage>,
    /// Unix seconds until which nothing is asked.
    quiet_until: StoredValue<u64>,
}

impl Suggester {
    /// Made under the header (it reads the session from context).
    pub fn new() -> Self {
        Suggester {
            session: use_session(),
            cache: StoredValue::new_local(AnswerCache::new()),
            running: StoredValue::new_local(None),
            quiet_until: StoredValue::new(0),
        }
    }

    /// What was answered for `query` (normalised) this session.
    pub fn cached(&self, query: &str) -> Option<Vec<ProductSummary>> {
        self.cache.with_value(|c| c.get(query))
    }

    /// Stops the question under way, if any: its fetch is aborted.
    pub fn cancel(&self) {
        if let Some(h) = self.running.try_update_value(Option::take).flatten() {
            h.abort();
        }
    }

    /// Asks for `query`'s products (the previous question aborted) and hands them to
    /// `done`; says nothing when quiet, on a failure, or when asked again before the answer.
    pub fn ask(&self, query: String, done: impl FnOnce(Vec<ProductSummary>) + 'static) {
        self.cancel();
        if now_unix() < self.quiet_until.get_value() {
            return;
        }
        let mut q = CatalogQuery::from_pairs([]);
        q.page_size = rules::MAX_PRODUCTS;
        q.search = Some(query.clone());
        let path = catalog::products_path(&q);
        let ep = self.session.commerce();
        let (answer, handle) =
            abortable(Box::pin(async move { catalog::suggest(&ep, &path).await }));
        self.running.set_value(Some(handle));
        let me = *self;
        leptos::task::spawn_local(async move {
            let Ok(answer) = answer.await else {
                return;
            };
            me.running.set_value(None);
            let now = now_unix();
            match answer {
                Ok((page, limit)) => {
                    if let Some(until) =
                        rules::quiet_after(limit.remaining, limit.limit, limit.retry_at(now), now)
                    {
                        me.quiet_until.set_value(until);
                    }
                    me.cache.update_value(|c| c.put(query, page.items.clone()));
                    done(page.items);
                }
                Err(ApiError::RateLimited(r)) => {
                    me.quiet_until
                        .set_value(rules::quiet_until_429(r.retry_at(), now));
                }
                Err(_) => {}
            }
        });
    }
}

impl Default for Suggester {
    fn default() -> Self {
        Self::new()
    }
}
