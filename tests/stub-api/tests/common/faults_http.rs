//! What the fault runs through the real stub share (`checkout_faults.rs`,
//! `payout_faults.rs`, `#[path]`-included beside `shop.rs`): a fault put on the next call of
//! a path, a request sent as the browser sends it (a timeout, and what arrived or the error
//! the app would see), the wall clock, and looking again until the app's rules are sure.
#![allow(dead_code)]

use super::common::Stub;
use serde_json::{json, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use vitrina::api::{ApiError, RawResponse};
use vitrina::domain::partner::payout::Verdict;

/// The wall clock in milliseconds, as the app reads it.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

impl Stub {
    /// The stub's fault control: the next `POST path` (exactly) meets `fault` (a JSON object:
    /// `delayMs`, `dropAfterCommit`, `status`, `malformed`, `headers`, `neighbourAfterCommit`).
    pub async fn fault_next_post(&self, path: &str, fault: Value) {
        let mut rule = json!({"method": "POST", "path": path, "exact": true, "count": 1});
        rule.as_object_mut()
            .unwrap()
            .extend(fault.as_object().unwrap().clone());
        self.control("faults", rule).await;
    }
}

/// Sends `request` as the browser does: gives up after `timeout` (the app's
/// `ApiError::Timeout`), a broken connection is `ApiError::Network`; else status, headers and
/// body as they arrived.
pub async fn as_browser(
    request: reqwest::RequestBuilder,
    timeout: Duration,
) -> Result<RawResponse, ApiError> {
    let gone = |e: reqwest::Error| {
        if e.is_timeout() {
            ApiError::Timeout {
                after_ms: timeout.as_millis() as u32,
            }
        } else {
            ApiError::Network(e.to_string())
        }
    };
    let r = request.timeout(timeout).send().await.map_err(gone)?;
    let status = r.status().as_u16();
    let headers = r
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = r.text().await.map_err(gone)?;
    Ok(RawResponse {
        status,
        headers,
        body,
    })
}

/// Looks (`look`) until the verdict is sure, sleeping until each moment `Verdict::LookAt`
/// names — as the page does after a lost answer.
pub async fn until_sure(mut look: impl AsyncFnMut() -> Verdict) -> Verdict {
    loop {
        match look().await {
            Verdict::LookAt(t) => {
                tokio::time::sleep(Duration::from_millis(t.saturating_sub(now_ms()))).await
            }
            v => return v,
        }
    }
}
