//! The shape of `src/`, checked on a real parse (`syn`): layers only point down (pages →
//! components → state → routes/timer/config → api → domain), `domain` names no browser or UI
//! crate, pages do not reach into other pages, components never call a backend, no modules
//! use each other in a cycle (the layers `routes`, `timer` and `config` among themselves, the
//! modules of one layer, the files of one folder), and no file outgrows 400 lines of code.
//!
//! Every path is read where it is written — `use` lines with their groups, paths in
//! expressions, types and patterns, the tokens of macros (`view!`) — and resolved as rustc
//! does: against the file's own module (`self::`, `super::super::`), through the names a
//! module imports, and through re-exports (`pub use session::Session` in `state/mod.rs`:
//! `crate::state::Session` is the module `state::session`). Test modules (`#[cfg(test)]`)
//! obey the same import rules as the code they sit in; only the line count leaves them out.
// syn is a native-only dev-dependency: nothing of this reaches the wasm.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::rust_files;
use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use syn::spanned::Spanned;
use syn::visit::Visit;

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
        // The deploy-time renderer (issue 23): draws the app's shell natively.
        "prerender" => 7,
        "lib" | "main" => 8,
        _ => return None,
    })
}

/// Lines of code a file may have, tests, comments and blank lines aside.
const MAX_CODE_LINES: usize = 400;

/// Crates `domain` may not name: it is pure Rust, tested natively.
const NOT_IN_DOMAIN: [&str; 8] = [
    "leptos",
    "leptos_router",
    "leptos_meta",
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "wasm_bindgen_futures",
    "gloo_net",
];

/// Names a component may use from `crate::api` although they are not types, each with why.
/// Empty since the clock moved to `timer`; an entry nothing uses any more is itself a
/// problem, so this list cannot outlive its reason.
const COMPONENTS_MAY_CALL: [(&str, &str); 0] = [];

type ModPath = Vec<String>;

/// What a name in a module is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Module,
    /// A struct, enum, union, type alias or trait.
    Type,
    Fn,
    /// A const or static.
    Value,
    Macro,
    /// In a module, but not found among its items (made by a macro the checker cannot read).
    Unknown,
}

#[derive(Default, Debug)]
struct Module {
    children: BTreeSet<String>,
    items: BTreeMap<String, Kind>,
    /// Imported name → the path imported, as written in this module.
    uses: BTreeMap<String, Vec<String>>,
    /// `use path::*`, as written in this module.
    globs: Vec<Vec<String>>,
}

/// A path written in the code.
#[derive(Debug, Clone)]
struct Ref {
    from: ModPath,
    file: String,
    line: usize,
    path: Vec<String>,
}

/// Where a path leads: the module that defines it, what it is, and what follows it
/// (`Route::Home` → `Home` after the enum `Route`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Target {
    module: ModPath,
    name: Option<String>,
    kind: Kind,
    rest: Vec<String>,
}

#[derive(Default, Debug)]
struct Tree {
    modules: BTreeMap<ModPath, Module>,
    refs: Vec<Ref>,
    /// File → lines of code (tests, comments and blank lines aside).
    lines: Vec<(String, usize)>,
    /// Files that do not parse.
    broken: Vec<String>,
    /// (module, name) looked up through globs right now: a glob cycle ends there.
    busy: std::cell::RefCell<BTreeSet<(ModPath, String)>>,
}

/// `state/cart/sync.rs` → `state::cart::sync`; `lib.rs` → the crate; `main.rs` → `main`.
fn module_of(rel: &str) -> ModPath {
    let mut parts: Vec<String> = rel
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_string)
        .collect();
    if parts.last().is_some_and(|p| p == "mod") || parts == ["lib"] {
        parts.pop();
    }
    parts
}

fn layer_of(m: &[String]) -> &str {
    m.first().map_or("lib", String::as_str)
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.meta.require_list().is_ok_and(|l| {
                l.tokens
                    .clone()
                    .into_iter()
                    .any(|t| t.to_string() == "test")
            })
    })
}

fn is_macro_export(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("macro_export"))
}

