//! `wasm-bindgen` as trunk calls it, with a split first.
//!
//! trunk 0.21 has no hook between cargo and wasm-bindgen, and the split must see the wasm
//! before wasm-bindgen rewrites it (trunk-rs/trunk#1022). So `scripts/build.sh` puts this
//! program first on PATH under the name `wasm-bindgen`:
//!
//! - `--version` (trunk's version check) is answered by the real wasm-bindgen;
//! - otherwise the input wasm (built with `-Clink-args=--emit-relocs`) is split into
//!   `$VITRINA_SPLIT_DIR`: the main module, one `.wasm` per lazy chunk and the link module
//!   that loads them; the real wasm-bindgen then runs on the main module with
//!   `--keep-lld-exports` (the chunks import the main module's table, memory and stack
//!   pointer through it). `scripts/split-post.mjs` (a post_build hook) moves the chunks and
//!   the link module into the dist;
//! - the link module's loaders are rewritten to read the chunk list index.html has anyway
//!   (`compact_loader`), and the main module's wasm-bindgen output loses the hashes of its
//!   import names and the JS its comments and indentation (`short_import_names`, `slim_js`):
//!   all three are in every page's first load.
//!
//! Every chunk and the link module carry one hash of everything that makes their bytes: the
//! cargo wasm, this splitter (its source and the locked versions of what it is built from),
//! and the versions of the real wasm-bindgen and of the wasm-opt that `split-post.mjs` runs
//! on them. So they can be cached as immutable, and a tab opened before a deploy never gets
//! another build's chunk under the name it asks for: a new splitter or tool is a new name,
//! not only a new cargo wasm.
//!
//! The real wasm-bindgen is `$VITRINA_WASM_BINDGEN`.
use std::{
    env,
    path::PathBuf,
    process::{exit, Command},
};

fn real() -> PathBuf {
    match env::var_os("VITRINA_WASM_BINDGEN") {
        Some(path) => PathBuf::from(path),
        None => {
            eprintln!("split-bindgen: VITRINA_WASM_BINDGEN (the real wasm-bindgen) is not set");
            exit(2)
        }
    }
}

fn run(args: &[String]) -> ! {
    match Command::new(real()).args(args).status() {
        Ok(status) => exit(status.code().unwrap_or(1)),
        Err(err) => {
            eprintln!("split-bindgen: cannot run wasm-bindgen: {err}");
            exit(2)
        }
    }
}

/// What this splitter is: its source and the locked versions of everything it is built from.
const SPLITTER: &[&[u8]] = &[
    include_bytes!("main.rs"),
    include_bytes!("../../../Cargo.lock"),
];

/// The chunks' hash (seahash, lower-case hex, as trunk's): the cargo wasm, the splitter and
/// the `tools` (the version lines of wasm-bindgen and wasm-opt). With neither, trunk's own
/// hash of the cargo wasm, which names the main module.
fn chunk_hash(wasm: &[u8], splitter: &[&[u8]], tools: &[&str]) -> String {
    use std::hash::Hasher;
    let mut hasher = seahash::SeaHasher::new();
    hasher.write(wasm);
    for part in splitter {
        hasher.write_usize(part.len());
        hasher.write(part);
    }
    for tool in tools {
        hasher.write_usize(tool.len());
        hasher.write(tool.as_bytes());
    }
    format!("{:x}", hasher.finish())
}

/// `tool --version`'s first line, or exit: a chunk named without it could be stale.
fn version_of(tool: &std::path::Path) -> String {
    match Command::new(tool).arg("--version").output() {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_owned(),
        _ => {
            eprintln!("split-bindgen: cannot run {} --version", tool.display());
            exit(2)
        }
    }
}

