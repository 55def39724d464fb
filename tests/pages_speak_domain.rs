//! Pages speak the domain: wire shapes (`…Dto`) become domain types at the edge (`src/api`),
//! so no page names one. Where a wire shape is already the app's (checkout's answers, an
//! order's money and addresses), the domain type itself is what is decoded.

mod common;
use common::rust_files;
use std::collections::BTreeSet;
use std::path::Path;

/// Every identifier ending in `Dto` in `text` (comments included: a page has no reason to
/// name a wire shape even there).
fn dto_names(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.ends_with("Dto") && w.len() > 3)
        .map(str::to_string)
        .collect()
}

/// `(file, name)` for every DTO a page names.
fn dtos_on_pages(root: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    files.sort();
    let mut found = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for n in dto_names(&text) {
            found.push((f.display().to_string(), n));
        }
    }
    found
}

#[test]
fn no_page_names_a_wire_shape() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pages");
    let found = dtos_on_pages(&root);
    assert!(
        found.is_empty(),
        "pages name wire shapes; map them to domain types in src/api instead: {found:?}"
    );
}

#[test]
fn the_scan_sees_a_dto_in_a_signature_a_path_and_a_group() {
    let names = dto_names(
        "fn f(o: &OrderDetailDto) {}\nuse crate::api::x::{self, PartnerDto};\nlet v: Vec<orders::TrackingDto> = vec![];\nlet dto = 1;",
    );
    let want: BTreeSet<String> = ["OrderDetailDto", "PartnerDto", "TrackingDto"]
        .map(String::from)
        .into();
    assert_eq!(names, want);
}