/// The leaves of a use tree: (`path`, `Some(name)` it is known by, or `None` for a glob).
fn use_leaves(
    prefix: &[String],
    tree: &syn::UseTree,
    out: &mut Vec<(Vec<String>, Option<String>)>,
) {
    let with = |s: String| {
        let mut p = prefix.to_vec();
        p.push(s);
        p
    };
    match tree {
        syn::UseTree::Path(p) => use_leaves(&with(p.ident.to_string()), &p.tree, out),
        syn::UseTree::Name(n) if n.ident == "self" => {
            out.push((prefix.to_vec(), prefix.last().cloned()))
        }
        syn::UseTree::Name(n) => out.push((with(n.ident.to_string()), Some(n.ident.to_string()))),
        syn::UseTree::Rename(r) if r.ident == "self" => {
            out.push((prefix.to_vec(), Some(r.rename.to_string())))
        }
        syn::UseTree::Rename(r) => {
            out.push((with(r.ident.to_string()), Some(r.rename.to_string())))
        }
        syn::UseTree::Glob(_) => out.push((prefix.to_vec(), None)),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_leaves(prefix, t, out)),
    }
}

/// Paths in a macro's tokens: `$crate::a::b`, `crate::a`, `super::x`, `name::x`.
fn token_paths(tokens: TokenStream, out: &mut Vec<(Vec<String>, usize)>) {
    let list: Vec<TokenTree> = tokens.into_iter().collect();
    let sep = |i: usize| {
        matches!((list.get(i), list.get(i + 1)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':')
    };
    let mut i = 0;
    while i < list.len() {
        match &list[i] {
            TokenTree::Group(g) => {
                token_paths(g.stream(), out);
                i += 1;
            }
            TokenTree::Ident(id) => {
                // A path starts here unless `::` comes before it (`::leptos::…`, or the middle
                // of a path already read).
                let leading = i >= 2 && sep(i - 2);
                let dollar =
                    i >= 1 && matches!(&list[i - 1], TokenTree::Punct(p) if p.as_char() == '$');
                let mut path = vec![if dollar && id == "crate" {
                    "crate".to_string()
                } else {
                    id.to_string()
                }];
                let line = id.span().start().line;
                let mut j = i + 1;
                while sep(j) {
                    match list.get(j + 2) {
                        Some(TokenTree::Ident(next)) => {
                            path.push(next.to_string());
                            j += 3;
                        }
                        _ => break,
                    }
                }
                if !leading && path.len() > 1 {
                    out.push((path, line));
                }
                i = j.max(i + 1);
            }
            _ => i += 1,
        }
    }
}

/// Collects the paths of one item's body (the module's own items are registered apart).
struct Paths<'t> {
    from: ModPath,
    file: String,
    refs: &'t mut Vec<Ref>,
}

impl Paths<'_> {
    fn push(&mut self, path: Vec<String>, line: usize) {
        self.refs.push(Ref {
            from: self.from.clone(),
            file: self.file.clone(),
            line,
            path,
        });
    }
}

impl<'ast> Visit<'ast> for Paths<'_> {
    fn visit_path(&mut self, p: &'ast syn::Path) {
        // One segment names a local, a generic or an imported name (whose `use` is read).
        if p.leading_colon.is_none() && p.segments.len() > 1 {
            let line = p.segments[0].ident.span().start().line;
            self.push(
                p.segments.iter().map(|s| s.ident.to_string()).collect(),
                line,
            );
        }
        syn::visit::visit_path(self, p);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.visit_path(&m.path);
        let mut found = Vec::new();
        token_paths(m.tokens.clone(), &mut found);
        for (path, line) in found {
            self.push(path, line);
        }
    }

    /// A `use` inside a function body.
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if u.leading_colon.is_none() {
            let mut leaves = Vec::new();
            use_leaves(&[], &u.tree, &mut leaves);
            let line = u.use_token.span.start().line;
            for (path, _) in leaves {
                self.push(path, line);
            }
        }
    }
}

/// Item names made by an item-level macro call (`wire_enum! { pub enum PaymentStatus … }`).
fn macro_made(tokens: TokenStream, out: &mut Vec<(String, Kind)>) {
    let list: Vec<TokenTree> = tokens.into_iter().collect();
    for w in list.windows(2) {
        if let (TokenTree::Ident(k), TokenTree::Ident(name)) = (&w[0], &w[1]) {
            let kind = match k.to_string().as_str() {
                "enum" | "struct" | "type" | "trait" => Kind::Type,
                "fn" => Kind::Fn,
                "const" | "static" => Kind::Value,
                _ => continue,
            };
            out.push((name.to_string(), kind));
        }
    }
    for t in list {
        if let TokenTree::Group(g) = t {
            if g.delimiter() != Delimiter::Parenthesis {
                macro_made(g.stream(), out);
            }
        }
    }
}

impl Tree {
    /// The tree of `(path under src/, source)` pairs.
    fn of(sources: &[(String, String)]) -> Tree {
        let mut tree = Tree::default();
        for (rel, text) in sources {
            tree.add_file(rel, text);
        }
        tree
    }

