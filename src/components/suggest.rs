//! The header search's suggestion list (combobox pattern): up to five products and the
//! matching categories with the typed part marked, or the last searches on focus. Its code
//! is the `suggest` chunk, fetched on the box's first focus (components::header): the
//! plain box, in the main module, searches without it. It takes the box by its id and makes
//! it a combobox (role, aria-expanded, aria-controls, aria-activedescendant), listening to
//! its keys; the header's own handlers stay as they are.

use crate::domain::catalog::{CatalogQuery, ProductSummary};
use crate::domain::recent::RecentItem;
use crate::domain::suggest::{self as rules, normalise};
use crate::domain::text::plural;
use crate::routes::Route;
use crate::state::catalog::use_catalog;
use crate::state::suggest::{
    forget_searches, recent_searches, remember_search, search_box, SearchBox, Suggester,
};
use crate::timer::Debounce;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::time::Duration;
use wasm_bindgen::{closure::Closure, JsCast};

/// Pause in typing after which suggestions are asked for.
const ASK_AFTER: Duration = Duration::from_millis(250);
const LIST_ID: &str = "site-suggest";

crate::lazy_page!(suggest_list, suggest, "", SuggestList);

/// One line of the list.
#[derive(Clone, PartialEq)]
enum Item {
    Recent(String),
    /// A product as a line needs it (the card's id, name, price and picture).
    Product(RecentItem),
    Category(String, String),
    /// Forget the past searches.
    Clear,
}

/// `text` with the parts matching `query` in `<mark>`.
fn marked(text: &str, query: &str) -> impl IntoView {
    rules::marked(text, query)
        .into_iter()
        .map(|(s, m)| {
            if m {
                view! { <mark>{s}</mark> }.into_any()
            } else {
                s.into_any()
            }
        })
        .collect_view()
}

/// Hears `name` on `target` beside the header's own handlers, for as long as the page lives
/// (so does the header, and this list in it).
fn listen(target: &web_sys::EventTarget, name: &str, f: Box<dyn FnMut(web_sys::Event)>) {
    let f = Closure::wrap(f);
    let _ = target.add_event_listener_with_callback(name, f.as_ref().unchecked_ref());
    f.forget();
}

