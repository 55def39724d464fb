//! The catalog's filter panel and the chips of active filters, both driven by the URL query.

use crate::domain::catalog::CatalogQuery;
use crate::domain::money::format_amount;
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

/// A tag offered as a filter, with how many products carry it when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagOption {
    pub name: String,
    pub count: Option<u64>,
}

/// In stock, price range, tags. `apply` receives the new view (page reset to 1).
#[component]
pub fn FilterPanel(
    #[prop(into)] query: Signal<CatalogQuery>,
    #[prop(into)] tags: Signal<Vec<TagOption>>,
    /// Server's words about a bad price range (`details.minPrice`/`maxPrice`).
    #[prop(into)]
    price_error: Signal<Option<String>>,
    /// Placeholder bounds, e.g. a category's price range.
    #[prop(into, optional)]
    price_hint: Signal<Option<(Decimal, Decimal)>>,
    apply: Callback<CatalogQuery>,
) -> impl IntoView {
    let min_text = RwSignal::new(String::new());
    let max_text = RwSignal::new(String::new());
    Effect::new(move |_| {
        let q = query.get();
        min_text.set(
            q.min_price
                .map(|d| d.normalize().to_string())
                .unwrap_or_default(),
        );
        max_text.set(
            q.max_price
                .map(|d| d.normalize().to_string())
                .unwrap_or_default(),
        );
    });
    let parse = |s: String| Decimal::from_str(s.trim().replace(',', ".").as_str()).ok();
    let submit_price = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut q = query.get_untracked().with_page(1);
        q.min_price = parse(min_text.get_untracked());
        q.max_price = parse(max_text.get_untracked());
        apply.run(q);
    };
    let toggle_stock = move |_| {
        let mut q = query.get_untracked().with_page(1);
        q.in_stock_only = !q.in_stock_only;
        apply.run(q);
    };
    let toggle_tag = move |tag: String| {
        let mut q = query.get_untracked().with_page(1);
        if let Some(i) = q.tags.iter().position(|t| *t == tag) {
            q.tags.remove(i);
        } else {
            q.tags.push(tag);
        }
        apply.run(q);
    };
    let placeholder = move |lo: bool| {
        price_hint
            .get()
            .map(|(a, b)| {
                format!(
                    "{} {}",
                    if lo { "от" } else { "до" },
                    format_amount(if lo { a } else { b })
                )
            })
            .unwrap_or_else(|| if lo { "от".into() } else { "до".into() })
    };

    // On a phone the panel folds away behind one button; on a desktop it is always open.
    let open = RwSignal::new(false);
    let active = move || crate::components::filters::chips(&query.get()).len();
    view! {
        <aside class="filters" class:filters--open=move || open.get() aria-label="Фильтры">
            <button
                class="filters__toggle btn btn--ghost"
                type="button"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || match active() {
                    0 => "Фильтры".to_string(),
                    n => format!("Фильтры ({n})"),
                }}
            </button>
            <label class="filters__check">
                <input
                    type="checkbox"
                    data-testid="filter-in-stock"
                    prop:checked=move || query.with(|q| q.in_stock_only)
                    on:change=toggle_stock
                />
                "Только в наличии"
            </label>
            <form class="filters__price" on:submit=submit_price data-testid="price-form">
                <fieldset>
                    <legend>"Цена, ₽"</legend>
                    <div class="filters__range">
                        <input
                            type="text"
                            inputmode="decimal"
                            aria-label="Цена от"
                            data-testid="price-min"
                            placeholder=move || placeholder(true)
                            prop:value=move || min_text.get()
                            on:input:target=move |ev| min_text.set(ev.target().value())
                            aria-invalid=move || price_error.get().is_some().to_string()
                        />
                        <span aria-hidden="true">"—"</span>
                        <input
                            type="text"
                            inputmode="decimal"
                            aria-label="Цена до"
                            data-testid="price-max"
                            placeholder=move || placeholder(false)
                            prop:value=move || max_text.get()
                            on:input:target=move |ev| max_text.set(ev.target().value())
                            aria-invalid=move || price_error.get().is_some().to_string()
                        />
                    </div>
                    {move || price_error.get().map(|e| view! {
                        <p class="field-error" role="alert" data-testid="price-error">{e}</p>
                    })}
                    <button class="btn btn--small" type="submit">"Применить"</button>
                </fieldset>
            </form>
            <Show when=move || !tags.with(Vec::is_empty)>
                <fieldset class="filters__tags">
                    <legend>"Метки"</legend>
                    <For each=move || tags.get() key=|t| t.name.clone() let:tag>
                        {
                            let name = tag.name.clone();
                            let checked_name = tag.name.clone();
                            view! {
                                <label class="filters__check">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || query.with(|q| q.tags.contains(&checked_name))
                                        on:change=move |_| toggle_tag(name.clone())
                                    />
                                    {tag.name.clone()}
                                    {tag.count.map(|c| view! { <span class="filters__count">{c}</span> })}
                                </label>
                            }
                        }
                    </For>
                </fieldset>
            </Show>
        </aside>
    }
}

