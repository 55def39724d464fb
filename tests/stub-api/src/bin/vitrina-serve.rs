//! `vitrina-serve --dir dist [--host 127.0.0.1] [--port 8080] [--public-url /] [--config FILE]
//! [--media ORIGIN]... [--spa-fallback-for-assets]`
//! Serves the built app the way a static host should: SPA fallback for page URLs only (a
//! missing `.wasm`, `.js` or `.css` is a 404, never `index.html`: a tab opened before a
//! deploy asks for the old build's chunks and must learn they are gone; the
//! `--spa-fallback-for-assets` switch answers `index.html` for them too, as a badly set-up
//! host does, for the e2e), cache headers by file kind, precompressed brotli/gzip copies (gzip on the fly for the rest), a
//! Content-Security-Policy built from the config's API origins (`policy`), and optionally
//! another `config.json` swapped in.

use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Redirect, Response},
    Router,
};
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::{
    compression::CompressionLayer,
    services::{ServeDir, ServeFile},
};

/// `name-0123456789abcdef.ext` or `name-0123456789abcdef_bg.wasm`: trunk's content hash.
fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    file.split(['-', '_', '.'])
        .any(|part| part.len() == 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A file of the app's code or style (`.wasm`, `.js`, `.mjs`, `.css`, source maps): when it
/// is missing the answer is a 404, never the SPA fallback.
fn is_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
    [".wasm", ".js", ".mjs", ".css", ".map"]
        .iter()
        .any(|ext| file.ends_with(ext))
}

/// The prerendered page of a page URL (issue 23: scripts' `make prerender`):
/// `DIR/<path>/index.html`, and `DIR/home/index.html` for `/` (`DIR/index.html` stays the
/// shell every other page URL gets). Only plain paths: no dot segments, no escapes.
fn prerendered(dir: &Path, path: &str) -> Option<PathBuf> {
    let rel = path.trim_matches('/');
    let plain = rel.split('/').all(|seg| {
        !seg.starts_with('.')
            && seg
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    });
    if !plain || rel.split('/').any(str::is_empty) && !rel.is_empty() {
        return None;
    }
    let file = if rel.is_empty() {
        dir.join("home").join("index.html")
    } else {
        dir.join(rel).join("index.html")
    };
    file.is_file().then_some(file)
}

/// `scheme://host[:port]` of an absolute http(s) URL.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .filter(|h| !h.is_empty())?;
    if host.contains(['@', ' ', '\'', ';', ',']) {
        return None;
    }
    Some(format!("{scheme}://{host}"))
}

/// The page's Content-Security-Policy. Scripts only from the app's own files (trunk's
/// inline loader is a file, scripts/csp-post.mjs) plus WebAssembly compilation; no inline
/// script or style, no eval; `connect-src` the app's own files (config.json, the wasm
/// chunks) and exactly the API origins of `config` (its four base URLs); pictures from the
/// app and the `media` origins (by default the commerce API's origin, which serves the
/// stub's pictures); no frames, plugins, foreign forms or `<base>` elsewhere.
fn policy(config: &serde_json::Value, media: &[String]) -> String {
    let mut api: Vec<String> = ["commerce", "delivery", "courier", "partner"]
        .iter()
        .filter_map(|k| config.get(*k)?.as_str().and_then(origin))
        .collect();
    api.sort();
    api.dedup();
    let mut img: Vec<String> = if media.is_empty() {
        config
            .get("commerce")
            .and_then(|v| v.as_str())
            .and_then(origin)
            .into_iter()
            .collect()
    } else {
        media.iter().filter_map(|m| origin(m)).collect()
    };
    img.sort();
    img.dedup();
    let list = |v: &[String]| v.iter().map(|o| format!(" {o}")).collect::<String>();
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self'{}; connect-src 'self'{}; font-src 'self'; manifest-src 'self'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
        list(&img),
        list(&api)
    )
}