fn main() {
    let mut args: Vec<String> = env::args().skip(1).collect();
    let split_dir = env::var_os("VITRINA_SPLIT_DIR").map(PathBuf::from);
    let input = args
        .iter()
        .position(|a| !a.starts_with('-') && a.ends_with(".wasm"));
    let (Some(split_dir), Some(input)) = (split_dir, input) else {
        run(&args)
    };
    let out_name = args
        .iter()
        .find_map(|a| a.strip_prefix("--out-name="))
        .unwrap_or("main")
        .to_owned();
    let wasm = match std::fs::read(&args[input]) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("split-bindgen: cannot read {}: {err}", args[input]);
            exit(2)
        }
    };
    let _ = std::fs::remove_dir_all(&split_dir);
    if let Err(err) = std::fs::create_dir_all(&split_dir) {
        eprintln!(
            "split-bindgen: cannot create {}: {err}",
            split_dir.display()
        );
        exit(2)
    }
    let main_out = split_dir.join("main.wasm");
    let tools = [
        version_of(&real()),
        version_of(std::path::Path::new(
            &env::var_os("VITRINA_WASM_OPT").unwrap_or_else(|| "wasm-opt".into()),
        )),
    ];
    let hash = chunk_hash(&wasm, SPLITTER, &[&tools[0], &tools[1]]);
    // The main module is trunk's file: trunk names it by its own hash of the cargo wasm.
    let main_module = format!("./{out_name}-{}.js", chunk_hash(&wasm, &[], &[]));
    let link_name = format!("./{out_name}-split-{hash}.js");
    let result = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&wasm);
        opts.output_dir = &split_dir;
        opts.main_out_path = &main_out;
        opts.main_module = &main_module;
        opts.link_name = &link_name;
        opts.verbose = env::var_os("VITRINA_SPLIT_VERBOSE").is_some();
        opts
    });
    let split = match result {
        Ok(split) => split,
        Err(err) => {
            eprintln!("split-bindgen: the split failed: {err:?}");
            exit(1)
        }
    };
    // Chunks as `<chunk>-<hash>.wasm`.
    for path in &split.split_modules {
        let (Some(stem), Some(dir)) = (path.file_stem(), path.parent()) else {
            continue;
        };
        let hashed = format!("{}-{hash}.wasm", stem.to_string_lossy());
        if std::fs::rename(path, dir.join(&hashed)).is_err() {
            eprintln!("split-bindgen: cannot rename {}", path.display());
            exit(2)
        }
    }
    let mut pages: Vec<(String, Vec<String>)> = split
        .prefetch_map
        .iter()
        .map(|(name, files)| (name.clone(), files.clone()))
        .collect();
    pages.sort();
    // The link module, its loaders written as a table (the catalog's first load carries it).
    let link_path = split_dir.join(&link_name[2..]);
    let link = std::fs::read_to_string(&link_path).unwrap_or_default();
    let link = match compact_loader(&link, &pages, &hash) {
        Ok(link) => link,
        Err(why) => {
            eprintln!("split-bindgen: the link module is not as expected: {why}");
            exit(1)
        }
    };
    if std::fs::write(&link_path, link).is_err() {
        eprintln!("split-bindgen: cannot write {}", link_path.display());
        exit(2)
    }
    // `chunks.json`: every file of each lazy function (its chunk and the chunks it shares
    // with others), for scripts/split-post.mjs to move; `manifest.json`: the same as runs of
    // chunk numbers, which split-post.mjs writes into index.html for public/early.js.
    let entries: Vec<String> = pages
        .iter()
        .map(|(name, files)| {
            let files: Vec<String> = files
                .iter()
                .map(|f| format!("\"{f}-{hash}.wasm\""))
                .collect();
            format!("\"{name}\":[{}]", files.join(","))
        })
        .collect();
    let manifest = format!("{{{}}}", entries.join(","));
    let mut runs = vec![format!("\"#\":\"{hash}\"")];
    for (name, files) in &pages {
        match page_chunks(name, files) {
            Ok(numbers) => runs.push(format!("\"{name}\":\"{}\"", as_runs(&numbers))),
            Err(why) => {
                eprintln!("split-bindgen: {why}");
                exit(1)
            }
        }
    }
    let compact = format!("{{{}}}", runs.join(","));
    if std::fs::write(split_dir.join("chunks.json"), manifest).is_err()
        || std::fs::write(split_dir.join("manifest.json"), compact).is_err()
    {
        eprintln!("split-bindgen: cannot write chunks.json or manifest.json");
        exit(2)
    }
    args[input] = main_out.to_string_lossy().into_owned();
    args.push("--keep-lld-exports".to_owned());
    match Command::new(real()).args(&args).status() {
        Ok(status) if status.success() => {}
        Ok(status) => exit(status.code().unwrap_or(1)),
        Err(err) => {
            eprintln!("split-bindgen: cannot run wasm-bindgen: {err}");
            exit(2)
        }
    }
    // The main module's JS and wasm, which every page loads: its imports named without
    // wasm-bindgen's hashes, the JS without comments and indentation (trunk reads both after
    // this, for wasm-opt, names and integrity).
    let Some(out_dir) = arg_value(&args, "--out-dir") else {
        eprintln!("split-bindgen: no --out-dir");
        exit(2)
    };
    let js_path = PathBuf::from(&out_dir).join(format!("{out_name}.js"));
    let wasm_path = PathBuf::from(&out_dir).join(format!("{out_name}_bg.wasm"));
    let done = (|| -> Result<(), String> {
        let js = std::fs::read_to_string(&js_path).map_err(|e| e.to_string())?;
        let wasm = std::fs::read(&wasm_path).map_err(|e| e.to_string())?;
        let (wasm, js) = short_import_names(&wasm, &js)?;
        let js = slim_js(&js)?;
        std::fs::write(&wasm_path, wasm).map_err(|e| e.to_string())?;
        std::fs::write(&js_path, js).map_err(|e| e.to_string())
    })();
    if let Err(why) = done {
        eprintln!(
            "split-bindgen: the main module's {}: {why}",
            js_path.display()
        );
        exit(1)
    }
}

