//! The app's own files (the lazy pages' wasm chunks and the module that loads them), asked
//! for again when one did not load, to tell why: the shop was redeployed under an open tab
//! (the file is gone: 404, or a host's SPA fallback answers `index.html` in its place), the
//! network is down, or the server failed.

/// What a file of the app's own is, asked for now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asset {
    /// There, and of its kind: the failure was something else (and may pass).
    Present,
    /// Gone: a 404 or 410, or an HTML page (a host's SPA fallback) where wasm or JS was asked
    /// for — the tab's build is older than the server's.
    Replaced,
    /// No answer at all: the network.
    Unreachable,
    /// The server failed (its status).
    Failed(u16),
}

/// `\0asm`: the first four bytes of every WebAssembly module.
pub const WASM_MAGIC: [u8; 4] = *b"\0asm";

/// What an answer says about a file of the app's own named `file` (a `.wasm` or `.js`),
/// from its status, its `Content-Type` and the first bytes of its body.
pub fn judge(file: &str, status: u16, content_type: Option<&str>, head: &[u8]) -> Asset {
    let html =
        content_type.is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("text/html"));
    match status {
        404 | 410 => Asset::Replaced,
        200..=299 if html => Asset::Replaced,
        200..=299 if file.ends_with(".wasm") && !head.starts_with(&WASM_MAGIC) => Asset::Replaced,
        200..=299 => Asset::Present,
        other => Asset::Failed(other),
    }
}

/// Asks for `url` again, past every cache, and judges the answer.
#[cfg(target_arch = "wasm32")]
pub async fn probe(url: &str) -> Asset {
    let answer = gloo_net::http::Request::get(url)
        .cache(web_sys::RequestCache::NoStore)
        .send()
        .await;
    let Ok(answer) = answer else {
        return Asset::Unreachable;
    };
    let content_type = answer.headers().get("content-type");
    let head = if url.ends_with(".wasm") && answer.ok() {
        match answer.binary().await {
            Ok(bytes) => bytes,
            Err(_) => return Asset::Unreachable,
        }
    } else {
        Vec::new()
    };
    judge(url, answer.status(), content_type.as_deref(), &head)
}

#[cfg(not(target_arch = "wasm32"))]
pub async fn probe(_url: &str) -> Asset {
    Asset::Present
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_html_file_is_a_redeploy() {
        assert_eq!(
            judge("split_cart-1a.wasm", 404, Some("text/plain"), b""),
            Asset::Replaced
        );
        assert_eq!(
            judge(
                "split_cart-1a.wasm",
                200,
                Some("text/html; charset=utf-8"),
                b"<!doctype html>"
            ),
            Asset::Replaced
        );
        assert_eq!(
            judge("split_cart-1a.wasm", 200, None, b"<!doc"),
            Asset::Replaced
        );
        assert_eq!(
            judge("vitrina-split-1a.js", 200, Some("Text/HTML"), b""),
            Asset::Replaced
        );
    }

    #[test]
    fn a_wasm_file_that_is_there_or_a_failing_server() {
        assert_eq!(
            judge(
                "split_cart-1a.wasm",
                200,
                Some("application/wasm"),
                b"\0asm\x01\0\0\0"
            ),
            Asset::Present
        );
        assert_eq!(
            judge("vitrina-split-1a.js", 200, Some("text/javascript"), b""),
            Asset::Present
        );
        assert_eq!(
            judge("split_cart-1a.wasm", 503, None, b""),
            Asset::Failed(503)
        );
    }
}
