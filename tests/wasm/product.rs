//! The product page given seed 003's own examples (product detail and reviews), served by a
//! stand-in `fetch`, read as a shopper reads it: attributes under Russian labels, not the
//! backend's keys; review dates written out.

use super::fake::{all, mount, restore, serve, shown};
use super::fixture::fixture;
use super::text;
use leptos::prelude::*;
use vitrina::pages::product::ProductLoad;
use wasm_bindgen_test::*;

const PRODUCT: &str = include_str!("../fixtures/commerce_product.json");
const REVIEWS: &str = include_str!("../fixtures/commerce_reviews.json");
const ID: &str = "pp0e8400-e29b-41d4-a716-446655440001";

#[wasm_bindgen_test]
async fn seed_003s_product_reads_its_attributes_and_review_dates_in_russian() {
    let _clean = fixture();
    serve(&[
        (&format!("/products/{ID}/reviews"), 200, REVIEWS.to_string()),
        (&format!("/products/{ID}"), 200, PRODUCT.to_string()),
    ]);
    let (el, page) = mount(|| {
        let id = Memo::new(|_| ID.to_string());
        view! { <ProductLoad id=id/> }
    });
    shown(&el, "[data-testid=review]").await;
    restore();
    let t = text(&el);
    // `servingSize`, `servingsPerContainer`, `form`: labelled, never printed raw.
    assert_eq!(
        all(&el, "[data-testid=specs] dt"),
        [
            "Форма выпуска",
            "Размер порции",
            "Порций в упаковке",
            "Вес",
            "Размеры (Д × Ш × В)"
        ],
        "{t}"
    );
    assert_eq!(
        all(&el, "[data-testid=specs] dd")[..3],
        ["Capsules", "2 capsules", "60"]
    );
    for raw in ["servingSize", "servingsPerContainer", "form"] {
        let specs = all(&el, "[data-testid=specs]").concat();
        assert!(!specs.contains(raw), "{raw} in {specs}");
    }
    // The review of 2024-01-08 and the shop's answer of 2024-01-10, as the order page
    // writes dates; the answer's heading and its date apart.
    assert_eq!(
        all(&el, "[data-testid=review] .review__date"),
        ["8 января 2024", "10 января 2024"]
    );
    let response = all(&el, ".review__response").concat();
    assert!(
        response.starts_with("Ответ магазина 10 января 2024"),
        "{response}"
    );
    drop(page);
}
