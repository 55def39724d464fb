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
    if let Some(list) = doc
        .get_element_by_id("vitrina-chunks")
        .and_then(|e| e.text_content())
    {
        files.extend(listed_files(&list, chunk).iter().map(|f| url(f)));
    }
    files
}

/// The files of `chunk` in index.html's list (`scripts/split-post.mjs`): `{"#": hash,
/// chunk: "14-45,47"}`, runs of shared chunk numbers, each `chunk_<n>-<hash>.wasm`, then the
/// chunk's own `split_<chunk>-<hash>.wasm`. Nothing for a chunk not listed or a list not read.
fn listed_files(list: &str, chunk: &str) -> Vec<String> {
    let Ok(list) = serde_json::from_str::<serde_json::Value>(list) else {
        return Vec::new();
    };
    let (Some(hash), Some(runs)) = (
        list.get("#").and_then(|h| h.as_str()),
        list.get(chunk).and_then(|r| r.as_str()),
    ) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for run in runs.split(',').filter(|r| !r.is_empty()) {
        let (a, b) = run.split_once('-').unwrap_or((run, run));
        let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) else {
            return Vec::new();
        };
        // No build has a thousand chunks: a wider run is cut, not a loop without end.
        files.extend((a..=b.min(a.saturating_add(1000))).map(|n| format!("chunk_{n}-{hash}.wasm")));
    }
    files.push(format!("split_{chunk}-{hash}.wasm"));
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

#[cfg(test)]
mod tests {
    use super::listed_files;

    #[test]
    fn a_chunks_files_are_read_from_its_runs() {
        let list = r##"{"#":"9f","cart":"3-5,8","home":"","x":7}"##;
        assert_eq!(
            listed_files(list, "cart"),
            [
                "chunk_3-9f.wasm",
                "chunk_4-9f.wasm",
                "chunk_5-9f.wasm",
                "chunk_8-9f.wasm",
                "split_cart-9f.wasm"
            ]
        );
        assert_eq!(listed_files(list, "home"), ["split_home-9f.wasm"]);
        assert!(listed_files(list, "x").is_empty());
        assert!(listed_files(list, "order").is_empty());
        assert!(listed_files("{", "cart").is_empty());
        assert!(listed_files(r##"{"#":"9f","cart":"a-3"}"##, "cart").is_empty());
    }
}
