//! The partner cabinet given seed 004's own examples (issue 13: «every seed JSON example of
//! these endpoints … renders in the app»): the dealer with support contacts and an
//! organization, the mounter with level progress and balance (its example, invalid JSON as
//! the seed prints it, is an error panel, not a crash), and the balance history.

use super::fake::{all, mount, restore, serve, shown};
use super::fixture::fixture;
use super::text;
use vitrina::pages::partner::CabinetOf;
use wasm_bindgen_test::*;

const DEALER: &str = include_str!("../fixtures/partner_profile_dealer.json");
const MOUNTER: &str = include_str!("../fixtures/partner_profile_mounter.json");
const LEVELS: &str = include_str!("../fixtures/partner_levels.json");
const HISTORY: &str = include_str!("../fixtures/partner_balance_history.json");
const DEALER_ID: &str = "528f7c9f-1a48-11ee-ab6b-a4bf01751b0e";
const MOUNTER_ID: &str = "119fa663-a27f-435c-86a3-b7003ea270bc";

fn open(id: &'static str) -> (web_sys::HtmlElement, super::fixture::Mounted) {
    mount(move || leptos::view! { <CabinetOf id=id.to_string()/> })
}

/// Sets the address the router reads (the history's section and filter live in it).
fn go(path: &str) {
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
}

#[wasm_bindgen_test]
async fn seed_004s_dealer_shows_support_contacts_and_the_organization() {
    let _clean = fixture();
    serve(&[
        ("/partners/levels", 200, LEVELS.to_string()),
        (&format!("/partners/{DEALER_ID}"), 200, DEALER.to_string()),
    ]);
    let (el, page) = open(DEALER_ID);
    shown(&el, "[data-testid=support]").await;
    restore();
    let t = text(&el);
    assert_eq!(all(&el, "[data-testid=partner-type]"), ["Дилер"]);
    assert_eq!(
        all(&el, "[data-testid=manager]"),
        [
            "Дмитрий, +7 987 654-32-10",
            "Александр, +7 987 654-32-11",
            "+7 987 654-32-12"
        ]
    );
    let org = all(&el, "[data-testid=organization]");
    assert_eq!(org.len(), 1, "{t}");
    assert!(org[0].contains("ООО Рога и копыта"), "{org:?}");
    assert!(org[0].contains("ИНН 7743013902 · КПП 770201001"), "{org:?}");
    assert!(org[0].contains("Юридическое лицо"), "{org:?}");
    assert!(
        el.query_selector("[role=progressbar]").unwrap().is_none(),
        "{t}"
    );
    assert!(
        el.query_selector("[data-testid=partner-balance]")
            .unwrap()
            .is_none(),
        "{t}"
    );
    drop(page);
}

#[wasm_bindgen_test]
async fn seed_004s_mounter_is_an_error_as_printed_and_a_cabinet_with_its_comma() {
    let _clean = fixture();
    serve(&[(&format!("/partners/{MOUNTER_ID}"), 200, MOUNTER.to_string())]);
    let (el, page) = open(MOUNTER_ID);
    // The seed's example is not JSON: said on the page, the app alive.
    shown(&el, "[data-testid=error-panel]").await;
    restore();
    assert!(el
        .query_selector("[data-testid=partner-level]")
        .unwrap()
        .is_none());
    drop(page);

    let fixed = MOUNTER.replace("\"bonusBalance\": 10000\n", "\"bonusBalance\": 10000,\n");
    serve(&[
        ("/partners/levels", 200, LEVELS.to_string()),
        (&format!("/partners/{MOUNTER_ID}"), 200, fixed),
    ]);
    let (el, page) = open(MOUNTER_ID);
    shown(&el, "[data-testid=level-progress]").await;
    restore();
    assert_eq!(all(&el, "[data-testid=partner-type]"), ["Монтажник"]);
    assert_eq!(all(&el, "[data-testid=level-title]"), ["3 уровень"]);
    assert_eq!(
        all(&el, "[data-testid=level-progress]"),
        ["Ещё 150 000 ₽ до уровня «VIP»."]
    );
    assert_eq!(all(&el, "[data-testid=balance]"), ["10 000 ₽"]);
    let bar = el.query_selector("[role=progressbar]").unwrap().unwrap();
    assert_eq!(bar.get_attribute("aria-valuenow").as_deref(), Some("25"));
    drop(page);
}

#[wasm_bindgen_test]
async fn seed_004s_balance_history_is_listed_with_its_signs() {
    let _clean = fixture();
    let fixed = MOUNTER.replace("\"bonusBalance\": 10000\n", "\"bonusBalance\": 10000,\n");
    serve(&[
        ("/balance-history", 200, HISTORY.to_string()),
        (&format!("/partners/{MOUNTER_ID}"), 200, fixed),
    ]);
    let back = web_sys::window().unwrap().location().href().unwrap();
    go("/partner/history?kind=in");
    let (el, page) = open(MOUNTER_ID);
    shown(&el, "[data-testid=operation]").await;
    let t = text(&el);
    go(&back);
    restore();
    let ops = all(&el, "[data-testid=operation]");
    assert_eq!(ops.len(), 2, "{t}");
    assert!(ops[0].contains("Начисление за заказ 12345"), "{ops:?}");
    assert_eq!(
        all(&el, "[data-testid=operation-value]"),
        ["+100,23 ₽", "−200,23 ₽"]
    );
    assert!(t.contains("Операций: 1000"), "{t}");
    // The URL's filter is the form's.
    let chosen = el
        .query_selector("#ph-kind option[value=in]")
        .unwrap()
        .unwrap();
    assert!(chosen.has_attribute("selected"), "{t}");
    drop(page);
}
