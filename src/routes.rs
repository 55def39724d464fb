//! Where the app is mounted: `/` or a sub-path such as `/shop` (trunk `--public-url`).

use std::sync::OnceLock;

static BASE: OnceLock<String> = OnceLock::new();

/// Reads the deployment's sub-path once from `<base href>`, which trunk fills in.
pub fn init_base() {
    let _ = BASE.set(detect_base());
}

#[cfg(target_arch = "wasm32")]
fn detect_base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .and_then(|b| b.get_attribute("href"))
        .map(|h| normalize_base(&h))
        .unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn detect_base() -> String {
    String::new()
}

/// `"/shop/"` → `"/shop"`, `"/"` → `""`; absolute URLs keep only their path.
pub fn normalize_base(href: &str) -> String {
    let path = match href.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|i| &rest[i..]).unwrap_or("/"),
        None => href,
    };
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() || !trimmed.starts_with('/') {
        String::new()
    } else {
        trimmed.to_string()
    }
}

/// The router's base: `""` at the root of the host.
pub fn base() -> &'static str {
    BASE.get().map(String::as_str).unwrap_or("")
}

/// An in-app link: `href("/catalog")` → `/shop/catalog` under a sub-path.
pub fn href(path: &str) -> String {
    format!("{}{}", base(), path)
}

/// The in-app path of a location path, whether or not it carries the base.
pub fn strip_base(path: &str) -> String {
    strip_base_of(base(), path)
}

fn strip_base_of(base: &str, path: &str) -> String {
    match path.strip_prefix(base) {
        Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with(['/', '?'])) => {
            if rest.starts_with('/') {
                rest.to_string()
            } else {
                format!("/{rest}")
            }
        }
        _ => path.to_string(),
    }
}

/// `/signin` that brings the shopper back to `next` (a path without the base) afterwards;
/// `reason` says why (`expired`).
pub fn signin_path(next: &str, reason: Option<&str>) -> String {
    let reason = reason.map(|r| format!("&reason={r}")).unwrap_or_default();
    format!(
        "/signin?next={}{reason}",
        crate::api::encode_component(next)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_base_is_taken_off_once() {
        assert_eq!(
            super::strip_base_of("/shop", "/shop/catalog?q=1"),
            "/catalog?q=1"
        );
        assert_eq!(super::strip_base_of("/shop", "/shop"), "/");
        assert_eq!(super::strip_base_of("/shop", "/shopping"), "/shopping");
        assert_eq!(super::strip_base_of("", "/catalog"), "/catalog");
    }

    use super::*;

    #[test]
    fn sign_in_links_carry_the_way_back_encoded_and_the_reason() {
        assert_eq!(
            signin_path("/catalog?q=кран&page=2#reviews", Some("expired")),
            "/signin?next=%2Fcatalog%3Fq%3D%D0%BA%D1%80%D0%B0%D0%BD%26page%3D2%23reviews&reason=expired"
        );
        assert_eq!(signin_path("/checkout", None), "/signin?next=%2Fcheckout");
    }

    #[test]
    fn base_is_taken_from_the_base_href() {
        assert_eq!(normalize_base("/"), "");
        assert_eq!(normalize_base("/shop/"), "/shop");
        assert_eq!(normalize_base("/a/b"), "/a/b");
        assert_eq!(normalize_base("http://127.0.0.1:8080/shop/"), "/shop");
        assert_eq!(normalize_base("http://127.0.0.1:8080"), "");
    }
}