async fn cache_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut resp = next.run(req).await;
    let is_html = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    // Only a file that is there is kept: a 404 (a chunk of another build) never is.
    let value = if is_html || path.ends_with("config.json") || !resp.status().is_success() {
        "no-cache"
    } else if is_hashed(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    // A cache must keep the brotli, gzip and plain answers apart.
    if resp.headers().contains_key(header::CONTENT_ENCODING) {
        resp.headers_mut()
            .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    resp
}

fn main() {
    let mut dir = PathBuf::from("dist");
    let mut host = "127.0.0.1".to_string();
    let mut port: u16 = 8080;
    let mut prefix = "/".to_string();
    let mut config: Option<PathBuf> = None;
    let mut media: Vec<String> = Vec::new();
    let mut spa_for_assets = false;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--spa-fallback-for-assets" {
            spa_for_assets = true;
            continue;
        }
        let value = args.next().unwrap_or_else(|| {
            eprintln!("vitrina-serve: {flag} needs a value");
            std::process::exit(2)
        });
        match flag.as_str() {
            "--dir" => dir = value.into(),
            "--host" => host = value,
            "--port" => port = value.parse().unwrap_or(8080),
            "--public-url" => prefix = value,
            "--config" => config = Some(value.into()),
            "--media" => media.push(value),
            other => {
                eprintln!("vitrina-serve: unknown flag {other}");
                std::process::exit(2)
            }
        }
    }
    let prefix = format!("/{}", prefix.trim_matches('/'));
    let prefix = if prefix == "/" { String::new() } else { prefix };
    let index = dir.join("index.html");
    if !index.exists() {
        eprintln!(
            "vitrina-serve: {} has no index.html — run `make build` first",
            dir.display()
        );
        std::process::exit(1);
    }
    let shown = prefix.clone();
    let app = app(&dir, prefix, config, &media, spa_for_assets);
    let rt = tokio::runtime::Runtime::new().expect("tokio runtime");
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind((host.as_str(), port))
            .await
            .unwrap_or_else(|e| {
                eprintln!("vitrina-serve: cannot listen on {host}:{port}: {e}");
                std::process::exit(1)
            });
        // The real port (`--port 0` takes any free one; the e2e reads it from here).
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
        println!("serving {} at http://{host}:{port}{shown}/", dir.display());
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(stub_api::shutdown_signal())
            .await;
    });
}

/// The SPA fallback: `index.html` for a page URL; a 404 for a missing file of the app's code
/// (unless `spa_for_assets`, a badly set-up host's behaviour).
fn pages(
    index: ServeFile,
    spa_for_assets: bool,
) -> impl tower::Service<
    Request,
    Response = Response,
    Error = std::convert::Infallible,
    Future = impl Send,
> + Clone {
    tower::service_fn(move |req: Request| {
        let index = index.clone();
        async move {
            if !spa_for_assets && is_asset(req.uri().path()) {
                return Ok((StatusCode::NOT_FOUND, "no such file").into_response());
            }
            match index.oneshot(req).await {
                Ok(resp) => Ok(resp.into_response()),
                Err(never) => match never {},
            }
        }
    })
}

