//! Listing answers: a view seen in the last minute is answered from memory (Back, a filter
//! toggled off again), and a view already being fetched (a prefetch inside a click) is not
//! asked for twice. One `Listings` per app, held by the catalog store and cleared on
//! sign-out. State rather than api: it remembers, and it runs a prefetch to its end.

use crate::api::commerce::catalog::{products, products_path};
use crate::api::{ApiError, Endpoint};
use crate::domain::catalog::{CatalogQuery, Page, ProductSummary};
use crate::timer::now_unix;
use futures_util::future::{LocalBoxFuture, Shared};
use futures_util::FutureExt;
use std::cell::RefCell;
use std::rc::Rc;

// ---------- the memory ----------

/// Answers older than this are asked for again (stock and prices move).
pub const LIST_TTL_SECS: u64 = 60;
/// How many different views are kept.
pub const LIST_CAPACITY: usize = 12;

/// Keyed answers with an age limit and a size limit (the oldest goes first).
#[derive(Debug)]
pub struct TtlCache<V> {
    entries: Vec<(String, u64, V)>,
    ttl: u64,
    capacity: usize,
}

impl<V: Clone> TtlCache<V> {
    pub fn new(ttl: u64, capacity: usize) -> Self {
        TtlCache {
            entries: Vec::new(),
            ttl,
            capacity: capacity.max(1),
        }
    }

    /// The answer for `key` if it is younger than the age limit at `now`.
    pub fn get(&mut self, key: &str, now: u64) -> Option<V> {
        let ttl = self.ttl;
        self.entries
            .retain(|(_, at, _)| now.saturating_sub(*at) < ttl);
        self.entries
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, _, v)| v.clone())
    }

    pub fn put(&mut self, key: String, now: u64, value: V) {
        self.entries.retain(|(k, _, _)| *k != key);
        self.entries.push((key, now, value));
        if self.entries.len() > self.capacity {
            let extra = self.entries.len() - self.capacity;
            self.entries.drain(..extra);
        }
    }
}

// ---------- listings ----------

/// A view's answer, shared without copying the page by everyone waiting for it and the cache.
type Answer = Result<Rc<Page<ProductSummary>>, ApiError>;
/// A view's answer being fetched; clones share the one request.
pub type InFlight = Shared<LocalBoxFuture<'static, Answer>>;

/// How long a prefetch's failure waits for the page that asks right after it.
const FAILED_KEPT_SECS: u64 = 5;

/// One request under way for a view.
struct InFlightEntry {
    key: String,
    started: u64,
    answer: InFlight,
    /// Only a prefetch has asked so far: if it fails, the page asking next is handed that
    /// failure instead of sending the same request again. Cleared once the page shares it.
    unseen: bool,
}

struct Inner {
    done: TtlCache<Rc<Page<ProductSummary>>>,
    /// Requests under way, and a prefetch's failure until the page has seen it.
    in_flight: Vec<InFlightEntry>,
}

/// Recent and running listing requests.
#[derive(Clone)]
pub struct Listings(Rc<RefCell<Inner>>);

impl Default for Listings {
    fn default() -> Self {
        Listings(Rc::new(RefCell::new(Inner {
            done: TtlCache::new(LIST_TTL_SECS, LIST_CAPACITY),
            in_flight: Vec::new(),
        })))
    }
}

impl Listings {
    /// Forgets every answer (sign-out: the next person asks afresh).
    pub fn clear(&self) {
        let mut inner = self.0.borrow_mut();
        inner.done = TtlCache::new(LIST_TTL_SECS, LIST_CAPACITY);
        inner.in_flight.clear();
    }

    /// `GET /products` for a catalog view: from memory, else shared, else asked.
    pub async fn list(
        &self,
        ep: &Endpoint,
        q: &CatalogQuery,
    ) -> Result<Page<ProductSummary>, ApiError> {
        self.answer(ep, q, false).await.map(Rc::unwrap_or_clone)
    }

    /// Starts fetching a view now — inside the click, before any navigation — and returns
    /// the answer to come, which the page asking for the same view afterwards shares.
    pub fn prefetch(&self, ep: &Endpoint, q: &CatalogQuery) -> InFlight {
        let fut = self.answer(ep, q, true);
        // The first poll sends the request synchronously, inside the click.
        let mut first = fut.clone();
        let mut cx = std::task::Context::from_waker(futures_util::task::noop_waker_ref());
        if first.poll_unpin(&mut cx).is_pending() {
            leptos::task::spawn_local(async move {
                let _ = first.await;
            });
        }
        fut
    }

