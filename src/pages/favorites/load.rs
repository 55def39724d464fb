//! The favorites' current data from the catalog. Seed 003's listing has no filter by ids,
//! so each product is read with `GET /products/:id` — in batches of six (the browser's
//! connections to one host) sent one after the other, never more than 100 in a minute
//! (`domain::favorites::wait_before`, half the catalog's 200/min); a 429 waits out
//! `Retry-After` and asks again for what it refused.

use crate::api::commerce::catalog;
use crate::api::{ApiError, Endpoint};
use crate::domain::catalog::ProductDetail;
use crate::domain::favorites::{batches, room, wait_before};
use crate::timer::{now_ms, now_unix, sleep};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;

/// What the page knows of one favorite.
#[derive(Clone, Debug)]
pub enum Entry {
    Loading,
    Ready(Box<ProductDetail>),
    /// 404: the shop no longer has it.
    Gone,
    /// The reason, for the shopper.
    Failed(String),
}

/// Every favorite's entry by id.
pub type Entries = RwSignal<HashMap<String, Entry>>;

/// Longest wait a 429 is allowed to impose before the page gives up on those products.
const LONGEST_WAIT_SECS: u64 = 65;

/// Times a batch is sent while the catalog keeps answering 429.
const MAX_ROUNDS: u32 = 3;

thread_local! {
    /// When this tab's favorites requests left (ms), across visits to the page.
    static SENT: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// Reads every id of `ids` not read yet (or failed before) into `entries`, and returns once
/// each of `ids` has an answer (also those another call is reading). `paused` holds the
/// unix second a 429 asked to wait until, while waiting. Stops when the page is gone.
pub async fn read(ep: Endpoint, ids: Vec<String>, entries: Entries, paused: RwSignal<Option<u64>>) {
    let Some(missing) = entries.try_update(|e| {
        let missing: Vec<String> = ids
            .iter()
            .filter(|id| matches!(e.get(*id), None | Some(Entry::Failed(_))))
            .cloned()
            .collect();
        for id in &missing {
            e.insert(id.clone(), Entry::Loading);
        }
        missing
    }) else {
        return;
    };
    for batch in batches(&missing) {
        let mut todo = batch;
        let mut rounds = 0;
        while !todo.is_empty() {
            // Wait for one free slot, then send as many of the batch as fit.
            let wait = SENT.with_borrow(|s| wait_before(s, now_ms(), 1));
            if wait > 0 {
                sleep(wait.min(u64::from(u32::MAX)) as u32).await;
            }
            if entries.try_with_untracked(|_| ()).is_none() {
                return;
            }
            let now = now_ms();
            let fits = SENT.with_borrow(|s| room(s, now)).clamp(1, todo.len());
            let later = todo.split_off(fits);
            SENT.with_borrow_mut(|s| {
                s.retain(|t| now < t + crate::domain::favorites::WINDOW_MS);
                s.extend(std::iter::repeat_n(now, todo.len()));
            });
            let answers =
                futures_util::future::join_all(todo.iter().map(|id| catalog::product(&ep, id)))
                    .await;
            let mut again = Vec::new();
            let mut retry_at = None;
            let mut got = Vec::new();
            for (id, answer) in todo.into_iter().zip(answers) {
                let entry = match answer {
                    Ok(d) => Entry::Ready(Box::new(d)),
                    Err(ApiError::NotFound(_)) => Entry::Gone,
                    Err(ApiError::RateLimited(r)) => {
                        let at = r.retry_at().unwrap_or(now_unix() + 5);
                        retry_at = Some(retry_at.map_or(at, |x: u64| x.max(at)));
                        again.push(id);
                        continue;
                    }
                    Err(e) => Entry::Failed(e.user_message()),
                };
                got.push((id, entry));
            }
            if entries.try_update(|e| e.extend(got)).is_none() {
                return;
            }
            if let Some(at) = retry_at {
                rounds += 1;
                let secs = at.saturating_sub(now_unix());
                if secs > LONGEST_WAIT_SECS || rounds >= MAX_ROUNDS {
                    let why =
                        "Каталог просит подождать дольше минуты — попробуйте позже".to_string();
                    let _ = entries.try_update(|e| {
                        for id in again.drain(..) {
                            e.insert(id, Entry::Failed(why.clone()));
                        }
                    });
                } else {
                    let _ = paused.try_set(Some(at));
                    sleep((secs.max(1) * 1000) as u32).await;
                    let _ = paused.try_set(None);
                }
            }
            todo = again;
            todo.extend(later);
        }
    }
    // Ids another call is reading: wait for their answers too.
    while entries
        .try_with_untracked(|e| {
            ids.iter()
                .any(|id| matches!(e.get(id), Some(Entry::Loading)))
        })
        .unwrap_or(false)
    {
        sleep(100).await;
    }
}