/// The whole site: `dir` under `prefix`, with its headers.
fn app(
    dir: &Path,
    prefix: String,
    config: Option<PathBuf>,
    media: &[String],
    spa_for_assets: bool,
) -> Router {
    // The SPA fallback: `index.html`, trunk's page (the prerender step never overwrites it;
    // it writes the home page to `home/index.html`).
    let index = dir.join("index.html");
    let config_file = config.clone().unwrap_or_else(|| dir.join("config.json"));
    let csp = std::fs::read_to_string(&config_file)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .map(|c| policy(&c, media))
        .unwrap_or_else(|| {
            eprintln!(
                "vitrina-serve: cannot read {}: the CSP allows no API origin",
                config_file.display()
            );
            policy(&serde_json::Value::Null, media)
        });
    let csp = HeaderValue::from_str(&csp).unwrap_or_else(|_| {
        eprintln!("vitrina-serve: the CSP is not a header value");
        std::process::exit(1)
    });
    // Precompressed copies first (brotli, then gzip) when the browser accepts them; the
    // compression layer below covers whatever has none (config.json).
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(pages(
            ServeFile::new(&index)
                .precompressed_br()
                .precompressed_gzip(),
            spa_for_assets,
        ));
    let mut site = Router::new();
    if let Some(cfg) = config {
        site = site.route_service("/config.json", ServeFile::new(cfg));
    }
    // A page URL with a prerendered file of its own gets it (the query does not matter, as
    // with a static host's `try_files $uri $uri/index.html`); the rest as before.
    let root = dir.to_path_buf();
    let site = site.fallback_service(tower::service_fn(move |req: Request| {
        let files = files.clone();
        let file = prerendered(&root, req.uri().path());
        async move {
            let resp = match file {
                Some(f) => ServeFile::new(f)
                    .precompressed_br()
                    .precompressed_gzip()
                    .oneshot(req)
                    .await
                    .map(IntoResponse::into_response),
                None => files.oneshot(req).await.map(IntoResponse::into_response),
            };
            match resp {
                Ok(resp) => Ok::<_, std::convert::Infallible>(resp),
                Err(never) => match never {},
            }
        }
    }));
    let app = if prefix.is_empty() {
        site
    } else {
        // Strip the public URL by hand: axum's nest() does not match the bare `/shop/`.
        let prefix = prefix.clone();
        Router::new().fallback(move |req: Request| {
            let site = site.clone();
            let prefix = prefix.clone();
            async move {
                let path = req.uri().path().to_string();
                if path == prefix {
                    return Redirect::permanent(&format!("{prefix}/")).into_response();
                }
                let Some(rest) = path.strip_prefix(&format!("{prefix}/")).map(str::to_string)
                else {
                    return (
                        StatusCode::NOT_FOUND,
                        Body::from("not under the public url"),
                    )
                        .into_response();
                };
                let (mut parts, body) = req.into_parts();
                let query = parts
                    .uri
                    .query()
                    .map(|q| format!("?{q}"))
                    .unwrap_or_default();
                parts.uri = format!("/{rest}{query}").parse().unwrap_or_default();
                match site.oneshot(Request::from_parts(parts, body)).await {
                    Ok(resp) => resp,
                    Err(never) => match never {},
                }
            }
        })
    };
    app.layer(middleware::from_fn(cache_headers))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            let csp = csp.clone();
            async move {
                let mut resp = next.run(req).await;
                let h = resp.headers_mut();
                h.insert(header::CONTENT_SECURITY_POLICY, csp);
                h.insert(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                );
                h.insert(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("strict-origin-when-cross-origin"),
                );
                resp
            }
        }))
        .layer(CompressionLayer::new())
}

#[cfg(test)]
mod tests {
    use super::{app, is_asset, is_hashed, origin, policy};
    use axum::{body::Body, extract::Request, http::header, Router};
    use serde_json::json;
    use tower::ServiceExt;

    async fn get(site: &Router, path: &str) -> (u16, String, String) {
        let resp = site
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let h = |name| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        (
            resp.status().as_u16(),
            h(header::CONTENT_TYPE),
            h(header::CACHE_CONTROL),
        )
    }