fn leb(bytes: &[u8], at: &mut usize) -> Result<u32, String> {
    let (mut value, mut shift) = (0u64, 0);
    loop {
        let b = *bytes.get(*at).ok_or("a number past the end")?;
        *at += 1;
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return u32::try_from(value).map_err(|_| "a number too large".to_string());
        }
        shift += 7;
        if shift > 35 {
            return Err("a number too long".into());
        }
    }
}

fn put_leb(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let b = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn name<'a>(bytes: &'a [u8], at: &mut usize) -> Result<&'a str, String> {
    let len = leb(bytes, at)? as usize;
    let text = bytes.get(*at..*at + len).ok_or("a name past the end")?;
    *at += len;
    std::str::from_utf8(text).map_err(|_| "a name not in UTF-8".to_string())
}

/// `__wbg_setAttribute_e5cd9c7aa87dd8df` → `__wbg_setAttribute`: the hash is there to keep
/// wasm-bindgen's names apart across crates; here they are kept apart by a number where
/// two would meet. Only the hashed names the wasm imports and the JS defines.
fn short_name(field: &str) -> Option<&str> {
    let (base, hash) = field.rsplit_once('_')?;
    (field.starts_with("__wbg_")
        && hash.len() == 16
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
    .then_some(base)
}

/// The main wasm's imports of wasm-bindgen's JS renamed without their hashes, in the wasm's
/// import section and the JS alike (230 names of 35 random bytes each, in both files: 3.3 KB
/// gzip of wasm, 2.7 KB of JS). Every renamed name must be in the JS, and no new name may be
/// a word the JS has already.
fn short_import_names(wasm: &[u8], js: &str) -> Result<(Vec<u8>, String), String> {
    if wasm.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
        return Err("not a wasm module".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut js = js.to_owned();
    let mut taken = std::collections::HashSet::new();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let len = leb(wasm, &mut at)? as usize;
        let body = wasm.get(at..at + len).ok_or("a section past the end")?;
        at += len;
        if id != 2 {
            out.push(id);
            put_leb(&mut out, len as u32);
            out.extend_from_slice(body);
            continue;
        }
        let mut p = 0;
        let count = leb(body, &mut p)?;
        let mut section = Vec::with_capacity(body.len());
        put_leb(&mut section, count);
        for _ in 0..count {
            let module = name(body, &mut p)?;
            let field = name(body, &mut p)?;
            let from = p;
            match body.get(p).ok_or("an import past the end")? {
                0 => {
                    p += 1;
                    leb(body, &mut p)?;
                }
                1 | 2 => {
                    // The kind, a table's element type, then the limits.
                    p += if body[p] == 1 { 2 } else { 1 };
                    let flags = leb(body, &mut p)?;
                    leb(body, &mut p)?;
                    if flags & 1 == 1 {
                        leb(body, &mut p)?;
                    }
                }
                3 => p += 3,
                other => return Err(format!("an import of kind {other}")),
            }
            let renamed = match short_name(field) {
                Some(base) if module.ends_with("_bg.js") => {
                    let mut n = 1;
                    let mut new = base.to_owned();
                    let word = |w: &str, js: &str| {
                        js.match_indices(w).any(|(i, _)| {
                            let next = js[i + w.len()..].chars().next();
                            !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                        })
                    };
                    while taken.contains(&new) || word(&new, &js) {
                        n += 1;
                        new = format!("{base}_{n}");
                    }
                    if !js.contains(field) {
                        return Err(format!("the JS has no {field}"));
                    }
                    js = js.replace(field, &new);
                    taken.insert(new.clone());
                    new
                }
                _ => field.to_owned(),
            };
            for text in [module, renamed.as_str()] {
                put_leb(&mut section, text.len() as u32);
                section.extend_from_slice(text.as_bytes());
            }
            section.extend_from_slice(&body[from..p]);
        }
        if p != body.len() {
            return Err("the import section has bytes after its imports".into());
        }
        out.push(2);
        put_leb(&mut out, section.len() as u32);
        out.extend_from_slice(&section);
    }
    Ok((out, js))
}

/// `--name=value` or `--name value` in `args`.
fn arg_value(args: &[String], name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix(&prefix)
            .map(str::to_owned)
            .or_else(|| (a == name).then(|| args.get(i + 1).cloned()).flatten())
    })
}

