//! The toolchain is pinned: `rust-toolchain.toml` names one rustc (with the wasm target and
//! the components the builds use), cargo runs that rustc here whatever the machine's
//! default is, and Cargo.toml's `rust-version` is what the dependencies really need.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(file: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(file))
        .unwrap_or_else(|e| panic!("cannot read {file}: {e}"))
}

/// The value of `key = "…"` or `key = [ … ]` in a small TOML file (first match).
fn value<'a>(toml: &'a str, key: &str) -> Option<&'a str> {
    toml.lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix(key)?.trim_start().strip_prefix('='))
        .map(str::trim)
        .next()
}

/// `1.89` or `1.89.0` as [1, 89, 0].
fn version(v: &str) -> Vec<u32> {
    let mut parts: Vec<u32> = v
        .trim_matches('"')
        .split('.')
        .map(|p| p.parse().unwrap_or_else(|_| panic!("not a version: {v}")))
        .collect();
    parts.resize(3, 0);
    parts
}

fn pinned() -> String {
    let toml = read("rust-toolchain.toml");
    value(&toml, "channel")
        .expect("rust-toolchain.toml has a channel")
        .trim_matches('"')
        .to_string()
}

#[test]
fn rust_toolchain_toml_pins_one_release_with_what_the_builds_use() {
    let toml = read("rust-toolchain.toml");
    let channel = pinned();
    assert_eq!(
        channel.split('.').count(),
        3,
        "a release number, not a moving channel: {channel}"
    );
    // The -Z flags in scripts/build.sh and budget.json's bytes belong to this rustc.
    assert_eq!(channel, "1.95.0");
    let targets = value(&toml, "targets").unwrap_or("");
    assert!(targets.contains("\"wasm32-unknown-unknown\""), "{targets}");
    let components = value(&toml, "components").unwrap_or("");
    for c in ["rust-src", "clippy", "rustfmt"] {
        assert!(
            components.contains(&format!("\"{c}\"")),
            "{c} in {components}"
        );
    }
}

#[test]
fn cargo_runs_the_pinned_rustc_here() {
    // As from a shell in the project: rustup picks the toolchain by rust-toolchain.toml
    // (cargo's own RUSTUP_TOOLCHAIN would hide that).
    let out = Command::new("rustc")
        .arg("-V")
        .current_dir(ROOT)
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("RUSTC")
        .output()
        .expect("rustc runs");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.starts_with(&format!("rustc {} ", pinned())),
        "rustc -V in the project: {shown}"
    );
}

#[test]
fn rust_version_is_what_the_dependencies_need_and_the_pin_meets_it() {
    let ours = version(env!("CARGO_PKG_RUST_VERSION"));
    // The packages the builds resolve, for the app's target and for the native tools (the
    // stub server, the splitter, the tests), all made by the same rustc.
    let mut need: Option<(Vec<u32>, String)> = None;
    for platform in ["wasm32-unknown-unknown", "x86_64-unknown-linux-gnu"] {
        let out = Command::new(env!("CARGO"))
            .args(["metadata", "--format-version", "1", "--locked", "--offline"])
            .args(["--filter-platform", platform])
            .current_dir(ROOT)
            .output()
            .expect("cargo metadata runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let used: std::collections::BTreeSet<&str> = meta["resolve"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|n| n["id"].as_str())
            .collect();
        let most = meta["packages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["id"].as_str().is_some_and(|id| used.contains(id)))
            // Registry packages only: the workspace's own rust-version is what is checked.
            .filter(|p| p["source"].is_string())
            .filter_map(|p| {
                let v = p["rust_version"].as_str()?;
                Some((version(v), format!("{} {}", p["name"], p["version"])))
            })
            .max();
        need = need.max(most);
    }
    let (need, by) = need.expect("some package states its rust-version");
    assert!(
        ours >= need,
        "rust-version {:?} is below {by}'s {need:?}",
        ours
    );
    assert_eq!(
        ours, need,
        "rust-version is the highest any dependency needs ({by})"
    );
    assert!(version(&pinned()) >= ours, "the pin meets rust-version");
}

/// Runs scripts/build.sh with only the tools in a fresh `bin` directory (each a script that
/// prints its `--version` line) and a fake cargo that says it ran; returns (status, stderr).
fn build_with(tools: &[(&str, &str)]) -> (bool, String) {
    use std::os::unix::fs::PermissionsExt;
    let home = std::env::temp_dir().join(format!(
        "vitrina-build-check-{}-{}",
        std::process::id(),
        tools.len()
    ));
    let bin = home.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let mut all = tools.to_vec();
    all.push(("cargo", "cargo ran"));
    for (name, says) in all {
        let file = bin.join(name);
        let exit = if name == "cargo" { 97 } else { 0 };
        std::fs::write(&file, format!("#!/bin/sh\necho '{says}'\nexit {exit}\n")).unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out = Command::new("bash")
        .arg("scripts/build.sh")
        .current_dir(ROOT)
        .env_clear()
        .env("HOME", &home)
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("DIST", "dist-never-built")
        .output()
        .expect("bash runs");
    let _ = std::fs::remove_dir_all(&home);
    let said =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    (out.status.success(), said)
}

#[test]
fn the_release_build_stops_at_once_on_a_missing_or_other_tool() {
    let trunk = ("trunk", "trunk 0.21.14");
    let bindgen = ("wasm-bindgen", "wasm-bindgen 0.2.130");
    let opt = ("wasm-opt", "wasm-opt version 116 (version_116)");
    let node = ("node", "v20.19.2");
    for (tools, named) in [
        (vec![bindgen, opt, node], "trunk is missing"),
        (vec![trunk, opt, node], "wasm-bindgen is missing"),
        (vec![trunk, bindgen, node], "wasm-opt is missing"),
        (
            vec![trunk, ("wasm-bindgen", "wasm-bindgen 0.2.129"), opt, node],
            "wasm-bindgen is 'wasm-bindgen 0.2.129', needs wasm-bindgen-cli 0.2.130",
        ),
        (
            vec![trunk, bindgen, ("wasm-opt", "wasm-opt version 108"), node],
            "wasm-opt is 'wasm-opt version 108', needs wasm-opt 0.116.1",
        ),
    ] {
        let (ok, said) = build_with(&tools);
        assert!(!ok, "{named}: {said}");
        assert!(said.contains(named), "«{named}» in: {said}");
        assert!(!said.contains("cargo ran"), "nothing is built: {said}");
    }
}