/// The list under the header's search box.
#[component]
pub fn SuggestList() -> impl IntoView {
    let (Some(el), Some(bx)) = (search_box(), use_context::<SearchBox>()) else {
        return ().into_any();
    };
    let input: web_sys::HtmlInputElement = el.unchecked_into();
    let navigate = use_navigate();
    let catalog = use_catalog();
    let suggester = Suggester::new();
    let asking = Debounce::new();

    let text = RwSignal::new(input.value());
    let open = RwSignal::new(true);
    let active = RwSignal::new(None::<usize>);
    let recent = RwSignal::new(recent_searches());
    // The products answered for a query, as (query, products).
    let found = RwSignal::new(None::<(String, Vec<ProductSummary>)>);

    let query = Memo::new(move |_| text.with(|t| normalise(t)));
    let items = Memo::new(move |_| match query.get() {
        None => {
            let mut out: Vec<Item> = recent.get().into_iter().map(Item::Recent).collect();
            if !out.is_empty() {
                out.push(Item::Clear);
            }
            out
        }
        Some(q) => {
            let mut out: Vec<Item> = found.with(|f| match f {
                Some((fq, ps)) if *fq == q => ps
                    .iter()
                    .map(|p| Item::Product(RecentItem::of(p)))
                    .collect(),
                _ => Vec::new(),
            });
            // Only the tree the app already holds: no request of its own.
            let cats = catalog.with_held_tree(|t| rules::matching_categories(t, &q));
            out.extend(cats.into_iter().map(|(id, name)| Item::Category(id, name)));
            out
        }
    });
    let shown = move || open.get() && !items.with(Vec::is_empty);

    // The box becomes a combobox only now that this code is in.
    let _ = input.set_attribute("role", "combobox");
    let _ = input.set_attribute("aria-autocomplete", "list");
    let _ = input.set_attribute("aria-controls", LIST_ID);
    Effect::new({
        let input = input.clone();
        move |_| {
            let _ = input.set_attribute("aria-expanded", if shown() { "true" } else { "false" });
            match active.get().filter(|_| shown()) {
                Some(i) => {
                    let _ = input.set_attribute("aria-activedescendant", &format!("{LIST_ID}-{i}"));
                }
                None => {
                    let _ = input.remove_attribute("aria-activedescendant");
                }
            }
        }
    });

    let ask = move |typed: &str| {
        active.set(None);
        open.set(true);
        asking.cancel();
        suggester.cancel();
        let Some(q) = normalise(typed) else {
            return;
        };
        if let Some(ps) = suggester.cached(&q) {
            found.set(Some((q, ps)));
            return;
        }
        asking.schedule(ASK_AFTER, move || {
            let key = q.clone();
            suggester.ask(q, move |ps| found.set(Some((key, ps))));
        });
    };

    let close = move || {
        open.set(false);
        active.set(None);
    };
    let pick = move |item: Item| {
        close();
        let typed = text.get_untracked();
        let target = match item {
            Item::Clear => {
                forget_searches();
                recent.set(Vec::new());
                return;
            }
            Item::Recent(q) => {
                // The full search for it, as the header's own Enter does.
                bx.text.set(q.clone());
                text.set(q.clone());
                remember_search(&q);
                let mut v = CatalogQuery::from_pairs([]);
                v.search = Some(q);
                Route::Catalog(v)
            }
            Item::Product(p) => Route::product(&p.id),
            Item::Category(id, _) => Route::category(&id),
        };
        if !matches!(target, Route::Catalog(_)) {
            remember_search(&typed);
        }
        recent.set(recent_searches());
        bx.follow.cancel();
        navigate(&target.path(), Default::default());
    };
    let pick = StoredValue::new_local(pick);

    listen(
        &input,
        "input",
        Box::new({
            let input = input.clone();
            move |_| {
                let v = input.value();
                text.set(v.clone());
                ask(&v);
            }
        }),
    );
    listen(
        &input,
        "focus",
        Box::new({
            let input = input.clone();
            move |_| {
                recent.set(recent_searches());
                // The header may have changed the text meanwhile (Back to another search).
                let v = input.value();
                text.set(v.clone());
                ask(&v);
            }
        }),
    );
    // Options keep the focus in the box (mousedown), so leaving it closes the list.
    listen(&input, "blur", Box::new(move |_| close()));
    listen(
        &input,
        "keydown",
        Box::new(move |ev: web_sys::Event| {
            let k = ev.unchecked_ref::<web_sys::KeyboardEvent>();
            let n = items.with_untracked(Vec::len);
            match k.key().as_str() {
                "ArrowDown" | "ArrowUp" if n > 0 => {
                    ev.prevent_default();
                    let down = k.key() == "ArrowDown";
                    if !open.get_untracked() {
                        open.set(true);
                        return;
                    }
                    active.set(Some(match active.get_untracked() {
                        None if down => 0,
                        None => n - 1,
                        Some(i) if down => (i + 1) % n,
                        Some(i) => (i + n - 1) % n,
                    }));
                }
                "Enter" => {
                    let item = active
                        .get_untracked()
                        .filter(|_| open.get_untracked())
                        .and_then(|i| items.with_untracked(|v| v.get(i).cloned()));
                    if let Some(item) = item {
                        ev.prevent_default();
                        pick.with_value(|p| p(item));
                    } else {
                        close();
                    }
                }
                "Escape" if shown() => {
                    // (a search box would also clear itself)
                    ev.prevent_default();
                    close();
                }
                _ => {}
            }
        }),
    );
    if let Ok(Some(form)) = document().query_selector("form.search") {
        listen(
            &form,
            "submit",
            Box::new(move |_| {
                remember_search(&text.get_untracked());
                recent.set(recent_searches());
                suggester.cancel();
                asking.cancel();
                close();
            }),
        );
    }
    ask(&input.value());

    let announce = move || {
        if !open.get() {
            return String::new();
        }
        let n = items.with(Vec::len) as u64;
        match (query.get(), n) {
            (None, 0) => String::new(),
            (None, n) => format!("Недавние запросы: {}", n - 1),
            // Said once the answer for this very query is in (a quiet list says nothing).
            (Some(q), 0) if found.with(|f| matches!(f, Some((fq, _)) if *fq == q)) => {
                "Подсказок нет, Enter — искать по всему магазину".to_string()
            }
            (Some(_), 0) => String::new(),
            (Some(_), n) => format!("{n} {}", plural(n, "подсказка", "подсказки", "подсказок")),
        }
    };
    let line = move |(i, item): (usize, Item)| {
        let q = query.get_untracked().unwrap_or_default();
        let body = match &item {
            Item::Recent(s) => view! {
                <span class="suggest__icon" aria-hidden="true">"↺"</span>
                <span class="suggest__name">{s.clone()}</span>
            }
            .into_any(),
            Item::Product(p) => view! {
                {p.image.clone().map(|src| view! { <img src=src alt="" width="40" height="40"/> })}
                <span class="suggest__name">{marked(&p.name, &q)}</span>
                <span class="suggest__price">{p.money().to_string()}</span>
            }
            .into_any(),
            Item::Clear => view! {
                <span class="suggest__name suggest__clear">"Очистить историю поиска"</span>
            }
            .into_any(),
            Item::Category(_, name) => view! {
                <span class="suggest__name">{marked(name, &q)}</span>
                <span class="suggest__kind">"Категория"</span>
            }
            .into_any(),
        };
        view! {
            <li
                id=format!("{LIST_ID}-{i}")
                class="suggest__item"
                role="option"
                aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                data-testid="suggest-option"
                on:mousedown=|ev| ev.prevent_default()
                on:click=move |_| pick.with_value(|p| p(item.clone()))
            >
                {body}
            </li>
        }
    };
    view! {
        <div class="suggest" hidden=move || !shown() data-testid="suggest">
            <ul id=LIST_ID role="listbox" aria-label=move || if query.get().is_some() { "Подсказки" } else { "Недавние запросы" }>
                {move || items.get().into_iter().enumerate().map(line).collect_view()}
            </ul>
        </div>
        <p class="visually-hidden" role="status" aria-live="polite" data-testid="suggest-status">{announce}</p>
    }
    .into_any()
}