/// wasm-bindgen's JS without comment lines (`//`, and `/* … */` blocks whose lines start with
/// `*`), blank lines and indentation: 65,621 → 51,591 B, 9,823 → 9,170 B gzip on the app.
/// Each statement keeps its line, so nothing changes for the parser. Refused (an error, not
/// a guess) when a template literal could span lines (a line with an odd number of
/// backticks), a line ends in a backslash, or a comment block has another shape.
fn slim_js(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut in_block = false;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if in_block {
            if t == "*/" || t.ends_with("*/") && t.starts_with('*') {
                in_block = false;
            } else if !t.starts_with('*') {
                return Err(format!("line {}: a comment block of another shape", n + 1));
            }
            continue;
        }
        if t.starts_with("/*") {
            in_block = !t.ends_with("*/");
            continue;
        }
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        if t.matches('`').count() % 2 == 1 || t.ends_with('\\') {
            return Err(format!("line {}: text that may span lines", n + 1));
        }
        out.push_str(t);
        out.push('\n');
    }
    if in_block {
        return Err("a comment block without its end".into());
    }
    Ok(out)
}

/// The shared chunks' numbers of the lazy function `name` whose files are `files`
/// (`chunk_<n>` each, and its own `split_<name>`).
fn page_chunks(name: &str, files: &[String]) -> Result<Vec<u32>, String> {
    let own = format!("split_{name}");
    if !files.contains(&own) {
        return Err(format!(
            "{name} has no {own} (an empty split is not supported)"
        ));
    }
    let mut numbers = Vec::new();
    for f in files.iter().filter(|f| **f != own) {
        match f.strip_prefix("chunk_").and_then(|n| n.parse().ok()) {
            Some(n) => numbers.push(n),
            None => return Err(format!("{name} needs {f}, which is no chunk_<n>")),
        }
    }
    numbers.sort_unstable();
    numbers.dedup();
    Ok(numbers)
}