    fn add_file(&mut self, rel: &str, text: &str) {
        let m = module_of(rel);
        let file = match syn::parse_file(text) {
            Ok(f) => f,
            Err(e) => {
                self.broken.push(format!(
                    "src/{rel}:{}: does not parse: {e}",
                    e.span().start().line
                ));
                return;
            }
        };
        if let Some((last, parent)) = m.split_last() {
            if m != ["main"] {
                self.modules
                    .entry(parent.to_vec())
                    .or_default()
                    .children
                    .insert(last.clone());
            }
        }
        let mut test_lines = BTreeSet::new();
        self.add_items(&m, rel, &file.items, &mut test_lines);
        let code = text
            .lines()
            .enumerate()
            .filter(|(i, l)| {
                let t = l.trim_start();
                !t.is_empty() && !t.starts_with("//") && !test_lines.contains(&(i + 1))
            })
            .count();
        self.lines.push((format!("src/{rel}"), code));
    }

    fn add_items(
        &mut self,
        m: &ModPath,
        rel: &str,
        items: &[syn::Item],
        test_lines: &mut BTreeSet<usize>,
    ) {
        self.modules.entry(m.clone()).or_default();
        for item in items {
            let attrs: &[syn::Attribute] = match item {
                syn::Item::Const(i) => &i.attrs,
                syn::Item::Enum(i) => &i.attrs,
                syn::Item::Fn(i) => &i.attrs,
                syn::Item::Impl(i) => &i.attrs,
                syn::Item::Macro(i) => &i.attrs,
                syn::Item::Mod(i) => &i.attrs,
                syn::Item::Static(i) => &i.attrs,
                syn::Item::Struct(i) => &i.attrs,
                syn::Item::Trait(i) => &i.attrs,
                syn::Item::Type(i) => &i.attrs,
                syn::Item::Use(i) => &i.attrs,
                _ => &[],
            };
            if is_cfg_test(attrs) {
                let s = item.span();
                test_lines.extend(s.start().line..=s.end().line);
            }
            let mut def = |name: &syn::Ident, kind: Kind| {
                self.modules
                    .entry(m.clone())
                    .or_default()
                    .items
                    .insert(name.to_string(), kind);
            };
            match item {
                syn::Item::Mod(i) => {
                    self.modules
                        .entry(m.clone())
                        .or_default()
                        .children
                        .insert(i.ident.to_string());
                    if let Some((_, inner)) = &i.content {
                        let mut sub = m.clone();
                        sub.push(i.ident.to_string());
                        self.add_items(&sub, rel, inner, test_lines);
                    }
                    continue;
                }
                syn::Item::Use(u) => {
                    if u.leading_colon.is_some() {
                        continue;
                    }
                    let mut leaves = Vec::new();
                    use_leaves(&[], &u.tree, &mut leaves);
                    let line = u.use_token.span.start().line;
                    let module = self.modules.entry(m.clone()).or_default();
                    for (path, name) in leaves {
                        match name {
                            Some(n) => {
                                module.uses.insert(n, path.clone());
                            }
                            None => module.globs.push(path.clone()),
                        }
                        self.refs.push(Ref {
                            from: m.clone(),
                            file: format!("src/{rel}"),
                            line,
                            path,
                        });
                    }
                    continue;
                }
                syn::Item::Fn(i) => def(&i.sig.ident, Kind::Fn),
                syn::Item::Struct(i) => def(&i.ident, Kind::Type),
                syn::Item::Union(i) => def(&i.ident, Kind::Type),
                syn::Item::Type(i) => def(&i.ident, Kind::Type),
                syn::Item::Trait(i) => def(&i.ident, Kind::Type),
                syn::Item::TraitAlias(i) => def(&i.ident, Kind::Type),
                syn::Item::Const(i) => def(&i.ident, Kind::Value),
                syn::Item::Static(i) => def(&i.ident, Kind::Value),
                syn::Item::Enum(i) => def(&i.ident, Kind::Type),
                syn::Item::Macro(i) => match &i.ident {
                    Some(name) => {
                        def(name, Kind::Macro);
                        if is_macro_export(&i.attrs) {
                            // `#[macro_export]` puts the macro at the crate's root.
                            let mut at = vec!["crate".to_string()];
                            at.extend(m.iter().cloned());
                            at.push(name.to_string());
                            self.modules
                                .entry(vec![])
                                .or_default()
                                .uses
                                .insert(name.to_string(), at);
                        }
                    }
                    None => {
                        let mut made = Vec::new();
                        macro_made(i.mac.tokens.clone(), &mut made);
                        let module = self.modules.entry(m.clone()).or_default();
                        for (name, kind) in made {
                            module.items.insert(name, kind);
                        }
                    }
                },
                _ => {}
            }
            Paths {
                from: m.clone(),
                file: format!("src/{rel}"),
                refs: &mut self.refs,
            }
            .visit_item(item);
        }
    }