/// One active filter as a removable chip: its label and the view without it.
pub fn chips(q: &CatalogQuery) -> Vec<(String, CatalogQuery)> {
    let mut out = Vec::new();
    let base = q.with_page(1);
    if let Some(s) = &q.search {
        out.push((
            format!("Поиск: {s}"),
            CatalogQuery {
                search: None,
                ..base.clone()
            },
        ));
    }
    if q.in_stock_only {
        out.push((
            "В наличии".into(),
            CatalogQuery {
                in_stock_only: false,
                ..base.clone()
            },
        ));
    }
    if let Some(p) = q.min_price {
        out.push((
            format!("от {} ₽", format_amount(p)),
            CatalogQuery {
                min_price: None,
                ..base.clone()
            },
        ));
    }
    if let Some(p) = q.max_price {
        out.push((
            format!("до {} ₽", format_amount(p)),
            CatalogQuery {
                max_price: None,
                ..base.clone()
            },
        ));
    }
    for t in &q.tags {
        let mut without = base.clone();
        without.tags.retain(|x| x != t);
        out.push((format!("Метка: {t}"), without));
    }
    out
}

/// Active filters with one-click removal, and «Сбросить всё».
#[component]
pub fn FilterChips(
    #[prop(into)] query: Signal<CatalogQuery>,
    link: Callback<CatalogQuery, String>,
) -> impl IntoView {
    move || {
        let q = query.get();
        let list = chips(&q);
        (!list.is_empty()).then(|| {
            let cleared = CatalogQuery {
                category_id: q.category_id.clone(),
                sort: q.sort,
                page_size: q.page_size,
                ..CatalogQuery::from_pairs([])
            };
            view! {
                <ul class="chips" aria-label="Выбранные фильтры" data-testid="filter-chips">
                    {list.into_iter().map(|(label, without)| {
                        let aria = format!("Убрать фильтр «{label}»");
                        view! {
                        <li>
                            <a class="chip" href=link.run(without) aria-label=aria>
                                {label}<span class="chip__x" aria-hidden="true">"×"</span>
                            </a>
                        </li>
                    }}).collect_view()}
                    <li><a class="chip chip--reset" href=link.run(cleared)>"Сбросить всё"</a></li>
                </ul>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_chip_removes_exactly_its_filter_and_resets_the_page() {
        let q = CatalogQuery::from_pairs([
            ("inStock", "1"),
            ("tags", "хит,эко"),
            ("minPrice", "1000"),
            ("page", "3"),
        ]);
        let c = chips(&q);
        let labels: Vec<&str> = c.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            labels,
            ["В наличии", "от 1\u{a0}000 ₽", "Метка: хит", "Метка: эко"]
        );
        let without_hit = &c[2].1;
        assert_eq!(without_hit.tags, ["эко"]);
        assert!(without_hit.in_stock_only);
        assert_eq!(without_hit.page, 1);
    }
}
