//! `/favorites`: the products marked on this device, newest first, each with its current
//! price and stock read from the catalog (never a stored copy), a plain word when the shop
//! no longer has it or it is out of stock, and «Удалить»; «Всё в корзину» adds what is in
//! stock in one pass that a second press does not repeat, and says what it skipped.

mod load;

use crate::components::price::Price;
use crate::domain::cart::{default_variant, CartLine};
use crate::domain::catalog::Availability;
use crate::domain::favorites::{outcome_text, Favorite, Skipped, PAGE_SIZE};
use crate::domain::text::plural;
use crate::routes::Route;
use crate::state::cart::use_cart;
use crate::state::favorites::use_favorites;
use crate::state::use_session;
use crate::timer::{now_unix, sleep};
use leptos::prelude::*;
use leptos_meta::Title;
use load::{read, Entries, Entry};
use std::collections::HashMap;

#[component]
pub fn FavoritesPage() -> impl IntoView {
    let favorites = use_favorites();
    let session = use_session();
    let cart = use_cart();
    let entries: Entries = RwSignal::new(HashMap::new());
    let paused = RwSignal::new(None::<u64>);
    let limit = RwSignal::new(PAGE_SIZE);
    let list = Memo::new(move |_| favorites.list());
    let shown = Memo::new(move |_| {
        list.with(|l| {
            l.iter()
                .take(limit.get())
                .cloned()
                .collect::<Vec<Favorite>>()
        })
    });
    // What is shown is read (only what is not read yet), whenever that changes: a favorite
    // added in another tab, «Показать ещё».
    Effect::new(move |_| {
        let ids: Vec<String> = shown.with(|l| l.iter().map(|f| f.id.clone()).collect());
        leptos::task::spawn_local(read(session.commerce(), ids, entries, paused));
    });

    let outcome = RwSignal::new(None::<String>);
    let all_to_cart = Action::new_local(move |_: &()| async move {
        outcome.set(None);
        let list = favorites.list();
        let ids = list.iter().map(|f| f.id.clone()).collect();
        read(session.commerce(), ids, entries, paused).await;
        // The account cart must be known first, or «already in the cart» would be guessed.
        while cart.is_loading() {
            sleep(100).await;
        }
        let mut added = 0;
        let mut skipped = Vec::new();
        for f in list {
            let entry = entries.with_untracked(|e| e.get(&f.id).cloned());
            let why = match entry {
                Some(Entry::Ready(d)) => {
                    let s = &d.summary;
                    let in_cart = cart
                        .lines()
                        .with_untracked(|l| l.iter().any(|x| x.key.product_id == s.id));
                    let variant = default_variant(&d.variants);
                    match s.availability {
                        Availability::Unavailable => Some(Skipped::Gone),
                        Availability::OutOfStock => Some(Skipped::OutOfStock),
                        Availability::InStock if in_cart => Some(Skipped::InCart),
                        Availability::InStock if !d.variants.is_empty() && variant.is_none() => {
                            Some(Skipped::OutOfStock)
                        }
                        Availability::InStock => {
                            match cart.add(CartLine::from_product(s, variant, 1)).await {
                                Ok(()) => {
                                    added += 1;
                                    None
                                }
                                Err(why) => Some(Skipped::Failed(why)),
                            }
                        }
                    }
                }
                Some(Entry::Gone) => Some(Skipped::Gone),
                Some(Entry::Failed(why)) => Some(Skipped::Failed(why)),
                Some(Entry::Loading) | None => {
                    Some(Skipped::Failed("не удалось узнать цену и наличие".into()))
                }
            };
            if let Some(why) = why {
                skipped.push((f.name.clone(), why));
            }
        }
        outcome.set(Some(outcome_text(added, &skipped)));
    });
    let busy = all_to_cart.pending();
    let count = move || list.with(Vec::len);
    // The frame is rebuilt only between empty and not: a removal redraws no other row.
    let empty = Memo::new(move |_| count() == 0);

    view! {
        <Title text="Избранное"/>
        <div class="fav-page">
            <div class="fav-page__head">
                <h1 class="page-title" id="favorites-title" tabindex="-1">"Избранное"</h1>
                {move || (count() > 0).then(|| view! {
                    <p class="fav-page__count" data-testid="favorites-count">
                        {format!("{} {}", count(), plural(count() as u64, "товар", "товара", "товаров"))}
                    </p>
                })}
            </div>
            {move || paused.get().map(|at| view! {
                <p class="fav-page__paused" role="status">
                    {format!("Каталог просит подождать: продолжим через {} с", at.saturating_sub(now_unix()).max(1))}
                </p>
            })}
            {move || if empty.get() {
                view! {
                    <section class="cart-empty" data-testid="favorites-empty">
                        <p class="cart-empty__title">"В избранном пока ничего нет"</p>
                        <p>"Нажмите на сердечко на карточке товара — он появится здесь и останется на этом устройстве."</p>
                        <a class="btn" href=Route::catalog().href()>"Перейти в каталог"</a>
                    </section>
                }.into_any()
            } else {
                view! {
                    <div class="fav-page__actions">
                        <button type="button" class="btn" data-testid="favorites-to-cart"
                            disabled=move || busy.get()
                            on:click=move |_| { all_to_cart.dispatch(()); }>
                            {move || if busy.get() { "Добавляем…" } else { "Всё в корзину" }}
                        </button>
                    </div>
                    // One live region, there while the list is, so the outcome is announced; beside
                    // the button that asked for it (on a phone the list is long).
                    <p class="fav-page__outcome" role="status" data-testid="favorites-outcome">
                        {move || outcome.get()}
                        {move || outcome.get().map(|_| view! { " " <a href=Route::Cart.href()>"Открыть корзину"</a> })}
                    </p>
                    // Rebuilt when the list changes (at most a page of rows); each row
                    // redraws alone as its data arrives.
                    <ul class="fav-list">
                        {move || {
                            let rows = shown.get();
                            let n = rows.len();
                            rows.into_iter().enumerate().map(|(i, f)| view! { <FavoriteRow favorite=f entries=entries row=i shown=n/> }).collect_view()
                        }}
                    </ul>
                    {move || (count() > limit.get()).then(|| view! {
                        <button type="button" class="btn btn--ghost fav-page__more" data-testid="favorites-more"
                            on:click=move |_| limit.update(|n| *n += PAGE_SIZE)>
                            {format!("Показать ещё ({} из {})", limit.get(), count())}
                        </button>
                    })}
                }.into_any()
            }}
        </div>
    }
}

