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
//!   the link module into the dist.
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
    // Chunks as `<chunk>-<hash>.wasm`, and the link module told so.
    let link_path = split_dir.join(&link_name[2..]);
    let mut link = std::fs::read_to_string(&link_path).unwrap_or_default();
    for path in &split.split_modules {
        let (Some(stem), Some(dir)) = (path.file_stem(), path.parent()) else {
            continue;
        };
        let stem = stem.to_string_lossy().into_owned();
        let hashed = format!("{stem}-{hash}.wasm");
        if std::fs::rename(path, dir.join(&hashed)).is_err() {
            eprintln!("split-bindgen: cannot rename {}", path.display());
            exit(2)
        }
        link = link.replace(&format!("\"./{stem}.wasm\""), &format!("\"./{hashed}\""));
    }
    if std::fs::write(&link_path, link).is_err() {
        eprintln!("split-bindgen: cannot write {}", link_path.display());
        exit(2)
    }
    // `chunks.json`: each lazy function's chunk and the chunks it shares with others, for
    // public/early.js to fetch the current page's beside the main module.
    let mut names: Vec<_> = split.prefetch_map.iter().collect();
    names.sort();
    let entries: Vec<String> = names
        .into_iter()
        .map(|(name, files)| {
            let files: Vec<String> = files
                .iter()
                .map(|f| format!("\"{f}-{hash}.wasm\""))
                .collect();
            format!("\"{name}\":[{}]", files.join(","))
        })
        .collect();
    let manifest = format!("{{{}}}", entries.join(","));
    if std::fs::write(split_dir.join("chunks.json"), manifest).is_err() {
        eprintln!("split-bindgen: cannot write chunks.json");
        exit(2)
    }
    args[input] = main_out.to_string_lossy().into_owned();
    args.push("--keep-lld-exports".to_owned());
    run(&args)
}

#[cfg(test)]
mod tests {
    use super::chunk_hash;

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
