//! The shape of `src/`, checked: layers only point down (pages → components → state →
//! routes/timer/config → api → domain), pages do not reach into other pages, the modules of
//! one layer import each other without cycles, and no module outgrows ~400 lines of code.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Higher may use lower, never the reverse.
fn rank(layer: &str) -> Option<u8> {
    Some(match layer {
        "domain" => 0,
        "api" => 1,
        "config" | "routes" | "timer" => 2,
        "state" => 3,
        "components" => 4,
        "pages" => 5,
        "app" => 6,
        "lib" | "main" => 7,
        _ => return None,
    })
}

/// Lines of code a module may have, tests, comments and blank lines aside.
const MAX_CODE_LINES: usize = 400;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/state/cart/sync.rs` → (`state`, `cart`); `src/routes.rs` → (`routes`, `routes`).
fn place(rel: &Path) -> (String, String) {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    let layer = parts[0].clone();
    let module = parts.get(1).cloned().unwrap_or_else(|| layer.clone());
    (layer, module)
}

/// Every `crate::a::b…` path in the code, as (`a`, `b`), group imports included.
fn crate_paths(code: &str) -> Vec<(String, String)> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + 7..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find("};").unwrap_or(group.len());
            let mut depth = 0;
            let mut item = String::new();
            let mut items = Vec::new();
            for c in group[..end].chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                    _ => {}
                }
                item.push(c);
            }
            items.push(item);
            for it in items {
                let it = it.trim().trim_start_matches(',').trim();
                let top = ident(it);
                let second = it
                    .strip_prefix(&format!("{top}::"))
                    .map(ident)
                    .unwrap_or_default();
                out.push((top, second));
            }
        } else {
            let top = ident(rest);
            let second = rest
                .strip_prefix(&format!("{top}::"))
                .map(ident)
                .unwrap_or_default();
            out.push((top, second));
        }
    }
    out
}

/// The code without comment lines and without the trailing `#[cfg(test)]` module.
fn code_of(text: &str) -> String {
    let body = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    body.lines()
        .filter(|l| {
            let t = l.trim_start();
            !t.starts_with("//")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn layers_only_point_down_and_modules_stay_small() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let mut problems = Vec::new();
    // Module → modules of the same layer it uses.
    let mut edges: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap();
        let (layer, module) = place(rel);
        let Some(own) = rank(&layer) else {
            problems.push(format!("{}: not in any layer", rel.display()));
            continue;
        };
        let text = fs::read_to_string(file).unwrap();
        let code = code_of(&text);
        let lines = code.lines().filter(|l| !l.trim().is_empty()).count();
        if lines > MAX_CODE_LINES {
            problems.push(format!(
                "{}: {lines} lines of code (at most {MAX_CODE_LINES})",
                rel.display()
            ));
        }
        // `super::x` in a layer's direct child (`state/session.rs`, `state/cart/mod.rs`)
        // names a sibling module of the same layer.
        let parts = rel.iter().count();
        let child_of_layer = parts == 2 || (parts == 3 && rel.ends_with("mod.rs"));
        let mut paths = crate_paths(&code);
        if child_of_layer {
            paths.extend(
                crate_paths(&code.replace("super::", "crate::"))
                    .into_iter()
                    .filter(|(top, _)| rank(top).is_none() && !top.is_empty())
                    .map(|(top, _)| (layer.clone(), top)),
            );
        }
        for (top, second) in paths {
            let Some(r) = rank(&top) else { continue };
            if r > own {
                problems.push(format!(
                    "{}: {layer} uses crate::{top}, a higher layer",
                    rel.display()
                ));
            }
            if top == layer && layer != module && !second.is_empty() && second != module {
                if layer == "pages" {
                    problems.push(format!(
                        "{}: page `{module}` uses page `{second}` (shared parts go to components)",
                        rel.display()
                    ));
                }
                edges
                    .entry((layer.clone(), module.clone()))
                    .or_default()
                    .insert(second);
            }
        }
    }
    // No cycles between modules of one layer.
    fn reaches(
        edges: &BTreeMap<(String, String), BTreeSet<String>>,
        layer: &str,
        from: &str,
        target: &str,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        let Some(next) = edges.get(&(layer.to_string(), from.to_string())) else {
            return false;
        };
        next.iter().any(|n| {
            n == target || (seen.insert(n.clone()) && reaches(edges, layer, n, target, seen))
        })
    }
    for ((layer, module), uses) in &edges {
        for u in uses {
            if reaches(&edges, layer, u, module, &mut BTreeSet::new()) {
                problems.push(format!("{layer}: `{module}` and `{u}` use each other"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_group_imports_and_plain_paths() {
    let code = "use crate::api::{commerce::catalog, ApiError};\nuse crate::{pages::home, state};\nlet x = crate::routes::Route::Home;";
    let got = crate_paths(code);
    assert!(got.contains(&("api".into(), String::new())));
    assert!(got.contains(&("pages".into(), "home".into())));
    assert!(got.contains(&("state".into(), String::new())));
    assert!(got.contains(&("routes".into(), "Route".into())));
}