    /// Where `path`, written in module `from`, leads; `None` outside the crate (std, leptos,
    /// a local variable).
    fn resolve(&self, from: &[String], path: &[String]) -> Option<Target> {
        self.resolve_at(from, path, 0)
    }

    fn resolve_at(&self, from: &[String], path: &[String], depth: usize) -> Option<Target> {
        if depth > 24 || path.is_empty() {
            return None;
        }
        let (first, rest) = (path[0].as_str(), &path[1..]);
        let mut base: ModPath = from.to_vec();
        if from.first().is_some_and(|m| m == "main") && first == "vitrina" {
            return self.walk(&[], rest, depth);
        }
        match first {
            "crate" => self.walk(&[], rest, depth),
            "self" => self.walk(&base, rest, depth),
            "super" => {
                let mut rest = path;
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
                self.walk(&base, rest, depth)
            }
            // A name: a child module, an item, an imported name of `from`; else not ours.
            _ => self.find(&base, path, depth),
        }
    }

    /// Walks `path` down from module `m`; a name not found in a module of the crate is
    /// an item of `m` the checker cannot see.
    fn walk(&self, m: &[String], path: &[String], depth: usize) -> Option<Target> {
        if let Some(t) = self.find(m, path, depth) {
            return Some(t);
        }
        let mut m = m.to_vec();
        let mut i = 0;
        while i < path.len()
            && self
                .modules
                .get(&m)
                .is_some_and(|x| x.children.contains(&path[i]))
        {
            m.push(path[i].clone());
            i += 1;
        }
        Some(Target {
            module: m,
            name: path.get(i).cloned(),
            kind: if i == path.len() {
                Kind::Module
            } else {
                Kind::Unknown
            },
            rest: path.get(i + 1..).unwrap_or_default().to_vec(),
        })
    }

    /// `path` looked up in module `m` as rustc does, or `None`.
    fn find(&self, m: &[String], path: &[String], depth: usize) -> Option<Target> {
        let module = self.modules.get(m)?;
        let Some((first, rest)) = path.split_first() else {
            return Some(Target {
                module: m.to_vec(),
                name: None,
                kind: Kind::Module,
                rest: vec![],
            });
        };
        if module.children.contains(first) {
            let mut sub = m.to_vec();
            sub.push(first.clone());
            return self.find(&sub, rest, depth);
        }
        if let Some(&kind) = module.items.get(first) {
            return Some(Target {
                module: m.to_vec(),
                name: Some(first.clone()),
                kind,
                rest: rest.to_vec(),
            });
        }
        if let Some(to) = module.uses.get(first) {
            let mut full = to.clone();
            full.extend(rest.iter().cloned());
            return self.resolve_at(m, &full, depth + 1);
        }
        let key = (m.to_vec(), first.clone());
        if module.globs.is_empty() || !self.busy.borrow_mut().insert(key.clone()) {
            return None;
        }
        let found = module.globs.iter().find_map(|glob| {
            let g = self.resolve_at(m, glob, depth + 1)?;
            (g.kind == Kind::Module)
                .then(|| self.find(&g.module, path, depth + 1))
                .flatten()
        });
        self.busy.borrow_mut().remove(&key);
        found
    }

    /// Everything wrong with the tree, one line each.
    fn problems(&self) -> Vec<String> {
        self.problems_and_allowances().0
    }