/// One favorite: its picture, name, current price and stock, or what is known instead.
#[component]
fn FavoriteRow(
    favorite: Favorite,
    entries: Entries,
    /// Its place in the list (0-based), and how many rows are drawn.
    row: usize,
    shown: usize,
) -> impl IntoView {
    // Rows drawn once this one is gone (a row beyond the page moves up into it).
    let shown_after = shown;
    let favorites = use_favorites();
    let id = favorite.id.clone();
    let entry = {
        let id = id.clone();
        move || {
            entries
                .with(|e| e.get(&id).cloned())
                .unwrap_or(Entry::Loading)
        }
    };
    let stored_name = favorite.name.clone();
    let remove_label = format!("Удалить из избранного: {}", favorite.name);
    let link = Route::product(&id).href();
    let data_id = id.clone();
    let remove = move |_| {
        favorites.remove(&id);
        let left = (favorites.count() as usize).min(shown_after);
        leptos::task::spawn_local(focus_after_removal(row, left));
    };
    view! {
        <li class="fav-item" data-testid="favorite-item" data-id=data_id>
            {move || match entry() {
                Entry::Ready(d) => {
                    let s = d.summary;
                    let (stock, tone) = match s.availability {
                        Availability::InStock => ("В наличии".to_string(), "ok"),
                        Availability::OutOfStock => ("Нет в наличии".to_string(), "out"),
                        Availability::Unavailable => ("Больше не продаётся".to_string(), "out"),
                    };
                    view! {
                        <a class="fav-item__media" href=link.clone() tabindex="-1" aria-hidden="true">
                            {s.cover().map(|i| view! { <img src=i.thumbnail_url.clone() alt="" width="96" height="96" loading="lazy"/> })}
                        </a>
                        <div class="fav-item__body">
                            <a class="fav-item__name" href=link.clone()>{s.name.clone()}</a>
                            <Price price=s.price.clone() compare_at=s.compare_at.clone()/>
                            <p class=format!("fav-item__stock fav-item__stock--{tone}") data-testid="favorite-stock">{stock}</p>
                        </div>
                    }.into_any()
                }
                other => {
                    let gone = matches!(other, Entry::Gone);
                    let note = match other {
                        Entry::Gone => "Этого товара больше нет в магазине".to_string(),
                        Entry::Failed(why) => format!("Не удалось узнать цену и наличие: {why}"),
                        _ => "Загружаем цену и наличие…".to_string(),
                    };
                    view! {
                        <div class="fav-item__media fav-item__media--empty" aria-hidden="true"></div>
                        <div class="fav-item__body">
                            {if gone {
                                view! { <span class="fav-item__name">{stored_name.clone()}</span> }.into_any()
                            } else {
                                view! { <a class="fav-item__name" href=link.clone()>{stored_name.clone()}</a> }.into_any()
                            }}
                            <p class=if gone { "fav-item__stock fav-item__stock--out" } else { "fav-item__stock" } data-testid="favorite-stock">{note}</p>
                        </div>
                    }.into_any()
                }
            }}
            <button type="button" class="btn btn--ghost btn--small fav-item__remove" id=format!("fav-remove-{row}") aria-label=remove_label
                on:click=remove data-testid="favorite-remove">
                "Удалить"
            </button>
        </li>
    }
}

/// After «Удалить» the focus goes to the «Удалить» now in the removed row's place (or the
/// last one), else to the heading: never lost to the page's top. By id, as the rows are
/// drawn again: `fav-remove-<row>`.
async fn focus_after_removal(at: usize, left: usize) {
    sleep(0).await;
    let id = match left {
        0 => "favorites-title".to_string(),
        n => format!("fav-remove-{}", at.min(n - 1)),
    };
    if let Some(el) = document()
        .get_element_by_id(&id)
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = el.focus();
    }
}
