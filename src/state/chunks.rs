//! Why a lazy page's code did not arrive: its files asked for again (`api::asset`), the
//! first that is not there says why. The fetching lives here, not in the component that
//! shows the answer (`components::lazy`): components never call a backend.

use crate::api::asset::{probe, Asset};

/// Why a page's code did not arrive, found by asking for its files again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkFailure {
    /// The files are gone from the server: the shop was redeployed since this tab loaded.
    Updated,
    /// No network.
    Offline,
    /// The server answered with this error status.
    Server(u16),
    /// The files are there; this load failed anyway.
    Broken,
}

/// The files a chunk needs, as URLs: the module that loads chunks, then the chunk's own
/// wasm files, from the list in index.html (`scripts/split-post.mjs`). None in a build
/// without the split.
fn chunk_files(chunk: &str) -> Vec<String> {
    #[cfg(not(target_arch = "wasm32"))]
    if chunk.is_empty() || cfg!(not(target_arch = "wasm32")) {
        return Vec::new();
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let base = doc.base_uri().ok().flatten().unwrap_or_default();
    let url = |file: &str| {
        web_sys::Url::new_with_base(file, &base)
            .map(|u| u.href())
            .unwrap_or_else(|_| file.to_string())
    };
    let mut files = Vec::new();
    if let Ok(Some(link)) = doc.query_selector("link[rel=modulepreload][href*='-split-']") {
        if let Some(href) = link.get_attribute("href") {
            files.push(url(&href));
        }
    }
    let list = doc
        .get_element_by_id("vitrina-chunks")
        .and_then(|e| e.text_content())
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok());
    if let Some(names) = list
        .as_ref()
        .and_then(|l| l.get(chunk)?.as_array().cloned())
    {
        files.extend(names.iter().filter_map(|n| n.as_str()).map(url));
    }
    files
}

/// Asks for the chunk's files again: the first that is not there says why.
pub async fn diagnose(chunk: &str) -> ChunkFailure {
    for file in chunk_files(chunk) {
        match probe(&file).await {
            Asset::Present => continue,
            Asset::Replaced => return ChunkFailure::Updated,
            Asset::Unreachable => return ChunkFailure::Offline,
            Asset::Failed(status) => return ChunkFailure::Server(status),
        }
    }
    ChunkFailure::Broken
}