/// `[14, 15, 16, 20, 22, 23]` → `14-16,20,22-23`.
fn as_runs(numbers: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let mut j = i;
        while j + 1 < numbers.len() && numbers[j + 1] == numbers[j] + 1 {
            j += 1;
        }
        out.push(if j > i {
            format!("{}-{}", numbers[i], numbers[j])
        } else {
            numbers[i].to_string()
        });
        i = j + 1;
    }
    out.join(",")
}

/// The loaders `wasm_split_cli_support` writes: one `makeLoad` of four lines per chunk
/// (`const __chunk_<n>`, never with dependencies) and per lazy function (`export const
/// __wasm_split_load_<name>`, after its chunks), 44 KB and 3 KB gzip for 122 chunks, in
/// every page's first load. The same loaders from the list that index.html has anyway
/// (`manifest.json`, `#vitrina-chunks`, which public/early.js reads to preload a page's
/// files): `page("<name>")` loads the chunks of the runs listed for it, each chunk's loader
/// made once and shared, then `split_<name>`. A list of another build (its `#` is not this
/// hash) or none is read as empty: the page's load then fails and says so, as a lost chunk
/// does. The runtime (`makeLoad`, `wrapAsyncCb`, the shared imports) is kept as written but
/// for comment lines and indentation; anything else than the expected shape is an error, so
/// a new splitter version cannot be misread silently.
fn compact_loader(
    link: &str,
    pages: &[(String, Vec<String>)],
    hash: &str,
) -> Result<String, String> {
    let start = ["\n/* ", "\nconst __chunk_", "\nexport const "]
        .iter()
        .filter_map(|m| link.find(m))
        .min()
        .ok_or("no loaders")?
        + 1;
    let (runtime, loaders) = link.split_at(start);
    if !runtime.contains("function makeLoad(fetcher, deps)")
        || !runtime.contains("function wrapAsyncCb(callee)")
        || link.contains("debugWrap")
        || loaders.contains("async (_imp)")
    {
        return Err("its runtime or a fetcher changed".into());
    }
    let fetcher = "() => {\n    const src = fetch(new URL(\"./";
    let body = "\", import.meta.url));\n    src.catch(() => {});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}\n";
    let mut chunks = std::collections::BTreeSet::new();
    // The runtime without its comment lines and indentation (it has no multi-line strings).
    let mut out: String = runtime
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect();
    out.push_str(&format!(
        "const H = \"-{hash}.wasm\";
function load(file, deps) {{
return makeLoad(() => {{
const src = fetch(new URL(\"./\" + file + H, import.meta.url));
src.catch(() => {{}});
return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}}, deps);
}}
let list = {{}};
try {{
list = JSON.parse(document.getElementById(\"vitrina-chunks\").textContent);
}} catch (e) {{}}
if (\"-\" + list[\"#\"] + \".wasm\" !== H) list = {{}};
const chunks = [];
function page(name) {{
const deps = [];
String(list[name] || \"\").replace(/(\\d+)(?:-(\\d+))?/g, (m, a, b) => {{
for (let n = +a; n <= +(b || a); n++) deps.push(chunks[n] ||= load(\"chunk_\" + n, []));
}});
return wrapAsyncCb(load(\"split_\" + name, deps));
}}
"
    ));
    for (name, files) in pages {
        let numbers = page_chunks(name, files)?;
        let deps: Vec<String> = numbers.iter().map(|n| format!("__chunk_{n}")).collect();
        let export = format!(
            "export const __wasm_split_load_{name} = wrapAsyncCb(makeLoad({fetcher}split_{name}.wasm{body}, [{}]));\n",
            deps.join(", ")
        );
        if !loaders.contains(&export) {
            return Err(format!("no loader of {name} as expected"));
        }
        chunks.extend(numbers.iter().copied());
        out.push_str(&format!(
            "export const __wasm_split_load_{name} = page(\"{name}\");\n"
        ));
    }
    for n in &chunks {
        let chunk = format!("const __chunk_{n} = makeLoad({fetcher}chunk_{n}.wasm{body}, []);\n");
        if !loaders.contains(&chunk) {
            return Err(format!("no loader of chunk_{n} as expected"));
        }
    }
    let made = loaders.matches("makeLoad(").count();
    if made != chunks.len() + pages.len() || loaders.matches("export ").count() != pages.len() {
        return Err(format!(
            "{made} loaders for {} chunks and {} functions",
            chunks.len(),
            pages.len()
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{arg_value, as_runs, chunk_hash, compact_loader, short_import_names, slim_js};

    #[test]
    fn imports_lose_their_hashes_in_the_wasm_and_the_js_alike() {
        // Two function imports from the glue, one from elsewhere, then a memory import.
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        let mut imports = vec![4u8];
        for (module, field) in [
            ("./a_bg.js", "__wbg_new_0123456789abcdef"),
            ("./a_bg.js", "__wbg_new_fedcba9876543210"),
            ("./split.js", "__wasm_split_load_cart"),
        ] {
            for t in [module, field] {
                imports.push(t.len() as u8);
                imports.extend_from_slice(t.as_bytes());
            }
            imports.extend_from_slice(&[0, 0]);
        }
        imports.extend_from_slice(&[2, b'm', b'm', 1, b'x', 2, 0, 1]);
        wasm.push(2);
        wasm.push(imports.len() as u8);
        wasm.extend_from_slice(&imports);
        wasm.extend_from_slice(&[10, 1, 0]);
        let js = "const __wbg_new = 1;\n__wbg_new_0123456789abcdef: f,\n__wbg_new_fedcba9876543210: g,\n";
        let (out, js) = short_import_names(&wasm, js).unwrap();
        assert_eq!(
            js,
            "const __wbg_new = 1;\n__wbg_new_2: f,\n__wbg_new_3: g,\n"
        );
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.contains("__wbg_new_2") && text.contains("__wbg_new_3"),
            "{text}"
        );
        assert!(
            text.contains("__wasm_split_load_cart") && !text.contains("0123"),
            "{text}"
        );
        assert_eq!(out.len(), wasm.len() - 2 * 15);
        assert!(out.ends_with(&[1, b'x', 2, 0, 1, 10, 1, 0]));
        assert!(short_import_names(&wasm, "no names here").is_err());
    }

    #[test]
    fn the_glue_loses_its_comments_and_indentation_only() {
        let js = "import * as a from \"./x.js\"\n\n/**\n * @returns {number}\n */\nfunction f() {\n    // a note\n    /* one line */\n    return `${1}` + \"// not a comment\";\n}\n";
        assert_eq!(
            slim_js(js).unwrap(),
            "import * as a from \"./x.js\"\nfunction f() {\nreturn `${1}` + \"// not a comment\";\n}\n"
        );
        assert!(slim_js("const s = `a\nb`;\n").is_err());
        assert!(slim_js("const s = \"a\\\nb\";\n").is_err());
        assert!(slim_js("/**\n x\n */\n").is_err());
        assert!(slim_js("/**\n * x\n").is_err());
    }

    #[test]
    fn arguments_in_either_form() {
        let args: Vec<String> = ["--out-dir=a", "--out-name", "b"]
            .map(String::from)
            .to_vec();
        assert_eq!(arg_value(&args, "--out-dir").as_deref(), Some("a"));
        assert_eq!(arg_value(&args, "--out-name").as_deref(), Some("b"));
        assert_eq!(arg_value(&args, "--target"), None);
    }

    #[test]
    fn runs_of_chunk_numbers() {
        assert_eq!(as_runs(&[]), "");
        assert_eq!(as_runs(&[7]), "7");
        assert_eq!(as_runs(&[14, 15, 16, 20, 22, 23]), "14-16,20,22-23");
    }

    fn loader(name: &str, file: &str, deps: &str) -> String {
        format!(
            "{name} = makeLoad(() => {{\n    const src = fetch(new URL(\"./{file}.wasm\", import.meta.url));\n    src.catch(() => {{}});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}}\n, [{deps}])"
        )
    }

    #[test]
    fn the_loaders_become_a_table_and_nothing_else_changes() {
        let runtime = "import { initSync } from \"./m.js\";\nfunction wrapAsyncCb(callee) {}\nfunction makeLoad(fetcher, deps) {}\n";
        let link = format!(
            "{runtime}/* a, b */\nconst {};\n/* b */\nconst {};\nexport const {});\nexport const {});\n",
            loader("__chunk_3", "chunk_3", ""),
            loader("__chunk_4", "chunk_4", ""),
            loader("__wasm_split_load_b = wrapAsyncCb(makeLoad", "split_b", "__chunk_3, __chunk_4"),
            loader("__wasm_split_load_a = wrapAsyncCb(makeLoad", "split_a", "__chunk_3"),
        )
        .replace("wrapAsyncCb(makeLoad = makeLoad(", "wrapAsyncCb(makeLoad(");
        let pages = vec![
            (
                "a".to_string(),
                vec!["chunk_3".to_string(), "split_a".to_string()],
            ),
            (
                "b".to_string(),
                vec!["chunk_3".into(), "chunk_4".into(), "split_b".into()],
            ),
        ];
        let out = compact_loader(&link, &pages, "9f").unwrap();
        assert!(out.starts_with(runtime), "{out}");
        assert!(out.contains("const H = \"-9f.wasm\";"), "{out}");
        assert!(
            out.contains("export const __wasm_split_load_a = page(\"a\");\n"),
            "{out}"
        );
        assert!(
            out.contains("export const __wasm_split_load_b = page(\"b\");\n"),
            "{out}"
        );
        // Indentation and comment lines go; the rest of the runtime stays.
        let indented = link.replace(
            "function makeLoad(fetcher, deps) {}\n",
            "  // note\n    function makeLoad(fetcher, deps) {}\n",
        );
        assert_eq!(compact_loader(&indented, &pages, "9f").unwrap(), out);
        assert!(!out.contains("__chunk_"), "{out}");
        // A loader of another shape, or one more than the split made: refused.
        assert!(compact_loader(&link.replace("src.catch", "src.then"), &pages, "9f").is_err());
        assert!(compact_loader(&link, &pages[..1], "9f").is_err());
    }

    #[test]
    fn the_chunks_hash_changes_with_the_splitter_and_each_tool() {
        let wasm = b"\0asm\x01\0\0\0";
        let tools = ["wasm-bindgen 0.2.130", "wasm-opt version 116"];
        // Without splitter and tools: trunk's hash of the cargo wasm, the main module's name.
        let mut trunk = seahash::SeaHasher::new();
        std::hash::Hasher::write(&mut trunk, wasm);
        let trunk = format!("{:x}", std::hash::Hasher::finish(&trunk));
        assert_eq!(chunk_hash(wasm, &[], &[]), trunk);
        let base = chunk_hash(wasm, &[b"splitter"], &tools);
        assert!(base.bytes().all(|b| b.is_ascii_hexdigit()), "{base}");
        assert_eq!(base, chunk_hash(wasm, &[b"splitter"], &tools), "stable");
        assert_ne!(
            base,
            chunk_hash(b"\0asm\x01\0\0\x01", &[b"splitter"], &tools)
        );
        assert_ne!(base, chunk_hash(wasm, &[b"splitter 2"], &tools));
        assert_ne!(
            base,
            chunk_hash(wasm, &[b"splitter"], &["wasm-bindgen 0.2.131", tools[1]])
        );
        assert_ne!(
            base,
            chunk_hash(wasm, &[b"splitter"], &[tools[0], "wasm-opt version 117"])
        );
    }
}
