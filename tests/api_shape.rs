//! `api/` as one shape (issue 24, point 4), checked on the source: one request helper sends
//! for every backend (each backend module says only how its answers read), nothing in `api/`
//! spawns a task (the listing memory that ran a prefetch to its end lives in `state`), and
//! the wall clock is read in `timer` alone (the api gets it through its `Endpoint`).
//! Comments and string literals are left out of what is searched.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::rust_files;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The code of a file with comments and the inside of string and char literals blanked, so a
/// doc line that names `spawn_local` is not a use of it. Line breaks are kept.
fn code(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
        } else if c[i] == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&c, i) {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            out.push('"');
            j += 1;
            while j < c.len() {
                if c[j] == '"' && (0..hashes).all(|h| c.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                out.push(blank(c[j]));
                j += 1;
            }
            out.push('"');
            i = j;
        } else if c[i] == '"' {
            out.push('"');
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < c.len() {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c[i] == '\'' && (c.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A char literal ('x', '\n', '\u{..}'); a lifetime has no closing quote.
            let mut j = i + 1;
            if c.get(j) == Some(&'\\') {
                j += 2;
            }
            while j < c.len() && c[j] != '\'' {
                j += 1;
            }
            out.push_str("' '");
            i = j + 1;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn ident_before(c: &[char], i: usize) -> bool {
    i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_')
}

/// Where `word` stands in `code` as a whole path segment: `file:line`.
fn uses(code: &str, word: &str) -> Vec<usize> {
    let is_ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    code.lines()
        .enumerate()
        .filter(|(_, line)| {
            line.match_indices(word).any(|(at, _)| {
                let before = line[..at].chars().next_back();
                let after = line[at + word.len()..].chars().next();
                !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
            })
        })
        .map(|(n, _)| n + 1)
        .collect()
}

/// Every `file:line` under `dir` (relative to `src/`) where one of `words` is used.
fn found(dir: &Path, words: &[&str], skip: &[&str]) -> Vec<String> {
    let root = src();
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    files.sort();
    let mut hits = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if skip.contains(&rel.as_str()) {
            continue;
        }
        let code = code(&fs::read_to_string(&file).unwrap());
        for word in words {
            for line in uses(&code, word) {
                hits.push(format!("src/{rel}:{line} uses `{word}`"));
            }
        }
    }
    hits
}

#[test]
fn the_search_skips_comments_and_strings_but_not_code() {
    let text = "/// spawn_local in a doc\nlet s = \"spawn_local\"; // spawn_local\n\
                let r = r#\"spawn_local\"#; let c = '\"'; let q = '\\'';\n/* spawn_local */ spawn_local(f);\n\
                my_spawn_local(); x.spawn_locally();";
    assert_eq!(uses(&code(text), "spawn_local"), vec![4]);
    assert_eq!(
        uses(&code("leptos::task::spawn_local(f)"), "spawn_local"),
        vec![1]
    );
    assert_eq!(
        uses(
            &code("fn f<'a>(x: &'a str) { spawn_local(g) }"),
            "spawn_local"
        ),
        vec![1]
    );
}

#[test]
fn nothing_in_api_spawns_a_task() {
    let hits = found(
        &src().join("api"),
        &["spawn_local", "spawn", "spawn_local_scoped"],
        &[],
    );
    assert!(
        hits.is_empty(),
        "the api layer sends and decodes; whatever runs on its own belongs in state:\n{}",
        hits.join("\n")
    );
}

#[test]
fn only_timer_reads_the_wall_clock() {
    let hits = found(
        &src(),
        &[
            "Date::now",
            "Date::new_0",
            "SystemTime::now",
            "Instant::now",
            "performance",
        ],
        // The prerender is a deploy tool, not the app: it runs natively, outside the browser,
        // and times its walk and its progress by the machine's clock.
        &[
            "timer.rs",
            "bin/prerender.rs",
            "prerender/fetch.rs",
            "prerender/mod.rs",
            "prerender/site.rs",
            "prerender/write.rs",
        ],
    );
    assert!(
        hits.is_empty(),
        "the clock is read in src/timer.rs only:\n{}",
        hits.join("\n")
    );
    let defined = found(&src(), &["fn now_unix", "fn now_ms"], &["timer.rs"]);
    assert!(
        defined.is_empty(),
        "one clock, in src/timer.rs:\n{}",
        defined.join("\n")
    );
}

#[test]
fn one_request_helper_sends_for_every_backend() {
    // The transport is called from the one helper in src/api/mod.rs (and for config.json).
    let api = src().join("api");
    let mut own = found(&api, &["http::send"], &["api/mod.rs", "api/http.rs"]);
    own.extend(found(
        &api,
        &["fn request", "fn call", "fn build_request"],
        &["api/mod.rs"],
    ));
    assert!(
        own.is_empty(),
        "a backend module sends on its own or keeps a request helper of its own; it should \
         say only how its answers read (`impl Backend`) and send through `Backend::request`:\n{}",
        own.join("\n")
    );
    let backends = found(&api, &["impl Backend for"], &[]);
    assert_eq!(
        backends.len(),
        4,
        "commerce, delivery, courier and partner each declare their shape:\n{}",
        backends.join("\n")
    );
}