    /// The problems, and the entries of `COMPONENTS_MAY_CALL` some component used.
    fn problems_and_allowances(&self) -> (Vec<String>, BTreeSet<&'static str>) {
        let mut problems = self.broken.clone();
        for (file, n) in &self.lines {
            if *n > MAX_CODE_LINES {
                problems.push(format!(
                    "{file}: {n} lines of code (at most {MAX_CODE_LINES})"
                ));
            }
        }
        // Parent module → child → children it uses (with one example each).
        let mut edges: BTreeMap<ModPath, BTreeMap<String, BTreeMap<String, String>>> =
            BTreeMap::new();
        let mut allowed_used = BTreeSet::new();
        for r in &self.refs {
            let written = r.path.join("::");
            let at = format!("{}:{}", r.file, r.line);
            let from_layer = layer_of(&r.from);
            if from_layer == "domain" && NOT_IN_DOMAIN.contains(&r.path[0].as_str()) {
                problems.push(format!(
                    "{at}: domain names {written} (domain is pure Rust: no browser, no UI)"
                ));
            }
            let Some(t) = self.resolve(&r.from, &r.path) else {
                continue;
            };
            let mut full: Vec<String> = t.module.clone();
            full.extend(t.name.iter().cloned());
            let resolved = full.join("::");
            let shown = if written.strip_prefix("crate::").unwrap_or(&written) == resolved {
                format!("crate::{resolved}")
            } else {
                format!("{written} (crate::{resolved})")
            };
            let to_layer = layer_of(&t.module);
            let (Some(own), Some(their)) = (rank(from_layer), rank(to_layer)) else {
                problems.push(format!("{at}: {shown} is in no layer"));
                continue;
            };
            if their > own {
                problems.push(format!(
                    "{at}: {from_layer} uses {shown}, a higher layer ({to_layer})"
                ));
            }
            if from_layer == "pages"
                && to_layer == "pages"
                && r.from.len() > 1
                && t.module.len() > 1
                && r.from[1] != t.module[1]
            {
                problems.push(format!(
                    "{at}: page `{}` uses page `{}`: {shown} (shared parts go to components)",
                    r.from[1], t.module[1]
                ));
            }
            if from_layer == "components" && to_layer == "api" {
                // A type, and what hangs off it (`ApiError::Timeout`, `ApiError::from_status`):
                // values a page or state hands in. A function, a constant or a module of
                // api is a way to the backend.
                if t.kind != Kind::Type {
                    let what = match t.kind {
                        Kind::Module => "a module",
                        Kind::Fn => "a function",
                        Kind::Value => "a constant",
                        Kind::Macro => "a macro",
                        _ => "something",
                    };
                    if let Some((k, _)) = COMPONENTS_MAY_CALL.iter().find(|(k, _)| *k == resolved) {
                        allowed_used.insert(*k);
                    } else {
                        problems.push(format!(
                            "{at}: component `{}` names {shown}, {what} of api (components \
                             never call a backend: the call goes to state/ or the page, \
                             which hands in values and callbacks)",
                            r.from.get(1).map_or("components", String::as_str)
                        ));
                    }
                }
            }
            // Sibling modules: the first place the two paths part.
            let d = r
                .from
                .iter()
                .zip(&t.module)
                .take_while(|(a, b)| a == b)
                .count();
            if d < r.from.len() && d < t.module.len() {
                edges
                    .entry(r.from[..d].to_vec())
                    .or_default()
                    .entry(r.from[d].clone())
                    .or_default()
                    .entry(t.module[d].clone())
                    .or_insert(format!("{at} {written}"));
            }
        }
        problems.extend(cycles(&edges));
        (problems, allowed_used)
    }
}

/// Every group of sibling modules that use each other in a cycle, once, with the uses
/// that close it.
fn cycles(edges: &BTreeMap<ModPath, BTreeMap<String, BTreeMap<String, String>>>) -> Vec<String> {
    let mut out = Vec::new();
    for (parent, graph) in edges {
        let reach = |from: &str| {
            let mut seen = BTreeSet::new();
            let mut todo = vec![from.to_string()];
            while let Some(n) = todo.pop() {
                for next in graph.get(&n).into_iter().flat_map(|e| e.keys()) {
                    if seen.insert(next.clone()) {
                        todo.push(next.clone());
                    }
                }
            }
            seen
        };
        let mut done = BTreeSet::new();
        for start in graph.keys() {
            if done.contains(start) || !reach(start).contains(start) {
                continue;
            }
            let group: BTreeSet<String> = reach(start)
                .into_iter()
                .filter(|n| reach(n).contains(start))
                .collect();
            done.extend(group.iter().cloned());
            // One cycle through `start`, step by step.
            let mut steps = Vec::new();
            let mut at = start.clone();
            let mut visited = BTreeSet::new();
            loop {
                let (next, example) = graph[&at]
                    .iter()
                    .filter(|(n, _)| group.contains(*n))
                    .find(|(n, _)| *n == start || !visited.contains(*n))
                    .or_else(|| graph[&at].iter().find(|(n, _)| group.contains(*n)))
                    .unwrap();
                steps.push(format!("{at} → {next} ({example})"));
                if next == start || !visited.insert(next.clone()) {
                    break;
                }
                at = next.clone();
            }
            let place = if parent.is_empty() {
                "crate".to_string()
            } else {
                format!("crate::{}", parent.join("::"))
            };
            out.push(format!(
                "{place}: {} use each other in a cycle: {}",
                group.iter().cloned().collect::<Vec<_>>().join(", "),
                steps.join("; ")
            ));
        }
    }
    out
}