    #[test]
    fn a_missing_file_of_the_app_is_a_404_and_a_page_url_gets_index_html() {
        let dir = std::env::temp_dir().join(format!("vitrina-serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<!doctype html><title>Витрина</title>",
        )
        .unwrap();
        std::fs::write(dir.join("vitrina-1a2b3c.js"), "export {};").unwrap();
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            let site = app(&dir, String::new(), None, &[], false);
            // The chunks of a build that is no longer there (a tab opened before a deploy).
            for gone in [
                "/split_cart-9f1c0e2d.wasm",
                "/vitrina-split-9f1c0e2d.js",
                "/base-9f1c0e2d4b5a6978.css",
                "/product/split_cart-9f1c0e2d.wasm",
            ] {
                let (status, _, cache) = get(&site, gone).await;
                assert_eq!(status, 404, "{gone}");
                assert!(!cache.contains("immutable"), "a 404 is not kept: {cache}");
            }
            let (status, kind, cache) = get(&site, "/product/42").await;
            assert_eq!(status, 200);
            assert!(kind.starts_with("text/html"), "{kind}");
            assert_eq!(cache, "no-cache");
            let (status, _, _) = get(&site, "/vitrina-1a2b3c.js").await;
            assert_eq!(status, 200);
            // Under a sub-path the same.
            let shop = app(&dir, "/shop".into(), None, &[], false);
            assert_eq!(get(&shop, "/shop/split_cart-9f1c0e2d.wasm").await.0, 404);
            assert_eq!(get(&shop, "/shop/cart").await.0, 200);
            // The badly set-up host the e2e mimics: index.html for everything.
            let loose = app(&dir, String::new(), None, &[], true);
            let (status, kind, _) = get(&loose, "/split_cart-9f1c0e2d.wasm").await;
            assert_eq!(status, 200);
            assert!(kind.starts_with("text/html"), "{kind}");
        });
        let _ = std::fs::remove_dir_all(&dir);
    }

    async fn page(site: &Router, path: &str) -> (u16, String, String) {
        let resp = site
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = resp.status().as_u16();
        let csp = resp
            .headers()
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = axum::body::to_bytes(resp.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, String::from_utf8_lossy(&body).into_owned(), csp)
    }

    #[test]
    fn a_prerendered_page_is_served_from_its_own_file_else_the_spa_fallback() {
        let dir =
            std::env::temp_dir().join(format!("vitrina-serve-pre-files-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("product/42")).unwrap();
        std::fs::create_dir_all(dir.join("catalog")).unwrap();
        std::fs::write(dir.join("index.html"), "<title>SPA</title>").unwrap();
        std::fs::write(
            dir.join("config.json"),
            r#"{"commerce":"https://api.example/v1"}"#,
        )
        .unwrap();
        std::fs::write(dir.join("product/42/index.html"), "<h1>Товар 42</h1>").unwrap();
        std::fs::write(dir.join("catalog/index.html"), "<h1>Каталог</h1>").unwrap();
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            for (prefix, base) in [("", ""), ("/shop", "/shop")] {
                let site = app(&dir, prefix.into(), None, &[], false);
                for path in ["/product/42", "/product/42/"] {
                    let (status, body, csp) = page(&site, &format!("{base}{path}")).await;
                    assert_eq!(status, 200, "{base}{path}");
                    assert!(body.contains("Товар 42"), "{base}{path}: {body}");
                    assert!(
                        csp.contains("connect-src 'self' https://api.example"),
                        "{csp}"
                    );
                }
                let (_, body, _) = page(&site, &format!("{base}/catalog")).await;
                assert!(body.contains("Каталог"), "{body}");
                for other in [
                    "/product/43",
                    "/cart",
                    "/product/42/extra",
                    "/product/../catalog",
                ] {
                    let (status, body, csp) = page(&site, &format!("{base}{other}")).await;
                    assert_eq!(status, 200, "{base}{other}");
                    assert!(body.contains("SPA"), "{base}{other}: {body}");
                    assert!(!csp.is_empty());
                }
            }
            // The prerendered home page is home/index.html; index.html stays the app alone,
            // for every page without a file of its own.
            std::fs::create_dir_all(dir.join("home")).unwrap();
            std::fs::write(dir.join("home/index.html"), "<h1>Главная</h1>").unwrap();
            let site = app(&dir, "/shop".into(), None, &[], false);
            assert!(page(&site, "/shop/").await.1.contains("Главная"));
            assert!(page(&site, "/shop/cart").await.1.contains("SPA"));
            assert!(page(&site, "/shop/product/42").await.1.contains("Товар 42"));
        });
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_prerendered_page_is_served_at_its_own_url_and_home_at_the_root() {
        let dir =
            std::env::temp_dir().join(format!("vitrina-serve-pre-home-{}", std::process::id()));
        for (file, text) in [
            ("index.html", "shell"),
            ("home/index.html", "home page"),
            ("product/42/index.html", "product 42"),
        ] {
            let f = dir.join(file);
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, text).unwrap();
        }
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            let body = |site: Router, path: &'static str| async move {
                let resp = site
                    .oneshot(Request::get(path).body(Body::empty()).unwrap())
                    .await
                    .unwrap();
                let status = resp.status().as_u16();
                let bytes = axum::body::to_bytes(resp.into_body(), 1 << 20)
                    .await
                    .unwrap();
                (status, String::from_utf8_lossy(&bytes).to_string())
            };
            let site = app(&dir, String::new(), None, &[], false);
            assert_eq!(body(site.clone(), "/").await, (200, "home page".into()));
            assert_eq!(
                body(site.clone(), "/product/42").await,
                (200, "product 42".into())
            );
            assert_eq!(
                body(site.clone(), "/product/42?tab=reviews").await,
                (200, "product 42".into())
            );
            // Pages not prerendered get the shell.
            assert_eq!(
                body(site.clone(), "/product/43").await,
                (200, "shell".into())
            );
            assert_eq!(body(site.clone(), "/cart").await, (200, "shell".into()));
            let shop = app(&dir, "/shop".into(), None, &[], false);
            assert_eq!(
                body(shop.clone(), "/shop/product/42").await,
                (200, "product 42".into())
            );
            assert_eq!(body(shop, "/shop/").await, (200, "home page".into()));
        });
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn code_and_style_files_are_assets_and_page_urls_are_not() {
        assert!(is_asset("/split_cart-9f1c0e2d.wasm"));
        assert!(is_asset("/shop/vitrina-split-9f.js"));
        assert!(is_asset("/base-e40f.CSS"));
        assert!(!is_asset("/product/42"));
        assert!(!is_asset("/catalog"));
        assert!(!is_asset("/"));
    }

    #[test]
    fn the_policy_allows_exactly_the_configured_origins() {
        let config = json!({
            "commerce": "https://api.shop.example/commerce/api/v1",
            "delivery": "https://delivery.example:8443/v1",
            "courier": "https://api.shop.example/courier",
            "partner": "https://partner.example/partner"
        });
        let p = policy(&config, &[]);
        assert!(p.contains("script-src 'self' 'wasm-unsafe-eval';"), "{p}");
        assert!(p.contains(
            "connect-src 'self' https://api.shop.example https://delivery.example:8443 https://partner.example;"
        ), "{p}");
        assert!(
            p.contains("img-src 'self' https://api.shop.example;"),
            "{p}"
        );
        assert!(p.contains("frame-ancestors 'none'"), "{p}");
        assert!(
            !p.contains("unsafe-inline") && !p.contains(" 'unsafe-eval'"),
            "{p}"
        );
        let p = policy(&config, &["https://cdn.example/img/".into()]);
        assert!(p.contains("img-src 'self' https://cdn.example;"), "{p}");
    }

    #[test]
    fn only_http_origins_reach_the_policy() {
        assert_eq!(
            origin("http://127.0.0.1:8081/commerce/api/v1").as_deref(),
            Some("http://127.0.0.1:8081")
        );
        assert_eq!(origin("javascript:alert(1)"), None);
        assert_eq!(origin("https://a.example; script-src *"), None);
        assert_eq!(origin("https://"), None);
        let p = policy(&json!({"commerce": "data://x; script-src *"}), &[]);
        assert!(!p.contains('*'), "{p}");
    }

    #[test]
    fn trunk_hashed_files_are_recognised() {
        assert!(is_hashed("/vitrina-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed("/shop/base-e40f4d04dd760474.css"));
        assert!(!is_hashed("/config.json"));
        assert!(!is_hashed("/index.html"));
    }
}
