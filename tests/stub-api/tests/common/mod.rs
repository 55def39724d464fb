//! What every real-HTTP test of the stub shares: a stub on a free port, one request helper,
//! the demo code and the seed's fixed ids.
// Each test file uses its own part of this module.
#![allow(dead_code)]

use reqwest::{redirect, Client, Method, StatusCode};
use serde_json::Value;
use std::net::SocketAddr;
use stub_api::{app, Options};

pub const C: &str = "/commerce/api/v1";
/// Anna's saved home address in Moscow, the one the demo shopper starts with.
pub const HOME: &str = "ad0e8400-0000-4000-a000-000000000001";
/// «Магазин на Тверской»: pickup and express.
pub const TVERSKAYA: &str = "00000000-0000-4000-d000-000000000002";

pub struct Stub {
    pub base: String,
    pub http: Client,
}

/// A stub on a free loopback port. Redirects are not followed: a test sees them.
pub async fn start(opts: Options) -> Stub {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let opts = Options {
        public_base: format!("http://{addr}"),
        ..opts
    };
    tokio::spawn(async move {
        axum::serve(
            listener,
            app(opts).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    Stub {
        base: format!("http://{addr}"),
        http: Client::builder()
            .redirect(redirect::Policy::none())
            .build()
            .unwrap(),
    }
}

/// Short rate windows and no OTP cooldown.
pub async fn quick() -> Stub {
    start(Options {
        rate_window_secs: 2,
        otp_cooldown_secs: 0,
        ..Options::default()
    })
    .await
}

impl Stub {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Any method, optional JSON body and token: status, headers, JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        token: Option<&str>,
    ) -> (StatusCode, reqwest::header::HeaderMap, Value) {
        let mut rb = self.http.request(method, self.url(path));
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        let r = rb.send().await.unwrap();
        let (s, h) = (r.status(), r.headers().clone());
        (s, h, r.json().await.unwrap_or(Value::Null))
    }

    /// The code every demo phone accepts, as the control API tells it.
    pub async fn demo_code(&self) -> String {
        let (_, _, v) = self.call(Method::GET, "/__control/users", None, None).await;
        v["users"][0]["code"].as_str().unwrap().to_string()
    }
}

/// Sorted keys of a JSON object.
pub fn keys(v: &Value) -> Vec<&str> {
    sorted(
        v.as_object()
            .unwrap_or_else(|| panic!("not an object: {v}"))
            .keys()
            .map(String::as_str)
            .collect(),
    )
}

pub fn sorted(mut k: Vec<&str>) -> Vec<&str> {
    k.sort_unstable();
    k
}