fn src_tree() -> Tree {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let rel = f
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read_to_string(f).unwrap())
        })
        .collect();
    Tree::of(&sources)
}

#[test]
fn layers_only_point_down_and_modules_stay_small() {
    let tree = src_tree();
    let (mut problems, allowed_used) = tree.problems_and_allowances();
    for (k, why) in COMPONENTS_MAY_CALL {
        if !allowed_used.contains(k) {
            problems.push(format!(
                "tests/layers.rs: COMPONENTS_MAY_CALL lists {k} ({why}), which no component \
                 uses any more: remove it"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// The checker on small trees: each blind spot the text scan had, now seen.

fn tree(files: &[(&str, &str)]) -> Tree {
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect();
    Tree::of(&sources)
}

/// The problems of `files`, which must include one containing each of `expected`.
fn assert_reports(files: &[(&str, &str)], expected: &[&str]) -> Vec<String> {
    let problems = tree(files).problems();
    for e in expected {
        assert!(
            problems.iter().any(|p| p.contains(e)),
            "no problem saying {e:?} in:\n{}",
            problems.join("\n")
        );
    }
    problems
}

const LIB: &str = "pub mod api; pub mod components; pub mod config; pub mod domain; \
                   pub mod pages; pub mod routes; pub mod state; pub mod timer;";

#[test]
fn a_group_import_names_the_module_inside_the_group() {
    let files = [
        ("lib.rs", LIB),
        ("pages/mod.rs", "pub mod cart; pub mod home;"),
        ("pages/home.rs", "pub fn HomePage() {}"),
        (
            "pages/cart.rs",
            "use crate::pages::{home::HomePage};\npub fn CartPage() { HomePage() }",
        ),
        ("api/mod.rs", "pub mod commerce; pub struct ApiError;"),
        ("api/commerce/mod.rs", "pub mod catalog;"),
        ("api/commerce/catalog.rs", "pub fn get() {}"),
    ];
    let t = tree(&files);
    // The text scan read this group as (`pages`, "") — the layer with no module.
    let home = t.resolve(
        &module_of("pages/cart.rs"),
        &["crate", "pages", "home", "HomePage"].map(String::from),
    );
    assert_eq!(home.unwrap().module, ["pages", "home"]);
    let inner = t
        .resolve(
            &module_of("pages/cart.rs"),
            &["crate", "api", "commerce", "catalog"].map(String::from),
        )
        .unwrap();
    assert_eq!(
        (inner.module, inner.kind),
        (
            vec!["api".to_string(), "commerce".into(), "catalog".into()],
            Kind::Module
        )
    );
    assert_reports(
        &files,
        &["src/pages/cart.rs:1: page `cart` uses page `home`: crate::pages::home::HomePage"],
    );
}

#[test]
fn a_re_export_leads_to_the_module_that_defines_the_name() {
    let files = [
        ("lib.rs", LIB),
        (
            "state/mod.rs",
            "pub mod cart; pub mod session;\npub use session::Session;\npub use self::cart::*;",
        ),
        (
            "state/session.rs",
            "pub struct Session;\npub fn count() -> usize { crate::state::lines() }",
        ),
        (
            "state/cart.rs",
            "use crate::state::Session;\npub fn lines() -> usize { 0 }\npub fn f(_: Session) {}",
        ),
        ("api/mod.rs", "pub fn call(_: crate::state::Session) {}"),
    ];
    let t = tree(&files);
    let s = t
        .resolve(
            &["api".into()],
            &["crate", "state", "Session"].map(String::from),
        )
        .unwrap();
    assert_eq!(
        (s.module, s.kind),
        (vec!["state".to_string(), "session".into()], Kind::Type)
    );
    // Through the glob re-export `pub use self::cart::*`.
    let l = t
        .resolve(
            &["api".into()],
            &["crate", "state", "lines"].map(String::from),
        )
        .unwrap();
    assert_eq!(
        (l.module, l.kind),
        (vec!["state".to_string(), "cart".into()], Kind::Fn)
    );
    assert_reports(
        &files,
        &[
            "src/api/mod.rs:1: api uses crate::state::Session (crate::state::session::Session), a higher layer",
            "crate::state: cart, session use each other in a cycle",
        ],
    );
}

#[test]
fn super_super_and_self_are_read_against_the_files_module() {
    let files = [
        ("lib.rs", LIB),
        ("domain/mod.rs", "pub mod cart;"),
        ("domain/cart/mod.rs", "pub mod record; pub mod merge;"),
        ("domain/cart/merge.rs", "pub fn merge() {}"),
        (
            "domain/cart/record.rs",
            "use super::super::super::state::Session;\nuse self::inner::X;\nmod inner { pub struct X; }\n\
             pub fn f() { super::merge::merge() }",
        ),
        ("state/mod.rs", "pub struct Session;"),
    ];
    let t = tree(&files);
    let m = module_of("domain/cart/record.rs");
    let up = t
        .resolve(
            &m,
            &["super", "super", "super", "state", "Session"].map(String::from),
        )
        .unwrap();
    assert_eq!(up.module, ["state"]);
    let inner = t
        .resolve(&m, &["self", "inner", "X"].map(String::from))
        .unwrap();
    assert_eq!(inner.module, ["domain", "cart", "record", "inner"]);
    assert_reports(&files, &["src/domain/cart/record.rs:1: domain uses super::super::super::state::Session (crate::state::Session), a higher layer"]);
}

#[test]
fn code_after_a_test_module_is_read_and_the_test_module_obeys_the_layers() {
    let files = [
        ("lib.rs", LIB),
        ("state/mod.rs", "pub struct Session;"),
        (
            "domain/money.rs",
            "pub fn f() {}\n#[cfg(test)]\nmod tests {\n    use crate::state::Session;\n}\n\
             pub fn g() { let _ = crate::state::Session; }",
        ),
        ("domain/mod.rs", "pub mod money;"),
    ];
    assert_reports(
        &files,
        &[
            "src/domain/money.rs:4: domain uses crate::state::Session, a higher layer",
            "src/domain/money.rs:6: domain uses crate::state::Session, a higher layer",
        ],
    );
    // The test module's lines are not counted: f, g and nothing else.
    let t = tree(&files);
    let money = t
        .lines
        .iter()
        .find(|(f, _)| f == "src/domain/money.rs")
        .unwrap();
    assert_eq!(money.1, 2);
}

#[test]
fn a_cycle_among_routes_timer_and_config_is_found() {
    let files = [
        ("lib.rs", LIB),
        ("routes.rs", "use crate::timer::sleep;\npub struct Route;"),
        (
            "timer.rs",
            "pub fn sleep() { let _ = crate::config::Config; }",
        ),
        (
            "config.rs",
            "pub struct Config;\npub fn home() -> crate::routes::Route { crate::routes::Route }",
        ),
    ];
    assert_reports(
        &files,
        &["crate: config, routes, timer use each other in a cycle: config → routes (src/config.rs:2 crate::routes::Route); routes → timer (src/routes.rs:1 crate::timer::sleep); timer → config (src/timer.rs:1 crate::config::Config)"],
    );
}

#[test]
fn a_component_calling_a_backend_is_reported_and_naming_its_types_is_not() {
    let files = [
        ("lib.rs", LIB),
        ("api/mod.rs", "pub mod commerce;\npub enum ApiError { Timeout }"),
        ("api/commerce/mod.rs", "pub mod cart;"),
        ("api/commerce/cart.rs", "pub async fn add(_: u32) {}"),
        ("components/mod.rs", "pub mod add_to_cart;"),
        (
            "components/add_to_cart.rs",
            "use crate::api::ApiError;\n\
             pub fn shown(e: ApiError) -> bool { matches!(e, ApiError::Timeout) }\n\
             pub fn AddToCart() -> impl IntoView {\n\
                 view! { <button on:click=move |_| spawn_local(crate::api::commerce::cart::add(1))>\"В корзину\"</button> }\n\
             }",
        ),
    ];
    let problems = assert_reports(
        &files,
        &["src/components/add_to_cart.rs:4: component `add_to_cart` names crate::api::commerce::cart::add, a function of api"],
    );
    assert_eq!(problems.len(), 1, "{problems:#?}");
}

#[test]
fn domain_names_no_browser_crate() {
    let files = [
        ("lib.rs", LIB),
        ("domain/mod.rs", "pub mod text;"),
        (
            "domain/text.rs",
            "use leptos::prelude::*;\npub fn f() { web_sys::window(); }",
        ),
    ];
    assert_reports(
        &files,
        &[
            "src/domain/text.rs:1: domain names leptos::prelude",
            "src/domain/text.rs:2: domain names web_sys::window",
        ],
    );
}

#[test]
fn a_long_file_is_reported() {
    let body = "pub fn f() {}\n".repeat(MAX_CODE_LINES + 1);
    let files = [("lib.rs", LIB), ("timer.rs", body.as_str())];
    assert_reports(&files, &["src/timer.rs: 401 lines of code (at most 400)"]);
}

#[test]
fn the_checker_reads_the_real_tree() {
    let t = src_tree();
    let s = |p: &[&str]| p.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    // A re-export (`pub use session::Session` in state/mod.rs).
    let session = t
        .resolve(
            &s(&["components", "header"]),
            &s(&["crate", "state", "Session"]),
        )
        .unwrap();
    assert_eq!(
        (session.module, session.kind),
        (s(&["state", "session"]), Kind::Type)
    );
    // `super::super::` inside a test module.
    let support = t
        .resolve(
            &s(&["domain", "cart", "record", "tests"]),
            &s(&["super", "super", "test_support"]),
        )
        .unwrap();
    assert_eq!(support.module, s(&["domain", "cart", "test_support"]));
    // Every layer is read: the crate's top-level modules use the ones below them.
    let layers: BTreeSet<(String, String)> = t
        .refs
        .iter()
        .filter_map(|r| {
            let to = t.resolve(&r.from, &r.path)?;
            Some((
                layer_of(&r.from).to_string(),
                layer_of(&to.module).to_string(),
            ))
        })
        .filter(|(a, b)| a != b)
        .collect();
    if std::env::var("LAYERS_DUMP").is_ok() {
        println!("{layers:#?}");
    }
    for pair in [
        ("pages", "components"),
        ("components", "state"),
        ("state", "api"),
        ("api", "domain"),
    ] {
        assert!(
            layers.contains(&(pair.0.into(), pair.1.into())),
            "{pair:?} not seen: {layers:?}"
        );
    }
}

// The shape of the tests beside the app: what they share stays shared.

fn parsed(rel: &str) -> syn::File {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    syn::parse_file(&fs::read_to_string(&path).unwrap()).unwrap()
}

/// Names of the top-level items of `file` (structs, enums, fns, impl fns).
fn defined(file: &syn::File) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(s) => {
                out.insert(s.ident.to_string());
            }
            syn::Item::Fn(f) => {
                out.insert(f.sig.ident.to_string());
            }
            syn::Item::Impl(i) => {
                for it in &i.items {
                    if let syn::ImplItem::Fn(f) = it {
                        out.insert(f.sig.ident.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn the_fault_runs_keep_no_copy_of_their_shared_scaffolding() {
    // tests/stub-api/tests/common/fault_run.rs and faults_http.rs hold these.
    let shared = [
        "Rng",
        "runs",
        "listed",
        "now_ms",
        "as_browser",
        "until_sure",
    ];
    let mut copies = Vec::new();
    for run in [
        "tests/checkout_faults.rs",
        "tests/stub-api/tests/checkout_faults.rs",
        "tests/stub-api/tests/payout_faults.rs",
    ] {
        let own = defined(&parsed(run));
        copies.extend(
            shared
                .iter()
                .filter(|s| own.contains(**s))
                .map(|s| format!("{run} defines its own `{s}`")),
        );
    }
    assert!(copies.is_empty(), "{}", copies.join("\n"));
}

#[test]
fn every_component_test_starts_from_a_clean_page() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = vec!["tests/wasm_components.rs".to_string()];
    for e in fs::read_dir(dir.join("wasm")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        files.push(format!("tests/wasm/{name}"));
    }
    let mut unclean = Vec::new();
    let mut tests = 0;
    for f in &files {
        for item in parsed(f).items {
            let syn::Item::Fn(func) = item else { continue };
            if !func
                .attrs
                .iter()
                .any(|a| a.path().is_ident("wasm_bindgen_test"))
            {
                continue;
            }
            tests += 1;
            let first = func.block.stmts.first().map(let_call);
            if first.as_deref() != Some("let _clean = fixture();") {
                unclean.push(format!(
                    "{f}: `{}` does not start with `let _clean = fixture();`",
                    func.sig.ident
                ));
            }
        }
    }
    assert!(tests > 30, "only {tests} component tests found");
    assert!(unclean.is_empty(), "{}", unclean.join("\n"));
}

/// `let name = f();` when the statement is that, else "".
fn let_call(s: &syn::Stmt) -> String {
    let syn::Stmt::Local(l) = s else {
        return String::new();
    };
    let syn::Pat::Ident(p) = &l.pat else {
        return String::new();
    };
    let Some(init) = &l.init else {
        return String::new();
    };
    let syn::Expr::Call(call) = &*init.expr else {
        return String::new();
    };
    let syn::Expr::Path(f) = &*call.func else {
        return String::new();
    };
    let name = f
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::");
    if call.args.is_empty() {
        format!("let {} = {name}();", p.ident)
    } else {
        String::new()
    }
}