    /// The answer for a view. `by_prefetch`: asked ahead of the page.
    fn answer(&self, ep: &Endpoint, q: &CatalogQuery, by_prefetch: bool) -> InFlight {
        let path = products_path(q);
        let key = format!("{}{path}", ep.base);
        let now = now_unix();
        if let Some(hit) = self.0.borrow_mut().done.get(&key, now) {
            return futures_util::future::ready(Ok(hit)).boxed_local().shared();
        }
        if let Some(shared) = self.shared(&key, by_prefetch, now) {
            return shared;
        }
        let ep = ep.clone();
        let (k, me) = (key.clone(), self.clone());
        let fut = async move {
            let answer = products(&ep, &path).await.map(Rc::new);
            let failed = answer.is_err();
            let mut inner = me.0.borrow_mut();
            inner
                .in_flight
                .retain(|e| e.key != k || (failed && e.unseen));
            if let Ok(page) = &answer {
                inner.done.put(k, now_unix(), page.clone());
            }
            answer
        }
        .boxed_local()
        .shared();
        self.0.borrow_mut().in_flight.push(InFlightEntry {
            key,
            started: now,
            answer: fut.clone(),
            unseen: by_prefetch,
        });
        fut
    }

    /// A request under way for `key` to share, or a prefetch's failure to hand over once.
    fn shared(&self, key: &str, by_prefetch: bool, now: u64) -> Option<InFlight> {
        let mut inner = self.0.borrow_mut();
        let f = &mut inner.in_flight;
        let i = f.iter().position(|e| e.key == key)?;
        if f[i].answer.peek().is_none() {
            // Under way: share it; once the page shares it, a failure is the page's own.
            f[i].unseen &= by_prefetch;
            return Some(f[i].answer.clone());
        }
        // A prefetch failed and the page asks now: it gets that failure (a retry then asks
        // anew). A second prefetch leaves it for the page.
        if by_prefetch {
            return Some(f[i].answer.clone());
        }
        let failed = f.remove(i);
        (now.saturating_sub(failed.started) <= FAILED_KEPT_SECS).then_some(failed.answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;

    // Outside a browser every request fails at once («нет fetch вне браузера»), which is
    // what these tests need: a request that has ended, with a failure.
    fn view() -> (Endpoint, CatalogQuery) {
        let q = CatalogQuery::from_pairs([("inStock", "1"), ("page", "2")]);
        (Endpoint::new("http://shop.test/api/v1", || 0), q)
    }

    #[test]
    fn sign_out_forgets_the_requests_under_way() {
        let (ep, q) = view();
        let l = Listings::default();
        let before = l.answer(&ep, &q, true);
        l.clear();
        assert!(!l.answer(&ep, &q, false).ptr_eq(&before));
    }

    #[test]
    fn a_prefetched_view_and_the_page_that_asks_for_it_share_one_request() {
        let (ep, q) = view();
        let l = Listings::default();
        let prefetched = l.answer(&ep, &q, true);
        let page_asks = l.answer(&ep, &q, false);
        assert!(prefetched.ptr_eq(&page_asks), "one request, not two");
        let other = l.answer(&ep, &q.with_page(3), false);
        assert!(
            !other.ptr_eq(&prefetched),
            "another view is its own request"
        );
    }

    #[test]
    fn a_failed_prefetch_is_handed_once_to_the_page_and_a_retry_asks_again() {
        let (ep, q) = view();
        let l = Listings::default();
        let prefetched = l.answer(&ep, &q, true);
        let answer = prefetched.clone().now_or_never().expect("ended");
        assert!(matches!(answer, Err(ApiError::Network(_))));
        let page_asks = l.answer(&ep, &q, false);
        assert!(
            page_asks.ptr_eq(&prefetched),
            "the page gets the same failure"
        );
        let retry = l.answer(&ep, &q, false);
        assert!(!retry.ptr_eq(&prefetched), "a retry is a new request");
    }

    #[test]
    fn a_failure_the_page_has_seen_is_not_handed_to_its_retry() {
        let (ep, q) = view();
        let l = Listings::default();
        // The page's own request fails; «Повторить» must ask again.
        let own = l.answer(&ep, &q, false);
        assert!(own.clone().now_or_never().expect("ended").is_err());
        assert!(!l.answer(&ep, &q, false).ptr_eq(&own));
        // The page shared a prefetch that then failed: the same.
        let (ep, q) = (ep, q.with_page(5));
        let prefetched = l.answer(&ep, &q, true);
        let shared = l.answer(&ep, &q, false);
        assert!(shared.clone().now_or_never().expect("ended").is_err());
        assert!(!l.answer(&ep, &q, false).ptr_eq(&prefetched));
    }

    #[test]
    fn answers_are_kept_for_a_while_and_the_oldest_leave_first() {
        let mut c = TtlCache::new(60, 2);
        c.put("a".into(), 100, 1);
        assert_eq!(c.get("a", 159), Some(1));
        assert_eq!(c.get("a", 160), None);
        c.put("a".into(), 200, 1);
        c.put("b".into(), 201, 2);
        c.put("a".into(), 202, 3);
        c.put("c".into(), 203, 4);
        assert_eq!(c.get("b", 203), None);
        assert_eq!(c.get("a", 203), Some(3));
        assert_eq!(c.get("c", 203), Some(4));
    }
}
