//! Pages speak the domain: wire shapes (`…Dto`) become domain types at the edge (`src/api`),
//! so no page names one. A few checkout shapes still reach their pages; they are listed
//! here by name, and the list may only shrink.

mod common;
use common::rust_files;
use std::collections::BTreeSet;
use std::path::Path;

/// Wire shapes some pages still name (the checkout's own answers and the delivery slot):
/// their move to the domain is still to do. Nothing may be added here.
const STILL_ON_PAGES: &[&str] = &[
    "CheckoutDto",
    "PreviewDto",
    "ShippingMethodDto",
    "ShippingOptionDto",
    "SlotDto",
    "CreatedReviewDto",
    // The express courier's state change, built by the order page's timeline (story.rs).
    "StateChangeDto",
];

/// Every identifier ending in `Dto` in `text` (comments included: a page has no reason to
/// name a wire shape even there).
fn dto_names(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.ends_with("Dto") && w.len() > 3)
        .map(str::to_string)
        .collect()
}

/// `(file, name)` for every DTO a page names that is not on the list.
fn dtos_on_pages(root: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    files.sort();
    let mut found = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for n in dto_names(&text) {
            if !STILL_ON_PAGES.contains(&n.as_str()) {
                found.push((f.display().to_string(), n));
            }
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
fn the_list_of_leftovers_only_names_what_pages_still_use() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pages");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let used: BTreeSet<String> = files
        .iter()
        .flat_map(|f| dto_names(&std::fs::read_to_string(f).unwrap()))
        .collect();
    for n in STILL_ON_PAGES {
        assert!(
            used.contains(*n),
            "{n} is no longer on a page: take it off the list"
        );
    }
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
