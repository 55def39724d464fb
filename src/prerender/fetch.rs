//! The shop's APIs from the deploy machine: blocking requests that keep to the rate limit the
//! answers announce (`X-RateLimit-Remaining`/`-Reset`), and wait out a 429 (`Retry-After`).

use crate::api::error::parse_rate_limit;
use crate::api::RawResponse;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub struct Api {
    http: reqwest::blocking::Client,
    base: String,
    /// Requests sent (retries included).
    pub requests: u64,
    /// Unix seconds before which nothing is sent: the window is used up.
    hold_until: Option<u64>,
    /// Seconds spent waiting for the limit.
    pub waited: f64,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn sleep_until(t: u64) -> f64 {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs_f64();
    let secs = (t as f64 - now).max(0.0);
    std::thread::sleep(Duration::from_secs_f64(secs));
    secs
}

impl Api {
    pub fn new(base: &str) -> Api {
        let http = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(60))
            .user_agent("vitrina-prerender")
            .build()
            .expect("an HTTP client");
        Api {
            http,
            base: base.trim_end_matches('/').to_string(),
            requests: 0,
            hold_until: None,
            waited: 0.0,
        }
    }

    /// `GET base+path` until it is answered with something other than 429 or 5xx (those are
    /// retried, at most 8 times): the raw answer, or why there was none.
    pub fn get(&mut self, path: &str) -> Result<RawResponse, String> {
        self.send(path, None)
    }

    /// `POST base+path` with a JSON `body` (the partner API's lists), as [`Api::get`].
    pub fn post(&mut self, path: &str, body: &str) -> Result<RawResponse, String> {
        self.send(path, Some(body))
    }

    fn send(&mut self, path: &str, body: Option<&str>) -> Result<RawResponse, String> {
        let mut attempt = 0u32;
        loop {
            if let Some(t) = self.hold_until.take() {
                self.waited += sleep_until(t);
            }
            self.requests += 1;
            let url = format!("{}{}", self.base, path);
            let request = match body {
                None => self.http.get(url),
                Some(b) => self
                    .http
                    .post(url)
                    .header("content-type", "application/json")
                    .body(b.to_string()),
            };
            let raw = match request.send() {
                Ok(resp) => raw(resp),
                Err(e) if attempt < 8 => {
                    attempt += 1;
                    eprintln!("prerender: {path}: {e}; retrying");
                    std::thread::sleep(Duration::from_secs(1 << attempt.min(4)));
                    continue;
                }
                Err(e) => return Err(format!("{path}: {e}")),
            };
            let t = now();
            let limit = parse_rate_limit(|n| raw.header(n), t);
            if raw.status == 429 || raw.status >= 500 {
                if attempt >= 8 {
                    return Err(format!(
                        "{path}: HTTP {} after {attempt} retries",
                        raw.status
                    ));
                }
                attempt += 1;
                // Retry-After, else the window's reset, else a growing pause.
                let at = limit.retry_at(t).unwrap_or(t + (1 << attempt.min(5)));
                eprintln!(
                    "prerender: HTTP {} on {path}; waiting {} s",
                    raw.status,
                    at.saturating_sub(t)
                );
                self.hold_until = Some(at.max(t + 1));
                continue;
            }
            if limit.remaining == Some(0) {
                // The window is used up: the next request waits for its reset.
                self.hold_until = limit.reset.map(|r| r.max(t + 1));
            }
            return Ok(raw);
        }
    }
}

fn raw(resp: reqwest::blocking::Response) -> RawResponse {
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_lowercase(), v.to_str().ok()?.to_string())))
        .collect();
    let body = resp.text().unwrap_or_default();
    RawResponse {
        status,
        headers,
        body,
    }
}
